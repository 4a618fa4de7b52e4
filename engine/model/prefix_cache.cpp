#include "model/prefix_cache.h"

#include "model/model.h"

#include <algorithm>
#include <limits>

namespace lancet {

namespace {

struct Lengths {
    int64_t prefix = 0;  // P
    int64_t suffix = 0;  // Ts
};

Lengths lengths_of(const std::vector<std::vector<int64_t>>& rows, const std::vector<int64_t>& split) {
    if (rows.empty()) fail(ErrorCode::InvalidArgument, "prefix cache: no rows");
    if (rows.size() != split.size()) fail(ErrorCode::InvalidArgument, "prefix cache: one split per row");
    Lengths n;
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto len = static_cast<int64_t>(rows[i].size());
        if (split[i] < 0 || split[i] >= len)
            fail(ErrorCode::InvalidArgument, "prefix cache: row " + std::to_string(i) + " splits at " +
                                                 std::to_string(split[i]) + " of " + std::to_string(len) + " tokens");
        n.prefix = std::max(n.prefix, split[i]);
        n.suffix = std::max(n.suffix, len - split[i]);
    }
    return n;
}

// rows[i][begin_i : end_i) right padded to `width`: token ids and a 0/1 mask (CPU, int64).
std::pair<torch::Tensor, torch::Tensor> pad(const std::vector<std::vector<int64_t>>& rows,
                                            const std::vector<int64_t>& begin, const std::vector<int64_t>& end,
                                            int64_t width) {
    const auto B = static_cast<int64_t>(rows.size());
    auto ids = torch::zeros({B, width}, torch::kLong);
    auto mask = torch::zeros({B, width}, torch::kLong);
    auto ia = ids.accessor<int64_t, 2>();
    auto ma = mask.accessor<int64_t, 2>();
    for (int64_t i = 0; i < B; ++i) {
        const auto& r = rows[static_cast<size_t>(i)];
        for (int64_t t = begin[static_cast<size_t>(i)]; t < end[static_cast<size_t>(i)]; ++t) {
            const int64_t j = t - begin[static_cast<size_t>(i)];
            ia[i][j] = r[static_cast<size_t>(t)];
            ma[i][j] = 1;
        }
    }
    return {ids, mask};
}

}  // namespace

bool prefix_cache_fits(const Model& model, const std::vector<std::vector<int64_t>>& rows,
                       const std::vector<int64_t>& split) {
    const Lengths n = lengths_of(rows, split);
    return n.prefix + n.suffix <= model.config().n_positions;
}

PrefixCachedBatch cache_prefixes(const Model& model, const std::vector<std::vector<int64_t>>& rows,
                                 const std::vector<int64_t>& split) {
    const Lengths n = lengths_of(rows, split);
    if (n.prefix + n.suffix > model.config().n_positions)
        fail(ErrorCode::InvalidArgument, "prefix cache: " + std::to_string(n.prefix) + " + " +
                                             std::to_string(n.suffix) + " tokens exceed the model's " +
                                             std::to_string(model.config().n_positions) + " positions");
    const torch::Device dev = model.device();
    std::vector<int64_t> zeros(rows.size(), 0), row_end;
    for (const auto& r : rows) row_end.push_back(static_cast<int64_t>(r.size()));

    PrefixCachedBatch b;
    b.split = split;
    b.prefix_length = n.prefix;
    auto [sids, smask] = pad(rows, split, row_end, n.suffix);
    b.suffix_ids = sids.to(dev);
    auto positions = torch::tensor(split, torch::kLong).unsqueeze(1) + torch::arange(n.suffix, torch::kLong).unsqueeze(0);
    // Padding slots past a row's end get a valid (never attended) position.
    b.position_ids = positions.clamp_max(model.config().n_positions - 1).to(dev);
    if (n.prefix == 0) {
        b.attention_mask = smask.to(dev);
        return b;
    }
    auto [pids, pmask] = pad(rows, zeros, split, n.prefix);
    b.attention_mask = torch::cat({pmask, smask}, 1).to(dev);
    torch::NoGradGuard no_grad;
    ForwardInput in;
    in.input_ids = pids.to(dev);
    in.attention_mask = pmask.to(dev);
    in.logits = LogitsMode::None;
    in.cache = &b.prefix;
    forward(model, in);
    return b;
}

ForwardInput PrefixCachedBatch::input(KVCache& scratch) const {
    scratch = prefix;
    ForwardInput in;
    in.input_ids = suffix_ids;
    in.attention_mask = attention_mask;
    in.position_ids = position_ids;
    in.cache = &scratch;
    return in;
}

PrefixCachedBatch PrefixCachedBatch::rows(const torch::Tensor& index) const {
    PrefixCachedBatch b;
    b.suffix_ids = suffix_ids.index_select(0, index);
    b.attention_mask = attention_mask.index_select(0, index);
    b.position_ids = position_ids.index_select(0, index);
    b.prefix_length = prefix_length;
    // Each layer's keys and values live on that layer's device (model/placement.h).
    auto rows_of = [&](const torch::Tensor& t) {
        return t.defined() ? t.index_select(0, index.to(t.device())) : torch::Tensor();
    };
    for (size_t l = 0; l < prefix.keys.size(); ++l) {
        b.prefix.keys.push_back(rows_of(prefix.keys[l]));
        b.prefix.values.push_back(rows_of(prefix.values[l]));
    }
    const auto host = index.to(torch::kCPU).contiguous();
    for (int64_t i = 0; i < host.numel(); ++i) b.split.push_back(split.at(static_cast<size_t>(host.data_ptr<int64_t>()[i])));
    return b;
}

PrefixCachedBatch PrefixCachedBatch::truncated(int64_t suffix_len) const {
    PrefixCachedBatch b = *this;
    const int64_t len = std::min<int64_t>(std::max<int64_t>(suffix_len, 1), suffix_ids.size(1));
    b.suffix_ids = suffix_ids.slice(1, 0, len);
    b.position_ids = position_ids.slice(1, 0, len);
    b.attention_mask = attention_mask.slice(1, 0, prefix_length + len);
    return b;
}

std::vector<std::vector<int64_t>> group_rows_by_length(const std::vector<int64_t>& lengths, int max_groups,
                                                       double slack) {
    if (lengths.empty()) return {};
    // Distinct lengths ascending with their counts; a group is a run of them.
    std::vector<int64_t> distinct(lengths);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const size_t n = distinct.size();
    std::vector<int64_t> count(n, 0);
    for (int64_t l : lengths) ++count[static_cast<size_t>(std::lower_bound(distinct.begin(), distinct.end(), l) - distinct.begin())];
    std::vector<int64_t> prefix(n + 1, 0);
    for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + count[i];
    auto cost = [&](size_t i, size_t j) { return (prefix[j + 1] - prefix[i]) * distinct[j]; };  // runs i..j padded to j
    const size_t G = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(std::max(max_groups, 1)), n));
    constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;
    // best[g][j]: least padded positions covering distinct[0..j] with g + 1 groups; cut[g][j]: where the last begins.
    std::vector<std::vector<int64_t>> best(G, std::vector<int64_t>(n, kInf));
    std::vector<std::vector<size_t>> cut(G, std::vector<size_t>(n, 0));
    for (size_t j = 0; j < n; ++j) best[0][j] = cost(0, j);
    for (size_t g = 1; g < G; ++g)
        for (size_t j = g; j < n; ++j)
            for (size_t i = g; i <= j; ++i) {
                const int64_t c = best[g - 1][i - 1] + cost(i, j);
                if (c < best[g][j]) best[g][j] = c, cut[g][j] = i;
            }
    size_t groups = G;
    for (size_t g = 0; g < G; ++g)
        if (static_cast<double>(best[g][n - 1]) <= (1.0 + slack) * static_cast<double>(best[G - 1][n - 1])) {
            groups = g + 1;
            break;
        }
    // Length ranges of the chosen groups, then the rows into them.
    std::vector<int64_t> upper(groups);
    size_t j = n - 1;
    for (size_t g = groups; g-- > 0;) {
        upper[g] = distinct[j];
        if (g > 0) j = cut[g][j] - 1;
    }
    std::vector<std::vector<int64_t>> out(groups);
    for (size_t r = 0; r < lengths.size(); ++r) {
        const size_t g = static_cast<size_t>(std::lower_bound(upper.begin(), upper.end(), lengths[r]) - upper.begin());
        out[g].push_back(static_cast<int64_t>(r));
    }
    return out;
}

torch::Tensor suffix_hidden_entering(const Model& model, const PrefixCachedBatch& batch, int layer) {
    torch::NoGradGuard no_grad;
    if (layer == 0) return embed(model, batch.suffix_ids, batch.position_ids);
    KVCache scratch;
    ForwardInput in = batch.input(scratch);
    in.stop_after_layer = layer - 1;
    return forward(model, in).hidden;
}

}  // namespace lancet
