// Internal to engine/tokenizer: the BPE model — vocabulary, merge table and
// the merging of one pre-token into tokens.
//
// A piece starts as symbols: its bytes (byte-level files: GPT-2, Llama 3,
// Qwen) or its characters (SentencePiece-style files: Llama 2, Mistral, Gemma),
// where a character missing from the vocabulary becomes its <0xNN> byte tokens
// (byte_fallback) or the unknown token. Adjacent symbols are then merged, the
// pair of lowest merge rank first, in one of two orders that differ only for
// merge lists no trained tokenizer produces:
//   * encoder.py's (GPT-2's vocab.json + merges.txt): every occurrence of the
//     best pair, left to right, before the next pair is looked for;
//   * Hugging Face's (tokenizer.json): one merge at a time, the leftmost of
//     the lowest rank, the pairs it creates competing at once.
#pragma once

#include <atomic>
#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lancet::tokenizer_detail {

struct MergeInfo {
    int32_t rank;
    int32_t result;
};

// (left id, right id) -> (rank, merged id), open addressing.
class PairMap {
public:
    void reserve(std::size_t n);
    void insert_or_assign(uint32_t a, uint32_t b, MergeInfo info);
    const MergeInfo* find(uint32_t a, uint32_t b) const {
        if (keys_.empty()) return nullptr;
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
    void grow();
    std::vector<uint64_t> keys_;
    std::vector<MergeInfo> values_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

// One token of a piece and how many of the piece's bytes it covers.
struct BpeSymbol {
    int32_t id;
    uint32_t len;
};

struct BpeModel {
    // The vocabulary, by id (added tokens included); empty where no token.
    std::vector<std::string> keys;   // as written in the file ("Ġthe", "▁the", "<0x0A>")
    std::vector<std::string> bytes;  // what the token stands for (" the", " the", "\n")
    std::unordered_map<std::string, int64_t> key_to_id;

    // How a piece starts.
    bool byte_level = true;
    std::array<int32_t, 256> byte_token{};  // byte-level: each byte's token; else its <0xNN> token or -1
    std::array<int32_t, 128> ascii_token{};  // character-level: ASCII characters (-1: none)
    std::unordered_map<char32_t, int32_t> char_token;  // character-level: the others
    bool byte_fallback = false;
    int32_t unk = -1;  // the unknown token, or -1: characters nothing can express are dropped
    bool fuse_unk = false;

    PairMap merges;
    bool merge_all_occurrences = true;  // encoder.py's order; false: Hugging Face's
    bool ignore_merges = false;         // a piece that is itself a vocabulary entry is one token
    std::unordered_map<std::string, int32_t> whole_words;  // ignore_merges: piece text -> id

    // Character-level files without a pre-tokenizer (Llama 2's) hand the model
    // whole sentences. When no token has this marker ("▁") right after another
    // character, no merge can join across a point where the marker follows
    // another character, so cutting pieces there gives the same tokens, and
    // makes words short and cacheable. Empty: do not cut.
    std::string split_before;

    // The tokens of one piece (valid UTF-8 unless byte-level). Cached.
    void encode_piece(std::string_view piece, std::vector<BpeSymbol>& out) const;
    // The same without the cache.
    void encode_uncached(std::string_view piece, std::vector<BpeSymbol>& out) const;

private:
    void initial_symbols(std::string_view piece, std::vector<BpeSymbol>& out) const;
    void merge(std::vector<BpeSymbol>& w) const;
    void merge_small(std::vector<BpeSymbol>& w) const;
    void merge_heap(std::vector<BpeSymbol>& w) const;

    mutable std::mutex cache_mutex_;
    mutable std::unordered_map<std::string, std::vector<BpeSymbol>> cache_;
};

// Words of at least this many symbols are merged with a priority queue,
// shorter ones by the quadratic loop. Tests set it to 0 (in a Tokenizer loaded
// afterwards, whose word cache is empty) to run every word through the queue.
extern std::atomic<std::size_t> g_bpe_heap_threshold;

}  // namespace lancet::tokenizer_detail
