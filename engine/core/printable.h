// Untrusted text (a tensor name from a downloaded header, a token from a
// tokenizer file) shown in an error message: control bytes escaped as \xNN,
// cut at a character boundary after `max_bytes` with "..." appended, so that a
// hostile name can neither garble a terminal nor make a message megabytes long.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lancet {

std::string printable_excerpt(std::string_view s, std::size_t max_bytes);

}  // namespace lancet
