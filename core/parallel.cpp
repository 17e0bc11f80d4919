#include "ganvas/parallel.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define GANVAS_SINGLE_THREADED 1
#else
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>
#endif

namespace ganvas {
namespace {

int g_threads = 1;
thread_local bool t_inside_parallel = false;

#if !defined(GANVAS_SINGLE_THREADED)
// threads − 1 workers that wait for a job; the caller of run() is worker 0.
class ThreadPool {
 public:
  explicit ThreadPool(int threads) {
    for (int worker = 1; worker < threads; ++worker) workers_.emplace_back([this, worker] { serve(worker); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& thread : workers_) thread.join();
  }
  int size() const { return static_cast<int>(workers_.size()) + 1; }

  // Splits [0, count) into `parts` ranges. Static (parts ≤ size()): range w runs in worker w. Claimed:
  // each worker takes the next range not yet taken until none is left, so a worker that the machine
  // holds up (another process on its core) costs at most the range it holds.
  void run(const RangeBody& body, int count, int parts, bool claimed) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      body_ = &body;
      count_ = count;
      parts_ = parts;
      claimed_ = claimed;
      next_part_.store(0, std::memory_order_relaxed);
      pending_ = static_cast<int>(workers_.size());
      ++generation_;
    }
    wake_.notify_all();
    std::exception_ptr error;
    try {
      run_parts(body, count, parts, claimed, 0);
    } catch (...) {
      error = std::current_exception();
    }
    // Every worker is done with `body` before it goes out of scope, even when one of them threw.
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    body_ = nullptr;
    if (!error) error = std::exchange(worker_error_, nullptr);
    worker_error_ = nullptr;
    if (error) std::rethrow_exception(error);
  }

 private:
  void serve(int worker) {
    t_inside_parallel = true;
    long long seen = 0;
    for (;;) {
      const RangeBody* body;
      int count, parts;
      bool claimed;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        body = body_;
        count = count_;
        parts = parts_;
        claimed = claimed_;
      }
      std::exception_ptr error;
      try {
        run_parts(*body, count, parts, claimed, worker);
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (error && !worker_error_) worker_error_ = error;
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  // Range p = [p·count/parts, (p+1)·count/parts): sizes differ by at most one.
  static void run_range(const RangeBody& body, int count, int parts, int part, int worker) {
    const int begin = static_cast<int>(1LL * part * count / parts);
    const int end = static_cast<int>(1LL * (part + 1) * count / parts);
    body(begin, end, worker);
  }
  void run_parts(const RangeBody& body, int count, int parts, bool claimed, int worker) {
    if (!claimed) {
      if (worker < parts) run_range(body, count, parts, worker, worker);
      return;
    }
    for (int part; (part = next_part_.fetch_add(1, std::memory_order_relaxed)) < parts;) {
      run_range(body, count, parts, part, worker);
    }
  }

  const RangeBody* body_ = nullptr;
  int count_ = 0, parts_ = 0;
  bool claimed_ = false;
  std::atomic<int> next_part_{0};  // the next range to claim
  std::exception_ptr worker_error_;  // the first exception a worker's part threw, for run() to rethrow
  long long generation_ = 0;
  int pending_ = 0;
  bool stop_ = false;
};

std::unique_ptr<ThreadPool>& pool() {
  static std::unique_ptr<ThreadPool> instance;
  return instance;
}
#endif

}  // namespace

void set_thread_count(int threads) {
  if (threads < 1 || threads > kMaxThreads) {
    throw std::invalid_argument("threads must be in [1, " + std::to_string(kMaxThreads) + "], got " +
                                std::to_string(threads));
  }
#if defined(GANVAS_WASM_THREADS)
  // A wasm thread can only start from a worker the module started beforehand: no more than its pool.
  if (threads > available_cores()) {
    throw std::invalid_argument("threads must be in [1, " + std::to_string(available_cores()) +
                                "] in this WebAssembly module, got " + std::to_string(threads));
  }
#endif
#if defined(GANVAS_SINGLE_THREADED)
  g_threads = 1;
#else
  if (threads == g_threads) return;
  pool().reset();
  if (threads > 1) pool() = std::make_unique<ThreadPool>(threads);
  g_threads = threads;
#endif
}

int thread_count() { return g_threads; }

int available_cores() {
#if defined(GANVAS_SINGLE_THREADED)
  return 1;
#elif defined(GANVAS_WASM_THREADS)
  // The module's pool holds min(cores, GANVAS_WASM_THREADS) − 1 workers (CMakeLists.txt).
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, GANVAS_WASM_THREADS);
#else
  return std::max(1u, std::thread::hardware_concurrency());
#endif
}

namespace {

void run_split(int count, int parts, bool claimed, const RangeBody& body) {
  if (g_threads == 1 || parts <= 1 || t_inside_parallel) {
    body(0, count, 0);
    return;
  }
#if defined(GANVAS_SINGLE_THREADED)
  (void)claimed;
  body(0, count, 0);
#else
  t_inside_parallel = true;
  try {
    pool()->run(body, count, parts, claimed);
  } catch (...) {
    t_inside_parallel = false;
    throw;
  }
  t_inside_parallel = false;
#endif
}

}  // namespace

void parallel_for(int count, RangeBody body) {
  if (count <= 0) return;
  run_split(count, std::min(g_threads, count), /*claimed=*/false, body);
}

void parallel_for_claimed(int count, RangeBody body) {
  if (count <= 0) return;
  run_split(count, std::min(kClaimedRangesPerThread * g_threads, count), /*claimed=*/true, body);
}

void parallel_for_items(std::size_t count, RangeBody body) {
  if (count > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::invalid_argument("parallel_for_items: " + std::to_string(count) + " items, at most 2^31 - 1");
  }
  const int items = static_cast<int>(count);
  parallel_for_claimed((items + kItemsPerBlock - 1) / kItemsPerBlock, [&](int first_block, int end_block, int worker) {
    body(first_block * kItemsPerBlock, static_cast<int>(std::min<long long>(items, 1LL * end_block * kItemsPerBlock)),
         worker);
  });
}

}  // namespace ganvas
