// What every fuzz target checks beyond "no crash": the tokenizer's documented
// guarantees (engine/tokenizer/tokenizer.h). A violation aborts, so libFuzzer
// saves the input and the regression driver fails on it.
#pragma once

#include "fuzz_check.h"
#include "tokenizer/tokenizer.h"

#include <string_view>

namespace lancet::fuzz {

// One id per span; spans contiguous, in order, covering [0, text.size()).
inline void check_encoding(const Tokenizer& tok, std::string_view text, bool allow_special) {
    const Encoding enc = tok.encode(text, allow_special);
    if (enc.ids.size() != enc.offsets.size()) violated("ids and offsets differ in count");
    std::size_t at = 0;
    for (const TokenSpan& s : enc.offsets) {
        if (s.begin != at || s.end < s.begin || s.end > text.size()) violated("spans are not contiguous within the text");
        at = s.end;
    }
    if (!enc.ids.empty() && at != text.size()) violated("spans do not cover the text");
    for (int64_t id : enc.ids)
        if (id < 0 || id >= tok.vocab_size()) violated("an id outside the vocabulary");
    (void)tok.decode(enc.ids);
    (void)Tokenizer::tokens_covering(enc, text.size() / 3, text.size() / 2 + 1);
}

}  // namespace lancet::fuzz
