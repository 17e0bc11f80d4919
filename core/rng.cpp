#include "ganvas/rng.hpp"

#include <cmath>

#include "ganvas/exact_math.hpp"

namespace ganvas {
namespace {
constexpr std::uint64_t kMultiplier = 6364136223846793005ULL;

// PCG's output of a state: XSH RR (xorshift high bits, random rotation).
inline std::uint32_t pcg_output(std::uint64_t state) {
  const auto xorshifted = static_cast<std::uint32_t>(((state >> 18u) ^ state) >> 27u);
  const auto rot = static_cast<std::uint32_t>(state >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}
}  // namespace

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
  return pcg_output(old);
}

// The state recurrence s ← a·s + c (mod 2⁶⁴) is serial; four lanes hold s_i … s_{i+3} of the same
// sequence and each jumps four steps at once, s ← a⁴·s + c·(a³ + a² + a + 1), so the products overlap
// and the values come out in next_u32()'s order.
void Rng::fill_u32(std::uint32_t* out, std::size_t count) {
  constexpr int kLanes = 4;
  std::size_t i = 0;
  if (count >= 2 * kLanes) {
    const std::uint64_t a = kMultiplier, c = state_.increment;
    const std::uint64_t a4 = a * a * a * a, c4 = c * (a * a * a + a * a + a + 1);
    std::uint64_t lane[kLanes];
    lane[0] = state_.state;
    for (int j = 1; j < kLanes; ++j) lane[j] = lane[j - 1] * a + c;
    for (; i + kLanes <= count; i += kLanes) {
      for (int j = 0; j < kLanes; ++j) {
        out[i + j] = pcg_output(lane[j]);
        lane[j] = lane[j] * a4 + c4;
      }
    }
    state_.state = lane[0];  // lane 0 now holds the state of position i
  }
  for (; i < count; ++i) out[i] = next_u32();
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
