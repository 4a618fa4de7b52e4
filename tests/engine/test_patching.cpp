// Counterfactual activation patching, attribution patching and the logit lens:
// the batched patches equal a literal hook-based loop, the normalisation means
// what it says (1 = clean, 0 = corrupted), the attribution estimate equals the
// first-order term computed another way, and the lens's last layer is the
// model's own output — on GPT-2 and on the other families.
#include "check.h"

#include "model/forward.h"
#include "model/model.h"
#include "trace/logit_lens.h"
#include "trace/patching.h"
#include "trace/patching_bench.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet_suite_patching {

using namespace lancet;

namespace {

std::shared_ptr<Model> load(const std::string& dir) {
    auto m = Model::load(dir);
    if (!m) throw std::runtime_error(m.error().message);
    return m.value();
}

std::shared_ptr<Model> tiny_gpt2() {
    static auto m = load(test::fixtures_dir() + "/tiny-gpt2");
    return m;
}

// A clean/corrupted pair of equal token length for this model's tokenizer.
PatchRequest pair_for(const Model& model) {
    const std::vector<std::string> subjects = {"Golden Gate", "Space Needle", "Eiffel Tower", "Big Ben", "Tower Bridge",
                                               "Statue Park", "Space Tower", "Golden Bate", "Golden Fate", "Golden Late"};
    const std::string clean = "The Golden Gate is in";
    const size_t n = model.encode(clean).ids.size();
    for (const auto& s : subjects) {
        const std::string corrupted = "The " + s + " is in";
        if (corrupted != clean && model.encode(corrupted).ids.size() == n) {
            PatchRequest r;
            r.clean_prompt = clean;
            r.corrupted_prompt = corrupted;
            r.clean_answer = "Seattle";
            r.corrupted_answer = "Paris";
            return r;
        }
    }
    throw std::runtime_error("no equal-length counterfactual for this tokenizer");
}

double worst_gap(const PatchResult& a, const PatchResult& b) {
    double worst = 0;
    for (size_t m = 0; m < a.maps.size(); ++m)
        for (size_t t = 0; t < a.maps[m].scores.size(); ++t)
            for (size_t l = 0; l < a.maps[m].scores[t].size(); ++l)
                worst = std::max(worst, std::fabs(a.maps[m].scores[t][l] - b.maps[m].scores[t][l]));
    for (size_t l = 0; l < a.heads.size(); ++l)
        for (size_t h = 0; h < a.heads[l].size(); ++h) worst = std::max(worst, std::fabs(a.heads[l][h] - b.heads[l][h]));
    return worst;
}

}  // namespace

LANCET_TEST(batched_patches_equal_the_hook_loop_in_both_directions) {
    for (const std::string& dir : {test::fixtures_dir() + "/tiny-gpt2", test::fixtures_dir() + "/families/llama",
                                  test::fixtures_dir() + "/families/gpt_neox"}) {
        auto model = load(dir);
        for (auto direction : {PatchDirection::Denoising, PatchDirection::Noising}) {
            PatchRequest req = pair_for(*model);
            req.direction = direction;
            req.rows_per_pass = 7;  // several passes, rows of different layers and sites mixed
            auto fast = activation_patching(*model, req);
            REQUIRE_OK(fast);
            req.reference_loop = true;
            auto loop = activation_patching(*model, req);
            REQUIRE_OK(loop);
            // On the metric itself (scores are divided by the clean − corrupted span).
            const double gap = worst_gap(fast.value(), loop.value()) * std::fabs(fast->clean_metric - fast->corrupted_metric);
            if (gap > 1e-5) std::printf("  %s: batched vs loop %.3e\n", dir.c_str(), gap);
            CHECK(gap <= 1e-5);
            CHECK(fast->forward_passes < loop->forward_passes);
            CHECK_EQ(fast->heads.size(), static_cast<size_t>(model->config().n_layer));
        }
    }
}

LANCET_TEST(normalisation_is_one_at_the_output_and_zero_where_the_prompts_agree) {
    auto model = tiny_gpt2();
    PatchRequest req = pair_for(*model);
    auto r = activation_patching(*model, req);
    REQUIRE_OK(r);
    const auto& hidden = r->maps[0];
    REQUIRE(hidden.site == PatchSite::Hidden);
    const size_t T = hidden.scores.size(), L = hidden.scores[0].size();
    // The last block's output at the last position is all the logits see: the clean metric exactly.
    CHECK_NEAR(hidden.scores[T - 1][L - 1], 1.0, 1e-5);
    // "The" is the same token in both prompts: copying its state changes nothing.
    for (size_t l = 0; l < L; ++l) CHECK_NEAR(hidden.scores[0][l], 0.0, 1e-6);
    CHECK(r->clean_metric > r->corrupted_metric);  // logit(Seattle) − logit(Paris) is larger on the clean prompt
    CHECK_EQ(r->protocol, std::string("activation-patching/denoising/logit-diff"));
    // Noising: the same cell carries the whole corruption.
    req.direction = PatchDirection::Noising;
    auto n = activation_patching(*model, req);
    REQUIRE_OK(n);
    CHECK_NEAR(n->maps[0].scores[T - 1][L - 1], 0.0, 1e-5);
}

LANCET_TEST(attribution_equals_the_first_order_term_computed_through_a_scalar) {
    // Independent route: interpolate one cell, a(ε) = a + ε (a' − a), and take
    // dm/dε at ε = 0 by autograd on ε alone; the estimate must match it for every cell tried.
    for (const std::string& dir : {test::fixtures_dir() + "/tiny-gpt2", test::fixtures_dir() + "/families/gemma2"}) {
        auto model = load(dir);
        PatchRequest req = pair_for(*model);
        req.metric = PatchMetric::Probability;
        auto est = attribution_patching(*model, req);
        REQUIRE_OK(est);
        auto exact = activation_patching(*model, req);
        REQUIRE_OK(exact);
        CHECK_EQ(est->backward_passes, int64_t(1));
        const auto clean_ids = est->clean_ids, corrupted_ids = est->corrupted_ids;
        Interventions capture;
        capture.capture_all_layers(Site::MlpOut, static_cast<int>(model->config().n_layer));
        {
            torch::NoGradGuard g;
            ForwardInput in;
            in.input_ids = torch::tensor(clean_ids, torch::kLong).view({1, -1});
            forward(*model, in, &capture);
        }
        const double span = est->clean_metric - est->corrupted_metric;
        for (int layer : {0, static_cast<int>(model->config().n_layer) - 1}) {
            const int64_t t = static_cast<int64_t>(clean_ids.size()) - 2;
            auto source = capture.captured(Site::MlpOut, layer)[0][t].detach();
            auto eps = torch::zeros({}, torch::requires_grad());
            Interventions iv;
            iv.hook(Site::MlpOut, layer, [&](Site, int, torch::Tensor& x) {
                auto row = x[0][t];
                auto moved = row + eps * (source - row.detach());
                x = x.index_put({torch::tensor(0), torch::tensor(t)}, moved);
            });
            ForwardInput in;
            in.input_ids = torch::tensor(corrupted_ids, torch::kLong).view({1, -1});
            in.logits = LogitsMode::Last;
            auto p = torch::softmax(forward(*model, in, &iv).logits, -1)[0][est->clean_answer_id];
            auto d = torch::autograd::grad({p}, {eps})[0].item<double>();
            const double expected = d / span;  // denoising from the corrupted run: (m + Δ − m_c) / span with m = m_c
            const double got = est->maps[1].scores[static_cast<size_t>(t)][static_cast<size_t>(layer)];
            CHECK(est->maps[1].site == PatchSite::Mlp);
            CHECK_NEAR(got, expected, 1e-4 * std::max(1.0, std::fabs(expected)));
        }
        // The one-click check: the top cells' estimates beside their exact values.
        auto checks = check_top_cells(*model, req, est.value(), 5);
        REQUIRE_OK(checks);
        CHECK_EQ(checks->size(), size_t(5));
        for (const auto& c : checks.value()) {
            if (c.site == "head") continue;
            const auto& map = exact->maps[c.site == "hidden" ? 0 : c.site == "mlp" ? 1 : 2];
            CHECK_NEAR(c.exact, map.scores[static_cast<size_t>(c.index)][static_cast<size_t>(c.layer)], 1e-5);
        }
    }
}

LANCET_TEST(the_estimate_check_patches_its_strongest_cells_exactly) {
    // The workbench's "Check top N exactly": the cells in passes of any size
    // give the exact map's values, and the rank correlation is Spearman's.
    auto model = tiny_gpt2();
    PatchRequest req = pair_for(*model);
    auto est = attribution_patching(*model, req);
    REQUIRE_OK(est);
    auto exact = activation_patching(*model, req);
    REQUIRE_OK(exact);
    req.rows_per_pass = 3;  // several passes
    std::vector<double> fractions;
    JobContext job;
    job.progress = [&](double f, const std::string&) { fractions.push_back(f); };
    auto check = check_estimate(*model, req, est.value(), 12, job);
    REQUIRE_OK(check);
    REQUIRE(check->cells.size() == size_t(12));
    CHECK(fractions.size() == size_t(4) && fractions.back() == 1.0);
    std::vector<double> a, b;
    for (const auto& c : check->cells) {
        a.push_back(c.estimate);
        b.push_back(c.exact);
        if (c.site == "head") {
            CHECK_NEAR(c.exact, exact->heads[static_cast<size_t>(c.layer)][static_cast<size_t>(c.index)], 1e-5);
            continue;
        }
        const auto& map = exact->maps[c.site == "hidden" ? 0 : c.site == "mlp" ? 1 : 2];
        CHECK_NEAR(c.exact, map.scores[static_cast<size_t>(c.index)][static_cast<size_t>(c.layer)], 1e-5);
    }
    CHECK_NEAR(check->rank_correlation, spearman_rank_correlation(a, b), 1e-12);
    CHECK(check->to_json().contains("rank_correlation"));
    // Spearman's rho by hand: a monotone series is 1, reversed -1, ties averaged.
    CHECK_NEAR(spearman_rank_correlation({1, 2, 3, 4}, {10, 20, 30, 45}), 1.0, 1e-12);
    CHECK_NEAR(spearman_rank_correlation({1, 2, 3}, {3, 2, 1}), -1.0, 1e-12);
    CHECK_NEAR(spearman_rank_correlation({1, 2, 2, 3}, {1, 2, 3, 4}), 0.9486832980505138, 1e-12);
    // One cell orders nothing: the report says "undefined" rather than a number.
    auto one = check_estimate(*model, req, est.value(), 1);
    REQUIRE_OK(one);
    CHECK(std::isnan(one->rank_correlation) && one->to_json()["rank_correlation"].is_null());
    // Refusals: no cell to check, an estimate of other prompts.
    CHECK(check_estimate(*model, req, est.value(), 0).error().code == ErrorCode::InvalidArgument);
    PatchRequest other = req;
    other.clean_prompt = "The Golden Gate is on";
    auto stale = check_estimate(*model, other, est.value(), 5);
    REQUIRE(!stale);
    CHECK(stale.error().message.find("other prompts") != std::string::npos);
}

LANCET_TEST(mismatched_lengths_and_equal_answers_are_explained) {
    auto model = tiny_gpt2();
    PatchRequest req;
    req.clean_prompt = "The Space Needle is in";
    req.corrupted_prompt = "The Statue of Liberty in New York Harbor is in";
    auto r = activation_patching(*model, req);
    REQUIRE(!r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().message.find("tokenize to") != std::string::npos);
    req.clean_prompt = "The Golden Gate is in";
    req.corrupted_prompt = "The Big Ben is in";
    req.clean_answer = "Paris";
    req.corrupted_answer = "Paris";
    auto same = attribution_patching(*model, req);
    REQUIRE(!same);
    CHECK(same.error().message.find("same answer") != std::string::npos);
}

LANCET_TEST(the_lens_at_the_last_layer_is_the_models_output) {
    for (const std::string& dir : {test::fixtures_dir() + "/tiny-gpt2", test::fixtures_dir() + "/families/gemma2",
                                  test::fixtures_dir() + "/families/gptj"}) {
        auto model = load(dir);
        LensRequest req;
        req.prompt = "The Space Needle is in the city of";
        req.top_k = 3;
        auto lens = logit_lens(*model, req);
        REQUIRE_OK(lens);
        REQUIRE(lens->cells.size() == static_cast<size_t>(model->config().n_layer));
        torch::NoGradGuard g;
        ForwardInput in;
        in.input_ids = torch::tensor(lens->ids, torch::kLong).view({1, -1});
        auto probs = torch::softmax(forward(*model, in).logits[0], -1);  // [T, V]
        const auto& last = lens->cells.back();
        for (size_t t = 0; t < last.size(); ++t) {
            CHECK_NEAR(last[t].top_probs[0], probs[static_cast<int64_t>(t)].max().item<double>(), 1e-6);
            CHECK_NEAR(last[t].answer_prob, probs[static_cast<int64_t>(t)][lens->answer_id].item<double>(), 1e-6);
        }
        CHECK_EQ(last.back().answer_rank, int64_t(0));  // the answer defaults to the top-1 next token
        CHECK_EQ(last.back().top_ids[0], lens->answer_id);
    }
}

}  // namespace lancet_suite_patching
