#include "ganvas/build_info.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

#include "ganvas/build_info.h"

namespace ganvas {
namespace {

std::string run(const std::string& command) {
  std::array<char, 4096> buffer{};
  std::string output;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return output;
  while (fgets(buffer.data(), buffer.size(), pipe.get())) output += buffer.data();
  return output;
}

TEST(BuildInfo, NamesVersionTargetAndSimd) {
  const BuildInfo info = build_info();
  EXPECT_EQ(info.version, GANVAS_VERSION);
  EXPECT_EQ(info.target, "native");
  EXPECT_FALSE(info.simd.empty());
#if defined(__SSE2__)
  EXPECT_TRUE(info.simd_enabled);
  EXPECT_GE(info.simd_width_bits, 128);
#endif
}

TEST(BuildInfo, SaysWhichCpusTheBinaryRunsOn) {
  const BuildInfo info = build_info();
#if GANVAS_NATIVE_ARCH
  EXPECT_EQ(info.isa, "tuned for the building CPU: -march=native");
#else
  EXPECT_EQ(info.isa.rfind("portable: ", 0), 0u) << info.isa;
#if defined(__x86_64__)
  // The x86-64 baseline has SSE2 and nothing wider: no AVX instruction may reach a portable binary.
  EXPECT_EQ(info.simd, "sse2");
#endif
#endif
  EXPECT_NE(build_info_line().find(info.isa), std::string::npos);
}

TEST(Cli, VersionPrintsTheBuildLine) {
  const std::string out = run(std::string(GANVAS_CLI_PATH) + " --version");
  EXPECT_EQ(out, build_info_line() + "\n");
  EXPECT_NE(out.find("simd: "), std::string::npos);
}

TEST(Cli, RejectsUnknownOptionsWithTheListOfKnownOnes) {
  const std::string out = run(std::string(GANVAS_CLI_PATH) + " noise --sed 3 2>&1; echo \"exit=$?\"");
  EXPECT_NE(out.find("unknown option '--sed'"), std::string::npos) << out;
  EXPECT_NE(out.find("--seed"), std::string::npos) << out;
  EXPECT_NE(out.find("exit=2"), std::string::npos) << out;
}

TEST(Cli, RejectsOutOfRangeValues) {
  const std::string out = run(std::string(GANVAS_CLI_PATH) + " noise --count 0 2>&1; echo \"exit=$?\"");
  EXPECT_NE(out.find("--count must be in [1, 1000000], got 0"), std::string::npos) << out;
  EXPECT_NE(out.find("exit=2"), std::string::npos) << out;
}

}  // namespace
}  // namespace ganvas
