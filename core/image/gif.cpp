// GIF89a encoder: one global 256-level gray palette, the NETSCAPE2.0 loop extension, and each frame
// compressed with variable-width LZW (8-bit minimum code size, clear code 256, end code 257, codes up
// to 12 bits; the table restarts with a clear code when full). The LZW dictionary is a small hash
// table (open addressing over 8,192 slots for at most 4,096 codes) that every frame reuses.
#include <algorithm>
#include <stdexcept>

#include "ganvas/image/gray_image.hpp"

namespace ganvas {
namespace {

void put_byte(std::vector<std::uint8_t>& out, std::uint8_t b) { out.push_back(b); }
void put_word(std::vector<std::uint8_t>& out, int w) {
  out.push_back(static_cast<std::uint8_t>(w & 0xFF));
  out.push_back(static_cast<std::uint8_t>((w >> 8) & 0xFF));
}
void put_text(std::vector<std::uint8_t>& out, const char* s) {
  while (*s) out.push_back(static_cast<std::uint8_t>(*s++));
}

// Packs LZW codes LSB-first into data sub-blocks of at most 255 bytes.
class CodePacker {
 public:
  explicit CodePacker(std::vector<std::uint8_t>& out) : out_(out) {}
  void put(int code, int width) {
    bits_ |= static_cast<std::uint32_t>(code) << count_;
    count_ += width;
    while (count_ >= 8) {
      emit(static_cast<std::uint8_t>(bits_ & 0xFF));
      bits_ >>= 8;
      count_ -= 8;
    }
  }
  void finish() {
    if (count_ > 0) emit(static_cast<std::uint8_t>(bits_ & 0xFF));
    flush_block();
    out_.push_back(0);  // block terminator
  }

 private:
  void emit(std::uint8_t b) {
    block_[size_++] = b;
    if (size_ == 255) flush_block();
  }
  void flush_block() {
    if (size_ == 0) return;
    out_.push_back(static_cast<std::uint8_t>(size_));
    out_.insert(out_.end(), block_, block_ + size_);
    size_ = 0;
  }
  std::vector<std::uint8_t>& out_;
  std::uint8_t block_[255];
  int size_ = 0;
  std::uint32_t bits_ = 0;
  int count_ = 0;
};

}  // namespace

// The dictionary: string(prefix code) + byte → code, hashed. Clearing it is 32 KiB of writes.
struct GifEncoder::Lzw {
  static constexpr int kSlots = 8192;
  std::vector<std::int32_t> keys = std::vector<std::int32_t>(kSlots, -1);  // prefix·256 + byte, or −1
  std::vector<std::uint16_t> codes = std::vector<std::uint16_t>(kSlots, 0);

  void clear() { std::fill(keys.begin(), keys.end(), -1); }
  // The slot of `key`: where it is, or the empty one where it would go.
  std::size_t slot(std::int32_t key) const {
    std::size_t at = (static_cast<std::uint32_t>(key) * 2654435761u) >> 19;  // 13 bits of a multiplicative hash
    while (keys[at] != -1 && keys[at] != key) at = (at + 1) & (kSlots - 1);
    return at;
  }

  void encode(std::vector<std::uint8_t>& out, const std::vector<std::uint8_t>& pixels) {
    constexpr int kClear = 256, kEnd = 257, kMaxCode = 4095;
    out.push_back(8);  // minimum code size
    CodePacker packer(out);
    clear();
    int next_code = kEnd + 1;
    int width = 9;
    packer.put(kClear, width);
    int prefix = pixels[0];
    for (std::size_t i = 1; i < pixels.size(); ++i) {
      const std::uint8_t b = pixels[i];
      const std::int32_t key = prefix * 256 + b;
      const std::size_t at = slot(key);
      if (keys[at] == key) {
        prefix = codes[at];
        continue;
      }
      packer.put(prefix, width);
      if (next_code <= kMaxCode) {
        keys[at] = key;
        codes[at] = static_cast<std::uint16_t>(next_code);
        // The decoder widens its codes once it has assigned code 2^width.
        if (next_code == (1 << width) && width < 12) ++width;
        ++next_code;
      } else {
        packer.put(kClear, width);
        clear();
        next_code = kEnd + 1;
        width = 9;
      }
      prefix = b;
    }
    packer.put(prefix, width);
    packer.put(kEnd, width);
    packer.finish();
  }
};

GifEncoder::GifEncoder(int width, int height, int delay_centiseconds)
    : width_(width), height_(height), delay_(delay_centiseconds), lzw_(std::make_unique<Lzw>()) {
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw std::invalid_argument("encode_gif: frame size must be in [1, 65535]");
  }
  put_text(out_, "GIF89a");
  put_word(out_, width);
  put_word(out_, height);
  put_byte(out_, 0xF7);  // global color table, 8 bits per channel, 256 entries
  put_byte(out_, 0);     // background color index
  put_byte(out_, 0);     // pixel aspect ratio
  for (int i = 0; i < 256; ++i) {
    for (int channel = 0; channel < 3; ++channel) put_byte(out_, static_cast<std::uint8_t>(i));
  }
  // NETSCAPE2.0 application extension: loop forever.
  put_byte(out_, 0x21); put_byte(out_, 0xFF); put_byte(out_, 11);
  put_text(out_, "NETSCAPE2.0");
  put_byte(out_, 3); put_byte(out_, 1); put_word(out_, 0); put_byte(out_, 0);
}

GifEncoder::~GifEncoder() = default;

void GifEncoder::add_frame(const GrayImage& frame) {
  if (!lzw_) throw std::logic_error("GifEncoder: add_frame() after finish()");
  if (frame.width != width_ || frame.height != height_ ||
      frame.pixels.size() != static_cast<std::size_t>(width_) * height_) {
    throw std::invalid_argument("encode_gif: every frame must be " + std::to_string(width_) + "×" + std::to_string(height_));
  }
  // Graphic control extension: delay, no transparency.
  put_byte(out_, 0x21); put_byte(out_, 0xF9); put_byte(out_, 4); put_byte(out_, 0x04);
  put_word(out_, delay_);
  put_byte(out_, 0); put_byte(out_, 0);
  // Image descriptor: full frame, no local color table.
  put_byte(out_, 0x2C);
  put_word(out_, 0); put_word(out_, 0); put_word(out_, width_); put_word(out_, height_);
  put_byte(out_, 0);
  lzw_->encode(out_, frame.pixels);
  ++frames_;
}

std::vector<std::uint8_t> GifEncoder::finish() {
  if (!lzw_) throw std::logic_error("GifEncoder: finish() called twice");
  if (frames_ == 0) throw std::invalid_argument("encode_gif: no frames");
  lzw_.reset();
  put_byte(out_, 0x3B);
  return std::move(out_);
}

std::vector<std::uint8_t> encode_gif(const std::vector<GrayImage>& frames, int delay_centiseconds) {
  if (frames.empty()) throw std::invalid_argument("encode_gif: no frames");
  GifEncoder encoder(frames[0].width, frames[0].height, delay_centiseconds);
  for (const GrayImage& frame : frames) encoder.add_frame(frame);
  return encoder.finish();
}

}  // namespace ganvas
