// After warm-up, a training step allocates no memory: every buffer is reused. malloc and friends are
// interposed in this test binary to count calls while counting is switched on. (Not in sanitizer
// builds: AddressSanitizer owns malloc there.)
// GCC defines __SANITIZE_ADDRESS__; Clang answers __has_feature, which GCC's preprocessor does not know
// (hence the nested #if: GCC never sees the call).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GANVAS_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GANVAS_ADDRESS_SANITIZER 1
#endif

#if !defined(GANVAS_ADDRESS_SANITIZER)
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "ganvas/data/batcher.hpp"
#include "ganvas/gan.hpp"
#include "ganvas/parallel.hpp"

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);

static std::atomic<bool> g_counting{false};
static std::atomic<long> g_allocations{0};

void* malloc(std::size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_realloc(pointer, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  if (g_counting) ++g_allocations;
  *out = __libc_memalign(alignment, size);
  return *out ? 0 : 12;  // ENOMEM
}
void* aligned_alloc(std::size_t alignment, std::size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_memalign(alignment, size);
}
}

namespace ganvas {
namespace {

TEST(Allocation, TrainingStepsAllocateNothingAfterWarmUp) {
  ImageSet set;
  set.source = "synthetic";
  set.count = 256;
  for (int i = 0; i < set.count * 784; ++i) set.pixels.push_back(static_cast<std::uint8_t>(i * 31));
  struct Case {
    const char* preset;
    StepMode mode;
    int threads;
  };
  for (const Case& c : {Case{"keras-dense", StepMode::kKeras, 1}, Case{"keras-dense", StepMode::kJoint, 1},
                        Case{"keras-dense", StepMode::kKeras, 2}, Case{"small-dcgan", StepMode::kJoint, 1},
                        Case{"small-dcgan", StepMode::kJoint, 2}, Case{"paper-dcgan", StepMode::kJoint, 2}}) {
    GanConfig config = preset_defaults(c.preset);
    config.step = c.mode;
    config.batch = 32;
    set_thread_count(c.threads);
    Gan gan(config);
    Batcher batcher(set, config.batch, gan.range(), 1);
    for (int i = 0; i < 3; ++i) gan.train_step(batcher);  // warm-up: buffers take their sizes
    g_allocations = 0;
    g_counting = true;
    for (int i = 0; i < 20; ++i) gan.train_step(batcher);  // crosses an epoch (8 batches per epoch)
    g_counting = false;
    set_thread_count(1);
    EXPECT_EQ(g_allocations.load(), 0) << c.preset << ", " << step_mode_name(c.mode) << " step, " << c.threads
                                       << " threads: allocated";
  }
}

TEST(Allocation, CounterSeesAllocations) {
  g_allocations = 0;
  g_counting = true;
  void* volatile p = std::malloc(100);
  g_counting = false;
  std::free(p);
  EXPECT_EQ(g_allocations.load(), 1);
}

}  // namespace
}  // namespace ganvas

#endif
