// libFuzzer target: stb_image decoding of untrusted PNG/JPEG/BMP/GIF bytes, and the conversion of the
// decoded picture to a 28×28 digit.
#include <cstddef>
#include <cstdint>

#include "ganvas/data/bytes.hpp"
#include "ganvas/data/image_folder.hpp"
#include "ganvas/image/gray_image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const ganvas::GrayImage image = ganvas::decode_gray(data, size, "fuzz.png");
    ganvas::to_mnist_style(image);
    if (image.width >= 28 && image.height >= 28) ganvas::images_from_sprite_sheet(image, 28, "fuzz-sheet");
  } catch (const ganvas::DataError&) {
  }
  return 0;
}
