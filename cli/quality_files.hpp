// The classifier that judges generated images, for the CLI: the one that knows the data set's classes.
#pragma once

#include <memory>
#include <string>

#include "args.hpp"
#include "ganvas/classifier.hpp"
#include "ganvas/quality.hpp"

namespace ganvas::cli {

struct LoadedClassifier {
  std::unique_ptr<MnistClassifier> classifier;
  JudgedClasses classes;  // what its classes mean for the data (quality.hpp)
  std::string name;       // "MNIST classifier", "Fashion-MNIST classifier", for messages
};

// For --data mnist: the shipped MNIST classifier (digits); fashion: the shipped Fashion-MNIST one
// (clothes); any other data: the MNIST classifier's features only (classes none). --classifier FILE
// replaces the file, not the meaning.
LoadedClassifier load_classifier(const Args& args, const std::string& data_spec);

}  // namespace ganvas::cli
