// The mergekit methods beyond the live five, each against a computation done
// by hand on tensors small enough to check on paper (the numbers in the
// comments), plus the method table's contract.
#include "check.h"

#include "merge/merge.h"
#include "merge/merge_methods.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet_suite_merge_methods {

using namespace lancet;

namespace {

torch::Tensor vec(std::vector<float> v) { return torch::tensor(v, torch::kFloat); }
torch::Tensor mat(std::vector<float> v, int64_t rows) { return vec(std::move(v)).reshape({rows, -1}); }
double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

// Runs a method from the table as a config run would: defaults filled, then overrides.
torch::Tensor run(const std::string& name, const torch::Tensor& base, const std::vector<torch::Tensor>& models,
                  const MergeParams& params = {}, const std::vector<MergeParams>& per_model = {}) {
    const MergeMethodInfo* m = find_merge_method_info(name);
    if (!m) throw std::runtime_error("no method " + name);
    MergeArgs a;
    a.tensor_name = "w";
    a.base = base;
    a.models = models;
    for (const auto& d : m->globals) a.params[d.name] = d.default_value;
    for (const auto& [k, v] : params) a.params[k] = v;
    for (size_t i = 0; i < models.size(); ++i) {
        MergeParams mp;
        for (const auto& d : m->per_model) mp[d.name] = d.default_value;
        if (i < per_model.size())
            for (const auto& [k, v] : per_model[i]) mp[k] = v;
        a.model_params.push_back(mp);
        a.model_index.push_back(i);
    }
    return m->kernel(a);
}

const double s8 = std::sin(M_PI / 8), c8 = std::cos(M_PI / 8);  // 0.382683, 0.923880
const double r2 = std::sqrt(0.5);                                  // 0.707107

}  // namespace

LANCET_TEST(method_table_lists_every_mergekit_method) {
    for (const char* name : {"linear", "task_arithmetic", "ties", "dare_ties", "dare_linear", "breadcrumbs",
                             "breadcrumbs_ties", "della", "della_linear", "sce", "slerp", "nuslerp", "multislerp",
                             "karcher", "model_stock", "nearswap", "arcee_fusion", "passthrough"}) {
        const MergeMethodInfo* m = find_merge_method_info(name);
        REQUIRE(m != nullptr);
        CHECK(m->kernel != nullptr);
        CHECK_EQ(m->name, std::string(name));
    }
    CHECK(find_merge_method_info("frankenstein") == nullptr);
    // Only the five the Merger updates incrementally are live; the random ones say so.
    int live = 0;
    for (const auto& m : merge_method_table()) live += m.live;
    CHECK(live == 5);
    CHECK(find_merge_method_info("della")->random);
    CHECK(!find_merge_method_info("slerp")->random);
}

LANCET_TEST(slerp_by_hand) {
    // Orthogonal unit vectors: Omega = pi/2, t = 0.5 gives sin(pi/4) of each.
    CHECK(max_diff(slerp_tensors(0.5, vec({1, 0}), vec({0, 1})), vec({float(r2), float(r2)})) < 1e-6);
    // Lengths are kept: the coefficients apply to the unnormalised tensors.
    CHECK(max_diff(slerp_tensors(0.5, vec({2, 0}), vec({0, 3})), vec({float(2 * r2), float(3 * r2)})) < 1e-6);
    // t = 0 is the base, t = 1 the model.
    CHECK(max_diff(slerp_tensors(0.0, vec({2, 0}), vec({0, 3})), vec({2, 0})) < 1e-6);
    CHECK(max_diff(slerp_tensors(1.0, vec({2, 0}), vec({0, 3})), vec({0, 3})) < 1e-6);
    // Parallel tensors (|cos| > 0.9995) interpolate linearly: 0.75 a + 0.25 b.
    CHECK(max_diff(slerp_tensors(0.25, vec({1, 2}), vec({2, 4})), vec({1.25, 2.5})) < 1e-6);
    // Through the table: base first, t required.
    CHECK(max_diff(run("slerp", vec({1, 0}), {vec({0, 1})}, {{"t", 0.25}}), vec({float(c8), float(s8)})) < 1e-6);
}

LANCET_TEST(nuslerp_by_hand) {
    // t = w2 / (w1 + w2) = 3 / 4: coefficients sin(pi/8) and sin(3 pi/8) on orthogonal unit vectors.
    auto r = run("nuslerp", torch::Tensor(), {vec({1, 0}), vec({0, 1})}, {}, {{{"weight", 1.0}}, {{"weight", 3.0}}});
    CHECK(max_diff(r, vec({float(s8), float(c8)})) < 1e-6);
    // With a base, the task vectors are slerped and added back.
    auto b = run("nuslerp", vec({1, 1}), {vec({2, 1}), vec({1, 2})}, {}, {{{"weight", 1.0}}, {{"weight", 3.0}}});
    CHECK(max_diff(b, vec({float(1 + s8), float(1 + c8)})) < 1e-6);
    // Per row vs flattened: rows [(1,0),(1,0)] and [(0,1),(1,0)] at t = 0.5.
    auto a2 = mat({1, 0, 1, 0}, 2), b2 = mat({0, 1, 1, 0}, 2);
    // per row: row 0 is a quarter turn (r2, r2), row 1 is parallel (1, 0).
    CHECK(max_diff(nuslerp_tensors(0.5, a2, b2, false, false), mat({float(r2), float(r2), 1, 0}, 2)) < 1e-6);
    // flattened: cos = 1/2, Omega = pi/3, both coefficients sin(pi/6) / sin(pi/3) = 0.57735.
    const float k = float(0.5 / std::sin(M_PI / 3));
    CHECK(max_diff(nuslerp_tensors(0.5, a2, b2, false, true), mat({k, k, 2 * k, 0}, 2)) < 1e-6);
}

LANCET_TEST(multislerp_and_karcher_by_hand) {
    // Two inputs: the tangent-space sum vanishes, leaving the normalised weighted
    // mean direction (0.75, 0.25)/|.| = (0.948683, 0.316228) times the weighted
    // mean norm 0.75*2 + 0.25*1 = 1.75.
    auto m = multislerp_tensors({vec({2, 0}), vec({0, 1})}, {3, 1}, torch::Tensor(), true, 1e-8);
    CHECK(max_diff(m, vec({1.75f * 0.9486833f, 1.75f * 0.3162278f})) < 1e-5);
    // With a base the same happens to the task vectors.
    auto mb = run("multislerp", vec({1, 1}), {vec({3, 1}), vec({1, 2})}, {}, {{{"weight", 3.0}}, {{"weight", 1.0}}});
    CHECK(max_diff(mb, vec({1 + 1.75f * 0.9486833f, 1 + 1.75f * 0.3162278f})) < 1e-5);
    // Karcher on the circle: e1, e1, e2 with equal weights have their mean at the
    // mean angle, 30 degrees (the Euclidean mean points at 26.57 degrees).
    auto k = karcher_tensors({vec({1, 0}), vec({1, 0}), vec({0, 1})}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, 10, 1e-5);
    CHECK(max_diff(k, vec({float(std::cos(M_PI / 6)), 0.5f})) < 1e-5);
    // The table's karcher weighs every input 1/N and scales by the mean norm (2 + 2) / 2.
    CHECK(max_diff(run("karcher", torch::Tensor(), {vec({2, 0}), vec({0, 2})}), vec({float(2 * r2), float(2 * r2)})) < 1e-5);
}

LANCET_TEST(model_stock_by_hand) {
    // tau_1 = (1, 0), tau_2 = (1, 1): cos = 1/sqrt 2, N = 2, t = 2 cos / (1 + cos) = 0.828427;
    // average (2, 1.5) -> t * avg + (1 - t) * base.
    const double c = r2, t = 2 * c / (1 + c);
    auto r = model_stock_tensors(vec({1, 1}), {vec({2, 1}), vec({2, 2})}, false);
    CHECK(max_diff(r, vec({float(1 + t), float(1 + 0.5 * t)})) < 1e-6);
    // filter_wise: one t per row; row 1's deltas are parallel (cos 1, t = 1: the average).
    auto f = run("model_stock", torch::zeros({2, 2}), {mat({1, 0, 1, 0}, 2), mat({1, 1, 2, 0}, 2)}, {{"filter_wise", true}});
    CHECK(max_diff(f, mat({float(t), float(0.5 * t), 1.5, 0}, 2)) < 1e-6);
    // Flattened over the whole tensor instead: cos = 3 / sqrt(2 * 6).
    const double cf = 3 / std::sqrt(12.0), tf = 2 * cf / (1 + cf);
    auto g = run("model_stock", torch::zeros({2, 2}), {mat({1, 0, 1, 0}, 2), mat({1, 1, 2, 0}, 2)});
    CHECK(max_diff(g, mat({float(tf), float(0.5 * tf), float(1.5 * tf), 0}, 2)) < 1e-6);
}

LANCET_TEST(nearswap_by_hand) {
    // |d| = (1, 0.05, 0.2, 0) with t = 0.1: w = (0.1, 1, 0.5, 1).
    auto r = nearswap_tensors(0.1, torch::zeros({4}), vec({1, 0.05f, -0.2f, 0}));
    CHECK(max_diff(r, vec({0.1f, 0.05f, -0.1f, 0})) < 1e-7);
    bool refused = false;
    try {
        nearswap_tensors(0.0, torch::zeros({4}), vec({1, 0, 0, 0}));
    } catch (const std::exception&) {
        refused = true;
    }
    CHECK(refused);
}

LANCET_TEST(arcee_fusion_by_hand) {
    // One row, so the KL factor is one positive number k: importance = |delta| k.
    // Sorted |delta| = 0.1 .. 0.7, 5: q1 = 0.2 k, median = 0.4 k, q3 = 0.6 k,
    // threshold = 0.4 k + 1.5 (0.4 k) = 1.0 k: only the 5 passes.
    auto x = vec({0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, 5.0f});
    auto r = arcee_fusion_tensors(torch::zeros({8}), x);
    CHECK(max_diff(r, vec({0, 0, 0, 0, 0, 0, 0, 5})) < 1e-7);
}

LANCET_TEST(breadcrumbs_drop_outliers_and_small_by_hand) {
    // 10 entries, density 0.5, gamma 0.1: keep 5, drop the largest 1 (-0.9) and the smallest 4.
    auto tau = vec({0.1f, -0.9f, 0.3f, 0.05f, -0.5f, 0.7f, 0.2f, -0.01f, 0.4f, 0.6f});
    auto kept = vec({0, 0, 0.3f, 0, -0.5f, 0.7f, 0, 0, 0.4f, 0.6f});
    CHECK(max_diff(magnitude_outliers(tau, 0.5, 0.1), kept) < 1e-7);
    // density 0.95 keeps 9 of 10: gamma 0.1 drops the largest (-0.9) and nothing below;
    // gamma 0.2 would leave 8, so it is cut back to one outlier and gives the same.
    auto no_top = tau * (tau.abs() < 0.85).to(torch::kFloat);
    CHECK(max_diff(magnitude_outliers(tau, 0.95, 0.1), no_top) < 1e-7);
    CHECK(max_diff(magnitude_outliers(tau, 0.95, 0.2), no_top) < 1e-7);
    // One model, weight 2, lambda 0.5, no normalize: base + lambda * w * kept.
    auto base = torch::ones({10});
    auto r = run("breadcrumbs", base, {base + tau}, {{"lambda", 0.5}},
                 {{{"weight", 2.0}, {"density", 0.5}, {"gamma", 0.1}}});
    CHECK(max_diff(r, base + kept) < 1e-6);
    // rescale: the kept entries are scaled to tau's L1 norm (3.76 / 2.5).
    auto rs = run("breadcrumbs", torch::zeros({10}), {tau}, {{"rescale", true}},
                  {{{"weight", 1.0}, {"density", 0.5}, {"gamma", 0.1}}});
    CHECK(max_diff(rs, kept * (3.76f / 2.5f)) < 1e-6);
}

LANCET_TEST(gta_combine_consensus_and_normalize_by_hand) {
    // Weighted deltas (1, -1, 0.5) and (-1, -2, 1): vote (0, -3, 1.5), elected (+, -, +);
    // model 2 disagrees at entry 0. Sum (1, -3, 1.5), divisor (1, 3, 3).
    std::vector<torch::Tensor> d{vec({1, -1, 0.5f}), vec({-0.5f, -1, 0.5f})};
    CHECK(max_diff(gta_combine(d, {1, 2}, true, true, 2.0), vec({2, -2, 1})) < 1e-6);
    CHECK(max_diff(gta_combine(d, {1, 2}, true, false, 1.0), vec({1, -3, 1.5f})) < 1e-6);
    // No consensus: plain weighted sum (0, -3, 1.5), normalize divides by 3.
    CHECK(max_diff(gta_combine(d, {1, 2}, false, true, 1.0), vec({0, -1, 0.5f})) < 1e-6);
    // breadcrumbs_ties through the table equals the combination of the sparsified deltas.
    auto base = torch::zeros({3});
    auto r = run("breadcrumbs_ties", base, {d[0], d[1]}, {{"normalize", true}},
                 {{{"weight", 1.0}, {"density", 1.0}}, {{"weight", 2.0}, {"density", 1.0}}});
    CHECK(max_diff(r, vec({1, -1, 0.5f})) < 1e-6);
}

LANCET_TEST(della_probabilities_by_hand_and_seeded_masks) {
    // Row-wise magnitude ranks: row 0 |.| = (0.1, 0.3, 0.2) -> ranks (0, 2, 1) / 2 -> p = 0.4, 0.6, 0.5.
    auto tau = mat({0.1f, -0.3f, 0.2f, 5, 1, -3}, 2);
    CHECK(max_diff(della_keep_probabilities(tau, 0.5, 0.1), mat({0.4f, 0.6f, 0.5f, 0.6f, 0.4f, 0.5f}, 2)) < 1e-6);
    bool refused = false;
    try {
        della_keep_probabilities(tau, 0.95, 0.1);  // density + epsilon >= 1
    } catch (const std::exception&) {
        refused = true;
    }
    CHECK(refused);
    // The kernel: keep where the fixed uniform draw u < p, L1-rescale, then (one model) add to the base.
    torch::manual_seed(3);
    auto big = torch::randn({64, 256});
    auto base = torch::zeros_like(big);
    auto r = run("della", base, {big}, {}, {{{"weight", 1.0}, {"density", 0.5}, {"epsilon", 0.2}}});
    auto p = della_keep_probabilities(big, 0.5, 0.2);
    auto masked = big * (dare_uniforms(big.sizes(), 42, 0, "w") < p).to(torch::kFloat);
    CHECK(max_diff(r, l1_rescaled(big, masked)) < 1e-5);
    CHECK_NEAR(r.abs().sum().item<double>(), big.abs().sum().item<double>(), 1e-2 * big.abs().sum().item<double>());
    // Large magnitudes survive more often: with epsilon 0.2 the top half of each row keeps ~60 %, the bottom ~40 %.
    auto kept = (r != 0).to(torch::kFloat);
    auto top = (p > 0.5).to(torch::kFloat);
    const double top_rate = (kept * top).sum().item<double>() / top.sum().item<double>();
    const double bottom_rate = (kept * (1 - top)).sum().item<double>() / (1 - top).sum().item<double>();
    CHECK(top_rate > 0.56 && top_rate < 0.64);
    CHECK(bottom_rate > 0.36 && bottom_rate < 0.44);
    // Same seed, same mask.
    CHECK(max_diff(run("della", base, {big}, {}, {{{"weight", 1.0}, {"density", 0.5}, {"epsilon", 0.2}}}), r) == 0.0);
}

LANCET_TEST(sce_by_hand) {
    // tau_1 = (1, -1, 2, 0), tau_2 = (3, 1, -2, 0): mean squares 1.5 and 3.5 -> weights 0.3, 0.7;
    // elected signs of the sum (4, 0, 0, 0): all +; tau_1 agrees at 0, 2; tau_2 at 0, 1.
    // Sum (2.4, 0.7, 0.6, 0) / divisor (1, 0.7, 0.3, 1) = (2.4, 1, 2, 0).
    auto base = torch::zeros({4});
    auto r = run("sce", base, {vec({1, -1, 2, 0}), vec({3, 1, -2, 0})});
    CHECK(max_diff(r, vec({2.4f, 1, 2, 0})) < 1e-6);
    // select_topk 0.5: variances (1, 1, 4, 0), 3 non-zero -> keep the top 1 (entry 2);
    // then weights 0.5 each, the vote at entry 2 is 0 -> +, only tau_1 agrees: 2.
    auto s = run("sce", base, {vec({1, -1, 2, 0}), vec({3, 1, -2, 0})}, {{"select_topk", 0.5}});
    CHECK(max_diff(s, vec({0, 0, 2, 0})) < 1e-6);
}

LANCET_TEST(passthrough_scales) {
    CHECK(max_diff(run("passthrough", torch::Tensor(), {vec({1, -2})}), vec({1, -2})) == 0.0);
    CHECK(max_diff(run("passthrough", torch::Tensor(), {vec({1, -2})}, {}, {{{"scale", 0.5}}}), vec({0.5f, -1})) == 0.0);
}

LANCET_TEST(live_methods_through_the_table_match_merge_tensors) {
    // ties via the table = merge_tensors with mergekit's election: the same code, bit for bit.
    auto base = vec({0, 0, 0, 0, 0, 0});
    auto t1 = vec({0.5f, -0.2f, 0.1f, -0.8f, 0.3f, 0});
    auto t2 = vec({0.4f, -0.6f, 0.05f, 0.2f, 0, 0.9f});
    auto r = run("ties", base, {t1, t2}, {{"lambda", 0.8}},
                 {{{"weight", 1.0}, {"density", 0.5}}, {{"weight", 0.5}, {"density", 0.5}}});
    MergeSpec s;
    s.method = MergeMethod::Ties;
    s.mergekit_election = true;
    s.normalize = true;
    s.lambda = 0.8;
    s.tasks = {{"", 1.0, 0.5}, {"", 0.5, 0.5}};
    TaskVector a, b;
    a.delta["w"] = t1;
    b.delta["w"] = t2;
    auto ref = merge_tensors({{"w", base}}, {a, b}, s);
    REQUIRE_OK(ref);
    CHECK(max_diff(r, ref->at("w")) == 0.0);
    // linear: sum w_i theta_i / sum w_i, no base: (1 * (1, 2) + 2 * (3, 6)) / 3.
    CHECK(max_diff(run("linear", torch::Tensor(), {vec({1, 2}), vec({3, 6})}, {}, {{{"weight", 1.0}}, {{"weight", 2.0}}}),
                   vec({7.0f / 3, 14.0f / 3})) < 1e-6);
    // rescale: false is refused for DARE (Lancet always rescales).
    bool refused = false;
    try {
        run("dare_ties", base, {t1}, {{"rescale", false}}, {{{"weight", 1.0}, {"density", 0.5}}});
    } catch (const std::exception& e) {
        refused = std::string(e.what()).find("rescale") != std::string::npos;
    }
    CHECK(refused);
}

}  // namespace lancet_suite_merge_methods
