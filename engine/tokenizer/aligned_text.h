// Internal to engine/tokenizer: text on its way through the normalizer and the
// pre-tokenizer, with the map back to the caller's bytes that offsets need.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lancet::tokenizer_detail {

// text[i] came from the caller's bytes [to_input[i], to_input[i + 1]) as far as
// a boundary can say: to_input has text.size() + 1 entries and never decreases,
// so the spans of consecutive tokens are contiguous by construction. Text a
// normalizer inserted maps to an empty range; text it replaced maps byte j of
// the replacement to min(begin + j, end) of what it replaced.
struct AlignedText {
    std::string text;
    std::vector<std::size_t> to_input;
};

// A half-open byte range of an AlignedText's text. fixed_id >= 0 marks a piece
// that is already a token (a normalized added token): later steps leave it alone.
struct TextRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    long long fixed_id = -1;
};

// Builds a new AlignedText from an old one, chunk by chunk, in order.
class AlignedBuilder {
public:
    explicit AlignedBuilder(const AlignedText& in) : in_(in) {
        out_.text.reserve(in.text.size() + 8);
        out_.to_input.reserve(in.text.size() + 9);
    }
    // in.text[begin, end) unchanged.
    void copy(std::size_t begin, std::size_t end) {
        out_.text.append(in_.text, begin, end - begin);
        out_.to_input.insert(out_.to_input.end(), in_.to_input.begin() + std::ptrdiff_t(begin),
                             in_.to_input.begin() + std::ptrdiff_t(end));
    }
    // in.text[begin, end) becomes `with` (an insertion when begin == end).
    void replace(std::size_t begin, std::size_t end, std::string_view with) {
        for (std::size_t j = 0; j < with.size(); ++j) out_.to_input.push_back(in_.to_input[std::min(begin + j, end)]);
        out_.text.append(with);
    }
    std::size_t size() const { return out_.text.size(); }
    AlignedText finish() {
        out_.to_input.push_back(in_.to_input.back());
        return std::move(out_);
    }

private:
    const AlignedText& in_;
    AlignedText out_;
};

void append_utf8(std::string& out, char32_t c);

// Length of the UTF-8 sequence starting with byte b of valid UTF-8 (1 for a stray byte).
inline std::size_t utf8_length(unsigned char b) { return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

// Decodes one code point of valid UTF-8 at text[i].
char32_t utf8_at(std::string_view text, std::size_t i);

// input[begin, end) as valid UTF-8 (ill-formed bytes become U+FFFD, one per
// maximal subpart, as in pretokenize.h), mapped back to positions in input.
AlignedText aligned_from_input(std::string_view input, std::size_t begin, std::size_t end);

// Unicode White_Space (what Rust's char::is_whitespace and Hugging Face's
// lstrip/rstrip of added tokens use).
bool is_unicode_white_space(char32_t c);

}  // namespace lancet::tokenizer_detail
