// Telling an allocation failure apart from other errors, for the jobs that can
// retry with less memory (a trace in smaller chunks) instead of failing.
#pragma once

#include <exception>

namespace lancet {

// A failed allocation on any device: LibTorch's OutOfMemoryError (CUDA), the
// CPU allocator's "not enough memory", std::bad_alloc, or an engine error
// already coded OutOfMemory.
bool is_out_of_memory(const std::exception& e);

}  // namespace lancet
