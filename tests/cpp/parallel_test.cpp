// The thread pool: every index is visited once, in contiguous ranges fixed by the thread count;
// nested calls run serially; a part's exception reaches the caller after all parts finished.
#include "ganvas/parallel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "thread_count_scope.hpp"

namespace ganvas {
namespace {

TEST(ParallelFor, VisitsEveryIndexOnceInStaticContiguousRanges) {
  for (int threads : {1, 2, 3, 8}) {
    const ThreadCountScope using_threads(threads);
    for (int count : {0, 1, 2, 7, 100}) {
      std::vector<int> visits(static_cast<std::size_t>(count), 0), owner(static_cast<std::size_t>(count), -1);
      parallel_for(count, [&](int begin, int end, int worker) {
        for (int i = begin; i < end; ++i) {
          ++visits[static_cast<std::size_t>(i)];
          owner[static_cast<std::size_t>(i)] = worker;
        }
      });
      for (int v : visits) EXPECT_EQ(v, 1) << threads << " threads, " << count << " items";
      // Worker w owns [w·count/parts, (w+1)·count/parts).
      const int parts = std::min(threads, count);
      int worker = 0;
      for (int i = 0; i < count; ++i) {
        while (parts > 1 && i >= static_cast<int>(1LL * (worker + 1) * count / parts)) ++worker;
        EXPECT_EQ(owner[static_cast<std::size_t>(i)], worker) << "index " << i;
      }
    }
  }
}

// Claimed ranges: every index once, in at most kClaimedRangesPerThread ranges per thread; and a worker
// that is held up (here: sleeping in its first range) leaves the remaining ranges to the others.
TEST(ParallelForClaimed, VisitsEveryIndexOnceAndLetsTheFreeWorkersTakeTheRest) {
  for (int threads : {1, 2, 3}) {
    const ThreadCountScope using_threads(threads);
    for (int count : {0, 1, 5, 100}) {
      std::vector<int> visits(static_cast<std::size_t>(count), 0);
      std::atomic<int> ranges{0};
      parallel_for_claimed(count, [&](int begin, int end, int) {
        ++ranges;
        for (int i = begin; i < end; ++i) ++visits[static_cast<std::size_t>(i)];
      });
      for (int v : visits) EXPECT_EQ(v, 1) << threads << " threads, " << count << " items";
      EXPECT_LE(ranges.load(), std::max(1, std::min(count, kClaimedRangesPerThread * threads)));
    }
  }
  const ThreadCountScope using_threads(2);
  std::atomic<int> by_caller{0}, by_other{0};
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> slept{false};
  parallel_for_claimed(600, [&](int, int, int) {
    const bool on_caller = std::this_thread::get_id() == caller;
    if (!on_caller && !slept.exchange(true)) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ++(on_caller ? by_caller : by_other);
  });
  EXPECT_EQ(by_caller.load() + by_other.load(), 2 * kClaimedRangesPerThread);
  // The helper slept in its first range while the caller took every other one.
  if (slept.load()) EXPECT_EQ(by_other.load(), 1);
}

TEST(ParallelFor, UsesOtherThreadsAndRunsNestedCallsSerially) {
  const ThreadCountScope using_threads(2);
  std::atomic<int> other_threads{0};
  const auto caller = std::this_thread::get_id();
  parallel_for(2, [&](int, int, int worker) {
    if (std::this_thread::get_id() != caller) ++other_threads;
    int inner_parts = 0;
    parallel_for(10, [&](int begin, int end, int inner_worker) {
      ++inner_parts;
      EXPECT_EQ(begin, 0);
      EXPECT_EQ(end, 10);
      EXPECT_EQ(inner_worker, 0);
    });
    EXPECT_EQ(inner_parts, 1) << "worker " << worker;
  });
  EXPECT_EQ(other_threads.load(), 1);
}

TEST(ParallelFor, RethrowsAPartsExceptionAfterAllPartsFinished) {
  const ThreadCountScope using_threads(3);
  std::atomic<int> finished{0};
  EXPECT_THROW(parallel_for(3, [&](int, int, int worker) {
                 if (worker == 2) throw std::runtime_error("part 2 failed");
                 std::this_thread::sleep_for(std::chrono::milliseconds(20));
                 ++finished;
               }),
               std::runtime_error);
  EXPECT_EQ(finished.load(), 2);
  // The pool still works afterwards.
  std::atomic<int> parts{0};
  parallel_for(3, [&](int, int, int) { ++parts; });
  EXPECT_EQ(parts.load(), 3);
}

TEST(ParallelFor, RefusesThreadCountsOutOfRange) {
  EXPECT_THROW(set_thread_count(0), std::invalid_argument);
  EXPECT_THROW(set_thread_count(kMaxThreads + 1), std::invalid_argument);
  EXPECT_EQ(thread_count(), 1);
  EXPECT_GE(available_cores(), 1);
}

}  // namespace
}  // namespace ganvas
