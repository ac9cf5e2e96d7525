// core::parallel_for: every index runs exactly once, on several threads, and a job's exception
// reaches the caller after the others have run.
#include "core/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

TEST(Parallel, EveryIndexRunsOnce) {
    constexpr std::size_t n = 1000;
    std::vector<std::atomic<int>> runs(n);
    std::mutex m;
    std::set<std::thread::id> threads;
    core::parallel_for(n, 4, [&](std::size_t i) {
        ++runs[i];
        const std::lock_guard lock(m);
        threads.insert(std::this_thread::get_id());
    });
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i].load(), 1) << i;
    EXPECT_GE(threads.size(), 1u);
    EXPECT_LE(threads.size(), 4u);
}

TEST(Parallel, NoJobsAndOneThreadAreFine) {
    int calls = 0;
    core::parallel_for(0, 4, [&](std::size_t) { ++calls; });
    EXPECT_EQ(calls, 0);
    core::parallel_for(3, 0, [&](std::size_t) { ++calls; });  // no threads asked for: this one
    EXPECT_EQ(calls, 3);
}

TEST(Parallel, AJobsExceptionReachesTheCallerAfterTheRest) {
    std::atomic<int> done{0};
    EXPECT_THROW(core::parallel_for(50, 3,
                                    [&](std::size_t i) {
                                        if (i == 7) throw std::runtime_error("job 7");
                                        ++done;
                                    }),
                 std::runtime_error);
    EXPECT_EQ(done.load(), 49);
}

TEST(Parallel, WorkerThreadsIsBetweenOneAndEight) {
    EXPECT_GE(core::worker_threads(), 1);
    EXPECT_LE(core::worker_threads(), 8);
}
