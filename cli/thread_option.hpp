// --threads N: how many cores the engine's convolutions use (core/parallel.hpp). The default is every
// core this machine offers; results equal one thread's up to the order in which per-thread partial
// sums of the filter gradients are added.
#pragma once

#include <string>

#include "args.hpp"

namespace ganvas::cli {

constexpr const char* kThreadsOption = "threads";
// The help line, with this machine's default.
std::string threads_help();
// Sets the engine's thread count from --threads (or the default) and returns it.
int apply_thread_option(const Args& args);

}  // namespace ganvas::cli
