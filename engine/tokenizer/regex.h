// Internal to engine/tokenizer: the regular expressions of tokenizer.json
// (Split pre-tokenizer and Replace normalizer patterns), compiled with
// Oniguruma in its Ruby syntax and UTF-8, as Hugging Face tokenizers does, so
// that \s, \p{L}, (?i:...) and look-arounds mean what they mean there.
#pragma once

#include "tokenizer/aligned_text.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lancet::tokenizer_detail {

class Regex {
public:
    // Throws EngineException: InvalidFile (naming `where`) when the pattern
    // does not compile, Unsupported when this build has no Oniguruma.
    static std::shared_ptr<const Regex> compile(const std::string& pattern, const std::string& where);
    ~Regex();
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;

    // The non-empty matches in text[from, to), leftmost first, not overlapping;
    // the pattern sees only that slice (look-arounds stop at its ends), as it
    // sees one pre-token in Hugging Face tokenizers. Appends [begin, end) ranges
    // in text's coordinates. Text must be valid UTF-8. A search the engine gives
    // up on (its backtracking limit) ends the list there.
    void find_all(std::string_view text, std::size_t from, std::size_t to, std::vector<TextRange>& out) const;

    // Whether this build can compile patterns at all.
    static bool available();

private:
    Regex() = default;
    void* compiled_ = nullptr;  // OnigRegex; void* keeps oniguruma.h out of this header
};

}  // namespace lancet::tokenizer_detail
