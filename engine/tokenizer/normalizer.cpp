#include "tokenizer/normalizer.h"

#include "core/result.h"

#include <nlohmann/json.hpp>

#ifdef LANCET_TOKENIZER_HAVE_ICU
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#endif

namespace lancet::tokenizer_detail {

namespace {

using json = nlohmann::json;

const json& need_string_field(const json& config, const char* key, const std::string& where) {
    auto it = config.find(key);
    if (it == config.end() || !it->is_string())
        fail(ErrorCode::InvalidFile, where + "." + key + " must be a string");
    return *it;
}

#ifdef LANCET_TOKENIZER_HAVE_ICU

const UNormalizer2* icu_normalizer(const std::string& form, const std::string& where) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* n = form == "NFC"    ? unorm2_getNFCInstance(&status)
                            : form == "NFD"  ? unorm2_getNFDInstance(&status)
                            : form == "NFKC" ? unorm2_getNFKCInstance(&status)
                                             : unorm2_getNFKDInstance(&status);
    if (U_FAILURE(status) || !n) fail(ErrorCode::Internal, where + ": ICU has no " + form + " normalizer: " + u_errorName(status));
    return n;
}

// Normalizes `chunk` (valid UTF-8 that starts at a normalization boundary).
std::string icu_normalize(const UNormalizer2* n, std::string_view chunk) {
    UErrorCode status = U_ZERO_ERROR;
    std::u16string in(chunk.size() + 1, u'\0');
    int32_t in_len = 0;
    u_strFromUTF8(reinterpret_cast<UChar*>(in.data()), int32_t(in.size()), &in_len, chunk.data(), int32_t(chunk.size()), &status);
    if (U_FAILURE(status)) return std::string(chunk);
    std::u16string out(std::size_t(in_len) * 4 + 8, u'\0');
    status = U_ZERO_ERROR;
    const int32_t out_len = unorm2_normalize(n, reinterpret_cast<const UChar*>(in.data()), in_len,
                                             reinterpret_cast<UChar*>(out.data()), int32_t(out.size()), &status);
    if (U_FAILURE(status)) return std::string(chunk);
    std::string utf8(std::size_t(out_len) * 3 + 4, '\0');
    int32_t utf8_len = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8.data(), int32_t(utf8.size()), &utf8_len, reinterpret_cast<const UChar*>(out.data()), out_len, &status);
    if (U_FAILURE(status)) return std::string(chunk);
    utf8.resize(std::size_t(utf8_len));
    return utf8;
}

// Normalizes chunk by chunk, a chunk running from one character with a
// normalization boundary before it to the next, so that each chunk's result
// maps back to the chunk's own bytes. ASCII and inert characters are copied.
AlignedText unicode_normalize(const UNormalizer2* n, const AlignedText& in) {
    const std::string& t = in.text;
    std::size_t i = 0;
    while (i < t.size() && static_cast<unsigned char>(t[i]) < 0x80) ++i;
    if (i == t.size()) return in;  // ASCII is fixed under every normalization form
    if (i > 0) --i;                 // the last ASCII letter may compose with what follows
    AlignedBuilder out(in);
    out.copy(0, i);
    while (i < t.size()) {
        const std::size_t start = i;
        const char32_t c = utf8_at(t, i);
        i += utf8_length(static_cast<unsigned char>(t[i]));
        const std::size_t first_end = i;
        while (i < t.size() && !unorm2_hasBoundaryBefore(n, UChar32(utf8_at(t, i))))
            i += utf8_length(static_cast<unsigned char>(t[i]));
        if (i == first_end && (c < 0x80 || unorm2_isInert(n, UChar32(c)))) {
            out.copy(start, i);
            continue;
        }
        const std::string_view chunk(t.data() + start, i - start);
        const std::string normalized = icu_normalize(n, chunk);
        if (normalized == chunk) out.copy(start, i);
        else out.replace(start, i, normalized);
    }
    return out.finish();
}

#endif

AlignedText replace_all(const AlignedText& in, const std::string& pattern, const std::string& content) {
    if (pattern.empty() || in.text.find(pattern) == std::string::npos) return in;
    AlignedBuilder out(in);
    std::size_t at = 0;
    for (std::size_t hit; (hit = in.text.find(pattern, at)) != std::string::npos; at = hit + pattern.size()) {
        out.copy(at, hit);
        out.replace(hit, hit + pattern.size(), content);
    }
    out.copy(at, in.text.size());
    return out.finish();
}

AlignedText replace_regex(const AlignedText& in, const Regex& regex, const std::string& content) {
    std::vector<TextRange> matches;
    regex.find_all(in.text, 0, in.text.size(), matches);
    if (matches.empty()) return in;
    AlignedBuilder out(in);
    std::size_t at = 0;
    for (const auto& m : matches) {
        out.copy(at, m.begin);
        out.replace(m.begin, m.end, content);
        at = m.end;
    }
    out.copy(at, in.text.size());
    return out.finish();
}

}  // namespace

void Normalizer::parse_into(const json& config, const std::string& where, std::vector<Step>& steps) {
    if (config.is_null()) return;
    if (!config.is_object()) fail(ErrorCode::InvalidFile, where + " is not an object");
    auto type_it = config.find("type");
    if (type_it == config.end() || !type_it->is_string()) fail(ErrorCode::InvalidFile, where + ".type is missing or not a string");
    const std::string type = type_it->get<std::string>();
    if (type == "Sequence") {
        auto items = config.find("normalizers");
        if (items == config.end() || !items->is_array()) fail(ErrorCode::InvalidFile, where + ".normalizers must be an array");
        for (std::size_t i = 0; i < items->size(); ++i)
            parse_into((*items)[i], where + ".normalizers[" + std::to_string(i) + "]", steps);
        return;
    }
    if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD") {
#ifdef LANCET_TOKENIZER_HAVE_ICU
        Step s{type == "NFC" ? Kind::Nfc : type == "NFD" ? Kind::Nfd : type == "NFKC" ? Kind::Nfkc : Kind::Nfkd, {}, {}, {}, nullptr};
        s.icu = icu_normalizer(type, where);
        steps.push_back(std::move(s));
        return;
#else
        fail(ErrorCode::Unsupported, where + ": the " + type + " normalizer needs ICU, which this build of Lancet lacks (libicu-dev)");
#endif
    }
    if (type == "Prepend") {
        steps.push_back({Kind::Prepend, need_string_field(config, "prepend", where).get<std::string>(), {}, {}, nullptr});
        return;
    }
    if (type == "Replace") {
        auto pattern = config.find("pattern");
        const std::string content = need_string_field(config, "content", where).get<std::string>();
        if (pattern != config.end() && pattern->is_object()) {
            if (auto str = pattern->find("String"); str != pattern->end() && str->is_string()) {
                steps.push_back({Kind::ReplaceString, str->get<std::string>(), content, {}, nullptr});
                return;
            }
            if (auto re = pattern->find("Regex"); re != pattern->end() && re->is_string()) {
                steps.push_back({Kind::ReplaceRegex, re->get<std::string>(), content,
                                 Regex::compile(re->get<std::string>(), where + ".pattern.Regex"), nullptr});
                return;
            }
        }
        fail(ErrorCode::InvalidFile, where + ".pattern must be {\"String\": ...} or {\"Regex\": ...}");
    }
    fail(ErrorCode::Unsupported, where + ": normalizer type \"" + type +
                                     "\" is not supported (NFC, NFD, NFKC, NFKD, Prepend, Replace, Sequence are)");
}

Normalizer Normalizer::parse(const json& config, const std::string& where) {
    Normalizer n;
    parse_into(config, where, n.steps_);
    return n;
}

void Normalizer::apply(AlignedText& text) const {
    for (const Step& s : steps_) {
        switch (s.kind) {
            case Kind::Nfc:
            case Kind::Nfd:
            case Kind::Nfkc:
            case Kind::Nfkd:
#ifdef LANCET_TOKENIZER_HAVE_ICU
                text = unicode_normalize(static_cast<const UNormalizer2*>(s.icu), text);
#endif
                break;
            case Kind::Prepend:
                // Hugging Face prepends only to a non-empty string.
                if (!text.text.empty()) {
                    AlignedBuilder out(text);
                    out.replace(0, 0, s.text);
                    out.copy(0, text.text.size());
                    text = out.finish();
                }
                break;
            case Kind::ReplaceString: text = replace_all(text, s.text, s.content); break;
            case Kind::ReplaceRegex: text = replace_regex(text, *s.regex, s.content); break;
        }
    }
}

std::string Normalizer::apply_to(const std::string& text) const {
    AlignedText t;
    t.text = text;
    t.to_input.resize(text.size() + 1, 0);
    apply(t);
    return t.text;
}

}  // namespace lancet::tokenizer_detail
