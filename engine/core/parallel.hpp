// core/parallel.hpp: a small parallel loop for start-up work split into independent jobs.
#pragma once

#include <cstddef>
#include <functional>

namespace core {

// Calls fn(0) .. fn(count - 1), each once, on this thread and up to `threads - 1` others, which
// take the next index as they finish (put the biggest jobs first so they end together). Returns
// when all are done; rethrows the first exception a job threw (the other jobs still run).
void parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& fn);

// The threads worth using on this machine for such work (1 to 8).
int worker_threads();

}  // namespace core
