// Work split across cores: a fixed pool of threads that the heavy kernels hand contiguous ranges (the
// convolutions: of a batch; the large matrix products: bands of rows or columns). One thread (the
// default, and always in the one-thread wasm module) runs everything on the caller. parallel_for's
// split is static — range i always goes to worker i — so a given thread count gives the same bits every
// run, and different counts differ only in the order in which per-worker partial sums are added (float
// summation order); parallel_for_claimed hands ranges to whichever worker is free, for work whose result
// does not depend on who computes it.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ganvas {

// A reference to a callable taking (begin, end, worker), valid while that callable lives. Unlike
// std::function it never allocates, so a training step that splits its work stays allocation-free.
class RangeBody {
 public:
  template <typename Body, typename = std::enable_if_t<!std::is_same_v<std::decay_t<Body>, RangeBody>>>
  RangeBody(Body&& body)  // NOLINT: implicit, so that a lambda can be passed
      : object_(const_cast<void*>(static_cast<const void*>(&body))),
        call_([](void* object, int begin, int end, int worker) {
          (*static_cast<std::remove_reference_t<Body>*>(object))(begin, end, worker);
        }) {}
  void operator()(int begin, int end, int worker) const { call_(object_, begin, end, worker); }

 private:
  void* object_;
  void (*call_)(void*, int, int, int);
};

// How many threads parallel_for uses, 1..kMaxThreads (the process keeps one pool).
constexpr int kMaxThreads = 256;
void set_thread_count(int threads);
int thread_count();
// The cores this machine offers (std::thread::hardware_concurrency, at least 1); 1 in the one-thread
// wasm module, and at most its pool's size + 1 in the threaded one (ganvas-threads.mjs).
int available_cores();

// Calls body(begin, end, worker) for min(thread_count(), count) contiguous ranges that cover
// [0, count), one per worker (worker 0 is the calling thread), and returns when all are done.
// Inside a body, parallel_for runs serially (no nesting). If a part throws, the first exception is
// rethrown here once every part has finished.
void parallel_for(int count, RangeBody body);

// The same for work whose result does not depend on which worker does which range (each item computed
// alone): [0, count) is cut into up to kClaimedRangesPerThread ranges per thread, and each worker claims
// the next free range until none is left. A thread that the machine holds up (the page's main thread or
// another worker on its core) then delays the others by one range, not by its whole share. `worker` is
// whoever ran the range: do not key per-worker state on it.
constexpr int kClaimedRangesPerThread = 2;
void parallel_for_claimed(int count, RangeBody body);

// Elementwise work on `count` items (count < 2³¹): parallel_for_claimed over blocks of kItemsPerBlock,
// so that small arrays stay on the calling thread; body(first, end, worker) gets item indices. Each item
// is computed alone, so every thread count gives the same bits.
constexpr int kItemsPerBlock = 16384;
void parallel_for_items(std::size_t count, RangeBody body);

}  // namespace ganvas
