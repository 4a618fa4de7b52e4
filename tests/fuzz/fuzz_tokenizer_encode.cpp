// Fuzz target: arbitrary bytes encoded by real tokenizers — GPT-2's (the
// hand-written pre-tokenizer), a Llama-3-style byte-level tokenizer.json and a
// Llama-2-style SentencePiece one (the fixtures' tokenizers) — checked against
// the tokenizer's guarantees; valid UTF-8 must also decode back to itself.
#include "fuzz_invariants.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#ifndef LANCET_SOURCE_DIR
#define LANCET_SOURCE_DIR "."
#endif

namespace {

const std::vector<lancet::Tokenizer>& tokenizers() {
    static const std::vector<lancet::Tokenizer> all = [] {
        const std::string root = std::getenv("LANCET_SOURCE_DIR") ? std::getenv("LANCET_SOURCE_DIR") : LANCET_SOURCE_DIR;
        std::vector<lancet::Tokenizer> t;
        for (const std::string& dir : {root + "/resources/tokenizers/gpt2", root + "/tests/fixtures/families/llama",
                                      root + "/tests/fixtures/families/mistral"}) {
            auto tok = lancet::Tokenizer::from_folder(dir);
            if (!tok) lancet::fuzz::violated(("cannot load " + dir + ": " + tok.error().message).c_str());
            t.push_back(tok.value());
        }
        return t;
    }();
    return all;
}

bool valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        uint32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (size_t k = 1; k < n; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 0x2) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), std::min<size_t>(size, 4096));
    // A literal "▁" (U+2581) is the space marker of SentencePiece-style files:
    // such a text decodes with a space there, in Hugging Face's tokenizers as
    // here (the format cannot tell them apart), so it has no exact round trip.
    const bool utf8 = valid_utf8(text) && text.find("\xE2\x96\x81") == std::string_view::npos;
    for (const auto& tok : tokenizers()) {
        lancet::fuzz::check_encoding(tok, text, false);
        if (utf8 && tok.decode(tok.encode(text).ids) != text) lancet::fuzz::violated("decode(encode(x)) != x for valid UTF-8");
    }
    return 0;
}
