// libFuzzer target: checkpoint decoding (and, when a file decodes, restoring it into a GAN and the
// classifier's weight loader on the same bytes).
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "ganvas/checkpoint.hpp"
#include "ganvas/classifier.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/gan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const ganvas::Checkpoint checkpoint = ganvas::decode_checkpoint(data, size, "fuzz.gnv");
    ganvas::Gan gan(checkpoint.config);
    ganvas::restore_checkpoint(gan, checkpoint);
  } catch (const ganvas::DataError&) {
  } catch (const std::invalid_argument&) {
  }
  try {
    static ganvas::MnistClassifier classifier;
    classifier.load(data, size, "fuzz.gcf");
  } catch (const ganvas::DataError&) {
  }
  return 0;
}
