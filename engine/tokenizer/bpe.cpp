#include "tokenizer/bpe.h"

#include "tokenizer/aligned_text.h"

#include <algorithm>
#include <climits>

namespace lancet::tokenizer_detail {

std::atomic<std::size_t> g_bpe_heap_threshold{24};

namespace {
constexpr std::size_t kCacheMaxWordBytes = 128;
constexpr std::size_t kCacheMaxEntries = std::size_t{1} << 18;
}  // namespace

// ---- PairMap

void PairMap::reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    keys_.assign(cap, kEmpty);
    values_.assign(cap, {0, 0});
    mask_ = cap - 1;
    size_ = 0;
}

void PairMap::insert_or_assign(uint32_t a, uint32_t b, MergeInfo info) {
    if (keys_.empty() || 2 * (size_ + 1) > keys_.size()) grow();
    const uint64_t key = pack(a, b);
    std::size_t i = slot(key);
    while (keys_[i] != kEmpty && keys_[i] != key) i = (i + 1) & mask_;
    if (keys_[i] == kEmpty) ++size_;
    keys_[i] = key;
    values_[i] = info;
}

void PairMap::grow() {
    auto old_keys = std::move(keys_);
    auto old_values = std::move(values_);
    reserve(std::max<std::size_t>(16, old_keys.size()));
    for (std::size_t i = 0; i < old_keys.size(); ++i)
        if (old_keys[i] != kEmpty) insert_or_assign(uint32_t(old_keys[i] >> 32), uint32_t(old_keys[i]), old_values[i]);
}

// ---- symbols

void BpeModel::initial_symbols(std::string_view piece, std::vector<BpeSymbol>& w) const {
    w.clear();
    if (byte_level) {
        w.resize(piece.size());
        for (std::size_t i = 0; i < piece.size(); ++i) w[i] = {byte_token[static_cast<unsigned char>(piece[i])], 1};
        return;
    }
    uint32_t dropped = 0;  // bytes of characters nothing could express: they join a neighbour
    for (std::size_t i = 0; i < piece.size();) {
        const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(piece[i])), piece.size() - i);
        const char32_t c = utf8_at(piece, i);
        int32_t id = -1;
        if (c < 128) {
            id = ascii_token[c];
        } else if (auto it = char_token.find(c); it != char_token.end()) {
            id = it->second;
        }
        if (id >= 0) {
            w.push_back({id, uint32_t(n) + dropped});
            dropped = 0;
        } else if (byte_fallback && std::all_of(piece.begin() + std::ptrdiff_t(i), piece.begin() + std::ptrdiff_t(i + n),
                                                [&](char b) { return byte_token[static_cast<unsigned char>(b)] >= 0; })) {
            for (std::size_t k = 0; k < n; ++k) {
                w.push_back({byte_token[static_cast<unsigned char>(piece[i + k])], 1 + dropped});
                dropped = 0;
            }
        } else if (unk >= 0) {
            if (fuse_unk && !w.empty() && w.back().id == unk) w.back().len += uint32_t(n) + dropped;
            else w.push_back({unk, uint32_t(n) + dropped});
            dropped = 0;
        } else {
            dropped += uint32_t(n);
        }
        i += n;
    }
    if (dropped && !w.empty()) w.back().len += dropped;
}

// ---- merging

void BpeModel::merge(std::vector<BpeSymbol>& w) const {
    if (w.size() < 2) return;
    if (w.size() < g_bpe_heap_threshold.load(std::memory_order_relaxed)) merge_small(w);
    else merge_heap(w);
}

// Quadratic, fastest for short words: find the best pair, merge, look again.
void BpeModel::merge_small(std::vector<BpeSymbol>& w) const {
    while (w.size() > 1) {
        int32_t best = INT32_MAX, merged = 0;
        std::size_t at = 0;
        for (std::size_t k = 0; k + 1 < w.size(); ++k) {
            const MergeInfo* m = merges.find(uint32_t(w[k].id), uint32_t(w[k + 1].id));
            if (m && m->rank < best) {  // strict: the leftmost of equal ranks
                best = m->rank;
                merged = m->result;
                at = k;
            }
        }
        if (best == INT32_MAX) break;
        if (!merge_all_occurrences) {
            w[at] = {merged, w[at].len + w[at + 1].len};
            w.erase(w.begin() + std::ptrdiff_t(at) + 1);
            continue;
        }
        const int32_t a = w[at].id, b = w[at + 1].id;
        std::size_t o = 0;
        for (std::size_t k = 0; k < w.size();) {
            if (k + 1 < w.size() && w[k].id == a && w[k + 1].id == b) {
                w[o++] = {merged, w[k].len + w[k + 1].len};
                k += 2;
            } else {
                w[o++] = w[k++];
            }
        }
        w.resize(o);
    }
}

// A priority queue of candidate pairs for long words.
void BpeModel::merge_heap(std::vector<BpeSymbol>& w) const {
    struct Sym {
        int32_t id, prev, next;
        uint32_t len;
    };
    struct Cand {
        int32_t rank, pos, left, right, result;
    };
    const auto later = [](const Cand& x, const Cand& y) { return x.rank != y.rank ? x.rank > y.rank : x.pos > y.pos; };
    const int32_t n = int32_t(w.size());
    std::vector<Sym> syms(static_cast<std::size_t>(n));
    for (int32_t i = 0; i < n; ++i) syms[std::size_t(i)] = {w[std::size_t(i)].id, i - 1, i + 1 < n ? i + 1 : -1, w[std::size_t(i)].len};

    std::vector<Cand> heap;
    heap.reserve(std::size_t(n));
    auto candidate = [&](int32_t pos) {
        const int32_t next = syms[std::size_t(pos)].next;
        if (next < 0) return false;
        const MergeInfo* m = merges.find(uint32_t(syms[std::size_t(pos)].id), uint32_t(syms[std::size_t(next)].id));
        if (!m) return false;
        heap.push_back({m->rank, pos, syms[std::size_t(pos)].id, syms[std::size_t(next)].id, m->result});
        return true;
    };
    for (int32_t i = 0; i + 1 < n; ++i) candidate(i);
    std::make_heap(heap.begin(), heap.end(), later);

    // Applies one candidate if its pair is still there. A symbol's id only
    // ever changes to a longer token, so matching ids mean the pair is intact.
    auto apply = [&](const Cand& c) {
        Sym& s = syms[std::size_t(c.pos)];
        if (s.id != c.left || s.next < 0 || syms[std::size_t(s.next)].id != c.right) return;
        const int32_t gone = s.next;
        s.id = c.result;
        s.len += syms[std::size_t(gone)].len;
        s.next = syms[std::size_t(gone)].next;
        if (s.next >= 0) syms[std::size_t(s.next)].prev = c.pos;
        syms[std::size_t(gone)].id = -1;
        if (s.prev >= 0 && candidate(s.prev)) std::push_heap(heap.begin(), heap.end(), later);
        if (candidate(c.pos)) std::push_heap(heap.begin(), heap.end(), later);
    };

    std::vector<Cand> batch;
    while (!heap.empty()) {
        if (!merge_all_occurrences) {
            std::pop_heap(heap.begin(), heap.end(), later);
            const Cand c = heap.back();
            heap.pop_back();
            apply(c);
            continue;
        }
        // Every occurrence of the best pair, leftmost first: one pass of
        // encoder.py's loop. New pairs wait for the next pass even when they
        // rank better (they cannot rank the same: that would be the same pair).
        const int32_t rank = heap.front().rank;
        batch.clear();
        while (!heap.empty() && heap.front().rank == rank) {
            std::pop_heap(heap.begin(), heap.end(), later);
            batch.push_back(heap.back());
            heap.pop_back();
        }
        for (const Cand& c : batch) apply(c);
    }
    w.clear();
    for (int32_t i = n > 0 ? 0 : -1; i >= 0; i = syms[std::size_t(i)].next) w.push_back({syms[std::size_t(i)].id, syms[std::size_t(i)].len});
}

void BpeModel::encode_uncached(std::string_view piece, std::vector<BpeSymbol>& out) const {
    if (ignore_merges && !whole_words.empty()) {
        auto it = whole_words.find(std::string(piece));
        if (it != whole_words.end()) {
            out.assign(1, {it->second, uint32_t(piece.size())});
            return;
        }
    }
    initial_symbols(piece, out);
    merge(out);
}

void BpeModel::encode_piece(std::string_view piece, std::vector<BpeSymbol>& out) const {
    if (piece.size() > kCacheMaxWordBytes) {
        encode_uncached(piece, out);
        return;
    }
    std::string key(piece);
    {
        std::lock_guard<std::mutex> lock(cache_mutex_);
        auto it = cache_.find(key);
        if (it != cache_.end()) {
            out = it->second;
            return;
        }
    }
    encode_uncached(piece, out);
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (cache_.size() >= kCacheMaxEntries) cache_.clear();
    cache_.emplace(std::move(key), out);
}

}  // namespace lancet::tokenizer_detail
