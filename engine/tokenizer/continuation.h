// The tokens a piece of text becomes when it continues earlier text — a
// target (" Paris") after its prompt. Byte-level files (GPT-2, Llama 3, Qwen)
// encode " Paris" the same anywhere; SentencePiece-style files (Llama 2,
// Mistral, Gemma) put a "▁" before the first word of every text they encode,
// so encoding " Paris" alone gives "▁", "▁Paris" where the prompt+target text
// holds just "▁Paris". This returns what the joint encoding holds, found by
// encoding the text after a one-letter anchor and dropping the anchor's tokens.
#pragma once

#include "tokenizer/tokenizer.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace lancet {

std::vector<int64_t> continuation_ids(const Tokenizer& tokenizer, std::string_view text);

}  // namespace lancet
