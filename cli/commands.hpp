// The table of CLI commands. A new command is a new cli/command_*.cpp plus one line in commands.cpp.
#pragma once

#include <stdexcept>
#include <vector>

namespace ganvas::cli {

// Thrown for a malformed command line; main prints it with a pointer to --help and exits with 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);  // arguments after the command name
};

const std::vector<Command>& all_commands();

int run_info(int argc, char** argv);
int run_noise(int argc, char** argv);
int run_bench_gemm(int argc, char** argv);
int run_bench_step(int argc, char** argv);
int run_train(int argc, char** argv);
int run_summary(int argc, char** argv);
int run_sample(int argc, char** argv);
int run_interpolate(int argc, char** argv);
int run_eval(int argc, char** argv);
int run_export(int argc, char** argv);
int run_train_classifier(int argc, char** argv);

}  // namespace ganvas::cli
