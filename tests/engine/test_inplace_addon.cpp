// In-Place TTT's trained add-on (engine/ttt/inplace_addon.h, inplace_training.h):
// the update rule with per-channel taps and a projection against a written-out
// sum, the shift start equal to the fixed rule, the training gradient (one chunk
// alive at a time) against autograd over the whole document, and the add-on file
// round trip and refusals.
#include "check.h"
#include "model_snapshot.h"

#include "io/safetensors.h"
#include "model/forward.h"
#include "model/model.h"
#include "ttt/inplace_addon.h"
#include "ttt/inplace_training.h"
#include "ttt/inplace_ttt.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet_suite_inplace_addon {

using namespace lancet;

namespace {

std::vector<int64_t> document_ids(const Model& m, size_t n) {
    auto ids = m.tokenizer().encode(
                        "Alice met Bob in the old library. Bob gave Alice a red book. Later Alice read the red book to Carol and "
                        "Dave, who had never seen a library so old or a book so red.")
                   .ids;
    ids.resize(n);
    return ids;
}

// A non-trivial add-on on layers {0, 1}: the shift start plus seeded noise.
InplaceAddon noisy_addon(const Model& m, InplaceOptions& o) {
    o.layers = {0, 1};
    o.lr = 2.0;
    o.chunk = 8;
    InplaceAddon a = initial_inplace_addon(m, o);
    torch::manual_seed(5);
    for (auto& l : a.layers) {
        l.taps = l.taps + 0.3 * torch::randn_like(l.taps);
        l.proj = l.proj + 0.2 * torch::randn_like(l.proj);
    }
    return a;
}

}  // namespace

LANCET_TEST(inplace_delta_with_channel_taps_and_a_projection_equals_the_written_out_sum) {
    torch::manual_seed(1);
    const int64_t c = 6, d = 4, f = 5;
    auto h = torch::randn({c, f}), s = torch::randn({c, d});
    auto taps = torch::randn({5, d}), proj = torch::randn({d, d});
    const double lr = 0.7;
    auto got = inplace_delta(h, s, taps, proj, lr, /*in_out=*/false);  // [d, f]
    auto want = torch::zeros({d, f}, torch::kDouble);
    const double mean_sq = h.pow(2).sum(-1).mean().item<double>();
    for (int64_t j = 0; j < c; ++j) {
        auto t = torch::zeros({d}, torch::kDouble);
        for (int o = -2; o <= 2; ++o)
            if (j + o >= 0 && j + o < c) t += taps[o + 2].to(torch::kDouble) * s[j + o].to(torch::kDouble);
        t = torch::matmul(proj.to(torch::kDouble), t);
        want += torch::outer(t, h[j].to(torch::kDouble));
    }
    want *= lr / mean_sq;
    CHECK(torch::allclose(got.to(torch::kDouble), want, 1e-5, 1e-6));
    auto got_t = inplace_delta(h, s, taps, proj, lr, /*in_out=*/true);  // the transposed layout
    CHECK(torch::allclose(got_t.t().to(torch::kDouble), want, 1e-5, 1e-6));
}

LANCET_TEST(the_add_on_at_its_shift_start_reads_a_document_as_the_fixed_rule_does) {
    auto model = test::load_tiny_gpt2();
    InplaceOptions o;
    o.layers = {0, 1};
    o.lr = 3.0;
    o.chunk = 8;
    const auto ids = document_ids(*model, 24);
    AdaptedParams fixed = inplace_fast_weights(*model, o);
    auto a = inplace_document(*model, fixed, o, ids, true, false, {});
    const InplaceOptions ao = inplace_options_with_addon(o, std::make_shared<const InplaceAddon>(initial_inplace_addon(*model, o)));
    AdaptedParams trained = inplace_fast_weights(*model, ao);
    auto b = inplace_document(*model, trained, ao, ids, true, false, {});
    REQUIRE(a.chunk_nll.size() == 3 && b.chunk_nll.size() == 3);
    for (size_t i = 0; i < 3; ++i) CHECK_NEAR(a.chunk_nll[i], b.chunk_nll[i], 1e-6);
    CHECK(a.chunk_nll[1] != a.chunk_nll[0]);  // the updates did something
    // A zero conv (the paper's start) leaves the model as it was.
    const InplaceOptions zo = inplace_options_with_addon(o, std::make_shared<const InplaceAddon>(initial_inplace_addon(*model, o, "zero")));
    AdaptedParams zero = inplace_fast_weights(*model, zo);
    AdaptedParams frozen = inplace_fast_weights(*model, o);
    auto z = inplace_document(*model, zero, zo, ids, true, false, {});
    auto f = inplace_document(*model, frozen, o, ids, false, false, {});
    for (size_t i = 0; i < 3; ++i) CHECK_NEAR(z.chunk_nll[i], f.chunk_nll[i], 1e-6);
    CHECK(zero.at_base());
}

LANCET_TEST(the_training_gradient_equals_autograd_over_the_whole_document) {
    auto model = test::load_tiny_gpt2();
    const auto snap = test::snapshot_weights(*model);
    InplaceOptions o;
    InplaceAddon a = noisy_addon(*model, o);
    for (auto& l : a.layers) l.taps.set_requires_grad(true), l.proj.set_requires_grad(true);
    const InplaceOptions ao = inplace_options_with_addon(o, nullptr);
    // 70 tokens, chunks of 8, context 64: the last chunks' windows drop the first tokens.
    const auto ids = document_ids(*model, 70);
    const int64_t recap_start = 50;
    const InplaceDocumentLoss got = inplace_document_backward(*model, a, ao, ids, recap_start);

    // Independent: every chunk's forward pass kept, W_i = W_0 + Σ_{k<i} ΔW_k with
    // the graph, one backward of the mean NLL.
    InplaceAddon b = noisy_addon(*model, o);
    for (auto& l : b.layers) l.taps.set_requires_grad(true), l.proj.set_requires_grad(true);
    const AdaptedParams fast = inplace_fast_weights(*model, ao);
    const int64_t n = static_cast<int64_t>(ids.size()), ctx = model->config().n_positions;
    const auto all = torch::tensor(ids, torch::kLong);
    std::vector<torch::Tensor> acc(2);
    torch::Tensor total = torch::zeros({});
    double recap = 0;
    int64_t predicted = 0;
    for (int64_t at = 0; at < n; at += 8) {
        const int64_t end = std::min(n, at + 8), c = end - at, begin = std::max<int64_t>(0, end - ctx), W = end - begin;
        Interventions iv;
        iv.capture(Site::MlpKey, 0);
        iv.capture(Site::MlpKey, 1);
        torch::Tensor logits;
        {
            std::vector<Model::WeightSwap> swaps;
            for (size_t k = 0; k < 2; ++k) {
                const auto& p = fast.params()[k];
                swaps.push_back(model->swap_linear_weight(p.name, acc[k].defined() ? p.base + acc[k] : p.base).value());
            }
            ForwardInput in;
            in.input_ids = all.slice(0, begin, end).unsqueeze(0);
            logits = forward(*model, in, &iv).logits[0].slice(0, W - c, W - 1);
        }
        auto nll = torch::nn::functional::cross_entropy(logits, all.slice(0, at + 1, end),
                                                        torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
        total = total + nll.sum();
        for (int64_t j = at + 1; j < end; ++j) recap += j >= recap_start ? nll[j - at - 1].item<double>() : 0;
        predicted += c - 1;
        for (size_t k = 0; k < 2; ++k) {
            const int layer = static_cast<int>(k);
            auto h = iv.captured(Site::MlpKey, layer)[0].slice(0, W - c, W);
            auto s = model->weights().tok_embed.index_select(0, all.slice(0, at, end));
            const bool in_out = model->weights().layers[k].mlp_out.in_out_layout;
            auto u = inplace_delta(h, s, b.layers[k].taps, b.layers[k].proj, ao.lr, in_out);
            acc[k] = acc[k].defined() ? acc[k] + u : u;
        }
    }
    (total / static_cast<double>(predicted)).backward();
    CHECK_EQ(got.predicted, predicted);
    CHECK_NEAR(got.nll_sum, total.item<double>(), 1e-3);
    CHECK_NEAR(got.recap_nll_sum, recap, 1e-3);
    for (size_t k = 0; k < 2; ++k) {
        REQUIRE(a.layers[k].taps.grad().defined() && a.layers[k].proj.grad().defined());
        const auto gt = b.layers[k].taps.grad(), gp = b.layers[k].proj.grad();
        CHECK(gt.abs().max().item<double>() > 0);
        CHECK(torch::allclose(a.layers[k].taps.grad(), gt, 1e-3, 1e-6 * gt.abs().max().item<double>()));
        CHECK(torch::allclose(a.layers[k].proj.grad(), gp, 1e-3, 1e-6 * gp.abs().max().item<double>()));
    }
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
}

LANCET_TEST(an_add_on_file_round_trips_and_hostile_ones_are_refused) {
    auto model = test::load_tiny_gpt2();
    InplaceOptions o;
    InplaceAddon a = noisy_addon(*model, o);
    a.training = {{"steps", 3}};
    const std::string dir = test::scratch_dir("inplace_addon");
    const std::string path = dir + "/addon.safetensors";
    REQUIRE_OK(save_inplace_addon(a, path));
    auto back = load_inplace_addon(path, *model);
    REQUIRE_OK(back);
    CHECK(back->layer_ids() == a.layer_ids());
    CHECK(back->target == a.target && back->lr == a.lr && back->chunk == a.chunk);
    CHECK(back->base_fingerprint == model->fingerprint());
    CHECK(back->training["steps"] == 3);
    for (size_t k = 0; k < 2; ++k) {
        CHECK(torch::equal(back->layers[k].taps, a.layers[k].taps));
        CHECK(torch::equal(back->layers[k].proj, a.layers[k].proj));
    }

    const int64_t d = model->config().d_model;
    const std::map<std::string, std::string> meta = {{"format", kInplaceAddonFormat}, {"target", "next-embedding"}, {"lr", "1"}, {"chunk", "8"}};
    auto refused = [&](const NamedTensors& t, const std::map<std::string, std::string>& m, const std::string& words) {
        const std::string p = dir + "/bad.safetensors";
        REQUIRE_OK(write_safetensors(p, t, m));
        auto r = load_inplace_addon(p, *model);
        CHECK(!r);
        if (!r) {
            CHECK(r.error().code == ErrorCode::InvalidFile);
            CHECK(r.error().message.find(words) != std::string::npos);
        }
    };
    const auto taps = torch::zeros({5, d}), proj = torch::eye(d);
    refused({{"layers.0.taps", torch::zeros({5, d + 1})}, {"layers.0.proj", proj}}, meta, "shape");
    refused({{"layers.0.taps", taps}}, meta, "both taps and proj");
    refused({{"layers.0.taps", taps}, {"layers.0.proj", proj}, {"extra", taps}}, meta, "unexpected tensor");
    refused({{"layers.9.taps", taps}, {"layers.9.proj", proj}}, meta, "outside the model");
    refused({{"layers.0.taps", taps}, {"layers.0.proj", proj * NAN}}, meta, "not finite");
    refused({{"layers.0.taps", taps}, {"layers.0.proj", proj}}, {{"format", "other"}}, "not an In-Place TTT add-on");
    auto m2 = meta;
    m2["chunk"] = "100000";
    refused({{"layers.0.taps", taps}, {"layers.0.proj", proj}}, m2, "chunk");
    m2 = meta;
    m2["lr"] = "-1";
    refused({{"layers.0.taps", taps}, {"layers.0.proj", proj}}, m2, "lr");
}

}  // namespace lancet_suite_inplace_addon
