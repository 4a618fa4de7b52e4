#include "tokenizer/aligned_text.h"

#include "tokenizer/pretokenize.h"

#include <numeric>

namespace lancet::tokenizer_detail {

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

char32_t utf8_at(std::string_view text, std::size_t i) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const unsigned char b = s[i];
    const std::size_t n = utf8_length(b);
    if (n == 1 || i + n > text.size()) return b;
    char32_t c = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (s[i + k] & 0x3F);
    return c;
}

AlignedText aligned_from_input(std::string_view input, std::size_t begin, std::size_t end) {
    AlignedText out;
    const std::string_view part = input.substr(begin, end - begin);
    bool ascii = true;
    for (unsigned char c : part)
        if (c >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) {
        out.text.assign(part);
        out.to_input.resize(part.size() + 1);
        std::iota(out.to_input.begin(), out.to_input.end(), begin);
        return out;
    }
    DecodedText decoded;
    decode_utf8(part, begin, decoded);
    out.text.reserve(part.size() + 8);
    out.to_input.reserve(part.size() + 9);
    for (std::size_t i = 0; i < decoded.cps.size(); ++i) {
        const std::size_t s = decoded.pos[i], e = decoded.pos[i + 1];
        const std::size_t before = out.text.size();
        append_utf8(out.text, decoded.cps[i]);
        for (std::size_t j = 0; j < out.text.size() - before; ++j) out.to_input.push_back(std::min(s + j, e));
    }
    out.to_input.push_back(end);
    return out;
}

bool is_unicode_white_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

}  // namespace lancet::tokenizer_detail
