// GIF89a encoder: one global 256-level gray palette, the NETSCAPE2.0 loop extension, and each frame
// compressed with variable-width LZW (8-bit minimum code size, clear code 256, end code 257, codes up
// to 12 bits; the table restarts with a clear code when full).
#include <stdexcept>

#include "ganvas/image/gray_image.hpp"

namespace ganvas {
namespace {

class GifWriter {
 public:
  void byte(std::uint8_t b) { out.push_back(b); }
  void word(int w) {
    byte(static_cast<std::uint8_t>(w & 0xFF));
    byte(static_cast<std::uint8_t>((w >> 8) & 0xFF));
  }
  void text(const char* s) {
    while (*s) byte(static_cast<std::uint8_t>(*s++));
  }
  std::vector<std::uint8_t> out;
};

// Packs LZW codes LSB-first into data sub-blocks of at most 255 bytes.
class CodePacker {
 public:
  explicit CodePacker(GifWriter& writer) : writer_(writer) {}
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
    writer_.byte(0);  // block terminator
  }

 private:
  void emit(std::uint8_t b) {
    block_.push_back(b);
    if (block_.size() == 255) flush_block();
  }
  void flush_block() {
    if (block_.empty()) return;
    writer_.byte(static_cast<std::uint8_t>(block_.size()));
    writer_.out.insert(writer_.out.end(), block_.begin(), block_.end());
    block_.clear();
  }
  GifWriter& writer_;
  std::vector<std::uint8_t> block_;
  std::uint32_t bits_ = 0;
  int count_ = 0;
};

void write_lzw(GifWriter& writer, const std::vector<std::uint8_t>& pixels) {
  constexpr int kClear = 256, kEnd = 257, kMaxCode = 4095;
  writer.byte(8);  // minimum code size
  CodePacker packer(writer);
  // child[code·256 + byte] = code of (string(code) + byte), 0 when absent.
  std::vector<std::uint16_t> child(4096 * 256, 0);
  int next_code = kEnd + 1;
  int width = 9;
  packer.put(kClear, width);
  int prefix = pixels[0];
  for (std::size_t i = 1; i < pixels.size(); ++i) {
    const std::uint8_t b = pixels[i];
    const std::uint16_t existing = child[static_cast<std::size_t>(prefix) * 256 + b];
    if (existing) {
      prefix = existing;
      continue;
    }
    packer.put(prefix, width);
    if (next_code <= kMaxCode) {
      child[static_cast<std::size_t>(prefix) * 256 + b] = static_cast<std::uint16_t>(next_code);
      // The decoder widens its codes once it has assigned code 2^width.
      if (next_code == (1 << width) && width < 12) ++width;
      ++next_code;
    } else {
      packer.put(kClear, width);
      std::fill(child.begin(), child.end(), 0);
      next_code = kEnd + 1;
      width = 9;
    }
    prefix = b;
  }
  packer.put(prefix, width);
  packer.put(kEnd, width);
  packer.finish();
}

}  // namespace

std::vector<std::uint8_t> encode_gif(const std::vector<GrayImage>& frames, int delay_centiseconds) {
  if (frames.empty()) throw std::invalid_argument("encode_gif: no frames");
  const int width = frames[0].width, height = frames[0].height;
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw std::invalid_argument("encode_gif: frame size must be in [1, 65535]");
  }
  GifWriter w;
  w.text("GIF89a");
  w.word(width);
  w.word(height);
  w.byte(0xF7);  // global color table, 8 bits per channel, 256 entries
  w.byte(0);     // background color index
  w.byte(0);     // pixel aspect ratio
  for (int i = 0; i < 256; ++i) {
    w.byte(static_cast<std::uint8_t>(i));
    w.byte(static_cast<std::uint8_t>(i));
    w.byte(static_cast<std::uint8_t>(i));
  }
  // NETSCAPE2.0 application extension: loop forever.
  w.byte(0x21); w.byte(0xFF); w.byte(11);
  w.text("NETSCAPE2.0");
  w.byte(3); w.byte(1); w.word(0); w.byte(0);
  for (const GrayImage& frame : frames) {
    if (frame.width != width || frame.height != height ||
        frame.pixels.size() != static_cast<std::size_t>(width) * height) {
      throw std::invalid_argument("encode_gif: every frame must be " + std::to_string(width) + "×" +
                                  std::to_string(height));
    }
    // Graphic control extension: delay, no transparency.
    w.byte(0x21); w.byte(0xF9); w.byte(4); w.byte(0x04);
    w.word(delay_centiseconds);
    w.byte(0); w.byte(0);
    // Image descriptor: full frame, no local color table.
    w.byte(0x2C);
    w.word(0); w.word(0); w.word(width); w.word(height);
    w.byte(0);
    write_lzw(w, frame.pixels);
  }
  w.byte(0x3B);
  return w.out;
}

}  // namespace ganvas
