// Internal to engine/tokenizer: tokenizer.json's "pre_tokenizer", which cuts
// normalized text into the pieces the model encodes one at a time.
//
// Supported: null, ByteLevel (add_prefix_space, use_regex with GPT-2's
// pattern), Split (String or Regex pattern; behavior Removed, Isolated,
// MergedWithPrevious, MergedWithNext, Contiguous; invert), Metaspace
// (replacement, prepend_scheme always / first / never or the older
// add_prefix_space, split), Digits (individual_digits), Sequence of these.
#pragma once

#include "tokenizer/aligned_text.h"
#include "tokenizer/regex.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lancet::tokenizer_detail {

// Normalized text and the pieces cut from it so far, in order.
struct Pieces {
    AlignedText text;
    std::vector<TextRange> ranges;
};

class PreTokenizer {
public:
    // Throws EngineException (InvalidFile or Unsupported) naming `where`.
    static PreTokenizer parse(const nlohmann::json& config, const std::string& where);

    // A ByteLevel step is present: the model's symbols are bytes (GPT-2's
    // printable-character mapping), not characters.
    bool byte_level() const;
    // Exactly GPT-2's: one ByteLevel step with use_regex and no prefix space
    // (the hand-written fast path in pretokenize.h applies).
    bool gpt2_only() const;

    void apply(Pieces& pieces) const;

private:
    enum class Kind { ByteLevel, Split, Metaspace, Digits };
    enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };
    enum class Prepend { Always, First, Never };
    struct Step {
        Kind kind;
        // ByteLevel
        bool add_prefix_space = false;
        bool use_regex = true;
        // Split, Digits
        std::shared_ptr<const Regex> regex;
        std::string literal;  // Split with a String pattern
        Behavior behavior = Behavior::Isolated;
        bool invert = false;
        bool individual_digits = false;
        // Metaspace
        std::string replacement;
        Prepend prepend = Prepend::Always;
        bool split = true;
    };
    static void parse_into(const nlohmann::json& config, const std::string& where, std::vector<Step>& steps);
    std::vector<Step> steps_;
};

}  // namespace lancet::tokenizer_detail
