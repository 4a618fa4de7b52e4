// Internal to engine/tokenizer: the UTF-8 decoding and the hand-written GPT-2
// pre-tokenizer (the fast path for GPT-2's pattern, also used by tokenizer.json
// files whose ByteLevel pre-tokenizer has use_regex) that Tokenizer::encode
// runs before byte-pair merging. Exposed in a header so
// that the tests can check the pieces directly; not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lancet::tokenizer_detail {

// How the GPT-2 pattern sees one code point:
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// with JavaScript's \s and the Unicode data of the reference (see unicode_tables.inc).
enum CharClass : std::uint8_t { kOther = 0, kLetter = 1, kNumber = 2, kSpace = 3 };

CharClass char_class(char32_t cp);
const char* unicode_version();  // of the \p{L} / \p{N} tables

constexpr char32_t kReplacement = 0xFFFD;

// Text decoded from UTF-8 the way the WHATWG Encoding standard (and node's
// Buffer.toString('utf8')) does: each maximal subpart of an ill-formed
// sequence becomes one U+FFFD. cps[i] came from bytes [pos[i], pos[i+1]) of
// the input (pos has one more entry than cps; pos[0] is the base offset).
struct DecodedText {
    std::vector<char32_t> cps;
    std::vector<CharClass> classes;
    std::vector<std::size_t> pos;
    std::vector<std::uint8_t> replaced;  // 1 where cps[i] is a U+FFFD standing for ill-formed bytes
    bool had_invalid = false;            // any replaced[i] set
};

// Decodes bytes, recording positions as base + offset into bytes.
void decode_utf8(std::string_view bytes, std::size_t base, DecodedText& out);

// True when cps[i] replaced ill-formed bytes (as opposed to an encoded U+FFFD).
inline bool is_replacement(const DecodedText& t, std::size_t i) { return t.replaced[i] != 0; }

// Splits decoded text into pre-tokens, as half-open code point index ranges
// [first, second) that together cover [0, cps.size()) in order.
struct Piece {
    std::size_t begin;
    std::size_t end;
};
void pretokenize(const DecodedText& text, std::vector<Piece>& out);

}  // namespace lancet::tokenizer_detail
