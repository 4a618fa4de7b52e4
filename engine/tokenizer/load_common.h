// Internal to engine/tokenizer: what the loaders (load_gpt2_files.cpp,
// load_tokenizer_json.cpp, load_folder.cpp) share — reading files, and the
// VocabBuilder that checks a vocabulary, its merges and added tokens as they
// come and assembles a Tokenizer::Impl. Every problem is thrown as an
// EngineException naming the file and the field; the public loaders turn it
// into an Error with capture().
#pragma once

#include "tokenizer/tokenizer_impl.h"

#include <nlohmann/json.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace lancet::tokenizer_detail {

std::string read_file(const std::string& path, const char* what);
nlohmann::json parse_json(const std::string& text, const std::string& path);
// Printable, shortened form of untrusted text for error messages.
std::string shown(std::string_view s);

// GPT-2's reversible byte <-> printable character mapping (bytes_to_unicode).
struct ByteLevelMap {
    std::array<char32_t, 256> to_char{};
    std::array<int16_t, 512> from_char{};  // -1: not a byte-level character
    ByteLevelMap();
};
const ByteLevelMap& byte_level_map();

class VocabBuilder {
public:
    explicit VocabBuilder(std::string file);

    // Before vocab(): how tokens are made of the text.
    void set_byte_level(bool on);
    // Character-level decoding: this character of keys stands for a space
    // ("▁"), and <0xNN> tokens stand for their byte.
    void set_space_replacement(std::string replacement) { space_replacement_ = std::move(replacement); }
    void set_byte_fallback_decoding(bool on) { byte_fallback_decoding_ = on; }

    void vocab(const nlohmann::json& object, const std::string& where);
    void reserve_merges(std::size_t n);
    void merge(const std::string& a, const std::string& b, const std::string& where);
    void added(AddedToken token, const std::string& where);

    Tokenizer::Impl& impl() { return *impl_; }
    std::shared_ptr<Tokenizer::Impl> finish();

    [[noreturn]] void invalid(const std::string& what) const;
    void set_file(std::string file) { file_ = std::move(file); }
    const std::string& file() const { return file_; }

private:
    std::string bytes_of_key(const std::string& key) const;
    int64_t need(const std::string& key, const std::string& where) const;
    void grow_tables(int64_t id);

    std::string file_;
    std::shared_ptr<Tokenizer::Impl> impl_;
    std::string space_replacement_;
    bool byte_fallback_decoding_ = false;
    int32_t rank_ = 0;
    std::size_t entries_ = 0;
};

}  // namespace lancet::tokenizer_detail
