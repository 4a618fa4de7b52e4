// How a fuzz target reports a broken guarantee: abort, so libFuzzer saves the
// input and the regression driver fails on it.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace lancet::fuzz {

[[noreturn]] inline void violated(const char* what) {
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
}

}  // namespace lancet::fuzz
