#include "ganvas/rng.hpp"

#include <cmath>

#include "ganvas/exact_math.hpp"

namespace ganvas {
namespace {
constexpr std::uint64_t kMultiplier = 6364136223846793005ULL;
}

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  // pcg32_srandom_r from the reference implementation.
  state_.state = 0;
  state_.increment = (stream << 1u) | 1u;
  next_u32();
  state_.state += seed;
  next_u32();
}

std::uint32_t Rng::next_u32() {
  const std::uint64_t old = state_.state;
  state_.state = old * kMultiplier + state_.increment;
  const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
  const auto rot = static_cast<std::uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

float Rng::uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

float Rng::uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

std::uint32_t Rng::below(std::uint32_t bound) {
  // Lemire-free classic: reject the low values that would bias the modulo.
  const std::uint32_t threshold = (0u - bound) % bound;
  for (;;) {
    const std::uint32_t r = next_u32();
    if (r >= threshold) return r % bound;
  }
}

double Rng::uniform_closed_open() {
  const std::uint64_t hi = next_u32() >> 5;  // 27 bits
  const std::uint64_t lo = next_u32() >> 6;  // 26 bits
  return static_cast<double>((hi << 26) | lo) * (1.0 / 9007199254740992.0);  // / 2^53
}

double Rng::uniform_open_closed() { return 1.0 - uniform_closed_open(); }

float Rng::normal() {
  // Box–Muller: z = √(−2·ln u1)·cos(2π·u2), u1 in (0, 1] so the log is finite.
  const double u1 = uniform_open_closed();
  const double u2 = uniform_closed_open();
  const double radius = std::sqrt(-2.0 * exact::log(u1));
  return static_cast<float>(radius * exact::cos_turns(u2));
}

void Rng::fill_normal(float* out, std::size_t count, float mean, float stddev) {
  for (std::size_t i = 0; i < count; ++i) out[i] = mean + stddev * normal();
}

void Rng::fill_uniform(float* out, std::size_t count, float lo, float hi) {
  for (std::size_t i = 0; i < count; ++i) out[i] = uniform(lo, hi);
}

void Rng::set_state(const RngState& state) {
  state_ = state;
  state_.increment |= 1u;
}

}  // namespace ganvas
