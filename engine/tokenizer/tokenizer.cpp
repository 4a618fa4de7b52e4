#include "tokenizer/tokenizer.h"

#include "tokenizer/pretokenize.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace lancet {

namespace td = tokenizer_detail;

namespace tokenizer_detail {
std::atomic<std::size_t> g_bpe_heap_threshold{24};
}

namespace {

using json = nlohmann::json;

constexpr int64_t kMaxId = (int64_t{1} << 24) - 1;  // bounds the id tables a hostile file can make us allocate
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;
constexpr std::size_t kCacheMaxWordBytes = 128;
constexpr std::size_t kCacheMaxEntries = std::size_t{1} << 18;
constexpr const char* kEndOfText = "<|endoftext|>";

// ---- GPT-2's reversible byte <-> printable character mapping (bytes_to_unicode)

struct ByteLevel {
    std::array<char32_t, 256> to_char{};
    std::array<int16_t, 512> from_char{};  // -1: not a byte-level character
    ByteLevel() {
        from_char.fill(-1);
        auto printable = [](int b) { return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF); };
        int n = 0;
        for (int b = 0; b < 256; ++b) to_char[b] = printable(b) ? char32_t(b) : char32_t(256 + n++);
        for (int b = 0; b < 256; ++b) from_char[to_char[b]] = int16_t(b);
    }
};

const ByteLevel& byte_level() {
    static const ByteLevel table;
    return table;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

// The bytes a byte-level vocabulary key stands for ("Ġthe" -> " the"), or
// nullopt when the key has a character outside the mapping (an added token).
std::optional<std::string> key_to_bytes(const std::string& key) {
    td::DecodedText decoded;
    td::decode_utf8(key, 0, decoded);
    std::string out;
    out.reserve(decoded.cps.size());
    const auto& bl = byte_level();
    for (std::size_t i = 0; i < decoded.cps.size(); ++i) {
        char32_t c = decoded.cps[i];
        if (decoded.replaced[i] || c >= bl.from_char.size() || bl.from_char[c] < 0) return std::nullopt;
        out += char(bl.from_char[c]);
    }
    return out;
}

std::string shown(std::string_view s) {
    std::string out = "'";
    for (unsigned char c : s.substr(0, 80)) {
        if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    if (s.size() > 80) out += "...";
    return out + "'";
}

// ---- merge table: (left id, right id) -> (rank, merged id), open addressing

struct MergeInfo {
    int32_t rank;
    int32_t result;
};

class PairMap {
public:
    void reserve(std::size_t n) {
        std::size_t cap = 16;
        while (cap < 2 * n) cap *= 2;
        keys_.assign(cap, kEmpty);
        values_.assign(cap, {0, 0});
        mask_ = cap - 1;
        size_ = 0;
    }
    void insert_or_assign(uint32_t a, uint32_t b, MergeInfo info) {
        if (2 * (size_ + 1) > keys_.size()) grow();
        const uint64_t key = pack(a, b);
        std::size_t i = slot(key);
        while (keys_[i] != kEmpty && keys_[i] != key) i = (i + 1) & mask_;
        if (keys_[i] == kEmpty) ++size_;
        keys_[i] = key;
        values_[i] = info;
    }
    const MergeInfo* find(uint32_t a, uint32_t b) const {
        const uint64_t key = pack(a, b);
        for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
            if (keys_[i] == key) return &values_[i];
            if (keys_[i] == kEmpty) return nullptr;
        }
    }
    std::size_t size() const { return size_; }

private:
    static constexpr uint64_t kEmpty = ~uint64_t{0};
    static uint64_t pack(uint32_t a, uint32_t b) { return (uint64_t(a) << 32) | b; }
    std::size_t slot(uint64_t key) const { return std::size_t((key * 0x9E3779B97F4A7C15ull) >> 20) & mask_; }
    void grow() {
        auto old_keys = std::move(keys_);
        auto old_values = std::move(values_);
        reserve(std::max<std::size_t>(16, old_keys.size()));
        for (std::size_t i = 0; i < old_keys.size(); ++i)
            if (old_keys[i] != kEmpty) insert_or_assign(uint32_t(old_keys[i] >> 32), uint32_t(old_keys[i]), old_values[i]);
    }
    std::vector<uint64_t> keys_;
    std::vector<MergeInfo> values_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

// Per-call working memory for encode.
struct Scratch {
    td::DecodedText decoded;
    std::vector<td::Piece> pieces;
    std::vector<int32_t> word_ids;
    std::string normalized;             // a piece's bytes with U+FFFD for ill-formed input
    std::vector<std::size_t> to_input;  // normalized byte offset -> input byte offset
};

}  // namespace

// ---- the tokenizer state

struct Tokenizer::Impl {
    std::vector<std::string> keys;   // by id; empty where no token
    std::vector<std::string> bytes;  // by id
    std::unordered_map<std::string, int64_t> key_to_id;
    std::array<int32_t, 256> byte_token{};
    PairMap merges;
    bool ignore_merges = false;                         // tokenizer.json option: whole-word vocab hits skip BPE
    std::unordered_map<std::string, int32_t> word_ids;  // bytes -> id, for ignore_merges only

    struct Added {
        std::string content;
        int64_t id;
        bool special;
    };
    std::vector<Added> added;  // longest content first
    std::array<bool, 256> added_first_byte{};
    bool has_plain_added = false;

    std::optional<int64_t> eos;
    std::optional<int64_t> bos;

    mutable std::mutex cache_mutex;
    mutable std::unordered_map<std::string, std::vector<int32_t>> cache;

    void bpe(std::string_view word, std::vector<int32_t>& out) const;
    void bpe_small(std::string_view word, std::vector<int32_t>& out) const;
    void bpe_heap(std::string_view word, std::vector<int32_t>& out) const;
    void encode_word(std::string_view word, std::vector<int32_t>& out) const;
    void encode_segment(std::string_view text, std::size_t base, Encoding& enc, Scratch& scratch) const;
};

// Merges the lowest-ranked adjacent pair everywhere it occurs (left to right,
// not overlapping), then looks again, until no adjacent pair has a rank. This
// is encoder.py's loop; bpe_small does it literally (quadratic, fastest for
// short words) and bpe_heap with a priority queue for long ones.
void Tokenizer::Impl::bpe(std::string_view word, std::vector<int32_t>& out) const {
    if (ignore_merges) {
        auto it = word_ids.find(std::string(word));
        if (it != word_ids.end()) {
            out.assign(1, it->second);
            return;
        }
    }
    if (word.size() < td::g_bpe_heap_threshold.load(std::memory_order_relaxed)) bpe_small(word, out);
    else bpe_heap(word, out);
}

void Tokenizer::Impl::bpe_small(std::string_view word, std::vector<int32_t>& w) const {
    w.resize(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) w[i] = byte_token[static_cast<unsigned char>(word[i])];
    while (w.size() > 1) {
        int32_t best = INT32_MAX, a = 0, b = 0, merged = 0;
        for (std::size_t k = 0; k + 1 < w.size(); ++k) {
            const MergeInfo* m = merges.find(uint32_t(w[k]), uint32_t(w[k + 1]));
            if (m && m->rank < best) {
                best = m->rank;
                a = w[k];
                b = w[k + 1];
                merged = m->result;
            }
        }
        if (best == INT32_MAX) break;
        std::size_t o = 0;
        for (std::size_t k = 0; k < w.size();) {
            if (k + 1 < w.size() && w[k] == a && w[k + 1] == b) {
                w[o++] = merged;
                k += 2;
            } else {
                w[o++] = w[k++];
            }
        }
        w.resize(o);
    }
}

void Tokenizer::Impl::bpe_heap(std::string_view word, std::vector<int32_t>& out) const {
    struct Sym {
        int32_t id, prev, next;
    };
    struct Cand {
        int32_t rank, pos, left, right, result;
    };
    const auto later = [](const Cand& x, const Cand& y) { return x.rank != y.rank ? x.rank > y.rank : x.pos > y.pos; };
    const int32_t n = int32_t(word.size());
    std::vector<Sym> syms(static_cast<std::size_t>(n));
    for (int32_t i = 0; i < n; ++i) syms[i] = {byte_token[static_cast<unsigned char>(word[i])], i - 1, i + 1 < n ? i + 1 : -1};

    std::vector<Cand> heap;
    heap.reserve(std::size_t(n));
    auto candidate = [&](int32_t pos) {
        const int32_t next = syms[pos].next;
        if (next < 0) return false;
        const MergeInfo* m = merges.find(uint32_t(syms[pos].id), uint32_t(syms[next].id));
        if (!m) return false;
        heap.push_back({m->rank, pos, syms[pos].id, syms[next].id, m->result});
        return true;
    };
    for (int32_t i = 0; i + 1 < n; ++i) candidate(i);
    std::make_heap(heap.begin(), heap.end(), later);

    std::vector<Cand> batch;
    while (!heap.empty()) {
        // Every occurrence of the best pair, leftmost first: one pass of encoder.py's loop.
        const int32_t rank = heap.front().rank;
        batch.clear();
        while (!heap.empty() && heap.front().rank == rank) {
            std::pop_heap(heap.begin(), heap.end(), later);
            batch.push_back(heap.back());
            heap.pop_back();
        }
        for (const Cand& c : batch) {
            Sym& s = syms[c.pos];
            // Stale entries: a symbol's id only ever changes to a longer token,
            // so matching ids mean the pair is still there.
            if (s.id != c.left || s.next < 0 || syms[s.next].id != c.right) continue;
            const int32_t gone = s.next;
            s.id = c.result;
            s.next = syms[gone].next;
            if (s.next >= 0) syms[s.next].prev = c.pos;
            syms[gone].id = -1;
            // New pairs wait for the next pass even when they rank better (they
            // cannot rank the same: that would be the same pair).
            if (s.prev >= 0 && candidate(s.prev)) std::push_heap(heap.begin(), heap.end(), later);
            if (candidate(c.pos)) std::push_heap(heap.begin(), heap.end(), later);
        }
    }
    out.clear();
    for (int32_t i = n > 0 ? 0 : -1; i >= 0; i = syms[i].next) out.push_back(syms[i].id);
}

void Tokenizer::Impl::encode_word(std::string_view word, std::vector<int32_t>& out) const {
    if (word.size() > kCacheMaxWordBytes) {
        bpe(word, out);
        return;
    }
    std::string key(word);
    {
        std::lock_guard<std::mutex> lock(cache_mutex);
        auto it = cache.find(key);
        if (it != cache.end()) {
            out = it->second;
            return;
        }
    }
    bpe(word, out);
    std::lock_guard<std::mutex> lock(cache_mutex);
    if (cache.size() >= kCacheMaxEntries) cache.clear();
    cache.emplace(std::move(key), out);
}

void Tokenizer::Impl::encode_segment(std::string_view text, std::size_t base, Encoding& enc, Scratch& sc) const {
    if (text.empty()) return;
    td::decode_utf8(text, base, sc.decoded);
    td::pretokenize(sc.decoded, sc.pieces);
    const auto& d = sc.decoded;
    for (const td::Piece& piece : sc.pieces) {
        const std::size_t b0 = d.pos[piece.begin], b1 = d.pos[piece.end];
        bool replaced = false;
        if (d.had_invalid)
            for (std::size_t i = piece.begin; i < piece.end && !replaced; ++i) replaced = d.replaced[i] != 0;

        if (!replaced) {
            encode_word(text.substr(b0 - base, b1 - b0), sc.word_ids);
            std::size_t at = b0;
            for (int32_t id : sc.word_ids) {
                const std::size_t len = bytes[std::size_t(id)].size();
                enc.ids.push_back(id);
                enc.offsets.push_back({at, at + len});
                at += len;
            }
            continue;
        }
        // The reference tokenizes U+FFFD (EF BF BD) where the input had
        // ill-formed bytes; offsets map back: byte j of such a U+FFFD to
        // min(start + j, end) of the bytes it replaced.
        sc.normalized.clear();
        sc.to_input.clear();
        for (std::size_t i = piece.begin; i < piece.end; ++i) {
            const std::size_t s = d.pos[i], e = d.pos[i + 1];
            const std::size_t before = sc.normalized.size();
            append_utf8(sc.normalized, d.cps[i]);
            for (std::size_t j = 0; j < sc.normalized.size() - before; ++j) sc.to_input.push_back(std::min(s + j, e));
        }
        sc.to_input.push_back(b1);
        encode_word(sc.normalized, sc.word_ids);
        std::size_t at = 0;
        for (int32_t id : sc.word_ids) {
            const std::size_t len = bytes[std::size_t(id)].size();
            enc.ids.push_back(id);
            enc.offsets.push_back({sc.to_input[at], sc.to_input[at + len]});
            at += len;
        }
    }
}

// ---- encode / decode / lookups

Encoding Tokenizer::encode(std::string_view text, bool allow_special) const {
    Encoding enc;
    enc.ids.reserve(text.size() / 3 + 4);
    enc.offsets.reserve(text.size() / 3 + 4);
    Scratch scratch;
    const Impl& im = *impl_;
    if (im.added.empty() || (!allow_special && !im.has_plain_added)) {
        im.encode_segment(text, 0, enc, scratch);
        return enc;
    }
    std::size_t segment = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Impl::Added* hit = nullptr;
        if (im.added_first_byte[static_cast<unsigned char>(text[i])]) {
            for (const auto& a : im.added) {
                if ((allow_special || !a.special) && text.compare(i, a.content.size(), a.content) == 0) {
                    hit = &a;
                    break;
                }
            }
        }
        if (!hit) {
            ++i;
            continue;
        }
        im.encode_segment(text.substr(segment, i - segment), segment, enc, scratch);
        enc.ids.push_back(hit->id);
        enc.offsets.push_back({i, i + hit->content.size()});
        i += hit->content.size();
        segment = i;
    }
    im.encode_segment(text.substr(segment), segment, enc, scratch);
    return enc;
}

std::string Tokenizer::decode(const std::vector<int64_t>& ids) const {
    std::string out;
    for (int64_t id : ids)
        if (id >= 0 && id < int64_t(impl_->bytes.size())) out += impl_->bytes[std::size_t(id)];
    return out;
}

std::string Tokenizer::token_bytes(int64_t id) const {
    return id >= 0 && id < int64_t(impl_->bytes.size()) ? impl_->bytes[std::size_t(id)] : std::string();
}

std::string Tokenizer::token_string(int64_t id) const {
    return id >= 0 && id < int64_t(impl_->keys.size()) ? impl_->keys[std::size_t(id)] : std::string();
}

std::optional<int64_t> Tokenizer::token_id(const std::string& vocab_key) const {
    auto it = impl_->key_to_id.find(vocab_key);
    if (it == impl_->key_to_id.end()) return std::nullopt;
    return it->second;
}

int64_t Tokenizer::vocab_size() const { return int64_t(impl_->keys.size()); }
std::optional<int64_t> Tokenizer::eos_id() const { return eos_; }
std::optional<int64_t> Tokenizer::bos_id() const { return bos_; }

Tokenizer::Tokenizer(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)), eos_(impl_->eos), bos_(impl_->bos) {}

std::pair<std::size_t, std::size_t> Tokenizer::tokens_covering(const Encoding& encoding, std::size_t byte_begin,
                                                               std::size_t byte_end) {
    // Spans are contiguous and in order, so both ends are binary searches.
    const auto& off = encoding.offsets;
    const auto first_it = std::partition_point(off.begin(), off.end(),
                                               [&](const TokenSpan& t) { return t.end <= byte_begin; });
    const std::size_t first = std::size_t(first_it - off.begin());
    if (byte_end <= byte_begin) return {first, first};
    const auto last_it = std::partition_point(first_it, off.end(), [&](const TokenSpan& t) { return t.begin < byte_end; });
    const std::size_t last = std::size_t(last_it - off.begin());
    return {first, last};
}

// ---- loading

namespace {

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

json parse_json(const std::string& text, const std::string& path) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        fail(ErrorCode::InvalidFile, path + ": not valid JSON: " + e.what());
    }
}

// Accumulates vocabulary, merges and added tokens, checking them as they come.
class Builder {
public:
    explicit Builder(std::string file) : file_(std::move(file)), impl_(std::make_shared<Tokenizer::Impl>()) {}

    void vocab(const json& object, const std::string& where) {
        if (!object.is_object()) invalid(where + " is not a JSON object of token -> id");
        auto& im = *impl_;
        im.key_to_id.reserve(object.size());
        int64_t max_id = -1;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const json& v = it.value();
            if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > kMaxId)
                invalid(where + " entry " + shown(it.key()) + " has id " + v.dump() + "; ids must be integers in [0, " +
                        std::to_string(kMaxId) + "]");
            const int64_t id = v.get<int64_t>();
            im.key_to_id[it.key()] = id;
            max_id = std::max(max_id, id);
        }
        im.keys.assign(std::size_t(max_id + 1), std::string());
        im.bytes.assign(std::size_t(max_id + 1), std::string());
        for (const auto& [key, id] : im.key_to_id) set_token(id, key);
        const auto& bl = byte_level();
        for (int b = 0; b < 256; ++b) {
            std::string key;
            append_utf8(key, bl.to_char[b]);
            auto it = im.key_to_id.find(key);
            if (it == im.key_to_id.end()) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "byte 0x%02X (", b);
                invalid(where + " has no token for " + buf + shown(key) + "); not a byte-level BPE vocabulary");
            }
            im.byte_token[std::size_t(b)] = int32_t(it->second);
        }
    }

    void reserve_merges(std::size_t n) { impl_->merges.reserve(n); }

    void merge(const std::string& a, const std::string& b, const std::string& where) {
        auto& im = *impl_;
        const int64_t ia = need(a, where), ib = need(b, where), ir = need(a + b, where);
        if (im.bytes[std::size_t(ir)].size() != im.bytes[std::size_t(ia)].size() + im.bytes[std::size_t(ib)].size())
            invalid(where + ": merge " + shown(a + " " + b) + " is not byte-level");
        im.merges.insert_or_assign(uint32_t(ia), uint32_t(ib), {rank_++, int32_t(ir)});  // a repeated pair keeps its last rank, as encoder.py's dict does
    }

    void added(const std::string& content, int64_t id, bool special, const std::string& where) {
        auto& im = *impl_;
        if (content.empty()) invalid(where + ": an added token has empty content");
        if (id < 0 || id > kMaxId) invalid(where + ": added token " + shown(content) + " has id " + std::to_string(id));
        if (std::size_t(id) >= im.keys.size()) {
            im.keys.resize(std::size_t(id) + 1);
            im.bytes.resize(std::size_t(id) + 1);
        }
        im.keys[std::size_t(id)] = content;
        im.bytes[std::size_t(id)] = content;
        im.key_to_id.emplace(content, id);
        for (auto& a : im.added)
            if (a.content == content) {
                a = {content, id, special};
                return;
            }
        im.added.push_back({content, id, special});
    }

    void set_ignore_merges(bool on) { impl_->ignore_merges = on; }
    void set_file(std::string file) { file_ = std::move(file); }

    std::shared_ptr<Tokenizer::Impl> finish() {
        auto& im = *impl_;
        // GPT-2's end-of-text marker is special even when only the vocabulary lists it.
        if (auto it = im.key_to_id.find(kEndOfText); it != im.key_to_id.end()) {
            if (std::none_of(im.added.begin(), im.added.end(), [](const auto& a) { return a.content == kEndOfText; }))
                im.added.push_back({kEndOfText, it->second, true});
            im.eos = it->second;
        }
        std::stable_sort(im.added.begin(), im.added.end(),
                         [](const auto& x, const auto& y) { return x.content.size() > y.content.size(); });
        for (const auto& a : im.added) {
            im.added_first_byte[static_cast<unsigned char>(a.content[0])] = true;
            if (!a.special) im.has_plain_added = true;
        }
        if (im.ignore_merges) {  // whole words found in the model's vocabulary, added tokens excepted
            std::unordered_set<int64_t> added_ids;
            for (const auto& a : im.added) added_ids.insert(a.id);
            for (const auto& [key, id] : im.key_to_id)
                if (!added_ids.count(id)) im.word_ids.emplace(im.bytes[std::size_t(id)], int32_t(id));
        }
        return impl_;
    }

    [[noreturn]] void invalid(const std::string& what) const { fail(ErrorCode::InvalidFile, file_ + ": " + what); }

private:
    void set_token(int64_t id, const std::string& key) {
        auto& im = *impl_;
        if (!im.keys[std::size_t(id)].empty()) return;  // two keys share an id: the first (in key order) names it
        im.keys[std::size_t(id)] = key;
        auto b = key_to_bytes(key);
        im.bytes[std::size_t(id)] = b ? *b : key;
    }
    int64_t need(const std::string& key, const std::string& where) const {
        auto it = impl_->key_to_id.find(key);
        if (it == impl_->key_to_id.end()) invalid(where + ": " + shown(key) + " is not in the vocabulary");
        return it->second;
    }

    std::string file_;
    std::shared_ptr<Tokenizer::Impl> impl_;
    int32_t rank_ = 0;
};

void parse_merges_txt(const std::string& text, Builder& builder) {
    std::size_t lines = std::count(text.begin(), text.end(), '\n') + 1;
    builder.reserve_merges(lines);
    std::size_t line_no = 0;
    for (std::size_t at = 0; at <= text.size();) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string::npos) nl = text.size();
        std::string_view line(text.data() + at, nl - at);
        at = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no == 1 && line.rfind("#version", 0) == 0) continue;
        std::vector<std::string_view> parts;
        for (std::size_t i = 0; i < line.size();) {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
            std::size_t j = i;
            while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
            if (j > i) parts.push_back(line.substr(i, j - i));
            i = j;
        }
        if (parts.empty()) continue;
        const std::string where = "line " + std::to_string(line_no);
        if (parts.size() != 2)
            builder.invalid(where + ": expected two tokens separated by a space, got " + shown(line));
        builder.merge(std::string(parts[0]), std::string(parts[1]), where);
    }
}

// A tokenizer_config.json token entry: "<|x|>" or {"content": "<|x|>", ...}.
std::optional<std::string> config_token(const json& config, const char* name) {
    auto it = config.find(name);
    if (it == config.end()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_object()) {
        auto c = it->find("content");
        if (c != it->end() && c->is_string()) return c->get<std::string>();
    }
    return std::nullopt;
}

bool is_gpt2_byte_level(const json& pre) {
    if (!pre.is_object()) return false;
    const std::string type = pre.value("type", std::string());
    if (type == "Sequence") {
        auto items = pre.find("pretokenizers");
        return items != pre.end() && items->is_array() && items->size() == 1 && is_gpt2_byte_level((*items)[0]);
    }
    if (type != "ByteLevel") return false;
    auto flag = [&](const char* key, bool fallback) {
        auto it = pre.find(key);
        return it != pre.end() && it->is_boolean() ? it->get<bool>() : fallback;
    };
    return flag("use_regex", true) && !flag("add_prefix_space", false);
}

}  // namespace

Expected<Tokenizer> Tokenizer::from_vocab_merges(const std::string& vocab_json, const std::string& merges_txt) {
    return capture([&] {
        const std::string vocab_text = read_file(vocab_json, "vocabulary file");
        const std::string merges_text = read_file(merges_txt, "merges file");
        Builder builder(vocab_json);
        builder.vocab(parse_json(vocab_text, vocab_json), "the vocabulary");
        builder.set_file(merges_txt);  // merges are checked against the vocabulary, but their errors name merges.txt
        parse_merges_txt(merges_text, builder);
        return Tokenizer(builder.finish());
    });
}

Expected<Tokenizer> Tokenizer::from_tokenizer_json(const std::string& path) {
    return capture([&] {
        const json root = parse_json(read_file(path, "tokenizer file"), path);
        Builder builder(path);
        if (!root.is_object()) builder.invalid("top level is not a JSON object");
        auto model_it = root.find("model");
        if (model_it == root.end() || !model_it->is_object()) builder.invalid("no \"model\" object");
        const json& model = *model_it;
        if (auto t = model.find("type"); t != model.end() && !(t->is_string() && t->get<std::string>() == "BPE"))
            fail(ErrorCode::Unsupported, path + ": model.type " + t->dump() + " is not supported (only \"BPE\")");
        for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
            auto it = model.find(key);
            if (it != model.end() && !it->is_null() && !(it->is_string() && it->get<std::string>().empty()))
                fail(ErrorCode::Unsupported, path + ": model." + key + " " + it->dump() + " is not supported");
        }
        if (auto it = root.find("normalizer"); it != root.end() && !it->is_null())
            fail(ErrorCode::Unsupported, path + ": a normalizer (" + it->value("type", std::string("?")) + ") is not supported");
        auto pre = root.find("pre_tokenizer");
        if (pre == root.end() || !is_gpt2_byte_level(*pre))
            fail(ErrorCode::Unsupported, path + ": pre_tokenizer " + (pre == root.end() ? std::string("(none)") : pre->dump()) +
                                             " is not supported (only GPT-2's ByteLevel with use_regex and without add_prefix_space)");

        auto vocab = model.find("vocab");
        if (vocab == model.end()) builder.invalid("model.vocab is missing");
        builder.vocab(*vocab, "model.vocab");

        auto merges = model.find("merges");
        if (merges == model.end() || !merges->is_array()) builder.invalid("model.merges is missing or not an array");
        builder.reserve_merges(merges->size());
        for (std::size_t i = 0; i < merges->size(); ++i) {
            const json& m = (*merges)[i];
            const std::string where = "model.merges[" + std::to_string(i) + "]";
            if (m.is_string()) {
                const std::string s = m.get<std::string>();
                const auto space = s.find(' ');
                if (space == std::string::npos || space == 0 || space + 1 >= s.size() || s.find(' ', space + 1) != std::string::npos)
                    builder.invalid(where + ": expected \"a b\", got " + shown(s));
                builder.merge(s.substr(0, space), s.substr(space + 1), where);
            } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
                builder.merge(m[0].get<std::string>(), m[1].get<std::string>(), where);
            } else {
                builder.invalid(where + ": expected \"a b\" or [\"a\", \"b\"], got " + m.dump());
            }
        }
        if (auto it = model.find("ignore_merges"); it != model.end() && it->is_boolean()) builder.set_ignore_merges(it->get<bool>());

        if (auto added = root.find("added_tokens"); added != root.end() && !added->is_null()) {
            if (!added->is_array()) builder.invalid("added_tokens is not an array");
            for (std::size_t i = 0; i < added->size(); ++i) {
                const json& a = (*added)[i];
                const std::string where = "added_tokens[" + std::to_string(i) + "]";
                if (!a.is_object()) builder.invalid(where + " is not an object");
                auto id = a.find("id");
                auto content = a.find("content");
                if (id == a.end() || !id->is_number_integer() || content == a.end() || !content->is_string())
                    builder.invalid(where + " needs an integer \"id\" and a string \"content\"");
                auto special = a.find("special");
                builder.added(content->get<std::string>(), id->get<int64_t>(),
                              special != a.end() && special->is_boolean() && special->get<bool>(), where);
            }
        }
        return Tokenizer(builder.finish());
    });
}

Expected<Tokenizer> Tokenizer::from_folder(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Error{ErrorCode::NotFound, "tokenizer folder not found: " + dir};
    const fs::path root(dir);
    const std::string tokenizer_json = (root / "tokenizer.json").string();
    const std::string vocab_json = (root / "vocab.json").string();
    const std::string merges_txt = (root / "merges.txt").string();

    Expected<Tokenizer> loaded = Error{};
    if (fs::is_regular_file(tokenizer_json, ec)) {
        loaded = from_tokenizer_json(tokenizer_json);
    } else {
        std::vector<std::string> missing;
        for (const auto* name : {"vocab.json", "merges.txt"})
            if (!fs::is_regular_file(root / name, ec)) missing.push_back(name);
        if (!missing.empty()) {
            std::string list = missing[0] + (missing.size() > 1 ? " and " + missing[1] : std::string());
            return Error{ErrorCode::NotFound, "no tokenizer in " + dir +
                                                  ": expected tokenizer.json, or vocab.json and merges.txt (missing: tokenizer.json, " +
                                                  list + ")"};
        }
        loaded = from_vocab_merges(vocab_json, merges_txt);
    }
    if (!loaded.ok()) return loaded;

    const std::string config_path = (root / "tokenizer_config.json").string();
    if (!fs::is_regular_file(config_path, ec)) return loaded;
    return capture([&] {
        const json config = parse_json(read_file(config_path, "tokenizer config"), config_path);
        if (!config.is_object()) fail(ErrorCode::InvalidFile, config_path + ": top level is not a JSON object");
        Tokenizer tok = loaded.value();
        if (auto eos = config_token(config, "eos_token")) {
            if (auto id = tok.token_id(*eos)) tok.eos_ = *id;
        }
        auto add_bos = config.find("add_bos_token");
        if (add_bos != config.end() && add_bos->is_boolean() && add_bos->get<bool>()) {
            if (auto bos = config_token(config, "bos_token")) {
                if (auto id = tok.token_id(*bos)) tok.bos_ = *id;
            }
        }
        return tok;
    });
}

}  // namespace lancet
