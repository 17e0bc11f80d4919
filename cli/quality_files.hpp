// The shipped MNIST classifier (the judge of generated digits) for the CLI.
#pragma once

#include <memory>
#include <string>

#include "ganvas/classifier.hpp"

namespace ganvas::cli {

// Where the classifier is looked for when --classifier is not given.
std::string default_classifier_path();
std::unique_ptr<MnistClassifier> load_classifier(const std::string& path);

}  // namespace ganvas::cli
