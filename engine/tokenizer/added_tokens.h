// Internal to engine/tokenizer: added tokens (tokenizer.json's added_tokens,
// GPT-2's <|endoftext|>), found in the text before the model sees it.
//
// Matching follows Hugging Face tokenizers: leftmost match first, the longest
// content at one position; `lstrip` / `rstrip` take the whitespace on that
// side into the token's span; `single_word` matches only between non-word
// characters; `normalized` tokens are matched in the normalized text (their
// content normalized too), the others in the caller's text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lancet::tokenizer_detail {

struct AddedToken {
    std::string content;  // as written in the file; what decode gives back
    int64_t id = -1;
    bool special = false;
    bool normalized = false;
    bool lstrip = false;
    bool rstrip = false;
    bool single_word = false;
    std::string match;  // the text looked for: content, or its normalized form
};

struct AddedMatch {
    std::size_t begin;  // whitespace taken by lstrip included
    std::size_t end;    // whitespace taken by rstrip included
    int64_t id;
};

class AddedTokens {
public:
    // A second token with the same content replaces the first.
    void add(AddedToken token);
    // Call once all are added (and `match` is final).
    void finish();

    bool empty() const { return tokens_.empty(); }
    const std::vector<AddedToken>& tokens() const { return tokens_; }
    std::vector<AddedToken>& mutable_tokens() { return tokens_; }
    // Whether a search for this kind could find anything.
    bool any(bool allow_special, bool normalized) const;

    // Appends the matches in text, in order, not overlapping. Special tokens
    // only with allow_special; `normalized` picks which of the two kinds.
    void find(std::string_view text, bool allow_special, bool normalized, std::vector<AddedMatch>& out) const;

private:
    std::vector<AddedToken> tokens_;  // longest match first after finish()
    std::array<bool, 256> first_byte_[2]{};
    bool has_[2][2]{};                // [normalized][special]
};

}  // namespace lancet::tokenizer_detail
