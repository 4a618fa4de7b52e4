#include "tokenizer/token_labels.h"

#include <cstdint>
#include <cstdio>

namespace lancet {

namespace {

// Length of the UTF-8 character at bytes[at], or 0 if none starts there
// (a continuation byte, an invalid lead, a truncated or overlong sequence).
std::size_t utf8_length_at(const std::string& bytes, std::size_t at)
{
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const unsigned char lead = b(at);
    std::size_t n = 0;
    if (lead < 0x80) return 1;
    if (lead >= 0xc2 && lead <= 0xdf) n = 2;
    else if (lead >= 0xe0 && lead <= 0xef) n = 3;
    else if (lead >= 0xf0 && lead <= 0xf4) n = 4;
    else return 0;
    if (at + n > bytes.size()) return 0;
    for (std::size_t i = 1; i < n; ++i)
        if ((b(at + i) & 0xc0) != 0x80) return 0;
    // The second byte's range rules out overlong forms and surrogates.
    const unsigned char second = b(at + 1);
    if (lead == 0xe0 && second < 0xa0) return 0;
    if (lead == 0xed && second > 0x9f) return 0;
    if (lead == 0xf0 && second < 0x90) return 0;
    if (lead == 0xf4 && second > 0x8f) return 0;
    return n;
}

std::string escaped(unsigned char byte)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(byte));
    return buf;
}

}  // namespace

std::vector<std::string> token_labels(const std::vector<std::string>& pieces)
{
    // The pieces joined, and for every byte the piece it came from.
    std::string bytes;
    std::vector<std::size_t> owner;
    for (std::size_t p = 0; p < pieces.size(); ++p) {
        bytes += pieces[p];
        owner.insert(owner.end(), pieces[p].size(), p);
    }
    std::vector<std::string> labels(pieces.size());
    std::size_t at = 0;
    while (at < bytes.size()) {
        const std::size_t n = utf8_length_at(bytes, at);
        if (n == 0) {
            labels[owner[at]] += escaped(static_cast<unsigned char>(bytes[at]));
            ++at;
            continue;
        }
        labels[owner[at]].append(bytes, at, n);
        at += n;
    }
    // A piece of bytes that all went to a character begun before it.
    for (std::size_t p = 0; p < pieces.size(); ++p)
        if (labels[p].empty() && !pieces[p].empty()) labels[p] = kContinuationLabel;
    return labels;
}

std::string token_label(const std::string& piece)
{
    return token_labels({piece}).front();
}

std::string bytes_hex(const std::string& piece)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * piece.size());
    for (char ch : piece) {
        const auto byte = static_cast<unsigned char>(ch);
        out += digits[byte >> 4];
        out += digits[byte & 0x0f];
    }
    return out;
}

}  // namespace lancet
