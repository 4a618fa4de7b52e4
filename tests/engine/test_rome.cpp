// ROME / r-ROME on the tiny random GPT-2 fixture: the update's closed form,
// compute_v's objective, the edit's effect, diagnostics, context templates,
// and the second-moment statistics (brute force, cache, cancellation).
#include "check.h"

#include "edit/context_templates.h"
#include "edit/edit_record.h"
#include "edit/rome.h"
#include "edit/second_moment.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_rome {

using namespace lancet;

namespace {

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }

std::shared_ptr<Model> load_tiny() {
    auto m = Model::load(tiny_dir());
    if (!m) throw std::runtime_error(m.error().message);
    return m.value();
}

// Read-only uses share one model; tests that edit load their own.
std::shared_ptr<Model> shared_tiny() {
    static std::shared_ptr<Model> model = load_tiny();
    return model;
}

RomeRequest space_needle() {
    return {"{} is located in the city of", "The Space Needle", "Paris", std::string("Seattle"), {}};
}

const std::string& stats_dir() {
    static const std::string dir = test::scratch_dir("rome-stats");
    return dir;
}

RomeOptions options_for(const Model& model, int layer, RomeKeyMode mode = RomeKeyMode::PrefixMean) {
    RomeOptions o;
    o.hparams = default_rome_hparams(model.config());
    o.hparams.key_mode = mode;
    o.hparams.mom2_n_samples = 3000;  // token positions; d_ff is 128
    o.layer = layer;
    o.stats.cache_dir = stats_dir();
    o.stats.corpus_files = {test::source_dir() + "/resources/corpus/wordnet-glosses.txt"};
    return o;
}

double rel_diff(const torch::Tensor& a, const torch::Tensor& b) {
    return ((a - b).norm() / b.norm().clamp_min(1e-12)).item<double>();
}

TextCorpus small_corpus() {
    return TextCorpus::from_documents(
        "small", {"The quick brown fox jumps over the lazy dog.", "Paris is the capital and largest city of France.",
                  "A dwarf is a plant or animal that is atypically small. The oceans are teeming with life.",
                  "To breathe is to draw air into, and expel out of, the lungs.", "Seattle lies on Puget Sound."});
}

}  // namespace

LANCET_TEST(context_templates_are_seeded_and_well_formed) {
    auto model = shared_tiny();
    ContextTemplateOptions o;
    o.seed = 7;
    auto a = generate_context_templates(*model, o);
    REQUIRE_OK(a);
    REQUIRE(a->size() == 21);
    CHECK(a->at(0) == "{}");
    for (size_t i = 1; i < a->size(); ++i) {
        const std::string& t = a->at(i);
        CHECK(t.size() >= 4 && t.compare(t.size() - 4, 4, ". {}") == 0);
        CHECK(t.find("{}") == t.size() - 2);  // exactly one placeholder, at the end
        CHECK(t.find("<|endoftext|>") == std::string::npos);
    }
    auto b = generate_context_templates(*model, o);
    REQUIRE_OK(b);
    CHECK(a.value() == b.value());
    o.seed = 8;
    auto c = generate_context_templates(*model, o);
    REQUIRE_OK(c);
    CHECK(a.value() != c.value());
    auto cached = context_templates(*model, o);
    REQUIRE_OK(cached);
    CHECK(cached.value() == c.value());
}

LANCET_TEST(format_prompt_finds_subject_bytes) {
    auto f = format_prompt("Hello there. {}", "{} is located in", "Space Needle");
    REQUIRE_OK(f);
    CHECK(f->text == "Hello there. Space Needle is located in");
    CHECK(f->subject_begin == 13);
    CHECK(f->subject_end == 25);
    CHECK(!format_prompt("{}", "no placeholder", "x").ok());
    CHECK(!format_prompt("{} {}", "{} is", "x").ok());
    auto ids = rome_target_ids(*shared_tiny(), "Paris");
    REQUIRE_OK(ids);
    CHECK(ids.value() == shared_tiny()->tokenizer().encode(" Paris").ids);
}

LANCET_TEST(rrome_update_maps_mean_key_to_target) {
    auto model = load_tiny();
    const int layer = 1;
    auto opts = options_for(*model, layer);
    auto edit = compute_rome(*model, space_needle(), opts);
    REQUIRE_OK(edit);
    REQUIRE(edit->u.numel() == model->config().d_ff);
    REQUIRE(edit->v.numel() == model->config().d_model);
    CHECK(edit->context_templates.size() == 21);
    CHECK(edit->diagnostics["mom2"]["used"].get<bool>());
    CHECK(edit->diagnostics["mom2"]["count"].get<int64_t>() == 3000);

    const std::string name = edit->weight_name;
    torch::Tensor before = model->tensor(name).clone();
    EditHistory history;
    REQUIRE_OK(history.apply(*model, make_edit_record(edit.value(), *model)));
    // The applied delta is the rank-one u vᵀ in GPT-2's [d_ff, d] layout.
    CHECK(edit->in_out_layout);
    CHECK(rel_diff(model->tensor(name) - before, torch::outer(edit->u, edit->v)) < 1e-5);

    // After the edit the MLP maps the template-mean key to v* = v_init + δ.
    auto after = rome_keys(*model, layer, space_needle(), edit->context_templates);
    REQUIRE_OK(after);
    CHECK(rel_diff(after->k_mean, edit->k_update) < 1e-5);  // keys sit before the edited matrix
    CHECK(rel_diff(after->v_mean, edit->target) < 1e-4);
    // δ is not zero and the target differs from the unedited output.
    CHECK(edit->delta.norm().item<double>() > 0);
}

LANCET_TEST(original_update_maps_prompt_key_to_target) {
    auto model = load_tiny();
    const int layer = 0;
    auto opts = options_for(*model, layer, RomeKeyMode::Original);
    auto edit = compute_rome(*model, space_needle(), opts);
    REQUIRE_OK(edit);
    CHECK(edit->diagnostics["key_mode"] == "original");
    CHECK_NEAR(edit->diagnostics["division_factor"].get<double>(), edit->diagnostics["division_factor_prompt"].get<double>(), 1e-9);
    EditHistory history;
    REQUIRE_OK(history.apply(*model, make_edit_record(edit.value(), *model)));
    auto after = rome_keys(*model, layer, space_needle(), edit->context_templates);
    REQUIRE_OK(after);
    CHECK(rel_diff(after->v_prompt, edit->target) < 1e-4);
}

LANCET_TEST(compute_v_reduces_target_nll) {
    auto model = shared_tiny();
    RomeHyperParams hp = default_rome_hparams(model->config());
    auto templates = context_templates(*model, {});
    REQUIRE_OK(templates);
    // Layer 0: at the last layer δ (added at the subject) cannot reach the
    // target positions any more, so only layers below the last can move the NLL.
    auto cv = compute_v(*model, 0, space_needle(), hp, templates.value());
    REQUIRE_OK(cv);
    REQUIRE(cv->loss_curve.size() >= 2);
    CHECK(cv->nll_last < cv->nll_first);
    CHECK(cv->loss_curve.back()["nll"].get<double>() < cv->loss_curve.front()["nll"].get<double>());
    // The clamp holds: ‖δ‖ <= clamp_norm_factor · ‖v_init‖.
    CHECK(cv->delta.norm().item<double>() <= hp.clamp_norm_factor * cv->v_init.norm().item<double>() * (1 + 1e-5));
    CHECK(torch::isfinite(cv->delta).all().item<bool>());

    // The cached paths are the full forward pass, up to round-off (fewer steps
    // here: the comparison needs no convergence). By default each step re-runs
    // only the positions from the subject's last token on (the rest is cached);
    // with recompute_suffix_only off it re-runs the rows whole above the layer.
    ComputeVOptions full;
    full.cache_lower_layers = false;
    ComputeVOptions whole_rows;
    whole_rows.recompute_suffix_only = false;
    hp.v_num_grad_steps = 6;
    cv = compute_v(*model, 0, space_needle(), hp, templates.value());
    REQUIRE_OK(cv);
    CHECK(cv->positions_per_step < cv->positions_whole);
    auto slow = compute_v(*model, 0, space_needle(), hp, templates.value(), full);
    REQUIRE_OK(slow);
    CHECK(slow->positions_per_step == slow->positions_whole);
    CHECK(slow->steps == cv->steps);
    CHECK(rel_diff(slow->delta, cv->delta) < 1e-4);
    CHECK(std::abs(slow->nll_last - cv->nll_last) < 1e-4);
    auto whole = compute_v(*model, 0, space_needle(), hp, templates.value(), whole_rows);
    REQUIRE_OK(whole);
    CHECK(rel_diff(whole->delta, cv->delta) < 1e-4);
    // By default block 0 runs once and the last block only where the loss
    // reads; with skip_unread_work off every step runs both in full.
    CHECK_EQ(cv->first_block_per_step, 1);
    CHECK(cv->last_block_narrowed);
    ComputeVOptions all_work;
    all_work.skip_unread_work = false;
    auto every = compute_v(*model, 0, space_needle(), hp, templates.value(), all_work);
    REQUIRE_OK(every);
    CHECK_EQ(every->first_block_per_step, 0);
    CHECK(!every->last_block_narrowed);
    CHECK(rel_diff(every->delta, cv->delta) < 1e-4);
    CHECK(rel_diff(every->v_init, cv->v_init) < 1e-6);
    CHECK(std::abs(every->nll_first - cv->nll_first) < 1e-5);
    // At the last layer δ cannot reach the target positions: the gradient at
    // δ = 0 is round-off, which Adam's first step normalises to full size, so
    // there only the starting point is comparable (v_init and the NLL).
    auto cached1 = compute_v(*model, 1, space_needle(), hp, templates.value());
    REQUIRE_OK(cached1);
    slow = compute_v(*model, 1, space_needle(), hp, templates.value(), full);
    REQUIRE_OK(slow);
    CHECK(slow->steps == cached1->steps);
    CHECK(rel_diff(slow->v_init, cached1->v_init) < 1e-5);
    CHECK(std::abs(slow->nll_first - cached1->nll_first) < 1e-5);
}

// The tensor-core precisions are CUDA-only: on the CPU they are refused with
// a message naming the remedy, before any work (the GPU figures are in
// `lancet-cli bench rome --device cuda`, which compares each δ with fp32's).
LANCET_TEST(compute_v_precision_names_and_cpu_refusal) {
    CHECK(parse_v_precision("bf16") == VPrecision::Bf16);
    CHECK(parse_v_precision("tf32") == VPrecision::Tf32);
    CHECK(parse_v_precision("float32") == VPrecision::Float32);
    CHECK(!parse_v_precision("fp8").has_value());
    for (VPrecision p : {VPrecision::Auto, VPrecision::Float32, VPrecision::Tf32, VPrecision::Bf16})
        CHECK(parse_v_precision(v_precision_name(p)) == p);
    // Auto: the reference's fp32 on the CPU, TF32 tensor cores on CUDA.
    CHECK(resolve_v_precision(VPrecision::Auto, false) == VPrecision::Float32);
    CHECK(resolve_v_precision(VPrecision::Auto, true) == VPrecision::Tf32);
    CHECK(resolve_v_precision(VPrecision::Bf16, false) == VPrecision::Bf16);
    auto model = shared_tiny();
    RomeHyperParams hp = default_rome_hparams(model->config());
    hp.v_num_grad_steps = 2;
    auto templates = context_templates(*model, {});
    REQUIRE_OK(templates);
    ComputeVOptions o;
    o.precision = VPrecision::Bf16;
    auto cv = compute_v(*model, 0, space_needle(), hp, templates.value(), o);
    REQUIRE(!cv);
    o.precision = VPrecision::Auto;  // the default runs on the CPU, in fp32
    REQUIRE_OK(compute_v(*model, 0, space_needle(), hp, templates.value(), o));
    o.precision = VPrecision::Bf16;
    cv = compute_v(*model, 0, space_needle(), hp, templates.value(), o);
    CHECK(cv.error().code == ErrorCode::InvalidArgument);
    CHECK(cv.error().message.find("CUDA") != std::string::npos);
}

LANCET_TEST(edit_raises_target_probability) {
    auto model = load_tiny();
    auto req = space_needle();
    const std::string prompt = "The Space Needle is located in the city of";
    auto before = score_target(*model, prompt, req.target_new);
    REQUIRE_OK(before);
    auto edit = compute_rome(*model, req, options_for(*model, 0));
    REQUIRE_OK(edit);
    EditHistory history;
    REQUIRE_OK(history.apply(*model, make_edit_record(edit.value(), *model)));
    auto after = score_target(*model, prompt, req.target_new);
    REQUIRE_OK(after);
    CHECK(after->prob > before->prob);
    CHECK(after->nll < before->nll);
    // The diagnostics' before/after (simulated with a hook before applying) agree.
    CHECK_NEAR(edit->diagnostics["nll_before"].get<double>(), before->nll, 1e-6);
    CHECK_NEAR(edit->diagnostics["nll_after"].get<double>(), after->nll, 1e-3);
}

LANCET_TEST(diagnostics_report_division_factor_and_norm_ratio) {
    auto model = shared_tiny();
    auto opts = options_for(*model, 1);
    opts.layer_reason = "causal trace: peak MLP effect at the last subject token";
    auto edit = compute_rome(*model, space_needle(), opts);
    REQUIRE_OK(edit);
    const auto& d = edit->diagnostics;
    CHECK(d["layer"] == 1);
    CHECK(d["layer_reason"] == "causal trace: peak MLP effect at the last subject token");
    CHECK(d["key_mode"] == "prefix_mean");
    const double div = d["division_factor"].get<double>();
    CHECK_NEAR(div, torch::dot(edit->k_update, edit->u).item<double>(), 1e-5 * std::fabs(div) + 1e-9);
    CHECK_NEAR(div, d["division_factor_mean"].get<double>(), 1e-9);
    const double w = model->weights().layers[1].mlp_out.weight.norm().item<double>();
    const double ratio = edit->u.norm().item<double>() * edit->v.norm().item<double>() / w;
    CHECK_NEAR(d["delta_norm_ratio"].get<double>(), ratio, 1e-6 * ratio);
    CHECK_NEAR(edit->u.norm().item<double>(), 1.0, 1e-5);
    CHECK(d["loss_curve"].is_array() && !d["loss_curve"].empty());
    CHECK(d.contains("subject_token_rule"));
    CHECK(d["timings"].contains("compute_v_s"));
    // Nothing was applied.
    CHECK(torch::equal(model->weights().layers[1].mlp_out.weight, load_tiny()->weights().layers[1].mlp_out.weight));
}

LANCET_TEST(layer_defaults_and_reasons) {
    ModelConfig c;
    c.family = "gpt2";
    c.n_layer = 48;
    c.d_model = 1600;
    CHECK(published_default_layer(c) == std::optional<int>(17));
    c.n_layer = 24;
    c.d_model = 1024;
    CHECK(published_default_layer(c) == std::optional<int>(8));
    CHECK_NEAR(default_rome_hparams(c).clamp_norm_factor, 3.0, 0.0);
    c.n_layer = 36;
    c.d_model = 1280;
    CHECK(published_default_layer(c) == std::optional<int>(12));
    auto model = shared_tiny();
    CHECK(!published_default_layer(model->config()).has_value());
    RomeOptions o = options_for(*model, 0);
    o.layer.reset();
    auto e = compute_rome(*model, space_needle(), o);
    REQUIRE(!e.ok());
    CHECK(e.error().code == ErrorCode::InvalidArgument);
    CHECK(e.error().message.find("causal trace") != std::string::npos);
    // Hyperparameters round-trip through JSON.
    RomeHyperParams h = default_rome_hparams(model->config());
    h.key_mode = RomeKeyMode::PromptKeys;
    h.layer = 1;
    auto back = RomeHyperParams::from_json(h.to_json());
    REQUIRE_OK(back);
    CHECK(back->key_mode == RomeKeyMode::PromptKeys);
    CHECK(back->layer == 1);
    CHECK(back->context_template_length_params == h.context_template_length_params);
}

LANCET_TEST(second_moment_is_symmetric_psd_and_matches_brute_force) {
    auto model = shared_tiny();
    TextCorpus corpus = small_corpus();
    SecondMomentOptions o;
    o.layers = {0, 1};
    o.samples = 0;  // everything
    o.read_cache = o.write_cache = false;
    o.batch_tokens = 40;  // several batches with padding
    auto r = compute_second_moments(*model, corpus, o);
    REQUIRE_OK(r);
    REQUIRE(r->layers.size() == 2);

    // Brute force: every token of every document, one document at a time.
    int64_t total = 0;
    std::vector<torch::Tensor> keys0, keys1;
    {
        torch::NoGradGuard ng;
        for (const auto& doc : corpus.documents) {
            auto ids = model->tokenizer().encode(doc).ids;
            REQUIRE(static_cast<int64_t>(ids.size()) <= model->config().n_positions);
            total += static_cast<int64_t>(ids.size());
            Interventions iv;
            iv.capture(Site::MlpKey, 0);
            iv.capture(Site::MlpKey, 1);
            ForwardInput in;
            in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1});
            forward(*model, in, &iv);
            keys0.push_back(iv.captured(Site::MlpKey, 0)[0].to(torch::kDouble));
            keys1.push_back(iv.captured(Site::MlpKey, 1)[0].to(torch::kDouble));
        }
    }
    for (int layer : {0, 1}) {
        const auto* m = r->find(layer);
        REQUIRE(m != nullptr);
        CHECK(m->count == total);
        auto K = torch::cat(layer == 0 ? keys0 : keys1, 0);
        auto brute = K.t().matmul(K) / static_cast<double>(total);
        auto C = m->mom2.to(torch::kDouble);
        CHECK(((C - brute).abs().max() / brute.abs().max()).item<double>() < 1e-5);
        CHECK(torch::equal(m->mom2, m->mom2.t()));
        auto eig = torch::linalg_eigvalsh(C, "L");
        CHECK(eig.min().item<double>() >= -1e-6 * eig.max().item<double>());
    }
    CHECK(r->tokens == total);
    CHECK(r->tokens_per_second > 0);
}

LANCET_TEST(second_moment_cache_hit_and_key) {
    auto model = shared_tiny();
    TextCorpus corpus = small_corpus();
    const std::string dir = test::scratch_dir("mom2-cache");
    SecondMomentOptions o;
    o.layers = {1};
    o.samples = 50;
    o.cache_dir = dir;
    auto first = compute_second_moments(*model, corpus, o);
    REQUIRE_OK(first);
    CHECK(!first->layers[0].from_cache);
    CHECK(first->layers[0].count == 50);
    CHECK(std::filesystem::exists(first->layers[0].cache_file));
    auto second = compute_second_moments(*model, corpus, o);
    REQUIRE_OK(second);
    CHECK(second->layers[0].from_cache);
    CHECK(second->layers[0].count == 50);
    CHECK(second->tokens == 0);
    CHECK(torch::equal(first->layers[0].mom2, second->layers[0].mom2));

    const std::string key = second_moment_cache_key(*model, 1, corpus.hash, 50);
    CHECK(key == first->layers[0].cache_key);
    CHECK(key != second_moment_cache_key(*model, 0, corpus.hash, 50));
    CHECK(key != second_moment_cache_key(*model, 1, corpus.hash, 51));
    TextCorpus other = TextCorpus::from_documents("other", {"Another text entirely."});
    CHECK(other.hash != corpus.hash);
    CHECK(key != second_moment_cache_key(*model, 1, other.hash, 50));
    CHECK(key.find(model->fingerprint()) != std::string::npos);

    // A different sample count is a different cache entry, computed afresh.
    o.samples = 40;
    auto third = compute_second_moments(*model, corpus, o);
    REQUIRE_OK(third);
    CHECK(!third->layers[0].from_cache);
    CHECK(third->layers[0].cache_file != first->layers[0].cache_file);
}

LANCET_TEST(second_moment_cancel_mid_pass) {
    auto model = shared_tiny();
    auto corpus = TextCorpus::from_files({test::source_dir() + "/resources/corpus/wordnet-glosses.txt"});
    REQUIRE_OK(corpus);
    const std::string dir = test::scratch_dir("mom2-cancel");
    CancelToken token;
    int batches = 0;
    JobContext job;
    job.cancel = &token;
    job.progress = [&](double, const std::string& stage) {
        if (stage.rfind("layer statistics:", 0) == 0 && ++batches == 2) token.cancel();
    };
    SecondMomentOptions o;
    o.layers = {0, 1};
    o.samples = 2000;
    o.batch_tokens = 64;
    o.cache_dir = dir;
    auto r = compute_second_moments(*model, corpus.value(), o, job);
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::Cancelled);
    CHECK(batches == 2);
    CHECK(std::filesystem::is_empty(dir) || !std::filesystem::exists(dir + "/" + model->fingerprint()) ||
          std::filesystem::is_empty(dir + "/" + model->fingerprint()));
}

LANCET_TEST(invert_second_moment_ridge_only_when_singular) {
    torch::manual_seed(0);
    auto A = torch::randn({64, 16});
    auto C = A.t().matmul(A) / 64.0;  // full rank
    auto inv = invert_second_moment(C, 64);
    REQUIRE_OK(inv);
    CHECK(inv->ridge == 0.0);
    CHECK((inv->inv.matmul(C) - torch::eye(16)).abs().max().item<double>() < 1e-3);
    auto B = torch::randn({4, 16});
    auto S = B.t().matmul(B) / 4.0;  // rank 4
    auto sing = invert_second_moment(S, 4);
    REQUIRE_OK(sing);
    CHECK(sing->ridge > 0.0);
    CHECK(sing->ridge_lambda >= 1e-4);
    CHECK(!sing->note.empty());
    CHECK(torch::isfinite(sing->inv).all().item<bool>());
}

LANCET_TEST(rome_without_mom2_and_prompt_keys) {
    auto model = shared_tiny();
    auto opts = options_for(*model, 1, RomeKeyMode::PromptKeys);
    opts.hparams.mom2_adjustment = false;
    auto edit = compute_rome(*model, space_needle(), opts);
    REQUIRE_OK(edit);
    CHECK(!edit->diagnostics["mom2"]["used"].get<bool>());
    // Without C, u is the (prompt) key normalised.
    CHECK(rel_diff(edit->u, edit->k_star / edit->k_star.norm()) < 1e-6);
    CHECK(rel_diff(edit->k_star, edit->k_update) < 1e-6);
}

// Lancet's keep prompts (RomeRequest::keep_prompts): the edit still moves its
// own prompt, the keep prompt's next-token distribution moves less than in the
// reference's ROME, and the loss curve and diagnostics say what was kept.
LANCET_TEST(keep_prompts_hold_the_subjects_other_predictions) {
    auto model = shared_tiny();
    const std::string keep = "{} was built in the year";
    const std::string keep_text = "The Space Needle was built in the year";
    auto keep_logprobs = [&](const RomeEdit* edit) {
        torch::NoGradGuard no_grad;
        auto enc = model->tokenizer().encode(keep_text);
        ForwardInput in;
        in.input_ids = torch::tensor(enc.ids, torch::kLong).unsqueeze(0);
        in.logits = LogitsMode::Last;
        Interventions iv;
        if (edit) add_rank_one_hook(iv, edit->layer, edit->u, edit->v);
        return torch::log_softmax(forward(*model, in, &iv).logits[0], -1);
    };
    auto kl_from_clean = [&](const RomeEdit& edit) {
        auto p0 = keep_logprobs(nullptr), p1 = keep_logprobs(&edit);
        return (p1.exp() * (p1 - p0)).sum().item<double>();
    };
    auto opts = options_for(*model, 0);
    opts.hparams.keep_factor = 1.0;  // a strong hold: the tiny random model needs no tuning to show it
    auto plain = compute_rome(*model, space_needle(), opts);
    REQUIRE_OK(plain);
    auto req = space_needle();
    req.keep_prompts = {keep};
    auto kept = compute_rome(*model, req, opts);
    REQUIRE_OK(kept);
    CHECK(kl_from_clean(kept.value()) < 0.5 * kl_from_clean(plain.value()));
    // δ still lowers the target's NLL (compute_v's own objective; the tiny random
    // model's full rank-one edit moves its prompt too little to test efficacy on).
    auto templates = context_templates(*model, {});
    REQUIRE_OK(templates);
    auto cv = compute_v(*model, 0, req, opts.hparams, templates.value());
    REQUIRE_OK(cv);
    CHECK(cv->nll_last < cv->nll_first);
    CHECK(kept->diagnostics["keep"]["prompts"] == nlohmann::json::array({keep}));
    CHECK(kept->diagnostics["loss_curve"].front()["keep_kl"].get<double>() == 0.0);  // δ = 0 at step 0
    CHECK(kept->diagnostics["loss_curve"].back()["keep_kl"].get<double>() > 0.0);
    CHECK(!plain->diagnostics.contains("keep"));
    CHECK(plain->diagnostics["loss_curve"].back()["keep_kl"].get<double>() == 0.0);

    // A keep prompt without its "{}" is refused, naming the prompt.
    req.keep_prompts = {"The tower was built in the year"};
    auto bad = compute_rome(*model, req, opts);
    REQUIRE(!bad);
    CHECK(bad.error().code == ErrorCode::InvalidArgument);
    CHECK(bad.error().message.find("The tower was built") != std::string::npos);

    // A negative weight would reward drift: refused.
    req.keep_prompts = {keep};
    opts.hparams.keep_factor = -1.0;
    auto negative = compute_rome(*model, req, opts);
    REQUIRE(!negative);
    CHECK(negative.error().message.find("keep_factor") != std::string::npos);

    // They travel with the request's JSON (and are absent when there are none).
    req.keep_prompts = {keep, "{} is painted"};
    auto back = RomeRequest::from_json(req.to_json());
    REQUIRE_OK(back);
    CHECK(back->keep_prompts == req.keep_prompts);
    CHECK(!space_needle().to_json().contains("keep_prompts"));
    CHECK(!RomeRequest::from_json({{"prompt", "{} is"}, {"subject", "a"}, {"target_new", "b"}, {"keep_prompts", "{} x"}}));
}

}  // namespace lancet_suite_rome
