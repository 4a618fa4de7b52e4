// Untrusted text (a tensor name from a downloaded header, a token from a
// tokenizer file) shown in an error message: control bytes escaped as \xNN,
// cut at a character boundary after `max_bytes` with "..." appended, so that a
// hostile name can neither garble a terminal nor make a message megabytes long.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lancet {

std::string printable_excerpt(std::string_view s, std::size_t max_bytes);

// A size of memory in an error message, in GB of 2^30 bytes with three
// significant digits ("15 GB", "0.29 GB"): every "needs ... free" message
// states sizes the same way.
std::string format_gigabytes(int64_t bytes);

}  // namespace lancet
