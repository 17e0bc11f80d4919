// Sets the engine's thread count for one test's scope and restores one thread when it ends, even by a
// failed assertion, so that no later test inherits a pool.
#pragma once

#include "ganvas/parallel.hpp"

namespace ganvas {

struct ThreadCountScope {
  explicit ThreadCountScope(int threads) { set_thread_count(threads); }
  ~ThreadCountScope() { set_thread_count(1); }
  ThreadCountScope(const ThreadCountScope&) = delete;
  ThreadCountScope& operator=(const ThreadCountScope&) = delete;
};

}  // namespace ganvas
