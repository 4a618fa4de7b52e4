// GPT-2 byte-level BPE tokenizer (engine/tokenizer).
//
// The reference check encodes tests/tokenizer/corpus.txt plus generated cases
// with the npm package gpt-3-encoder (tests/tokenizer/reference_encode.js) and
// compares ids exactly. It needs node and the package:
//
//   npm install --prefix build/npm gpt-3-encoder@1.1.4
//   export LANCET_NODE_MODULES=$PWD/build/npm/node_modules
//
// Without them it prints "SKIP: ..." and passes, unless LANCET_REQUIRE_NODE is
// set (CI sets it), in which case it fails. LANCET_NODE names the node binary
// (default: node on PATH).
#include "check.h"
#include "test_tokenizer_support.h"

#include "tokenizer/bpe.h"
#include "tokenizer/pretokenize.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_tokenizer {

namespace {

namespace fs = std::filesystem;
using namespace lancet_tokenizer_test;
namespace td = lancet::tokenizer_detail;
using lancet::Encoding;
using lancet::ErrorCode;
using lancet::Tokenizer;
using json = nlohmann::json;

std::string gpt2_dir() { return lancet::test::source_dir() + "/resources/tokenizers/gpt2"; }

const Tokenizer& gpt2() {
    static const std::optional<Tokenizer> tok = [] {
        auto t = Tokenizer::from_vocab_merges(gpt2_dir() + "/vocab.json", gpt2_dir() + "/merges.txt");
        if (!t.ok()) std::cerr << "  cannot load GPT-2 tokenizer: " << t.error().message << "\n";
        return t.ok() ? std::optional<Tokenizer>(t.value()) : std::nullopt;
    }();
    if (!tok) throw std::runtime_error("GPT-2 tokenizer did not load");
    return *tok;
}

// Code points around every \p{L} / \p{N} range boundary and a stride through
// all of Unicode, each between an ASCII letter and a digit so that its class
// decides the split. Only compared when node's Unicode version is the tables'.
std::vector<Case> sweep_cases() {
    std::vector<char32_t> cps;
    for (char32_t c = 0x80; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 61)) cps.push_back(c);
    std::vector<Case> cases;
    std::string text;
    std::size_t count = 0;
    char32_t first = 0;
    for (char32_t c : cps) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        if (count == 0) first = c;
        text += "a";
        append_utf8(text, c);
        text += "1 ";
        if (++count == 256) {
            std::ostringstream origin;
            origin << "sweep from U+" << std::hex << std::uppercase << uint32_t(first);
            cases.push_back({text, origin.str()});
            text.clear();
            count = 0;
        }
    }
    if (!text.empty()) cases.push_back({text, "sweep tail"});
    return cases;
}

// ---- the reference

struct Reference {
    std::optional<std::string> skip;  // why the reference could not run
    std::string unicode;
    std::string version;
    std::vector<std::vector<int64_t>> ids;
};

Reference run_reference(const std::vector<Case>& cases) {
    Reference ref;
    const char* node_env = std::getenv("LANCET_NODE");
    const std::string node = node_env && *node_env ? node_env : "node";
    const char* modules = std::getenv("LANCET_NODE_MODULES");
    const std::string install_hint =
        " (to run it: npm install --prefix build/npm gpt-3-encoder@1.1.4 && "
        "export LANCET_NODE_MODULES=$PWD/build/npm/node_modules)";
    if (!modules || !*modules) {
        ref.skip = "reference tokenizer not compared: LANCET_NODE_MODULES is not set" + install_hint;
        return ref;
    }
    if (std::system((shell_quote(node) + " --version > /dev/null 2>&1").c_str()) != 0) {
        ref.skip = "reference tokenizer not compared: '" + node + "' does not run (set LANCET_NODE or put node on PATH)";
        return ref;
    }
    const std::string dir = lancet::test::scratch_dir("tokenizer-reference");
    json input = json::array();
    for (const auto& c : cases) input.push_back(base64(c.text));
    write_text(dir + "/cases.json", input.dump());
    const std::string script = lancet::test::source_dir() + "/tests/tokenizer/reference_encode.js";
    const std::string command = shell_quote(node) + " " + shell_quote(script) + " " + shell_quote(dir + "/cases.json") +
                                " > " + shell_quote(dir + "/ids.json") + " 2> " + shell_quote(dir + "/stderr.txt");
    const int status = std::system(command.c_str());
    const std::string err = read_text(dir + "/stderr.txt");
    if (status != 0) {
        const bool missing = WIFEXITED(status) && WEXITSTATUS(status) == 3;
        ref.skip = std::string(missing ? "reference tokenizer not compared: " : "reference script failed: ") + err +
                   (missing ? install_hint : "");
        if (!missing) ::lancet::test::record_failure(__FILE__, __LINE__, *ref.skip);
        return ref;
    }
    const json out = json::parse(read_text(dir + "/ids.json"));
    ref.unicode = out.at("unicode").get<std::string>();
    ref.version = out.at("encoder").get<std::string>();
    for (const auto& row : out.at("ids")) {
        std::vector<int64_t> ids;
        for (const auto& v : row) ids.push_back(v.is_null() ? -1 : v.get<int64_t>());
        ref.ids.push_back(std::move(ids));
    }
    return ref;
}

// Compares ids; reports the first difference of a case in detail. Returns whether they agree.
bool compare_ids(const Case& c, const std::vector<int64_t>& expected, const std::vector<int64_t>& actual,
                 const Tokenizer& tok) {
    if (expected == actual) return true;
    std::size_t k = 0;
    while (k < expected.size() && k < actual.size() && expected[k] == actual[k]) ++k;
    std::ostringstream os;
    os << "reference mismatch in " << c.origin << " \"" << escaped(c.text) << "\": first difference at token " << k
       << "; reference " << ids_text(expected, k > 2 ? k - 2 : 0) << " (" << expected.size() << " tokens), ours "
       << ids_text(actual, k > 2 ? k - 2 : 0) << " (" << actual.size() << " tokens)";
    if (k < expected.size() && expected[k] >= 0) os << "; reference token " << k << " is \"" << escaped(tok.token_bytes(expected[k])) << "\"";
    if (k < actual.size()) os << ", ours is \"" << escaped(tok.token_bytes(actual[k])) << "\"";
    ::lancet::test::record_failure(__FILE__, __LINE__, os.str());
    return false;
}

std::vector<std::string> pieces_of(const std::string& text) {
    td::DecodedText d;
    td::decode_utf8(text, 0, d);
    std::vector<td::Piece> pieces;
    td::pretokenize(d, pieces);
    std::vector<std::string> out;
    for (const auto& p : pieces) out.push_back(text.substr(d.pos[p.begin], d.pos[p.end] - d.pos[p.begin]));
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += "[" + escaped(s) + "]";
    return out;
}

struct ThresholdGuard {
    std::size_t saved = td::g_bpe_heap_threshold.load();
    ~ThresholdGuard() { td::g_bpe_heap_threshold.store(saved); }
};

}  // namespace

// ---- tests

LANCET_TEST(known_ids) {
    const Tokenizer& tok = gpt2();
    CHECK_EQ(ids_text(tok.encode("Hello world").ids), ids_text({15496, 995}));
    CHECK_EQ(ids_text(tok.encode(" the").ids), ids_text({262}));
    CHECK(tok.encode("").ids.empty());
    CHECK_EQ(tok.vocab_size(), 50257);
    REQUIRE(tok.eos_id().has_value());
    CHECK_EQ(tok.eos_id().value_or(-1), 50256);
    CHECK(!tok.bos_id().has_value());
    CHECK_EQ(tok.token_string(262), std::string("Ġthe"));
    CHECK_EQ(tok.token_bytes(262), std::string(" the"));
    CHECK_EQ(tok.token_id("Ġthe").value_or(-1), 262);
    CHECK_EQ(tok.token_id("Hello").value_or(-1), 15496);
    CHECK(!tok.token_id("not a token at all").has_value());
    CHECK_EQ(tok.token_bytes(198), std::string("\n"));  // "Ċ"
    CHECK_EQ(tok.token_string(198), std::string("Ċ"));
    CHECK_EQ(tok.token_bytes(50256), std::string("<|endoftext|>"));
    CHECK_EQ(tok.token_bytes(-1), std::string());
    CHECK_EQ(tok.token_bytes(50257), std::string());
    CHECK_EQ(tok.token_string(123456789), std::string());
    CHECK_EQ(tok.decode({15496, 995}), std::string("Hello world"));
    CHECK_EQ(tok.decode({15496, -5, 99999999, 995}), std::string("Hello world"));  // unknown ids contribute nothing
}

LANCET_TEST(pretokenizer_pieces) {
    CHECK_EQ(joined(pieces_of("Hello world")), joined({"Hello", " world"}));
    CHECK_EQ(joined(pieces_of("I'm here, they'll see")), joined({"I", "'m", " here", ",", " they", "'ll", " see"}));
    CHECK_EQ(joined(pieces_of("IT'S")), joined({"IT", "'", "S"}));
    CHECK_EQ(joined(pieces_of("a 's")), joined({"a", " '", "s"}));
    CHECK_EQ(joined(pieces_of("?'s")), joined({"?'", "s"}));
    CHECK_EQ(joined(pieces_of("a  b")), joined({"a", " ", " b"}));
    CHECK_EQ(joined(pieces_of("a   \n  b")), joined({"a", "   \n ", " b"}));
    CHECK_EQ(joined(pieces_of("a\tb")), joined({"a", "\t", "b"}));
    CHECK_EQ(joined(pieces_of("a \t b")), joined({"a", " \t", " b"}));
    CHECK_EQ(joined(pieces_of("end   ")), joined({"end", "   "}));
    CHECK_EQ(joined(pieces_of("x1 22 abc3")), joined({"x", "1", " 22", " abc", "3"}));
    CHECK_EQ(joined(pieces_of(" !!?? x")), joined({" !!??", " x"}));
    CHECK_EQ(joined(pieces_of("caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87")), joined({"caf\xC3\xA9", " \xE4\xB8\xAD\xE6\x96\x87"}));
    CHECK_EQ(joined(pieces_of("a\xC2\xA0" "b")), joined({"a", "\xC2\xA0", "b"}));  // NBSP is \s, but only U+0020 prefixes
    CHECK_EQ(joined(pieces_of("\xC2\xBD" "1")), joined({"\xC2\xBD" "1"}));          // ½ is \p{N}
    CHECK_EQ(td::char_class(U'a'), td::kLetter);
    CHECK_EQ(td::char_class(U'7'), td::kNumber);
    CHECK_EQ(td::char_class(U'\u00A0'), td::kSpace);
    CHECK_EQ(td::char_class(U'\uFEFF'), td::kSpace);
    CHECK_EQ(td::char_class(U'\u0085'), td::kOther);  // not JS \s
    CHECK_EQ(td::char_class(U'\u001F'), td::kOther);
    CHECK_EQ(td::char_class(U'\u4E2D'), td::kLetter);
    CHECK_EQ(td::char_class(U'\U0001D7D9'), td::kNumber);  // MATHEMATICAL DOUBLE-STRUCK DIGIT ONE
    CHECK_EQ(td::char_class(U'\U0001F600'), td::kOther);
    CHECK_EQ(td::char_class(U'\uFFFD'), td::kOther);
}

LANCET_TEST(utf8_maximal_subparts) {
    auto replacements = [](const std::string& s) {
        td::DecodedText d;
        td::decode_utf8(s, 0, d);
        std::string shape;
        for (std::size_t i = 0; i < d.cps.size(); ++i)
            shape += d.replaced[i] ? "R" + std::to_string(d.pos[i + 1] - d.pos[i]) : std::string(".");
        return shape;
    };
    CHECK_EQ(replacements("a\xC3\xA9" "b"), std::string("..."));
    CHECK_EQ(replacements("\xFF"), std::string("R1"));
    CHECK_EQ(replacements("\xC0\xAF"), std::string("R1R1"));          // C0 is never valid
    CHECK_EQ(replacements("\xE0\x80\xAF"), std::string("R1R1R1"));     // overlong: E0 needs A0..BF next
    CHECK_EQ(replacements("\xED\xA0\x80"), std::string("R1R1R1"));     // surrogate: ED needs 80..9F next
    CHECK_EQ(replacements("\xF0\x90\x80"), std::string("R3"));         // truncated 4-byte sequence: one U+FFFD
    CHECK_EQ(replacements("\xF0\x90\x80x"), std::string("R3."));
    CHECK_EQ(replacements("\xE2\x82" "a"), std::string("R2."));
    CHECK_EQ(replacements("\xF4\x90\x80\x80"), std::string("R1R1R1R1"));  // above U+10FFFF
    CHECK_EQ(replacements("\xF5\x80"), std::string("R1R1"));
    CHECK_EQ(replacements("\xEF\xBF\xBD"), std::string("."));  // a real U+FFFD is not a replacement

    // Ill-formed bytes encode as U+FFFD's tokens, with offsets into the original bytes.
    const Tokenizer& tok = gpt2();
    const std::string text = "ab\xFF" "cd";
    Encoding enc = tok.encode(text);
    CHECK(offsets_cover(text, enc));
    CHECK_EQ(ids_text(tok.encode("ab\xEF\xBF\xBD" "cd").ids), ids_text(enc.ids));
    std::string decoded = tok.decode(enc.ids);
    CHECK_EQ(escaped(decoded), escaped("ab\xEF\xBF\xBD" "cd"));
}

LANCET_TEST(offsets_and_round_trip) {
    const Tokenizer& tok = gpt2();
    std::vector<Case> cases = corpus_cases();
    for (const auto& c : generated_cases(cases)) cases.push_back(c);
    int round_trips = 0;
    for (const auto& c : cases) {
        for (bool special : {false, true}) {
            const Encoding enc = tok.encode(c.text, special);
            if (!offsets_cover(c.text, enc)) {
                ::lancet::test::record_failure(__FILE__, __LINE__, "offsets do not cover " + c.origin + " \"" + escaped(c.text) + "\"");
                continue;
            }
            if (!valid_utf8(c.text)) continue;
            ++round_trips;
            if (tok.decode(enc.ids) != c.text)
                ::lancet::test::record_failure(__FILE__, __LINE__, "decode(encode(x)) != x for " + c.origin + " \"" + escaped(c.text) + "\"");
            for (std::size_t i = 0; i < enc.ids.size(); ++i) {
                const auto& span = enc.offsets[i];
                if (c.text.substr(span.begin, span.end - span.begin) != tok.token_bytes(enc.ids[i])) {
                    ::lancet::test::record_failure(__FILE__, __LINE__, "token " + std::to_string(i) + " of " + c.origin + " does not span its bytes");
                    break;
                }
            }
        }
    }
    CHECK(round_trips > 400);
}

LANCET_TEST(special_tokens) {
    const Tokenizer& tok = gpt2();
    const std::string text = "a<|endoftext|>b";
    Encoding plain = tok.encode(text);
    CHECK(std::find(plain.ids.begin(), plain.ids.end(), 50256) == plain.ids.end());
    Encoding special = tok.encode(text, true);
    CHECK_EQ(ids_text(special.ids), ids_text({64, 50256, 65}));
    REQUIRE(special.offsets.size() == 3);
    CHECK_EQ(special.offsets[1].begin, 1u);
    CHECK_EQ(special.offsets[1].end, 14u);
    CHECK(offsets_cover(text, special));
    Encoding twice = tok.encode("<|endoftext|><|endoftext|>", true);
    CHECK_EQ(ids_text(twice.ids), ids_text({50256, 50256}));
    Encoding around = tok.encode(" Hello<|endoftext|> world", true);
    CHECK_EQ(ids_text(around.ids), ids_text({18435, 50256, 995}));
    CHECK_EQ(ids_text(tok.encode("<|endoftext", true).ids), ids_text(tok.encode("<|endoftext").ids));
}

LANCET_TEST(tokens_covering_subject) {
    const Tokenizer& tok = gpt2();
    const std::string text = "The Space Needle is located in downtown Seattle.";
    const Encoding enc = tok.encode(text);
    const std::size_t at = text.find(" Space Needle");
    auto [first, last] = Tokenizer::tokens_covering(enc, at, at + std::string(" Space Needle").size());
    REQUIRE(last > first);
    std::vector<int64_t> subject(enc.ids.begin() + std::ptrdiff_t(first), enc.ids.begin() + std::ptrdiff_t(last));
    CHECK_EQ(tok.decode(subject), std::string(" Space Needle"));
    CHECK_EQ(first, 1u);
    CHECK_EQ(ids_text(subject), ids_text(tok.encode(" Space Needle").ids));
    // Without the leading space the same tokens overlap the range.
    auto [f2, l2] = Tokenizer::tokens_covering(enc, at + 1, at + std::string(" Space Needle").size());
    CHECK_EQ(f2, first);
    CHECK_EQ(l2, last);
    // Part of a token selects the whole token.
    auto [f3, l3] = Tokenizer::tokens_covering(enc, at + 3, at + 4);
    CHECK_EQ(f3, first);
    CHECK_EQ(l3, first + 1);
    // Last word and period.
    const std::size_t seattle = text.find("Seattle");
    auto [f4, l4] = Tokenizer::tokens_covering(enc, seattle, text.size());
    CHECK_EQ(l4, enc.ids.size());
    CHECK_EQ(tok.decode({enc.ids.begin() + std::ptrdiff_t(f4), enc.ids.end()}), std::string(" Seattle."));
    // Empty and out-of-range ranges select nothing.
    auto [f5, l5] = Tokenizer::tokens_covering(enc, at, at);
    CHECK_EQ(f5, l5);
    auto [f6, l6] = Tokenizer::tokens_covering(enc, text.size() + 5, text.size() + 9);
    CHECK_EQ(f6, l6);
    CHECK_EQ(f6, enc.ids.size());
}

LANCET_TEST(reference_gpt3_encoder) {
    const Tokenizer& tok = gpt2();
    const std::vector<Case> corpus = corpus_cases();
    std::vector<Case> cases = corpus;
    for (const auto& c : generated_cases(corpus)) cases.push_back(c);
    const std::size_t ordinary = cases.size();
    for (const auto& c : sweep_cases()) cases.push_back(c);

    const Reference ref = run_reference(cases);
    if (ref.skip) {
        skip_or_fail(*ref.skip);
        return;
    }
    REQUIRE(ref.ids.size() == cases.size());
    const bool same_unicode = ref.unicode == td::unicode_version();
    if (!same_unicode)
        std::cout << "NOTE: node has Unicode " << ref.unicode << ", the tokenizer's tables " << td::unicode_version()
                  << "; the " << cases.size() - ordinary << " code point sweep cases are not compared\n";
    std::size_t compared = 0, equal = 0, mismatches = 0, tokens = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (i >= ordinary && !same_unicode) break;
        ++compared;
        tokens += ref.ids[i].size();
        if (compare_ids(cases[i], ref.ids[i], tok.encode(cases[i].text).ids, tok)) ++equal;
        else if (++mismatches >= 10) {
            ::lancet::test::record_failure(__FILE__, __LINE__, "stopping after 10 mismatching cases");
            break;
        }
    }
    std::cout << "  reference gpt-3-encoder " << ref.version << " (node Unicode " << ref.unicode << "): " << equal << " of "
              << compared << " cases equal (" << corpus.size() << " from corpus.txt, " << tokens << " tokens)\n";
    CHECK(compared >= 200);
}

LANCET_TEST(heap_merge_matches_quadratic_merge) {
    ThresholdGuard guard;
    td::g_bpe_heap_threshold.store(0);
    auto heap = Tokenizer::from_vocab_merges(gpt2_dir() + "/vocab.json", gpt2_dir() + "/merges.txt");
    REQUIRE_OK(heap);
    td::g_bpe_heap_threshold.store(std::size_t(1) << 40);
    auto quadratic = Tokenizer::from_vocab_merges(gpt2_dir() + "/vocab.json", gpt2_dir() + "/merges.txt");
    REQUIRE_OK(quadratic);
    std::vector<Case> cases = corpus_cases();
    for (const auto& c : generated_cases(cases))
        if (c.text.size() < 2500) cases.push_back(c);  // the quadratic loop is slow on the longest words
    int differ = 0;
    for (const auto& c : cases) {
        td::g_bpe_heap_threshold.store(0);
        auto a = heap->encode(c.text).ids;
        td::g_bpe_heap_threshold.store(std::size_t(1) << 40);
        auto b = quadratic->encode(c.text).ids;
        if (a != b && ++differ < 5)
            ::lancet::test::record_failure(__FILE__, __LINE__, "heap and quadratic merges differ on " + c.origin + ": " +
                                                                   ids_text(a) + " vs " + ids_text(b));
    }
    CHECK_EQ(differ, 0);
}

LANCET_TEST(tokenizer_json_matches_vocab_merges) {
    const json vocab = json::parse(read_text(gpt2_dir() + "/vocab.json"));
    std::vector<std::string> merge_lines;
    {
        std::istringstream in(read_text(gpt2_dir() + "/merges.txt"));
        std::string line;
        while (std::getline(in, line))
            if (!line.empty() && line.rfind("#version", 0) != 0) merge_lines.push_back(line);
    }
    REQUIRE(merge_lines.size() == 50000);
    auto make = [&](bool pairs) {
        json merges = json::array();
        for (const auto& m : merge_lines) {
            if (!pairs) {
                merges.push_back(m);
            } else {
                const auto space = m.find(' ');
                merges.push_back(json::array({m.substr(0, space), m.substr(space + 1)}));
            }
        }
        return json{
            {"version", "1.0"},
            {"truncation", nullptr},
            {"padding", nullptr},
            {"added_tokens", json::array({json{{"id", 50256}, {"content", "<|endoftext|>"}, {"single_word", false},
                                               {"lstrip", false}, {"rstrip", false}, {"normalized", true}, {"special", true}}})},
            {"normalizer", nullptr},
            {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}}},
            {"post_processor", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}}},
            {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}}},
            {"model", {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", nullptr}, {"continuing_subword_prefix", ""},
                       {"end_of_word_suffix", ""}, {"fuse_unk", false}, {"byte_fallback", false}, {"vocab", vocab},
                       {"merges", merges}}},
        };
    };
    const Tokenizer& ref = gpt2();
    std::vector<Case> cases = corpus_cases();
    for (bool pairs : {false, true}) {
        const std::string dir = lancet::test::scratch_dir("tokenizer-json");
        write_text(dir + "/tokenizer.json", make(pairs).dump());
        auto tok = Tokenizer::from_folder(dir);
        REQUIRE_OK(tok);
        CHECK_EQ(tok->vocab_size(), 50257);
        CHECK_EQ(tok->eos_id().value_or(-1), 50256);
        for (const auto& c : cases) {
            for (bool special : {false, true}) {
                const Encoding a = tok->encode(c.text, special), b = ref.encode(c.text, special);
                if (a.ids != b.ids) {
                    ::lancet::test::record_failure(__FILE__, __LINE__, std::string(pairs ? "pair" : "string") +
                                                                           " merges: tokenizer.json differs on " + c.origin);
                    break;
                }
            }
        }
    }
}

LANCET_TEST(from_folder_and_config) {
    auto tok = Tokenizer::from_folder(gpt2_dir());
    REQUIRE_OK(tok);
    CHECK_EQ(ids_text(tok->encode("Hello world").ids), ids_text({15496, 995}));
    CHECK(!tok->bos_id().has_value());

    const std::string dir = lancet::test::scratch_dir("tokenizer-config");
    fs::copy_file(gpt2_dir() + "/vocab.json", dir + "/vocab.json");
    fs::copy_file(gpt2_dir() + "/merges.txt", dir + "/merges.txt");
    write_text(dir + "/tokenizer_config.json",
               R"({"add_bos_token": true, "bos_token": {"content": "<|endoftext|>"}, "eos_token": "<|endoftext|>"})");
    auto with_bos = Tokenizer::from_folder(dir);
    REQUIRE_OK(with_bos);
    CHECK_EQ(with_bos->bos_id().value_or(-1), 50256);
    CHECK_EQ(with_bos->eos_id().value_or(-1), 50256);
    write_text(dir + "/tokenizer_config.json", R"({"model_max_length": 1024})");
    auto plain = Tokenizer::from_folder(dir);
    REQUIRE_OK(plain);
    CHECK(!plain->bos_id().has_value());
    write_text(dir + "/tokenizer_config.json", "{not json");
    auto broken = Tokenizer::from_folder(dir);
    REQUIRE(!broken.ok());
    CHECK(broken.error().code == ErrorCode::InvalidFile);
    CHECK(broken.error().message.find("tokenizer_config.json") != std::string::npos);
}

LANCET_TEST(errors_for_missing_and_malformed_files) {
    auto expect_error = [](const lancet::Expected<Tokenizer>& r, ErrorCode code, const std::vector<std::string>& words) {
        if (r.ok()) {
            ::lancet::test::record_failure(__FILE__, __LINE__, "expected an error mentioning " + words.front());
            return;
        }
        CHECK_EQ(lancet::error_code_name(r.error().code), std::string(lancet::error_code_name(code)));
        for (const auto& w : words)
            if (r.error().message.find(w) == std::string::npos)
                ::lancet::test::record_failure(__FILE__, __LINE__, "error \"" + r.error().message + "\" does not mention \"" + w + "\"");
    };
    const std::string dir = lancet::test::scratch_dir("tokenizer-errors");
    const std::string vocab = gpt2_dir() + "/vocab.json", merges = gpt2_dir() + "/merges.txt";

    expect_error(Tokenizer::from_folder(dir + "/nope"), ErrorCode::NotFound, {dir + "/nope"});
    expect_error(Tokenizer::from_folder(dir), ErrorCode::NotFound, {dir, "tokenizer.json", "vocab.json", "merges.txt"});
    fs::copy_file(vocab, dir + "/vocab.json");
    expect_error(Tokenizer::from_folder(dir), ErrorCode::NotFound, {"missing: tokenizer.json, merges.txt"});
    expect_error(Tokenizer::from_vocab_merges(dir + "/absent.json", merges), ErrorCode::NotFound, {dir + "/absent.json"});
    expect_error(Tokenizer::from_vocab_merges(vocab, dir + "/absent.txt"), ErrorCode::NotFound, {dir + "/absent.txt"});
    expect_error(Tokenizer::from_tokenizer_json(dir + "/tokenizer.json"), ErrorCode::NotFound, {dir + "/tokenizer.json"});

    const std::string bad = dir + "/bad.json";
    write_text(bad, "{\"a\": 1, ");
    expect_error(Tokenizer::from_vocab_merges(bad, merges), ErrorCode::InvalidFile, {bad, "JSON"});
    write_text(bad, "[1, 2]");
    expect_error(Tokenizer::from_vocab_merges(bad, merges), ErrorCode::InvalidFile, {bad, "object"});
    write_text(bad, R"({"a": "one"})");
    expect_error(Tokenizer::from_vocab_merges(bad, merges), ErrorCode::InvalidFile, {bad, "'a'", "id"});
    write_text(bad, R"({"a": -3})");
    expect_error(Tokenizer::from_vocab_merges(bad, merges), ErrorCode::InvalidFile, {bad, "-3"});
    write_text(bad, R"({"a": 4000000000})");
    expect_error(Tokenizer::from_vocab_merges(bad, merges), ErrorCode::InvalidFile, {bad, "4000000000"});
    write_text(bad, R"({"a": 0, "b": 1})");
    expect_error(Tokenizer::from_vocab_merges(bad, merges), ErrorCode::InvalidFile, {bad, "byte"});

    const std::string bad_merges = dir + "/bad.txt";
    write_text(bad_merges, "#version: 0.2\nĠ t\nĠ t h\n");
    expect_error(Tokenizer::from_vocab_merges(vocab, bad_merges), ErrorCode::InvalidFile, {bad_merges, "line 3", "two tokens"});
    write_text(bad_merges, "#version: 0.2\nĠ t\nĠ zzzzqqq\n");
    expect_error(Tokenizer::from_vocab_merges(vocab, bad_merges), ErrorCode::InvalidFile, {bad_merges, "line 3", "zzzzqqq"});
    write_text(bad_merges, "#version: 0.2\r\nĠ t\r\nh e\r\n");  // CRLF and no trailing problems: fine
    CHECK(Tokenizer::from_vocab_merges(vocab, bad_merges).ok());

    const std::string tj = dir + "/tokenizer.json";
    write_text(tj, R"({"model": {"type": "WordPiece", "vocab": {}}})");
    expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::Unsupported, {tj, "WordPiece"});
    write_text(tj, R"({"pre_tokenizer": {"type": "ByteLevel"}, "model": {"type": "BPE", "vocab": {}}})");
    expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::InvalidFile, {tj, "byte"});
    write_text(tj, R"({"pre_tokenizer": {"type": "Whitespace"}, "model": {"type": "BPE", "vocab": {}, "merges": []}})");
    expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::Unsupported, {tj, "pre_tokenizer"});
    write_text(tj, R"({"pre_tokenizer": {"type": "ByteLevel"}})");
    expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::InvalidFile, {tj, "model"});
    write_text(tj, "\xFF\xFE{}");
    expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::InvalidFile, {tj, "JSON"});
    {
        json small = json::parse(read_text(vocab));
        // add_prefix_space given: Hugging Face's default for a ByteLevel that omits it is true.
        json doc = {{"pre_tokenizer", {{"type", "ByteLevel"}, {"use_regex", true}, {"add_prefix_space", false}}},
                    {"model", {{"type", "BPE"}, {"vocab", small}, {"merges", json::array({"Ġ t", 7})}}}};
        write_text(tj, doc.dump());
        expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::InvalidFile, {tj, "model.merges[1]"});
        doc["model"]["merges"] = json::array({"Ġt"});
        write_text(tj, doc.dump());
        expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::InvalidFile, {tj, "model.merges[0]"});
        doc["model"]["merges"] = json::array({json::array({"Ġ", "t"})});
        doc["added_tokens"] = json::array({json{{"id", "x"}, {"content", "<x>"}}});
        write_text(tj, doc.dump());
        expect_error(Tokenizer::from_tokenizer_json(tj), ErrorCode::InvalidFile, {tj, "added_tokens[0]"});
        doc["added_tokens"] = json::array({json{{"id", 50300}, {"content", "<extra>"}, {"special", false}}});
        write_text(tj, doc.dump());
        auto extra = Tokenizer::from_tokenizer_json(tj);
        REQUIRE_OK(extra);
        CHECK_EQ(extra->vocab_size(), 50301);
        // A non-special added token is recognised without allow_special.
        CHECK_EQ(ids_text(extra->encode("a<extra>").ids), ids_text({64, 50300}));
        CHECK_EQ(extra->token_string(50300), std::string("<extra>"));
    }
}

LANCET_TEST(concurrent_encode) {
    const Tokenizer& tok = gpt2();
    std::string text;
    for (const auto& c : corpus_cases()) text += c.text + "\n";
    const auto expected = tok.encode(text).ids;
    auto fresh = Tokenizer::from_vocab_merges(gpt2_dir() + "/vocab.json", gpt2_dir() + "/merges.txt");
    REQUIRE_OK(fresh);
    const Tokenizer shared = fresh.value();
    std::vector<std::vector<int64_t>> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            for (int k = 0; k < 3; ++k) results[t] = shared.encode(text).ids;
        });
    for (auto& th : threads) th.join();
    for (const auto& r : results) CHECK(r == expected);
}

LANCET_TEST(throughput) {
    // Prose-like text: the corpus repeated with varying numbers, ~4 MB.
    std::string text;
    const auto cases = corpus_cases();
    for (int round = 0; text.size() < (std::size_t(4) << 20); ++round)
        for (const auto& c : cases)
            if (valid_utf8(c.text) && c.text.size() < 400) text += c.text + " " + std::to_string(round * 7919 % 100000) + "\n";
    auto fresh = Tokenizer::from_vocab_merges(gpt2_dir() + "/vocab.json", gpt2_dir() + "/merges.txt");
    REQUIRE_OK(fresh);
    auto time = [&](const Tokenizer& t) {
        const auto start = std::chrono::steady_clock::now();
        const auto enc = t.encode(text);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return std::make_pair(double(text.size()) / (1 << 20) / s, enc.ids.size());
    };
    const auto [cold, n_tokens] = time(fresh.value());
    const auto [warm, n2] = time(fresh.value());
    CHECK_EQ(n_tokens, n2);
    std::cout << "  encode throughput: " << std::fixed << std::setprecision(1) << cold << " MB/s cold cache, " << warm
              << " MB/s warm (" << text.size() / 1024 << " KiB, " << n_tokens << " tokens)\n";
#if defined(__OPTIMIZE__)
    CHECK(warm > 1.0);
#endif
}

}  // namespace lancet_suite_tokenizer
