// Internal to engine/tokenizer: what a loaded Tokenizer holds, shared by
// tokenizer.cpp (encoding, decoding) and the loaders.
#pragma once

#include "tokenizer/added_tokens.h"
#include "tokenizer/bpe.h"
#include "tokenizer/normalizer.h"
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/tokenizer.h"

#include <optional>

namespace lancet {

struct Tokenizer::Impl {
    tokenizer_detail::BpeModel model;
    tokenizer_detail::Normalizer normalizer;
    tokenizer_detail::PreTokenizer pre_tokenizer;
    tokenizer_detail::AddedTokens added;

    // No normalizer, GPT-2's pre-tokenizer, byte-level model: the text goes
    // straight to the hand-written GPT-2 matcher (pretokenize.h).
    bool gpt2_fast_path = true;

    // Decoding: how many leading spaces the decoder drops from the joined text
    // (the one a SentencePiece-style encoder put before the first word).
    std::size_t decode_strip_leading_spaces = 0;

    std::optional<int64_t> eos;
    std::optional<int64_t> bos;  // as the post_processor's template has it; tokenizer_config may override

    // Encodes text[begin, end), which holds no added token of the caller's text.
    void encode_text(std::string_view text, std::size_t begin, std::size_t end, bool allow_special, Encoding& enc) const;

private:
    void encode_gpt2(std::string_view text, std::size_t begin, std::size_t end, Encoding& enc) const;
    void encode_pipeline(std::string_view text, std::size_t begin, std::size_t end, bool allow_special, Encoding& enc) const;
};

}  // namespace lancet
