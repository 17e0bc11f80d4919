// Running a shell command line from a test: its stdout and stderr together, and its exit status.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace ganvas::testing {

struct ShellResult {
  std::string output;
  int exit_code;
};

inline ShellResult shell(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  std::array<char, 4096> buffer{};
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  while (fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  const int status = pclose(pipe);
  return {output, WEXITSTATUS(status)};
}

}  // namespace ganvas::testing
