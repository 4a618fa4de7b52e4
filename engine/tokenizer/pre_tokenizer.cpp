#include "tokenizer/pre_tokenizer.h"

#include "core/result.h"
#include "tokenizer/pretokenize.h"

#include <nlohmann/json.hpp>

namespace lancet::tokenizer_detail {

namespace {

using json = nlohmann::json;

bool flag(const json& config, const char* key, bool fallback, const std::string& where) {
    auto it = config.find(key);
    if (it == config.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) fail(ErrorCode::InvalidFile, where + "." + key + " must be true or false");
    return it->get<bool>();
}

// One stretch of a piece: a match of the split pattern or the text between two.
struct Stretch {
    std::size_t begin, end;
    bool match;
};

// Cuts [begin, end) at the given matches according to the behaviour
// (Hugging Face's SplitDelimiterBehavior), appending non-empty pieces.
template <class Behavior>
void cut(std::size_t begin, std::size_t end, const std::vector<TextRange>& matches, bool invert, Behavior behavior,
         std::vector<TextRange>& out) {
    std::vector<Stretch> st;
    std::size_t at = begin;
    for (const auto& m : matches) {
        if (m.begin > at) st.push_back({at, m.begin, false});
        st.push_back({m.begin, m.end, true});
        at = m.end;
    }
    if (at < end) st.push_back({at, end, false});
    if (invert)
        for (auto& s : st) s.match = !s.match;
    using B = decltype(behavior);
    std::size_t i = 0;
    while (i < st.size()) {
        const Stretch& s = st[i];
        switch (behavior) {
            case B::Removed:
                if (!s.match) out.push_back({s.begin, s.end, -1});
                ++i;
                break;
            case B::Isolated:
                out.push_back({s.begin, s.end, -1});
                ++i;
                break;
            case B::MergedWithPrevious:  // a match joins the text before it
                if (!s.match && i + 1 < st.size() && st[i + 1].match) {
                    out.push_back({s.begin, st[i + 1].end, -1});
                    i += 2;
                } else {
                    out.push_back({s.begin, s.end, -1});
                    ++i;
                }
                break;
            case B::MergedWithNext:  // a match joins the text after it
                if (s.match && i + 1 < st.size() && !st[i + 1].match) {
                    out.push_back({s.begin, st[i + 1].end, -1});
                    i += 2;
                } else {
                    out.push_back({s.begin, s.end, -1});
                    ++i;
                }
                break;
            case B::Contiguous: {  // adjacent matches become one piece
                std::size_t j = i + 1;
                if (s.match)
                    while (j < st.size() && st[j].match) ++j;
                out.push_back({s.begin, st[j - 1].end, -1});
                i = j;
                break;
            }
        }
    }
}

void find_literal(const std::string& text, std::size_t begin, std::size_t end, const std::string& literal,
                  std::vector<TextRange>& out) {
    if (literal.empty()) return;
    for (std::size_t at = begin;;) {
        const std::size_t hit = text.find(literal, at);
        if (hit == std::string::npos || hit + literal.size() > end) return;
        out.push_back({hit, hit + literal.size(), -1});
        at = hit + literal.size();
    }
}

void find_digits(const std::string& text, std::size_t begin, std::size_t end, bool individual, std::vector<TextRange>& out) {
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    for (std::size_t i = begin; i < end;) {
        if (!digit(i)) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        if (!individual)
            while (j < end && digit(j)) ++j;
        out.push_back({i, j, -1});
        i = j;
    }
}

// Rewrites each piece through `edit`, which appends the piece's new form to
// the builder; pieces keep their order and the map back to the input.
template <class Edit>
void rewrite(Pieces& pieces, Edit edit) {
    AlignedBuilder out(pieces.text);
    std::vector<TextRange> ranges;
    ranges.reserve(pieces.ranges.size());
    std::size_t at = 0;
    for (const auto& r : pieces.ranges) {
        out.copy(at, r.begin);  // text outside every piece (removed by a split) keeps its place
        const std::size_t begin = out.size();
        if (r.fixed_id >= 0) out.copy(r.begin, r.end);
        else edit(out, r);
        ranges.push_back({begin, out.size(), r.fixed_id});
        at = r.end;
    }
    out.copy(at, pieces.text.text.size());
    pieces.text = out.finish();
    pieces.ranges = std::move(ranges);
}

}  // namespace

void PreTokenizer::parse_into(const json& config, const std::string& where, std::vector<Step>& steps) {
    if (config.is_null()) return;
    if (!config.is_object()) fail(ErrorCode::InvalidFile, where + " is not an object");
    auto type_it = config.find("type");
    if (type_it == config.end() || !type_it->is_string()) fail(ErrorCode::InvalidFile, where + ".type is missing or not a string");
    const std::string type = type_it->get<std::string>();
    if (type == "Sequence") {
        auto items = config.find("pretokenizers");
        if (items == config.end() || !items->is_array()) fail(ErrorCode::InvalidFile, where + ".pretokenizers must be an array");
        for (std::size_t i = 0; i < items->size(); ++i)
            parse_into((*items)[i], where + ".pretokenizers[" + std::to_string(i) + "]", steps);
        return;
    }
    Step s{};
    if (type == "ByteLevel") {
        s.kind = Kind::ByteLevel;
        s.add_prefix_space = flag(config, "add_prefix_space", true, where);
        s.use_regex = flag(config, "use_regex", true, where);
    } else if (type == "Split") {
        s.kind = Kind::Split;
        auto pattern = config.find("pattern");
        if (pattern == config.end() || !pattern->is_object())
            fail(ErrorCode::InvalidFile, where + ".pattern must be {\"String\": ...} or {\"Regex\": ...}");
        if (auto str = pattern->find("String"); str != pattern->end() && str->is_string()) {
            s.literal = str->get<std::string>();
            if (s.literal.empty()) fail(ErrorCode::InvalidFile, where + ".pattern.String is empty");
        } else if (auto re = pattern->find("Regex"); re != pattern->end() && re->is_string()) {
            s.regex = Regex::compile(re->get<std::string>(), where + ".pattern.Regex");
        } else {
            fail(ErrorCode::InvalidFile, where + ".pattern must be {\"String\": ...} or {\"Regex\": ...}");
        }
        auto behavior = config.find("behavior");
        const std::string b = behavior != config.end() && behavior->is_string() ? behavior->get<std::string>() : "";
        if (b == "Removed") s.behavior = Behavior::Removed;
        else if (b == "Isolated") s.behavior = Behavior::Isolated;
        else if (b == "MergedWithPrevious") s.behavior = Behavior::MergedWithPrevious;
        else if (b == "MergedWithNext") s.behavior = Behavior::MergedWithNext;
        else if (b == "Contiguous") s.behavior = Behavior::Contiguous;
        else
            fail(ErrorCode::InvalidFile, where + ".behavior " + (behavior == config.end() ? std::string("(missing)") : behavior->dump()) +
                                             " is not one of Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous");
        s.invert = flag(config, "invert", false, where);
    } else if (type == "Metaspace") {
        s.kind = Kind::Metaspace;
        auto rep = config.find("replacement");
        if (rep == config.end() || !rep->is_string()) fail(ErrorCode::InvalidFile, where + ".replacement must be a string");
        s.replacement = rep->get<std::string>();
        if (s.replacement.empty() || utf8_length(static_cast<unsigned char>(s.replacement[0])) != s.replacement.size())
            fail(ErrorCode::InvalidFile, where + ".replacement must be one character");
        auto scheme = config.find("prepend_scheme");
        if (scheme != config.end() && !scheme->is_null()) {
            const std::string v = scheme->is_string() ? scheme->get<std::string>() : "";
            if (v == "always") s.prepend = Prepend::Always;
            else if (v == "first") s.prepend = Prepend::First;
            else if (v == "never") s.prepend = Prepend::Never;
            else fail(ErrorCode::InvalidFile, where + ".prepend_scheme " + scheme->dump() + " is not always, first or never");
        } else {
            s.prepend = flag(config, "add_prefix_space", true, where) ? Prepend::Always : Prepend::Never;
        }
        s.split = flag(config, "split", true, where);
    } else if (type == "Digits") {
        s.kind = Kind::Digits;
        s.individual_digits = flag(config, "individual_digits", false, where);
    } else {
        fail(ErrorCode::Unsupported, where + ": pre_tokenizer type \"" + type +
                                         "\" is not supported (ByteLevel, Split, Metaspace, Digits, Sequence are)");
    }
    steps.push_back(std::move(s));
}

PreTokenizer PreTokenizer::parse(const json& config, const std::string& where) {
    PreTokenizer p;
    parse_into(config, where, p.steps_);
    return p;
}

bool PreTokenizer::byte_level() const {
    for (const auto& s : steps_)
        if (s.kind == Kind::ByteLevel) return true;
    return false;
}

bool PreTokenizer::gpt2_only() const {
    return steps_.size() == 1 && steps_[0].kind == Kind::ByteLevel && steps_[0].use_regex && !steps_[0].add_prefix_space;
}

void PreTokenizer::apply(Pieces& pieces) const {
    std::vector<TextRange> matches, next;
    for (const Step& s : steps_) {
        const std::string& text = pieces.text.text;
        switch (s.kind) {
            case Kind::ByteLevel: {
                if (s.add_prefix_space)
                    rewrite(pieces, [&](AlignedBuilder& out, const TextRange& r) {
                        if (r.end > r.begin && pieces.text.text[r.begin] != ' ') out.replace(r.begin, r.begin, " ");
                        out.copy(r.begin, r.end);
                    });
                if (!s.use_regex) break;
                // GPT-2's pattern, on the hand-written matcher (pretokenize.h).
                next.clear();
                DecodedText decoded;
                std::vector<Piece> parts;
                for (const auto& r : pieces.ranges) {
                    if (r.fixed_id >= 0) {
                        next.push_back(r);
                        continue;
                    }
                    decode_utf8(std::string_view(pieces.text.text).substr(r.begin, r.end - r.begin), r.begin, decoded);
                    pretokenize(decoded, parts);
                    for (const auto& p : parts) next.push_back({decoded.pos[p.begin], decoded.pos[p.end], -1});
                }
                pieces.ranges.swap(next);
                break;
            }
            case Kind::Split:
            case Kind::Digits: {
                next.clear();
                for (const auto& r : pieces.ranges) {
                    if (r.fixed_id >= 0) {
                        next.push_back(r);
                        continue;
                    }
                    matches.clear();
                    if (s.kind == Kind::Digits) find_digits(text, r.begin, r.end, s.individual_digits, matches);
                    else if (s.regex) s.regex->find_all(text, r.begin, r.end, matches);
                    else find_literal(text, r.begin, r.end, s.literal, matches);
                    if (s.kind == Kind::Digits)
                        cut(r.begin, r.end, matches, false, s.individual_digits ? Behavior::Isolated : Behavior::Contiguous, next);
                    else
                        cut(r.begin, r.end, matches, s.invert, s.behavior, next);
                }
                pieces.ranges.swap(next);
                break;
            }
            case Kind::Metaspace: {
                rewrite(pieces, [&](AlignedBuilder& out, const TextRange& r) {
                    const bool starts_with_replacement = pieces.text.text.compare(r.begin, s.replacement.size(), s.replacement) == 0;
                    const bool prepend = !starts_with_replacement &&
                                         (s.prepend == Prepend::Always ||
                                          (s.prepend == Prepend::First && pieces.text.to_input[r.begin] == 0));
                    if (prepend) out.replace(r.begin, r.begin, s.replacement);
                    std::size_t at = r.begin;
                    for (std::size_t i = r.begin; i < r.end; ++i)
                        if (pieces.text.text[i] == ' ') {
                            out.copy(at, i);
                            out.replace(i, i + 1, s.replacement);
                            at = i + 1;
                        }
                    out.copy(at, r.end);
                });
                if (!s.split) break;
                next.clear();
                for (const auto& r : pieces.ranges) {
                    if (r.fixed_id >= 0) {
                        next.push_back(r);
                        continue;
                    }
                    matches.clear();
                    find_literal(pieces.text.text, r.begin, r.end, s.replacement, matches);
                    cut(r.begin, r.end, matches, false, Behavior::MergedWithNext, next);
                }
                pieces.ranges.swap(next);
                break;
            }
        }
    }
}

}  // namespace lancet::tokenizer_detail
