// The engine's own random number generator: PCG32 (O'Neill 2014, "XSH RR" output, 64-bit state).
// It gives bit-identical streams natively and in wasm: integer arithmetic only, and the normal
// distribution is built from exact_math.hpp (basic IEEE operations in a fixed order, no libm).
#pragma once

#include <cstddef>
#include <cstdint>

namespace ganvas {

// Independent streams drawn from one seed: the same seed fixes every source of randomness.
enum class RngStream : std::uint64_t {
  kWeightInit = 1,
  kDataOrder = 2,
  kLatentNoise = 3,
  kDropout = 4,
  kUser = 5,
};

struct RngState {
  std::uint64_t state = 0;
  std::uint64_t increment = 1;  // always odd
};

class Rng {
 public:
  // pcg32_srandom(seed, stream): different streams from one seed are independent sequences.
  Rng(std::uint64_t seed, std::uint64_t stream);
  Rng(std::uint64_t seed, RngStream stream) : Rng(seed, static_cast<std::uint64_t>(stream)) {}

  std::uint32_t next_u32();
  // out[i] = the next `count` values of next_u32(), in order, the state advanced past them; faster than
  // a call per value (four positions of the sequence are advanced at once).
  void fill_u32(std::uint32_t* out, std::size_t count);
  // Uniform in [0, 1), 24 random bits: every value is exactly representable as float.
  float uniform();
  // Uniform in [lo, hi).
  float uniform(float lo, float hi);
  // Uniform integer in [0, bound), unbiased (rejection sampling); bound > 0.
  std::uint32_t below(std::uint32_t bound);
  // Standard normal N(0, 1) by Box–Muller from two 53-bit uniforms (one value per pair).
  float normal();

  void fill_normal(float* out, std::size_t count, float mean = 0.0f, float stddev = 1.0f);
  void fill_uniform(float* out, std::size_t count, float lo, float hi);

  RngState state() const { return state_; }
  void set_state(const RngState& state);

 private:
  double uniform_open_closed();  // (0, 1]
  double uniform_closed_open();  // [0, 1)

  RngState state_;
};

}  // namespace ganvas
