// libFuzzer target: the IDX parser (plain and gzip) and the MNIST image/label pairing.
#include <cstddef>
#include <cstdint>

#include "ganvas/data/bytes.hpp"
#include "ganvas/data/idx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    ganvas::parse_idx(data, size, "fuzz.idx");
  } catch (const ganvas::DataError&) {
  }
  try {
    // The same bytes as an images file whose labels are its own tail.
    ganvas::parse_idx_images(data, size, "fuzz-images", data + size / 2, size - size / 2, "fuzz-labels");
  } catch (const ganvas::DataError&) {
  }
  return 0;
}
