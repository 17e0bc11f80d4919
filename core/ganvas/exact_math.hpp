// Elementary functions from +, -, *, / and sqrt only, in a fixed order, so that they round the same
// way on every IEEE-754 platform (glibc and Emscripten's musl differ in their last bits). Used where
// results must match bit for bit across builds: the RNG's normal distribution. Accurate to ~1 ulp of
// double; not fast, and not meant for hot loops.
#pragma once

namespace ganvas::exact {

// Natural logarithm for x > 0 (finite). Returns -inf for 0 and NaN for negative input.
double log(double x);

// cos(2π·turns) and sin(2π·turns): angles given in turns, so the range reduction is exact.
double cos_turns(double turns);
double sin_turns(double turns);

}  // namespace ganvas::exact
