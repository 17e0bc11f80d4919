// Floats kept elsewhere (a model's arena, an optimizer's moments), read without a copy.
#pragma once

#include <cstddef>
#include <vector>

namespace ganvas {

struct FloatSpan {
  const float* data = nullptr;  // null: `size` zeros (e.g. optimizer moments before the first step)
  std::size_t size = 0;
};

inline FloatSpan span_of(const std::vector<float>& values) { return {values.data(), values.size()}; }

// How many floats the parts hold together.
inline std::size_t total_size(const std::vector<FloatSpan>& parts) {
  std::size_t count = 0;
  for (const FloatSpan& part : parts) count += part.size;
  return count;
}

// The parts' values one after another, copied.
inline std::vector<float> joined(const std::vector<FloatSpan>& parts) {
  std::vector<float> out;
  out.reserve(total_size(parts));
  for (const FloatSpan& part : parts) {
    if (part.data) {
      out.insert(out.end(), part.data, part.data + part.size);
    } else {
      out.insert(out.end(), part.size, 0.0f);
    }
  }
  return out;
}

}  // namespace ganvas
