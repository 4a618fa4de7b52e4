// Encoding, decoding and lookups of a loaded Tokenizer. Loading lives in
// load_*.cpp; the pieces of the pipeline in their own files (see tokenizer_impl.h).
#include "tokenizer/tokenizer.h"

#include "tokenizer/pretokenize.h"
#include "tokenizer/tokenizer_impl.h"

#include <algorithm>

namespace lancet {

namespace td = tokenizer_detail;

namespace {

// The pipeline's spans are contiguous wherever text becomes tokens; text that
// becomes none (a Split that removes its matches, a character nothing can
// express) would leave a gap, which the next token takes (the last one takes
// a gap at the end), so that spans always cover the input.
void close_gaps(Encoding& enc, std::size_t text_size) {
    if (enc.offsets.empty()) return;
    enc.offsets.front().begin = 0;
    for (std::size_t i = 1; i < enc.offsets.size(); ++i)
        if (enc.offsets[i].begin > enc.offsets[i - 1].end) enc.offsets[i].begin = enc.offsets[i - 1].end;
    enc.offsets.back().end = std::max(enc.offsets.back().end, text_size);
}

// Cuts pieces where `marker` follows another character (see BpeModel::split_before).
void cut_before_marker(td::Pieces& pieces, const std::string& marker) {
    const std::string& t = pieces.text.text;
    std::vector<td::TextRange> out;
    out.reserve(pieces.ranges.size());
    for (const auto& r : pieces.ranges) {
        if (r.fixed_id >= 0) {
            out.push_back(r);
            continue;
        }
        std::size_t start = r.begin;
        for (std::size_t at = t.find(marker, r.begin + 1); at != std::string::npos && at < r.end; at = t.find(marker, at + 1)) {
            if (at - r.begin >= marker.size() && t.compare(at - marker.size(), marker.size(), marker) == 0) continue;
            if (at > start) out.push_back({start, at, -1});
            start = at;
        }
        out.push_back({start, r.end, -1});
    }
    pieces.ranges.swap(out);
}

}  // namespace

void Tokenizer::Impl::encode_text(std::string_view text, std::size_t begin, std::size_t end, bool allow_special,
                                  Encoding& enc) const {
    if (begin >= end) return;
    if (gpt2_fast_path) encode_gpt2(text, begin, end, enc);
    else encode_pipeline(text, begin, end, allow_special, enc);
}

void Tokenizer::Impl::encode_gpt2(std::string_view text, std::size_t begin, std::size_t end, Encoding& enc) const {
    thread_local td::DecodedText d;
    thread_local std::vector<td::Piece> pieces;
    thread_local std::vector<td::BpeSymbol> syms;
    thread_local std::string normalized;
    thread_local std::vector<std::size_t> to_input;
    td::decode_utf8(text.substr(begin, end - begin), begin, d);
    td::pretokenize(d, pieces);
    for (const td::Piece& piece : pieces) {
        const std::size_t b0 = d.pos[piece.begin], b1 = d.pos[piece.end];
        bool replaced = false;
        if (d.had_invalid)
            for (std::size_t i = piece.begin; i < piece.end && !replaced; ++i) replaced = d.replaced[i] != 0;

        if (!replaced) {
            model.encode_piece(text.substr(b0, b1 - b0), syms);
            std::size_t at = b0;
            for (const td::BpeSymbol& s : syms) {
                enc.ids.push_back(s.id);
                enc.offsets.push_back({at, at + s.len});
                at += s.len;
            }
            continue;
        }
        // The reference tokenizes U+FFFD (EF BF BD) where the input had
        // ill-formed bytes; offsets map back: byte j of such a U+FFFD to
        // min(start + j, end) of the bytes it replaced.
        normalized.clear();
        to_input.clear();
        for (std::size_t i = piece.begin; i < piece.end; ++i) {
            const std::size_t s = d.pos[i], e = d.pos[i + 1];
            const std::size_t before = normalized.size();
            td::append_utf8(normalized, d.cps[i]);
            for (std::size_t j = 0; j < normalized.size() - before; ++j) to_input.push_back(std::min(s + j, e));
        }
        to_input.push_back(b1);
        model.encode_piece(normalized, syms);
        std::size_t at = 0;
        for (const td::BpeSymbol& s : syms) {
            enc.ids.push_back(s.id);
            enc.offsets.push_back({to_input[at], to_input[at + s.len]});
            at += s.len;
        }
    }
}

void Tokenizer::Impl::encode_pipeline(std::string_view text, std::size_t begin, std::size_t end, bool allow_special,
                                      Encoding& enc) const {
    td::Pieces pieces;
    pieces.text = td::aligned_from_input(text, begin, end);
    normalizer.apply(pieces.text);
    const std::string& norm = pieces.text.text;
    if (norm.empty()) return;
    // Added tokens marked "normalized" are looked for in the normalized text.
    thread_local std::vector<td::AddedMatch> matches;
    matches.clear();
    added.find(norm, allow_special, true, matches);
    std::size_t at = 0;
    for (const auto& m : matches) {
        if (m.begin > at) pieces.ranges.push_back({at, m.begin, -1});
        pieces.ranges.push_back({m.begin, m.end, m.id});
        at = m.end;
    }
    if (at < norm.size()) pieces.ranges.push_back({at, norm.size(), -1});

    pre_tokenizer.apply(pieces);
    if (!model.split_before.empty()) cut_before_marker(pieces, model.split_before);

    thread_local std::vector<td::BpeSymbol> syms;
    const auto& to_input = pieces.text.to_input;
    for (const auto& r : pieces.ranges) {
        if (r.end <= r.begin) continue;
        if (r.fixed_id >= 0) {
            enc.ids.push_back(r.fixed_id);
            enc.offsets.push_back({to_input[r.begin], to_input[r.end]});
            continue;
        }
        model.encode_piece(std::string_view(pieces.text.text).substr(r.begin, r.end - r.begin), syms);
        std::size_t pos = r.begin;
        for (const td::BpeSymbol& s : syms) {
            enc.ids.push_back(s.id);
            enc.offsets.push_back({to_input[pos], to_input[std::min(pos + s.len, r.end)]});
            pos += s.len;
        }
    }
}

// ---- encode / decode / lookups

Encoding Tokenizer::encode(std::string_view text, bool allow_special) const {
    Encoding enc;
    enc.ids.reserve(text.size() / 3 + 4);
    enc.offsets.reserve(text.size() / 3 + 4);
    const Impl& im = *impl_;
    // Added tokens not marked "normalized" are looked for in the caller's text
    // (all of them when there is no normalizer: the loader unmarks them).
    std::vector<td::AddedMatch> matches;
    im.added.find(text, allow_special, false, matches);
    std::size_t at = 0;
    for (const auto& m : matches) {
        im.encode_text(text, at, m.begin, allow_special, enc);
        enc.ids.push_back(m.id);
        enc.offsets.push_back({m.begin, m.end});
        at = m.end;
    }
    im.encode_text(text, at, text.size(), allow_special, enc);
    if (!im.gpt2_fast_path) close_gaps(enc, text.size());
    return enc;
}

std::string Tokenizer::decode(const std::vector<int64_t>& ids) const {
    const auto& bytes = impl_->model.bytes;
    std::string out;
    for (int64_t id : ids)
        if (id >= 0 && id < int64_t(bytes.size())) out += bytes[std::size_t(id)];
    std::size_t strip = 0;
    while (strip < impl_->decode_strip_leading_spaces && strip < out.size() && out[strip] == ' ') ++strip;
    out.erase(0, strip);
    return out;
}

std::string Tokenizer::token_bytes(int64_t id) const {
    const auto& bytes = impl_->model.bytes;
    return id >= 0 && id < int64_t(bytes.size()) ? bytes[std::size_t(id)] : std::string();
}

std::string Tokenizer::token_string(int64_t id) const {
    const auto& keys = impl_->model.keys;
    return id >= 0 && id < int64_t(keys.size()) ? keys[std::size_t(id)] : std::string();
}

std::optional<int64_t> Tokenizer::token_id(const std::string& vocab_key) const {
    const auto& map = impl_->model.key_to_id;
    auto it = map.find(vocab_key);
    if (it == map.end()) return std::nullopt;
    return it->second;
}

int64_t Tokenizer::vocab_size() const { return int64_t(impl_->model.keys.size()); }
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

}  // namespace lancet
