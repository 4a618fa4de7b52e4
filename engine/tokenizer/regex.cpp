#include "tokenizer/regex.h"

#include "core/result.h"

#ifdef LANCET_TOKENIZER_HAVE_ONIGURUMA
#include <oniguruma.h>
#endif

#include <mutex>

namespace lancet::tokenizer_detail {

#ifdef LANCET_TOKENIZER_HAVE_ONIGURUMA

namespace {

void initialize_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        OnigEncoding encodings[] = {ONIG_ENCODING_UTF8};
        onig_initialize(encodings, 1);
    });
}

std::string onig_message(int code, OnigErrorInfo* info) {
    OnigUChar buf[ONIG_MAX_ERROR_MESSAGE_LEN];
    const int n = info ? onig_error_code_to_str(buf, code, info) : onig_error_code_to_str(buf, code);
    return std::string(reinterpret_cast<const char*>(buf), n > 0 ? std::size_t(n) : 0);
}

}  // namespace

bool Regex::available() { return true; }

std::shared_ptr<const Regex> Regex::compile(const std::string& pattern, const std::string& where) {
    initialize_once();
    std::shared_ptr<Regex> re(new Regex());
    OnigRegex compiled = nullptr;
    OnigErrorInfo info{};
    const auto* p = reinterpret_cast<const OnigUChar*>(pattern.data());
    const int rc = onig_new(&compiled, p, p + pattern.size(), ONIG_OPTION_NONE, ONIG_ENCODING_UTF8, ONIG_SYNTAX_RUBY, &info);
    if (rc != ONIG_NORMAL) {
        std::string shown = pattern.substr(0, 120) + (pattern.size() > 120 ? "..." : "");
        fail(ErrorCode::InvalidFile, where + ": the regular expression \"" + shown + "\" does not compile: " + onig_message(rc, &info));
    }
    re->compiled_ = compiled;
    return re;
}

Regex::~Regex() {
    if (compiled_) onig_free(static_cast<OnigRegex>(compiled_));
}

void Regex::find_all(std::string_view text, std::size_t from, std::size_t to, std::vector<TextRange>& out) const {
    auto* re = static_cast<OnigRegex>(compiled_);
    const auto* base = reinterpret_cast<const OnigUChar*>(text.data()) + from;
    const auto* end = reinterpret_cast<const OnigUChar*>(text.data()) + to;
    OnigRegion* region = onig_region_new();
    std::size_t pos = 0;
    const std::size_t n = to - from;
    while (pos < n) {
        const int r = onig_search(re, base, end, base + pos, end, region, ONIG_OPTION_NONE);
        if (r < 0) break;  // ONIG_MISMATCH, or a limit: no further matches
        const std::size_t b = std::size_t(region->beg[0]), e = std::size_t(region->end[0]);
        if (e > b) {
            out.push_back({from + b, from + e, -1});
            pos = e;
        } else {  // an empty match: try again one character on
            if (b >= n) break;
            pos = b + utf8_length(base[b]);
        }
    }
    onig_region_free(region, 1);
}

#else

bool Regex::available() { return false; }

std::shared_ptr<const Regex> Regex::compile(const std::string& pattern, const std::string& where) {
    fail(ErrorCode::Unsupported, where + ": this build of Lancet has no regular expression engine (Oniguruma, Debian "
                                         "package libonig-dev), so the pattern \"" + pattern.substr(0, 120) +
                                         "\" cannot be used");
}

Regex::~Regex() = default;

void Regex::find_all(std::string_view, std::size_t, std::size_t, std::vector<TextRange>&) const {}

#endif

}  // namespace lancet::tokenizer_detail
