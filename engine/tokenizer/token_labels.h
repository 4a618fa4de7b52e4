// Readable labels for a prompt's tokens. Byte-level BPE (GPT-2, Llama 3, Qwen)
// cuts a character it has not merged into byte pieces: "台" (E5 8F B0) may be
// two tokens, E5 8F and B0. Decoded one by one, each piece is ill-formed UTF-8
// and shows as U+FFFD, so a Chinese prompt's heat-map rows read "� � � …".
// The labels keep one entry per token (the heat maps have one row per token)
// and show each character once: in the token where its first byte is. A token
// that only finishes a character begun earlier is shown as kContinuationLabel.
// Bytes that form no character (a dangling lead byte, a stray continuation
// byte) are written as \xNN so nothing is silently lost.
#pragma once

#include <string>
#include <vector>

namespace lancet {

inline constexpr const char* kContinuationLabel = "\xe2\x8b\xaf";  // U+22EF "⋯": the character goes on

// One label per piece (each piece is a token's bytes, tokenizer.token_bytes);
// every label is well-formed UTF-8.
std::vector<std::string> token_labels(const std::vector<std::string>& pieces);

// One token shown on its own (a top-k candidate): its whole characters, and
// \xNN for bytes of a character it does not hold whole.
std::string token_label(const std::string& piece);

// The piece's exact bytes as lowercase hex, two digits a byte ("e58f" for the
// first two bytes of 台). A label is for reading; where it cannot hold the
// bytes (kContinuationLabel, a character shown in another token's label) a
// script that needs them, or JSON that only carries UTF-8, still has them.
std::string bytes_hex(const std::string& piece);

}  // namespace lancet
