#include "tokenizer/pretokenize.h"

#include <algorithm>
#include <array>
#include <memory>

namespace lancet::tokenizer_detail {

namespace {

struct UnicodeRange {
    char32_t first;
    char32_t last;
    CharClass cls;
};

// \p{L} and \p{N} as the reference's regex engine sees them. Generated from
// node rather than taken from the system's ICU so that the result does not
// depend on the machine (Debian 12's ICU 72 is Unicode 15.0 and calls ~9,600
// letters of Unicode 15.1-17.0 unassigned) and needs no library at all.
#include "tokenizer/unicode_tables.inc"

// JavaScript's \s (ECMA-262 WhiteSpace + LineTerminator): fixed, not Unicode-versioned.
constexpr bool is_js_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

CharClass lookup_class(char32_t c) {
    if (is_js_space(c)) return kSpace;
    const auto* end = std::end(kLetterNumberRanges);
    const auto* it = std::upper_bound(std::begin(kLetterNumberRanges), end, c,
                                      [](char32_t v, const UnicodeRange& r) { return v < r.first; });
    if (it == std::begin(kLetterNumberRanges)) return kOther;
    --it;
    return c <= it->last ? it->cls : kOther;
}

// The Basic Multilingual Plane by table (64 KiB, built once); the rest by search.
const std::array<CharClass, 0x10000>& bmp_classes() {
    static const std::unique_ptr<std::array<CharClass, 0x10000>> table = [] {
        auto t = std::make_unique<std::array<CharClass, 0x10000>>();
        t->fill(kOther);
        for (const auto& r : kLetterNumberRanges) {
            if (r.first > 0xFFFF) break;
            for (char32_t c = r.first; c <= std::min<char32_t>(r.last, 0xFFFF); ++c) (*t)[c] = r.cls;
        }
        for (char32_t c = 0; c <= 0xFFFF; ++c)
            if (is_js_space(c)) (*t)[c] = kSpace;
        return t;
    }();
    return *table;
}

}  // namespace

CharClass char_class(char32_t cp) {
    if (cp <= 0xFFFF) return bmp_classes()[cp];
    return lookup_class(cp);
}

const char* unicode_version() { return LANCET_TOKENIZER_UNICODE_VERSION; }

void decode_utf8(std::string_view bytes, std::size_t base, DecodedText& out) {
    out.cps.clear();
    out.classes.clear();
    out.pos.clear();
    out.replaced.clear();
    out.had_invalid = false;
    const std::size_t n = bytes.size();
    out.cps.reserve(n);
    out.classes.reserve(n);
    out.pos.reserve(n + 1);
    out.replaced.reserve(n);
    const auto& bmp = bmp_classes();
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());

    auto push = [&](char32_t cp, std::size_t at, bool replaced) {
        out.cps.push_back(cp);
        out.classes.push_back(cp <= 0xFFFF ? bmp[cp] : lookup_class(cp));
        out.pos.push_back(base + at);
        out.replaced.push_back(replaced ? 1 : 0);
        if (replaced) out.had_invalid = true;
    };

    std::size_t i = 0;
    while (i < n) {
        const unsigned b = s[i];
        if (b < 0x80) {
            push(b, i, false);
            ++i;
            continue;
        }
        int need = 0;
        unsigned lo = 0x80, hi = 0xBF;
        char32_t cp = 0;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            cp = b & 0x0F;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;  // no encoded surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            cp = b & 0x07;
            if (b == 0xF0) lo = 0x90;  // no overlong forms
            if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
        } else {
            push(kReplacement, i, true);  // a continuation byte or C0, C1, F5..FF: never valid here
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        bool ok = true;
        for (int k = 0; k < need; ++k, ++j) {
            if (j >= n || s[j] < lo || s[j] > hi) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (s[j] & 0x3F);
            lo = 0x80;
            hi = 0xBF;
        }
        // On failure [i, j) is the maximal subpart: one U+FFFD, and the byte at j starts afresh.
        push(ok ? cp : kReplacement, i, !ok);
        i = j;
    }
    out.pos.push_back(base + n);
}

void pretokenize(const DecodedText& text, std::vector<Piece>& out) {
    out.clear();
    const auto& cps = text.cps;
    const auto& cls = text.classes;
    const std::size_t n = cps.size();
    std::size_t i = 0;
    while (i < n) {
        const char32_t c = cps[i];
        // 's|'t|'re|'ve|'m|'ll|'d  (case-sensitive, as in the reference)
        if (c == U'\'' && i + 1 < n) {
            const char32_t c1 = cps[i + 1];
            if (c1 == U's' || c1 == U't' || c1 == U'm' || c1 == U'd') {
                out.push_back({i, i + 2});
                i += 2;
                continue;
            }
            if (i + 2 < n) {
                const char32_t c2 = cps[i + 2];
                if ((c1 == U'r' && c2 == U'e') || (c1 == U'v' && c2 == U'e') || (c1 == U'l' && c2 == U'l')) {
                    out.push_back({i, i + 3});
                    i += 3;
                    continue;
                }
            }
        }
        //  ?\p{L}+ |  ?\p{N}+ |  ?[^\s\p{L}\p{N}]+   (the optional prefix is U+0020 only)
        std::size_t j = i;
        CharClass k = cls[i];
        if (c == U' ' && i + 1 < n && cls[i + 1] != kSpace) {
            j = i + 1;
            k = cls[j];
        }
        if (k != kSpace) {
            while (j < n && cls[j] == k) ++j;
            out.push_back({i, j});
            i = j;
            continue;
        }
        // \s+(?!\S) | \s+ : a whitespace run, less its last character when a
        // non-space follows it (that character then prefixes the next word, or
        // stands alone when the run has only one character).
        j = i;
        while (j < n && cls[j] == kSpace) ++j;
        if (j < n && j - i >= 2) --j;
        out.push_back({i, j});
        i = j;
    }
}

}  // namespace lancet::tokenizer_detail
