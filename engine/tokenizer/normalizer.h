// Internal to engine/tokenizer: tokenizer.json's "normalizer", applied to the
// text between added tokens before pre-tokenization, keeping the map back to
// the caller's bytes (aligned_text.h).
//
// Supported: null, NFC, NFD, NFKC, NFKD (ICU), Prepend, Replace (a String or a
// Regex pattern), Sequence of these. Anything else is refused at load time.
#pragma once

#include "tokenizer/aligned_text.h"
#include "tokenizer/regex.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lancet::tokenizer_detail {

class Normalizer {
public:
    // Throws EngineException (InvalidFile or Unsupported) naming `where`.
    static Normalizer parse(const nlohmann::json& config, const std::string& where);

    bool empty() const { return steps_.empty(); }
    void apply(AlignedText& text) const;
    // The normalized form of a bare string (an added token's content).
    std::string apply_to(const std::string& text) const;

private:
    enum class Kind { Nfc, Nfd, Nfkc, Nfkd, Prepend, ReplaceString, ReplaceRegex };
    struct Step {
        Kind kind;
        std::string text;     // Prepend: what; Replace: the pattern string
        std::string content;  // Replace: the replacement
        std::shared_ptr<const Regex> regex;
        const void* icu = nullptr;  // const UNormalizer2*
    };
    static void parse_into(const nlohmann::json& config, const std::string& where, std::vector<Step>& steps);
    std::vector<Step> steps_;
};

}  // namespace lancet::tokenizer_detail
