// Byte-pair-encoding tokenizers: GPT-2's original files and Hugging Face
// tokenizer.json files of BPE models (GPT-2, GPT-NeoX/Pythia, Llama 3, Qwen 2/3
// byte-level; Llama 2, Mistral, Gemma SentencePiece-style with byte fallback).
// docs/design/tokenizers.md describes the formats and the semantics in full.
//
// GPT-2's pattern runs on a hand-written matcher that agrees with the reference
// GPT-2 tokenization (OpenAI's encoder.py as ported by the npm package
// gpt-3-encoder, which tests/engine/test_tokenizer.cpp compares id for id):
//   1. the text's bytes are decoded as UTF-8; ill-formed bytes become U+FFFD,
//      one per maximal subpart (WHATWG; what node's Buffer.toString does);
//   2. the GPT-2 pattern splits it into pre-tokens
//        's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//      with JavaScript's \s and Unicode 17 letters and numbers (built in, no ICU);
//   3. each pre-token's UTF-8 bytes are merged pair by pair, lowest merge rank first.
// Other tokenizer.json files run Hugging Face's pipeline: added tokens, the
// normalizer (ICU), the pre-tokenizer (other regex patterns on Oniguruma, the
// engine Hugging Face uses), the BPE model (byte-level or by characters with
// byte fallback). tests/engine/test_tokenizer_hf.cpp compares them token for
// token with a JavaScript port of Hugging Face tokenizers.
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
// Text a normalizer changed maps back as a whole: a token that stands for a
// space ("▁" in SentencePiece-style files) covers that space, and the "▁" such
// files put before the first word covers nothing (the first token's span still
// starts at 0). Tokens inside one character (byte fallback: <0xE4><0xB8><0xAD>)
// get one byte each where the input has those bytes. A BOS that a caller
// prepends (see prepends_bos) has no bytes: give it the empty span [0, 0).
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
    // Also reads dir/tokenizer_config.json when present: its eos_token, and
    // add_bos_token, which when present overrides the post_processor: true
    // prepends its bos_token (or the template's), false prepends none.
    static Expected<Tokenizer> from_folder(const std::string& dir);
    // GPT-2's original files (encoder.json/vocab.bpe under other names). A
    // vocabulary entry "<|endoftext|>" becomes the special end-of-text token.
    static Expected<Tokenizer> from_vocab_merges(const std::string& vocab_json, const std::string& merges_txt);
    // Hugging Face tokenizers format, model.type "BPE": the normalizer, the
    // pre-tokenizer, model.vocab, model.merges ("a b" strings or ["a", "b"]
    // pairs), byte_fallback, ignore_merges, unk_token, added_tokens and the
    // decoder. Whether a BOS is prepended comes from the post_processor here,
    // and from tokenizer_config.json in from_folder.
    static Expected<Tokenizer> from_tokenizer_json(const std::string& path);

    // allow_special: recognise special added tokens (<|endoftext|>) written in
    // the text; otherwise they are tokenized as ordinary text. Non-special added
    // tokens, if a tokenizer.json has any, are always recognised. Never adds a
    // BOS or EOS (see prepends_bos).
    Encoding encode(std::string_view text, bool allow_special = false) const;
    // The tokens' bytes joined (may be ill-formed UTF-8 if cut mid-character),
    // then the file's decoder rule for the start of the text: SentencePiece-style
    // files drop the one space their encoder put before the first word, so
    // decode(encode(x).ids) == x. To build text token by token, join
    // token_bytes instead. Ids that name no token contribute nothing.
    std::string decode(const std::vector<int64_t>& ids) const;

    // Bytes of one token ("Ġthe" and "▁the" -> " the", "<0x0A>" -> "\n"); empty if id names none.
    std::string token_bytes(int64_t id) const;
    std::string token_string(int64_t id) const;  // its vocabulary key, e.g. "Ġthe"; empty if none
    std::optional<int64_t> token_id(const std::string& vocab_key) const;
    int64_t vocab_size() const;  // 1 + the largest id, added tokens included (50257 for GPT-2)
    std::optional<int64_t> eos_id() const;  // <|endoftext|> when present, or tokenizer_config's eos_token
    // The BOS the model's convention prepends to every sequence, or nullopt when
    // it prepends none (GPT-2, Qwen). Set by tokenizer_config.json's
    // add_bos_token (with its bos_token) where the folder has one, else by a
    // post_processor template that starts with a special token (Llama 2's
    // "<s> $A"). encode() never adds it: callers put it first, with span [0, 0).
    std::optional<int64_t> bos_id() const;
    bool prepends_bos() const { return bos_.has_value(); }

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
