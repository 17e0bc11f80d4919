// The installed CLI: `cmake --install` into a fresh prefix, then `ganvas` run from an unrelated folder
// finds its shipped models and MNIST in <prefix>/share/ganvas, not in the source tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "test_shell.hpp"

namespace ganvas {
namespace {
namespace fs = std::filesystem;

using Result = testing::ShellResult;
using testing::shell;

class CliInstall : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("ganvas-install-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "elsewhere");
  }
  void TearDown() override { fs::remove_all(root_); }
  // The command run in root_/elsewhere with no GANVAS_* variable set.
  Result run_elsewhere(const std::string& command) const {
    return shell("cd '" + (root_ / "elsewhere").string() +
                 "' && env -u GANVAS_MODELS_DIR -u GANVAS_MNIST_DIR -u GANVAS_FASHION_DIR " + command);
  }
  fs::path root_;
};

TEST_F(CliInstall, InstalledCliTrainsAndJudgesFromAnotherFolder) {
  const fs::path prefix = root_ / "prefix";
  Result r = shell(std::string("'") + GANVAS_CMAKE_COMMAND + "' --install '" + GANVAS_BINARY_DIR + "' --prefix '" +
                   prefix.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const fs::path ganvas = prefix / "bin/ganvas";
  ASSERT_TRUE(fs::exists(ganvas)) << r.output;
  EXPECT_TRUE(fs::exists(prefix / "share/ganvas/models/mnist-classifier.gcf"));
  EXPECT_TRUE(fs::exists(prefix / "share/ganvas/models/keras-dense-mnist.gnv"));

  r = run_elsewhere("'" + ganvas.string() +
                    "' train --steps 4 --eval-every 4 --batch 16 --latent 8 --seed 3 --threads 1 --out run");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find((prefix / "share/ganvas/mnist/train-images-idx3-ubyte").string() + ", 60000 images"),
            std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(root_ / "elsewhere/run/checkpoint.gnv"));
  EXPECT_TRUE(fs::exists(root_ / "elsewhere/run/quality.csv")) << r.output;  // the installed judge was found
}

TEST_F(CliInstall, ANamedFolderThatLacksTheDataIsAnErrorThatSaysWhatWasTried) {
  const Result r = run_elsewhere("GANVAS_MNIST_DIR=/nowhere/mnist '" + std::string(GANVAS_CLI_PATH) +
                                 "' train --steps 1 --out run");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("MNIST not found; tried:\n  /nowhere/mnist (GANVAS_MNIST_DIR)"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("--data DIR"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ganvas
