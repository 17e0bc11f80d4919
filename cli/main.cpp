// ganvas — the native command line. Each command lives in its own file; this one only dispatches.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.hpp"
#include "ganvas/build_info.hpp"

namespace {

void print_usage(std::FILE* out) {
  std::fprintf(out,
               "usage: ganvas <command> [options]\n"
               "\n"
               "Train and explore the dense GAN of the Keras/TensorFlow tutorials.\n"
               "\n"
               "commands:\n");
  for (const auto& command : ganvas::cli::all_commands()) {
    std::fprintf(out, "  %-12s %s\n", command.name, command.summary);
  }
  std::fprintf(out,
               "\n"
               "options:\n"
               "  --version    print the version and the SIMD instruction set of this build\n"
               "  --help       this text; `ganvas <command> --help` describes a command\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(stdout);
    return 0;
  }
  if (first == "--version" || first == "-V" || first == "version") {
    std::printf("%s\n", ganvas::build_info_line().c_str());
    return 0;
  }
  for (const auto& command : ganvas::cli::all_commands()) {
    if (first == command.name) {
      try {
        return command.run(argc - 2, argv + 2);
      } catch (const ganvas::cli::UsageError& error) {
        // One line: several problems are joined with "; ".
        std::string message = error.what();
        for (std::size_t at = message.find('\n'); at != std::string::npos; at = message.find('\n', at)) {
          message.replace(at, 1, "; ");
        }
        std::fprintf(stderr, "ganvas %s: %s (see `ganvas %s --help`)\n", command.name, message.c_str(), command.name);
        return 2;
      } catch (const std::exception& error) {
        std::fprintf(stderr, "ganvas %s: error: %s\n", command.name, error.what());
        return 1;
      }
    }
  }
  std::fprintf(stderr, "ganvas: unknown command '%s'\n\n", first.c_str());
  print_usage(stderr);
  return 2;
}
