// Column arithmetic for the CLI's aligned tables and maps. A terminal gives a
// CJK character two columns and a combining mark none, while std::setw counts
// bytes (three for 台) and substr(0, n) could cut a character in half: rows
// with Chinese tokens came out misaligned and sometimes with broken bytes.
#pragma once

#include <cstddef>
#include <string>

namespace lancet::cli {

// Columns `s` (UTF-8) takes on a terminal: 2 for East Asian wide and fullwidth
// characters, 0 for combining marks and zero-width ones, 1 otherwise (an
// invalid byte counts 1).
size_t terminal_width(const std::string& s);

// `s` cut to at most `columns` at a character boundary, then padded with spaces
// on the left (right-aligned) or the right (left-aligned) to exactly `columns`.
std::string fit_right(const std::string& s, size_t columns);
std::string fit_left(const std::string& s, size_t columns);

}  // namespace lancet::cli
