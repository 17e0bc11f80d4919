#include "thread_option.hpp"

#include "ganvas/parallel.hpp"

namespace ganvas::cli {

std::string threads_help() {
  return "  --threads N      cores to use, 1.." + std::to_string(kMaxThreads) + " (default: all, " +
         std::to_string(available_cores()) +
         " here); results equal one thread's\n"
         "                   up to float summation order\n";
}

int apply_thread_option(const Args& args) {
  const auto threads = static_cast<int>(args.integer(kThreadsOption, available_cores(), 1, kMaxThreads));
  set_thread_count(threads);
  return threads;
}

}  // namespace ganvas::cli
