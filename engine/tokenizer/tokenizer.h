// GPT-2's byte-level BPE tokenizer.
//
// Encoding matches the reference GPT-2 tokenization (OpenAI's encoder.py as
// ported by the npm package gpt-3-encoder, which tests/engine/test_tokenizer.cpp
// compares against id for id):
//   1. the text's bytes are decoded as UTF-8; ill-formed bytes become U+FFFD,
//      one per maximal subpart (WHATWG; what node's Buffer.toString does);
//   2. the GPT-2 pattern splits it into pre-tokens
//        's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//      with JavaScript's \s and Unicode 17 letters and numbers (built in, no ICU);
//   3. each pre-token's UTF-8 bytes are merged pair by pair, lowest merge rank first.
// Offsets always refer to the caller's original bytes, ill-formed ones included.
//
// A Tokenizer is immutable after loading except for an internal cache, and is
// safe to use from several threads at once; copies are cheap and share state.
// This header is deliberately free of LibTorch and JSON includes.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lancet {

// Byte offsets [begin, end) into the ORIGINAL input bytes. Spans of one
// encoding are contiguous and in order, and together cover the whole input. A
// token that lies inside the U+FFFD standing for ill-formed bytes can have an
// empty span (the ill-formed bytes go to the token holding the start of the U+FFFD).
struct TokenSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct Encoding {
    std::vector<int64_t> ids;
    std::vector<TokenSpan> offsets;  // one per id
};

class Tokenizer {
public:
    // dir/tokenizer.json if present, else dir/vocab.json + dir/merges.txt.
    // Also reads dir/tokenizer_config.json when present: its eos_token, and its
    // bos_token when add_bos_token is true.
    static Expected<Tokenizer> from_folder(const std::string& dir);
    // GPT-2's original files (encoder.json/vocab.bpe under other names). A
    // vocabulary entry "<|endoftext|>" becomes the special end-of-text token.
    static Expected<Tokenizer> from_vocab_merges(const std::string& vocab_json, const std::string& merges_txt);
    // Hugging Face tokenizers format: model.type "BPE" with a ByteLevel
    // pre-tokenizer (GPT-2's pattern); model.vocab, model.merges ("a b" strings
    // or ["a", "b"] pairs) and added_tokens.
    static Expected<Tokenizer> from_tokenizer_json(const std::string& path);

    // allow_special: recognise special added tokens (<|endoftext|>) written in
    // the text; otherwise they are tokenized as ordinary text. Non-special added
    // tokens, if a tokenizer.json has any, are always recognised.
    Encoding encode(std::string_view text, bool allow_special = false) const;
    // The tokens' bytes joined (may be ill-formed UTF-8 if cut mid-character).
    // Ids that name no token contribute nothing.
    std::string decode(const std::vector<int64_t>& ids) const;

    std::string token_bytes(int64_t id) const;   // bytes of one token; empty if id names none
    std::string token_string(int64_t id) const;  // its vocabulary key, e.g. "Ġthe"; empty if none
    std::optional<int64_t> token_id(const std::string& vocab_key) const;
    int64_t vocab_size() const;  // 1 + the largest id, added tokens included (50257 for GPT-2)
    std::optional<int64_t> eos_id() const;  // <|endoftext|> when present, or tokenizer_config's eos_token
    std::optional<int64_t> bos_id() const;  // only where tokenizer_config asks for one (never GPT-2)

    // Tokens covering the byte range [byte_begin, byte_end) of the encoded text
    // (subject lookup for causal tracing and ROME): half-open token indices from
    // the first token whose span overlaps the range to the last one. When no
    // token overlaps it (an empty range, or one past the end) the result is
    // empty: {k, k} with k the first token that ends after byte_begin.
    static std::pair<std::size_t, std::size_t> tokens_covering(const Encoding& encoding, std::size_t byte_begin,
                                                               std::size_t byte_end);

    struct Impl;  // opaque; public only so that the loader helpers in tokenizer.cpp can name it

private:
    explicit Tokenizer(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> impl_;
    std::optional<int64_t> eos_;
    std::optional<int64_t> bos_;
};

}  // namespace lancet
