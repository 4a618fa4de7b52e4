// Helpers shared by the tokenizer suites (test_tokenizer.cpp: GPT-2 against
// gpt-3-encoder; test_tokenizer_hf.cpp: tokenizer.json files against
// @lenml/tokenizers): test cases, reading and writing files, printable
// failure messages, and the checks every encoding must pass.
#pragma once

#include "check.h"

#include "tokenizer/pretokenize.h"
#include "tokenizer/tokenizer.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace lancet_tokenizer_test {

namespace td = lancet::tokenizer_detail;
using lancet::Encoding;

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_text(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    out << data;
}

inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Printable form of arbitrary bytes for failure messages.
inline std::string escaped(const std::string& s, std::size_t limit = 160) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (c == '\\') out += "\\\\";
        else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else out += char(c);
    }
    if (s.size() > limit) out += "...(" + std::to_string(s.size()) + " bytes)";
    return out;
}

inline std::string ids_text(const std::vector<int64_t>& ids, std::size_t from = 0, std::size_t count = 12) {
    std::ostringstream os;
    os << "[";
    for (std::size_t i = from; i < ids.size() && i < from + count; ++i) os << (i > from ? ", " : "") << ids[i];
    if (ids.size() > from + count) os << ", ...";
    os << "]";
    return os.str();
}

inline bool valid_utf8(const std::string& s) {
    td::DecodedText d;
    td::decode_utf8(s, 0, d);
    return !d.had_invalid;
}

inline void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) out += char(c);
    else if (c < 0x800) out += {char(0xC0 | (c >> 6)), char(0x80 | (c & 0x3F))};
    else if (c < 0x10000) out += {char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
    else
        out += {char(0xF0 | (c >> 18)), char(0x80 | ((c >> 12) & 0x3F)), char(0x80 | ((c >> 6) & 0x3F)),
                char(0x80 | (c & 0x3F))};
}

// ---- test cases

struct Case {
    std::string text;
    std::string origin;  // where it came from, for failure messages
};

// tests/tokenizer/corpus.txt; see its header for the escapes.
inline std::vector<Case> corpus_cases(const std::string& name = "corpus.txt") {
    const std::string path = lancet::test::source_dir() + "/tests/tokenizer/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Case> cases;
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        std::string text;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] != '\\') {
                text += line[i];
                continue;
            }
            if (++i >= line.size()) throw std::runtime_error(path + ":" + std::to_string(line_no) + ": trailing backslash");
            switch (line[i]) {
                case 'n': text += '\n'; break;
                case 't': text += '\t'; break;
                case 'r': text += '\r'; break;
                case '\\': text += '\\'; break;
                case 'e': break;
                case 'x': {
                    if (i + 2 >= line.size() || !std::isxdigit(static_cast<unsigned char>(line[i + 1])) ||
                        !std::isxdigit(static_cast<unsigned char>(line[i + 2])))
                        throw std::runtime_error(path + ":" + std::to_string(line_no) + ": \\x needs two hex digits");
                    text += char(std::stoi(line.substr(i + 1, 2), nullptr, 16));
                    i += 2;
                    break;
                }
                default:
                    throw std::runtime_error(path + ":" + std::to_string(line_no) + ": unknown escape \\" + line[i]);
            }
        }
        cases.push_back({text, name + ":" + std::to_string(line_no)});
    }
    return cases;
}

struct Lcg {
    uint64_t state;
    uint32_t next() {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return uint32_t(state >> 33);
    }
    std::size_t below(std::size_t n) { return next() % n; }
};

inline std::vector<Case> generated_cases(const std::vector<Case>& corpus) {
    std::vector<Case> cases;
    // Every single byte.
    for (int b = 0; b < 256; ++b) cases.push_back({std::string(1, char(b)), "byte " + std::to_string(b)});
    // Pairs of bytes that matter to UTF-8 decoding (maximal subparts).
    const unsigned char interesting[] = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                         0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF, 'a', ' ', '\''};
    for (unsigned char x : interesting)
        for (unsigned char y : interesting)
            cases.push_back({std::string{char(x), char(y)}, "byte pair"});
    Lcg rng{42};
    for (int k = 0; k < 120; ++k) {  // random ill-formed-ish byte strings
        std::string s;
        const std::size_t n = 1 + rng.below(12);
        for (std::size_t i = 0; i < n; ++i)
            s += rng.below(3) == 0 ? char(interesting[rng.below(sizeof interesting)]) : char(0x80 + rng.below(0x80));
        cases.push_back({s, "random bytes " + std::to_string(k)});
    }
    // Random mixtures of fragments that stress the pre-tokenizer.
    const char* fragments[] = {"the", " the", "The", "THE", " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", "'s", "'S", "'ll",
                               "'", "''", "'re", "'ve", "'m", "'d", "'t", "n't", "1", "12", "123", "2024", ".", ",", "!",
                               "?", "...", "--", "-", "(", ")", "\"", "é", "ü", "ß", "Ω", "ж", "中", "文", "日本", "😀",
                               "🎉", "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF", "\xE2\x80\xA8", "½", "²", "٣", "\xFF",
                               "\x80", "\xE2\x82", "x", "y", "Z", "_", "#", "@", "$", "%", "&", "*", "+", "=", "/", "\\",
                               "<|endoftext|>", "http://a.b/c?d=e", "a1b2", "Hello", "world", " world", "ing", "un"};
    const std::size_t nf = sizeof fragments / sizeof fragments[0];
    for (int k = 0; k < 300; ++k) {
        std::string s;
        const std::size_t n = 1 + rng.below(16);
        for (std::size_t i = 0; i < n; ++i) s += fragments[rng.below(nf)];
        cases.push_back({s, "random mixture " + std::to_string(k)});
    }
    // Long words and runs (through the priority-queue merge).
    auto repeat = [](const std::string& s, std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i) out += s;
        return out;
    };
    cases.push_back({repeat("a", 3000), "3000 x a"});
    cases.push_back({repeat("ab", 1000), "1000 x ab"});
    cases.push_back({repeat("abc", 700) + " " + repeat("xyz", 700), "abc/xyz runs"});
    cases.push_back({repeat("9", 2000), "2000 digits"});
    cases.push_back({repeat("!", 1500), "1500 x !"});
    cases.push_back({repeat(" ", 1500) + "x", "1500 spaces then x"});
    cases.push_back({repeat("\n", 1000), "1000 newlines"});
    cases.push_back({repeat("😀", 400), "400 emoji"});
    cases.push_back({repeat("漢字", 400), "800 CJK"});
    cases.push_back({repeat("é", 1000), "1000 x e-acute"});
    {
        std::string letters;
        for (int i = 0; i < 2500; ++i) letters += char('a' + rng.below(26));
        cases.push_back({letters, "2500 random letters"});
        std::string mixed;
        for (int i = 0; i < 2000; ++i) mixed += char(0x21 + rng.below(0x5E));
        cases.push_back({mixed, "2000 random printable ASCII"});
        for (int len : {25, 30, 40, 60, 100}) {
            std::string w;
            for (int i = 0; i < len; ++i) w += char('a' + rng.below(26));
            cases.push_back({" " + w, "random word of " + std::to_string(len)});
        }
    }
    // The whole corpus as one document.
    std::string doc;
    for (const auto& c : corpus) doc += c.text + "\n";
    cases.push_back({doc, "corpus as one document"});
    return cases;
}

inline std::string base64(const std::string& s) {
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < s.size(); i += 3) {
        uint32_t v = (uint32_t(uint8_t(s[i])) << 16) | (uint32_t(uint8_t(s[i + 1])) << 8) | uint8_t(s[i + 2]);
        out += {t[v >> 18], t[(v >> 12) & 63], t[(v >> 6) & 63], t[v & 63]};
    }
    if (i + 1 == s.size()) {
        uint32_t v = uint32_t(uint8_t(s[i])) << 16;
        out += {t[v >> 18], t[(v >> 12) & 63], '=', '='};
    } else if (i + 2 == s.size()) {
        uint32_t v = (uint32_t(uint8_t(s[i])) << 16) | (uint32_t(uint8_t(s[i + 1])) << 8);
        out += {t[v >> 18], t[(v >> 12) & 63], t[(v >> 6) & 63], '='};
    }
    return out;
}

// Reports a missing reference: a pass with "SKIP" normally, a failure under LANCET_REQUIRE_NODE.
inline void skip_or_fail(const std::string& why) {
    if (std::getenv("LANCET_REQUIRE_NODE")) {
        ::lancet::test::record_failure(__FILE__, __LINE__, "LANCET_REQUIRE_NODE is set but " + why);
    } else {
        std::cout << "SKIP: " << why << "\n";
    }
}

inline bool offsets_cover(const std::string& text, const Encoding& enc) {
    if (enc.ids.size() != enc.offsets.size()) return false;
    if (text.empty()) return enc.ids.empty();
    if (enc.offsets.empty() || enc.offsets.front().begin != 0 || enc.offsets.back().end != text.size()) return false;
    for (std::size_t i = 0; i < enc.offsets.size(); ++i) {
        if (enc.offsets[i].end < enc.offsets[i].begin) return false;
        if (i > 0 && enc.offsets[i].begin != enc.offsets[i - 1].end) return false;
    }
    return true;
}


}  // namespace lancet_tokenizer_test
