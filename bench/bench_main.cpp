// anatomy_bench: `make bench`. Google Benchmark for the per-frame CPU steps, plus direct
// measurements (rendering), printed as one table and written to bench.json
// (a list of {name, value, unit, budget}).
#include "report.hpp"

#include "core/files.hpp"
#include "core/json.hpp"
#include "platform/window.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace bench {

std::vector<Entry>& entries() {
    static std::vector<Entry> e;
    return e;
}
void add(Entry e) { entries().push_back(std::move(e)); }

// Budgets for Google Benchmark results, by benchmark name (milliseconds per iteration).
const std::map<std::string, double>& gbench_budgets_ms();

void run_direct_measurements();
void run_process_measurements();

namespace {
class Collector : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs) {
            if (r.run_type != Run::RT_Iteration || r.error_occurred) continue;
            const double ms = r.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(r.time_unit) * 1e3;
            const auto& budgets = gbench_budgets_ms();
            const auto it = budgets.find(r.benchmark_name());
            add({r.benchmark_name(), ms, "ms", it == budgets.end() ? 0.0 : it->second, true});
        }
    }
};
}  // namespace

}  // namespace bench

int main(int argc, char** argv) {
    platform::keep_freed_memory();  // as the app does
    std::string out_path = "bench.json";
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
            continue;
        }
        args.push_back(argv[i]);
    }
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    bench::Collector collector;
    benchmark::RunSpecifiedBenchmarks(&collector);
    bench::run_direct_measurements();
    bench::run_process_measurements();

    std::printf("\n%-44s %12s %-6s %10s  %s\n", "measurement", "value", "unit", "budget", "verdict");
    core::Json list = core::Json::array();
    bool all_ok = true;
    for (const auto& e : bench::entries()) {
        const bool has_budget = e.budget > 0.0;
        const bool ok = !has_budget || (e.lower_is_better ? e.value <= e.budget : e.value >= e.budget);
        all_ok = all_ok && ok;
        std::printf("%-44s %12.3f %-6s %10s  %s\n", e.name.c_str(), e.value, e.unit.c_str(),
                    has_budget ? std::to_string(e.budget).substr(0, 8).c_str() : "-", has_budget ? (ok ? "ok" : "OVER BUDGET") : "");
        core::Json j;
        j["name"] = e.name;
        j["value"] = e.value;
        j["unit"] = e.unit;
        j["budget"] = has_budget ? core::Json(e.budget) : core::Json(nullptr);
        j["within_budget"] = ok;
        list.push_back(j);
    }
    core::write_file_atomic(out_path, list.dump(2) + "\n");
    std::printf("\nwrote %s (%s)\n", out_path.c_str(), all_ok ? "all within budget" : "some measurements over budget");
    return 0;
}
