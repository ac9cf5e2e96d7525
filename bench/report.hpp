// bench/report.hpp: one table for every measurement, with budgets, written to bench.json.
#pragma once

#include <string>
#include <vector>

namespace bench {

struct Entry {
    std::string name;
    double value = 0.0;
    std::string unit;
    double budget = 0.0;  // 0: no budget (informational)
    bool lower_is_better = true;
};

std::vector<Entry>& entries();
void add(Entry e);

}  // namespace bench
