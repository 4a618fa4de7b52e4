#include "tokenizer/added_tokens.h"

#include "tokenizer/aligned_text.h"
#include "tokenizer/pretokenize.h"

#include <algorithm>

namespace lancet::tokenizer_detail {

namespace {

// The code point that ends just before byte i of valid UTF-8.
char32_t code_point_before(std::string_view text, std::size_t i) {
    std::size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) --j;
    return utf8_at(text, j);
}

std::size_t length_before(std::string_view text, std::size_t i) {
    std::size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) --j;
    return i - j;
}

bool is_word_char(char32_t c) {
    if (c == U'_') return true;
    const CharClass k = char_class(c);
    return k == kLetter || k == kNumber;
}

}  // namespace

void AddedTokens::add(AddedToken token) {
    if (token.match.empty()) token.match = token.content;
    for (auto& t : tokens_)
        if (t.content == token.content) {
            t = std::move(token);
            return;
        }
    tokens_.push_back(std::move(token));
}

void AddedTokens::finish() {
    std::stable_sort(tokens_.begin(), tokens_.end(), [](const AddedToken& x, const AddedToken& y) { return x.match.size() > y.match.size(); });
    for (auto& f : first_byte_) f.fill(false);
    for (auto& row : has_) row[0] = row[1] = false;
    for (const auto& t : tokens_) {
        if (t.match.empty()) continue;
        first_byte_[t.normalized][static_cast<unsigned char>(t.match[0])] = true;
        has_[t.normalized][t.special] = true;
    }
}

bool AddedTokens::any(bool allow_special, bool normalized) const {
    return has_[normalized][0] || (allow_special && has_[normalized][1]);
}

void AddedTokens::find(std::string_view text, bool allow_special, bool normalized, std::vector<AddedMatch>& out) const {
    if (!any(allow_special, normalized)) return;
    const auto& first = first_byte_[normalized];
    std::size_t floor = 0;  // the end of the previous match: lstrip stops there
    for (std::size_t i = 0; i < text.size();) {
        if (!first[static_cast<unsigned char>(text[i])]) {
            ++i;
            continue;
        }
        const AddedToken* hit = nullptr;
        for (const auto& t : tokens_) {
            if (t.normalized != normalized || (t.special && !allow_special) || t.match.empty()) continue;
            if (text.compare(i, t.match.size(), t.match) != 0) continue;
            if (t.single_word) {
                const std::size_t e = i + t.match.size();
                if ((i > 0 && is_word_char(code_point_before(text, i))) || (e < text.size() && is_word_char(utf8_at(text, e))))
                    continue;
            }
            hit = &t;
            break;
        }
        if (!hit) {
            ++i;
            continue;
        }
        std::size_t begin = i, end = i + hit->match.size();
        if (hit->lstrip)
            while (begin > floor && is_unicode_white_space(code_point_before(text, begin))) begin -= length_before(text, begin);
        if (hit->rstrip)
            while (end < text.size() && is_unicode_white_space(utf8_at(text, end)))
                end += utf8_length(static_cast<unsigned char>(text[end]));
        out.push_back({begin, end, hit->id});
        floor = end;
        i = end;
    }
}

}  // namespace lancet::tokenizer_detail
