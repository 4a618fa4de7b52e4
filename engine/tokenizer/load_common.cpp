#include "tokenizer/load_common.h"

#include "core/printable.h"

#include "tokenizer/pretokenize.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_set>

namespace lancet::tokenizer_detail {

namespace {

constexpr int64_t kMaxId = (int64_t{1} << 24) - 1;  // bounds the id tables a hostile file can make us allocate
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;
constexpr const char* kEndOfText = "<|endoftext|>";

// The bytes a byte-level vocabulary key stands for ("Ġthe" -> " the"), or
// nullopt when the key has a character outside the mapping (an added token).
std::optional<std::string> byte_level_key_bytes(const std::string& key) {
    DecodedText decoded;
    decode_utf8(key, 0, decoded);
    std::string out;
    out.reserve(decoded.cps.size());
    const auto& bl = byte_level_map();
    for (std::size_t i = 0; i < decoded.cps.size(); ++i) {
        char32_t c = decoded.cps[i];
        if (decoded.replaced[i] || c >= bl.from_char.size() || bl.from_char[c] < 0) return std::nullopt;
        out += char(bl.from_char[c]);
    }
    return out;
}

// "<0x41>" -> 0x41; -1 when the key is not a byte-fallback token.
int byte_fallback_value(const std::string& key) {
    if (key.size() != 6 || key.compare(0, 3, "<0x") != 0 || key[5] != '>') return -1;
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    const int hi = hex(key[3]), lo = hex(key[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

}  // namespace

std::string read_file(const std::string& path, const char* what) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) fail(ErrorCode::NotFound, std::string(what) + " not found: " + path);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) fail(ErrorCode::InvalidFile, path + ": cannot read: " + ec.message());
    if (size > kMaxFileBytes) fail(ErrorCode::InvalidFile, path + ": too large for a tokenizer file (" + std::to_string(size) + " bytes)");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorCode::InvalidFile, path + ": cannot open for reading");
    std::string data(std::size_t(size), '\0');
    in.read(data.data(), std::streamsize(size));
    if (in.gcount() != std::streamsize(size)) fail(ErrorCode::InvalidFile, path + ": short read");
    return data;
}

nlohmann::json parse_json(const std::string& text, const std::string& path) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        fail(ErrorCode::InvalidFile, path + ": not valid JSON: " + e.what());
    }
}

std::string shown(std::string_view s) { return "'" + printable_excerpt(s, 80) + "'"; }

ByteLevelMap::ByteLevelMap() {
    from_char.fill(-1);
    auto printable = [](int b) { return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF); };
    int n = 0;
    for (int b = 0; b < 256; ++b) to_char[std::size_t(b)] = printable(b) ? char32_t(b) : char32_t(256 + n++);
    for (int b = 0; b < 256; ++b) from_char[to_char[std::size_t(b)]] = int16_t(b);
}

const ByteLevelMap& byte_level_map() {
    static const ByteLevelMap table;
    return table;
}

// ---- VocabBuilder

VocabBuilder::VocabBuilder(std::string file) : file_(std::move(file)), impl_(std::make_shared<Tokenizer::Impl>()) {}

void VocabBuilder::invalid(const std::string& what) const { fail(ErrorCode::InvalidFile, file_ + ": " + what); }

void VocabBuilder::set_byte_level(bool on) { impl_->model.byte_level = on; }

std::string VocabBuilder::bytes_of_key(const std::string& key) const {
    if (impl_->model.byte_level) {
        auto b = byte_level_key_bytes(key);
        return b ? *b : key;
    }
    if (byte_fallback_decoding_) {
        const int v = byte_fallback_value(key);
        if (v >= 0) return std::string(1, char(v));
    }
    if (space_replacement_.empty() || key.find(space_replacement_) == std::string::npos) return key;
    std::string out;
    for (std::size_t at = 0;;) {
        const std::size_t hit = key.find(space_replacement_, at);
        out.append(key, at, (hit == std::string::npos ? key.size() : hit) - at);
        if (hit == std::string::npos) break;
        out += ' ';
        at = hit + space_replacement_.size();
    }
    return out;
}

void VocabBuilder::grow_tables(int64_t id) {
    auto& m = impl_->model;
    if (std::size_t(id) >= m.keys.size()) {
        m.keys.resize(std::size_t(id) + 1);
        m.bytes.resize(std::size_t(id) + 1);
    }
}

void VocabBuilder::vocab(const nlohmann::json& object, const std::string& where) {
    if (!object.is_object()) invalid(where + " is not a JSON object of token -> id");
    auto& m = impl_->model;
    m.key_to_id.reserve(object.size());
    entries_ = object.size();
    int64_t max_id = -1;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const nlohmann::json& v = it.value();
        if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > kMaxId)
            invalid(where + " entry " + shown(it.key()) + " has id " + v.dump() + "; ids must be integers in [0, " +
                    std::to_string(kMaxId) + "]");
        const int64_t id = v.get<int64_t>();
        m.key_to_id[it.key()] = id;
        max_id = std::max(max_id, id);
    }
    // Ids index tables: a few entries with enormous ids would make us allocate for nothing.
    if (max_id >= 0 && std::size_t(max_id) > 4 * entries_ + 65536)
        invalid(where + " has " + std::to_string(entries_) + " entries but ids up to " + std::to_string(max_id) +
                "; ids must be (nearly) dense");
    m.keys.assign(std::size_t(max_id + 1), std::string());
    m.bytes.assign(std::size_t(max_id + 1), std::string());
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::size_t id = std::size_t(it.value().get<int64_t>());
        if (!m.keys[id].empty()) continue;  // two keys share an id: the first in key order names it
        m.keys[id] = it.key();
        m.bytes[id] = bytes_of_key(it.key());
    }

    m.byte_token.fill(-1);
    if (m.byte_level) {
        const auto& bl = byte_level_map();
        for (int b = 0; b < 256; ++b) {
            std::string key;
            append_utf8(key, bl.to_char[std::size_t(b)]);
            auto it = m.key_to_id.find(key);
            if (it == m.key_to_id.end()) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "byte 0x%02X (", b);
                invalid(where + " has no token for " + buf + shown(key) + "); not a byte-level BPE vocabulary");
            }
            m.byte_token[std::size_t(b)] = int32_t(it->second);
        }
        return;
    }
    m.ascii_token.fill(-1);
    for (const auto& [key, id] : m.key_to_id) {
        const int byte = byte_fallback_value(key);
        if (byte >= 0) m.byte_token[std::size_t(byte)] = int32_t(id);
        if (key.empty() || utf8_length(static_cast<unsigned char>(key[0])) != key.size()) continue;
        const char32_t c = utf8_at(key, 0);
        if (c < 128) m.ascii_token[c] = int32_t(id);
        else m.char_token.emplace(c, int32_t(id));
    }
}

void VocabBuilder::reserve_merges(std::size_t n) { impl_->model.merges.reserve(n); }

int64_t VocabBuilder::need(const std::string& key, const std::string& where) const {
    auto it = impl_->model.key_to_id.find(key);
    if (it == impl_->model.key_to_id.end()) invalid(where + ": " + shown(key) + " is not in the vocabulary");
    return it->second;
}

void VocabBuilder::merge(const std::string& a, const std::string& b, const std::string& where) {
    auto& m = impl_->model;
    const int64_t ia = need(a, where), ib = need(b, where), ir = need(a + b, where);
    if (m.byte_level &&
        m.bytes[std::size_t(ir)].size() != m.bytes[std::size_t(ia)].size() + m.bytes[std::size_t(ib)].size())
        invalid(where + ": merge " + shown(a + " " + b) + " is not byte-level");
    // A repeated pair keeps its last rank, as encoder.py's dict and Hugging Face's map do.
    m.merges.insert_or_assign(uint32_t(ia), uint32_t(ib), {rank_++, int32_t(ir)});
}

void VocabBuilder::added(AddedToken token, const std::string& where) {
    auto& m = impl_->model;
    if (token.content.empty()) invalid(where + ": an added token has empty content");
    const std::size_t bound = std::max<std::size_t>(m.keys.size(), entries_) * 2 + 65536;
    if (token.id < 0 || token.id > kMaxId || std::size_t(token.id) > bound)
        invalid(where + ": added token " + shown(token.content) + " has id " + std::to_string(token.id) +
                " (the vocabulary has " + std::to_string(m.keys.size()) + " ids)");
    grow_tables(token.id);
    m.keys[std::size_t(token.id)] = token.content;
    m.bytes[std::size_t(token.id)] = token.content;
    m.key_to_id[token.content] = token.id;
    impl_->added.add(std::move(token));
}

std::shared_ptr<Tokenizer::Impl> VocabBuilder::finish() {
    auto& im = *impl_;
    auto& m = im.model;
    // GPT-2's end-of-text marker is special even when only the vocabulary lists it.
    if (auto it = m.key_to_id.find(kEndOfText); it != m.key_to_id.end()) {
        const auto& tokens = im.added.tokens();
        if (std::none_of(tokens.begin(), tokens.end(), [](const auto& a) { return a.content == kEndOfText; })) {
            AddedToken t;
            t.content = kEndOfText;
            t.id = it->second;
            t.special = true;
            im.added.add(std::move(t));
        }
        im.eos = it->second;
    }
    // Without a normalizer, "normalized" added tokens are found in the caller's text like the others.
    if (im.normalizer.empty())
        for (auto& t : im.added.mutable_tokens()) t.normalized = false;
    for (auto& t : im.added.mutable_tokens()) t.match = t.normalized ? im.normalizer.apply_to(t.content) : t.content;
    im.added.finish();
    if (m.ignore_merges) {  // whole pieces found in the model's vocabulary, added tokens excepted
        std::unordered_set<int64_t> added_ids;
        for (const auto& a : im.added.tokens()) added_ids.insert(a.id);
        m.whole_words.reserve(m.key_to_id.size());
        for (const auto& [key, id] : m.key_to_id)
            if (!added_ids.count(id)) m.whole_words.emplace(m.byte_level ? m.bytes[std::size_t(id)] : key, int32_t(id));
    }
    return impl_;
}

}  // namespace lancet::tokenizer_detail
