// The MNIST classifier (the judge of generated digits) for the CLI.
#pragma once

#include <memory>

#include "args.hpp"
#include "ganvas/classifier.hpp"

namespace ganvas::cli {

// The judge named by --classifier FILE, or else the shipped one (found as shipped_files.hpp says).
std::unique_ptr<MnistClassifier> load_classifier(const Args& args);

}  // namespace ganvas::cli
