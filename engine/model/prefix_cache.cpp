#include "model/prefix_cache.h"

#include "model/model.h"

#include <algorithm>

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

torch::Tensor suffix_hidden_entering(const Model& model, const PrefixCachedBatch& batch, int layer) {
    torch::NoGradGuard no_grad;
    if (layer == 0) return embed(model, batch.suffix_ids, batch.position_ids);
    KVCache scratch;
    ForwardInput in = batch.input(scratch);
    in.stop_after_layer = layer - 1;
    return forward(model, in).hidden;
}

}  // namespace lancet
