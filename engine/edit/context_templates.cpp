#include "edit/context_templates.h"

#include "model/generate.h"
#include "model/model.h"

#include <map>
#include <mutex>
#include <sstream>
#include <tuple>

#ifdef LANCET_HAVE_ICU
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#endif

namespace lancet {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
}

std::string nfkd(const std::string& text) {
#ifdef LANCET_HAVE_ICU
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status) || n == nullptr) return text;
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(text);
    icu::UnicodeString out = n->normalize(in, status);
    if (U_FAILURE(status)) return text;
    std::string result;
    out.toUTF8String(result);
    return result;
#else
    return text;
#endif
}

std::mutex g_cache_mutex;
std::map<std::string, std::vector<std::string>>& template_cache() {
    static std::map<std::string, std::vector<std::string>> cache;
    return cache;
}

std::string cache_key(const Model& model, const ContextTemplateOptions& o) {
    std::ostringstream os;
    os << model.fingerprint() << "|" << model.device().str() << "|seed=" << o.seed << "|k=" << o.top_k;
    for (const auto& p : o.length_params) os << "|" << p.first << "x" << p.second;
    return os.str();
}

}  // namespace

std::string sanitize_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t len = 0;
        uint32_t lo = 0x80, hi = 0xBF;
        if (c < 0x80) len = 1;
        else if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        size_t k = 1;
        for (; k < len && i + k < n; ++k) {
            unsigned char b = p[i + k];
            uint32_t l = (k == 1) ? lo : 0x80, h = (k == 1) ? hi : 0xBF;
            if (b < l || b > h) break;
        }
        if (k == len) {
            out.append(s, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";  // one replacement per maximal ill-formed subpart
            i += k;
        }
    }
    return out;
}

std::string clean_generated_text(const std::string& text) {
    std::string s = nfkd(sanitize_utf8(text));
    replace_all(s, "\n\n", " ");
    replace_all(s, "<|endoftext|>", "");
    return s;
}

Expected<std::vector<std::string>> generate_context_templates(const Model& model, const ContextTemplateOptions& o,
                                                              const JobContext& job) {
    return capture([&] {
        const Tokenizer& tok = model.tokenizer();
        std::optional<int64_t> start = tok.eos_id();
        if (!start) start = tok.bos_id();
        if (!start)
            fail(ErrorCode::InvalidArgument,
                 "cannot generate context templates: the tokenizer has no end-of-text or BOS token to start "
                 "from; pass the templates explicitly");
        std::vector<std::string> templates{"{}"};
        int group = 0;
        for (const auto& [length, count] : o.length_params) {
            if (count <= 0) continue;
            if (length < 2) fail(ErrorCode::InvalidArgument, "context template length must be at least 2 tokens");
            GenerateOptions g;
            g.greedy = false;
            g.top_k = o.top_k;
            g.max_new_tokens = length - 1;  // the reference's max_out_len counts the start token
            g.stop_at_eos = false;          // generate_fast runs to max_out_len, then strips <|endoftext|>
            // Each group gets its own stream; rows within a group get theirs from generate().
            g.seed = o.seed * 1000003ull + static_cast<uint64_t>(group) * 0x632BE59BD9B4E019ull;
            std::vector<std::vector<int64_t>> prompts(static_cast<size_t>(count), std::vector<int64_t>{*start});
            auto gens = generate(model, prompts, g, job);
            if (!gens) throw EngineException(gens.error().with_context("generating context templates"));
            for (const auto& gen : gens.value()) {
                std::string text = clean_generated_text(tok.decode(gen.new_ids));
                std::string stripped;
                for (char ch : text)
                    if (ch != '{' && ch != '}') stripped += ch;
                templates.push_back(stripped + ". {}");
            }
            ++group;
        }
        return templates;
    });
}

Expected<std::vector<std::string>> context_templates(const Model& model, const ContextTemplateOptions& o,
                                                     const JobContext& job) {
    const std::string key = cache_key(model, o);
    {
        std::lock_guard<std::mutex> lock(g_cache_mutex);
        auto it = template_cache().find(key);
        if (it != template_cache().end()) return it->second;
    }
    auto generated = generate_context_templates(model, o, job);
    if (!generated) return generated.error();
    std::lock_guard<std::mutex> lock(g_cache_mutex);
    template_cache()[key] = generated.value();
    return generated;
}

void clear_context_template_cache() {
    std::lock_guard<std::mutex> lock(g_cache_mutex);
    template_cache().clear();
}

}  // namespace lancet
