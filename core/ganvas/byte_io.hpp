// Little-endian binary writing and bounds-checked reading, for checkpoints.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ganvas/data/bytes.hpp"
#include "ganvas/float_span.hpp"
#include "ganvas/half.hpp"

namespace ganvas {

static_assert(sizeof(float) == 4, "float must be IEEE-754 binary32");

constexpr std::size_t kQuantBlock = 256;  // values per scale in 8-bit arrays

class ByteWriter {
 public:
  void u32(std::uint32_t v) { put(&v, 4); }
  void u64(std::uint64_t v) { put(&v, 8); }
  void i64(std::int64_t v) { put(&v, 8); }
  void f32(float v) { put(&v, 4); }
  void floats(const std::vector<float>& values) { floats(std::vector<FloatSpan>{span_of(values)}); }
  // u64 count + the floats of each part in turn (a part without data: zeros).
  void floats(const std::vector<FloatSpan>& parts) {
    u64(total_size(parts));
    for (const FloatSpan& part : parts) {
      if (part.data) {
        put(part.data, part.size * 4);
      } else {
        bytes_.insert(bytes_.end(), part.size * 4, std::uint8_t{0});
      }
    }
  }
  // u64 count + binary16 values (see half.hpp).
  void halves(FloatSpan values) {
    u64(values.size);
    for (std::size_t i = 0; i < values.size; ++i) {
      const float v = values.data[i];
      const std::uint16_t h = float_to_half(v);
      put(&h, 2);
    }
  }
  // u64 count + blocks of kQuantBlock values, each an f32 scale s = max|v| / 127 and that many int8 q
  // (v ≈ s·q, error ≤ s/2): a quarter of float32's size for weights that need ~2 significant digits.
  void quantized(FloatSpan values) {
    u64(values.size);
    for (std::size_t start = 0; start < values.size; start += kQuantBlock) {
      const std::size_t end = std::min(values.size, start + kQuantBlock);
      float largest = 0;
      for (std::size_t i = start; i < end; ++i) largest = std::max(largest, std::fabs(values.data[i]));
      const float scale = largest / 127.0f;
      f32(scale);
      for (std::size_t i = start; i < end; ++i) {
        const auto q = static_cast<std::int8_t>(scale > 0 ? std::lround(values.data[i] / scale) : 0);
        put(&q, 1);
      }
    }
  }
  void text(const std::string& s) {
    u64(s.size());
    put(s.data(), s.size());
  }
  void raw(const void* data, std::size_t size) { put(data, size); }
  // Overwrites 8 bytes written earlier (a length known only after its payload was written).
  void patch_u64(std::size_t at, std::uint64_t v) { std::memcpy(bytes_.data() + at, &v, 8); }
  void reserve(std::size_t size) { bytes_.reserve(size); }
  std::size_t size() const { return bytes_.size(); }
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  // All supported targets (x86-64, wasm32, arm64) are little-endian, so memory order is file order.
  void put(const void* data, std::size_t size) {
    if (size == 0) return;
    const auto* p = static_cast<const std::uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + size);
  }
  std::vector<std::uint8_t> bytes_;
};

class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size, std::string context)
      : data_(data), size_(size), context_(std::move(context)) {}

  std::uint32_t u32() { return get<std::uint32_t>(); }
  std::uint64_t u64() { return get<std::uint64_t>(); }
  std::int64_t i64() { return get<std::int64_t>(); }
  float f32() { return get<float>(); }
  // A length-prefixed float array of at most `max_count` values.
  std::vector<float> floats(std::size_t max_count) {
    const std::uint64_t count = u64();
    if (count > max_count || count * 4 > remaining()) {
      throw DataError(context_ + ": array of " + std::to_string(count) + " values does not fit");
    }
    std::vector<float> values(static_cast<std::size_t>(count));
    if (!values.empty()) std::memcpy(values.data(), data_ + at_, values.size() * 4);  // never memcpy(nullptr, …)
    at_ += values.size() * 4;
    return values;
  }
  std::vector<float> halves(std::size_t max_count) {
    const std::uint64_t count = u64();
    if (count > max_count || count * 2 > remaining()) {
      throw DataError(context_ + ": array of " + std::to_string(count) + " values does not fit");
    }
    std::vector<float> values(static_cast<std::size_t>(count));
    for (float& v : values) {
      std::uint16_t h;
      std::memcpy(&h, data_ + at_, 2);
      at_ += 2;
      v = half_to_float(h);
    }
    return values;
  }
  std::vector<float> quantized(std::size_t max_count) {
    const std::uint64_t count = u64();
    const std::uint64_t blocks = (count + kQuantBlock - 1) / kQuantBlock;
    if (count > max_count || count + 4 * blocks > remaining()) {
      throw DataError(context_ + ": array of " + std::to_string(count) + " values does not fit");
    }
    std::vector<float> values(static_cast<std::size_t>(count));
    for (std::size_t start = 0; start < values.size(); start += kQuantBlock) {
      const float scale = f32();
      if (!(scale >= 0) || !std::isfinite(scale)) throw DataError(context_ + ": a block scale is not a finite number ≥ 0");
      const std::size_t end = std::min(values.size(), start + kQuantBlock);
      for (std::size_t i = start; i < end; ++i) {
        std::int8_t q;
        std::memcpy(&q, data_ + at_, 1);
        at_ += 1;
        values[i] = scale * static_cast<float>(q);
      }
    }
    return values;
  }
  std::string text(std::size_t max_length) {
    const std::uint64_t length = u64();
    if (length > max_length || length > remaining()) {
      throw DataError(context_ + ": text of " + std::to_string(length) + " bytes does not fit");
    }
    std::string s(reinterpret_cast<const char*>(data_ + at_), static_cast<std::size_t>(length));
    at_ += static_cast<std::size_t>(length);
    return s;
  }
  std::size_t remaining() const { return size_ - at_; }
  std::size_t position() const { return at_; }
  void skip(std::size_t n) {
    need(n);
    at_ += n;
  }
  const std::uint8_t* here() const { return data_ + at_; }
  void expect_end() const {
    if (at_ != size_) throw DataError(context_ + ": " + std::to_string(size_ - at_) + " unexpected trailing bytes");
  }

 private:
  void need(std::size_t n) const {
    if (n > size_ - at_) throw DataError(context_ + ": truncated");
  }
  template <typename T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, data_ + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
  std::string context_;
};

}  // namespace ganvas
