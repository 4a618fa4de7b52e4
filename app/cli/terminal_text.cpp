#include "terminal_text.h"

#include <cstdint>

namespace lancet::cli {

namespace {

// One UTF-8 sequence at s[i]: its code point (or 0xFFFD for an invalid byte) and length.
std::pair<uint32_t, size_t> decode(const std::string& s, size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
    uint32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (c & 0x3F);
    }
    return {cp, len};
}

// The East Asian Wide/Fullwidth blocks a token table meets (Unicode's
// EastAsianWidth W and F, grouped), and the combining and zero-width ranges.
int columns_of(uint32_t cp) {
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0x20D0 && cp <= 0x20FF))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
        (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

// The longest prefix of s that fits `columns`, and its width.
std::pair<std::string, size_t> cut(const std::string& s, size_t columns) {
    size_t i = 0, width = 0;
    while (i < s.size()) {
        const auto [cp, len] = decode(s, i);
        const size_t w = static_cast<size_t>(columns_of(cp));
        if (width + w > columns) break;
        width += w;
        i += len;
    }
    return {s.substr(0, i), width};
}

}  // namespace

size_t terminal_width(const std::string& s) {
    size_t width = 0;
    for (size_t i = 0; i < s.size();) {
        const auto [cp, len] = decode(s, i);
        width += static_cast<size_t>(columns_of(cp));
        i += len;
    }
    return width;
}

std::string fit_right(const std::string& s, size_t columns) {
    auto [text, width] = cut(s, columns);
    return std::string(columns - width, ' ') + text;
}

std::string fit_left(const std::string& s, size_t columns) {
    auto [text, width] = cut(s, columns);
    return text + std::string(columns - width, ' ');
}

}  // namespace lancet::cli
