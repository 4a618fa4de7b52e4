#include "trace/patching_bench.h"
#include "core/device_sync.h"

#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace lancet {

namespace {

std::vector<double> average_ranks(const std::vector<double>& v) {
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> ranks(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
        const double r = 0.5 * static_cast<double>(i + j);  // ties share the mean rank
        for (size_t k = i; k <= j; ++k) ranks[order[k]] = r;
        i = j + 1;
    }
    return ranks;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

// Fraction of a's k strongest cells (by |x − baseline|) that are among b's.
double top_k_overlap(const std::vector<double>& a, const std::vector<double>& b, double baseline, int k) {
    const size_t n = std::min<size_t>(static_cast<size_t>(std::max(k, 1)), a.size());
    auto top = [&](const std::vector<double>& v) {
        std::vector<size_t> idx(v.size());
        std::iota(idx.begin(), idx.end(), size_t{0});
        std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(n), idx.end(),
                          [&](size_t x, size_t y) { return std::fabs(v[x] - baseline) > std::fabs(v[y] - baseline); });
        idx.resize(n);
        std::sort(idx.begin(), idx.end());
        return idx;
    };
    auto ta = top(a), tb = top(b);
    std::vector<size_t> both;
    std::set_intersection(ta.begin(), ta.end(), tb.begin(), tb.end(), std::back_inserter(both));
    return n ? static_cast<double>(both.size()) / static_cast<double>(n) : 0.0;
}

}  // namespace

double spearman_rank_correlation(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size() || a.size() < 2) return 0.0;
    return pearson(average_ranks(a), average_ranks(b));
}

Expected<nlohmann::json> bench_patching(const Model& model, const PatchRequest& request, const PatchBenchOptions& o,
                                        const JobContext& job) {
    return capture([&] {
        auto clock = [] { return std::chrono::steady_clock::now(); };
        auto since = [](auto t) { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count(); };
        // Warm-up: kernels, allocator and tokenisation outside the timings.
        attribution_patching(model, request, job).value();
        synchronize_device(model.device());

        std::vector<double> attribution_s;
        PatchResult estimate;
        for (int r = 0; r < std::max(1, o.repeats); ++r) {
            const auto t = clock();
            estimate = attribution_patching(model, request, job).value();
            synchronize_device(model.device());
            attribution_s.push_back(since(t));
        }
        const auto t = clock();
        PatchResult exact = activation_patching(model, request, job).value();
        synchronize_device(model.device());
        const double exact_s = since(t);

        const double baseline = request.direction == PatchDirection::Denoising ? 0.0 : 1.0;
        nlohmann::json agreement = nlohmann::json::object();
        std::vector<double> all_e, all_x;
        auto add = [&](const std::string& name, const std::vector<double>& e, const std::vector<double>& x) {
            agreement[name] = {{"cells", e.size()},
                               {"spearman", spearman_rank_correlation(e, x)},
                               {"top_k_overlap", top_k_overlap(x, e, baseline, o.top_k)}};
            all_e.insert(all_e.end(), e.begin(), e.end());
            all_x.insert(all_x.end(), x.begin(), x.end());
        };
        int64_t cells = 0;
        for (size_t m = 0; m < exact.maps.size() && m < estimate.maps.size(); ++m) {
            std::vector<double> e, x;
            for (const auto& row : estimate.maps[m].scores) e.insert(e.end(), row.begin(), row.end());
            for (const auto& row : exact.maps[m].scores) x.insert(x.end(), row.begin(), row.end());
            cells += static_cast<int64_t>(x.size());
            add(patch_site_name(exact.maps[m].site), e, x);
        }
        if (!exact.heads.empty() && !estimate.heads.empty()) {
            std::vector<double> e, x;
            for (const auto& row : estimate.heads) e.insert(e.end(), row.begin(), row.end());
            for (const auto& row : exact.heads) x.insert(x.end(), row.begin(), row.end());
            cells += static_cast<int64_t>(x.size());
            add("heads", e, x);
        }
        agreement["all"] = {{"cells", all_x.size()},
                            {"spearman", spearman_rank_correlation(all_e, all_x)},
                            {"top_k_overlap", top_k_overlap(all_x, all_e, baseline, o.top_k)}};

        std::sort(attribution_s.begin(), attribution_s.end());
        const double attribution_median = attribution_s[attribution_s.size() / 2];
        const ModelConfig& cfg = model.config();
        return nlohmann::json{
            {"device", model.device().str()},
            {"dtype", dtype_name(model.dtype())},
            {"n_layer", cfg.n_layer},
            {"n_head", cfg.n_head},
            {"tokens", exact.clean_ids.size()},
            {"cells", cells},
            {"protocol", exact.protocol},
            {"clean_metric", exact.clean_metric},
            {"corrupted_metric", exact.corrupted_metric},
            {"exact_s", exact_s},
            {"exact_forward_passes", exact.forward_passes},
            {"attribution_s", {{"min", attribution_s.front()}, {"median", attribution_median}, {"runs", attribution_s.size()}}},
            {"attribution_forward_passes", estimate.forward_passes},
            {"attribution_backward_passes", estimate.backward_passes},
            {"speedup", attribution_median > 0 ? exact_s / attribution_median : 0.0},
            {"top_k", o.top_k},
            {"agreement", agreement}};
    });
}

}  // namespace lancet
