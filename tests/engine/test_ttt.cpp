// The test-time training lab (engine/ttt/): TENT's gradient against the
// analytic entropy gradient, episodic resets bit for bit, In-Place TTT's chunk
// causality against an independent update, streams read as they go, empty
// streams, divergence, cancellation, and the model never left adapted.
#include "check.h"
#include "model_snapshot.h"

#include "model/forward.h"
#include "model/model.h"
#include "ttt/adapt_params.h"
#include "ttt/demo_shift.h"
#include "ttt/eta_filter.h"
#include "ttt/inplace_ttt.h"
#include "ttt/method.h"
#include "ttt/runner.h"
#include "ttt/stream.h"
#include "ttt/suta_loss.h"
#include "ttt/tent.h"

#include <torch/torch.h>

#include <cmath>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_ttt {

using namespace lancet;

namespace {

std::shared_ptr<Model> tiny() { return test::load_tiny_gpt2(); }

torch::Tensor ids_of(const Model& m, const std::string& text) {
    auto ids = m.tokenizer().encode(text).ids;
    return torch::tensor(ids, torch::kLong).unsqueeze(0);
}

std::vector<StreamItem> small_items(size_t n) {
    const char* texts[] = {"The Eiffel Tower is located in the city of", "The capital of France is",
                           "Water boils at a temperature of", "The author of Hamlet is", "The largest planet is"};
    const char* labels[] = {"Paris", "Paris", "100", "William", "Jupiter"};
    std::vector<StreamItem> out;
    for (size_t i = 0; i < n; ++i) {
        StreamItem it;
        it.text = texts[i % 5];
        it.label = labels[i % 5];
        it.has_label = true;
        it.segment = i < n / 2 ? "a" : "b";
        out.push_back(it);
    }
    return out;
}

std::string write_file(const std::string& name, const std::string& text) {
    const std::string path = test::scratch_dir("ttt") + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// A stream that never ends: only a runner that pulls inputs one at a time can use it.
class EndlessStream : public InputStream {
public:
    std::optional<StreamItem> next() override {
        ++pulled;
        StreamItem it;
        it.text = "Input number " + std::to_string(pulled) + " says that";
        return it;
    }
    void rewind() override { pulled = 0; }
    std::string describe() const override { return "endless"; }
    double fraction_read() const override { return 0; }
    size_t pulled = 0;
};

TttRunOptions small_probe_options(size_t every) {
    TttRunOptions o;
    o.every = every;
    o.probe.text_tokens = 48;
    o.probe.facts = 0;
    o.probe.text_path = write_file("probe.txt", "A small text that the probe scores for perplexity. It has two sentences.\n\n"
                                                "Another document follows here, short and plain.\n");
    return o;
}

}  // namespace

LANCET_TEST(tent_gradient_equals_the_analytic_entropy_gradient_for_the_final_norm) {
    auto model = tiny();
    const auto ids = ids_of(*model, "The quick brown fox jumps over the lazy dog and then");
    AdaptedParams params = AdaptedParams::select(*model, "final-norm");
    REQUIRE(params.params().size() == 2);
    for (const char* positions : {"all", "last"}) {
        for (auto& p : params.mutable_params())
            if (p.value.grad().defined()) p.value.mutable_grad().zero_();
        {
            torch::AutoGradMode grad(true);
            auto binding = params.bind(*model);
            tent_entropy_loss(*model, ids, positions).backward();
        }
        const torch::Tensor g_gamma = params.params()[0].value.grad().to(torch::kDouble);
        const torch::Tensor g_beta = params.params()[1].value.grad().to(torch::kDouble);

        // Independently: z = (γ ⊙ n + β) Wᵀ with n the normalised pre-norm residual;
        // dH/dz = −p ⊙ (log p + H); dγ = Σ_t (g_z W) ⊙ n_t, dβ = Σ_t g_z W.
        torch::NoGradGuard no_grad;
        ForwardInput in;
        in.input_ids = ids;
        in.logits = LogitsMode::None;
        auto h = forward(*model, in).hidden[0].to(torch::kDouble);  // [T, d]
        if (std::string(positions) == "last") h = h.slice(0, h.size(0) - 1, h.size(0));
        const double eps = model->config().norm_eps;
        auto mu = h.mean(-1, true);
        auto var = (h - mu).pow(2).mean(-1, true);
        auto n = (h - mu) / torch::sqrt(var + eps);
        const auto gamma = params.params()[0].base.to(torch::kDouble), beta = params.params()[1].base.to(torch::kDouble);
        const Linear& un = model->weights().unembed;
        REQUIRE(!un.in_out_layout);
        const auto W = un.weight.to(torch::kDouble);  // [V, d]
        auto z = torch::matmul(n * gamma + beta, W.t());
        if (un.bias.defined()) z = z + un.bias.to(torch::kDouble);
        auto logp = torch::log_softmax(z, -1);
        auto p = logp.exp();
        auto H = -(p * logp).sum(-1, true);
        auto gz = -p * (logp + H) / static_cast<double>(h.size(0));
        auto gy = torch::matmul(gz, W);
        auto want_gamma = (gy * n).sum(0), want_beta = gy.sum(0);
        const double scale = want_gamma.abs().max().item<double>() + want_beta.abs().max().item<double>();
        CHECK(scale > 1e-6);
        CHECK((g_gamma - want_gamma).abs().max().item<double>() < 1e-4 * scale + 1e-7);
        CHECK((g_beta - want_beta).abs().max().item<double>() < 1e-4 * scale + 1e-7);
    }
    CHECK(slots_restored(*model));
}

LANCET_TEST(episodic_mode_leaves_the_weights_bit_identical_after_each_input) {
    auto model = tiny();
    const auto snap = test::snapshot_weights(*model);
    TttMethodSpec spec;
    spec.kind = "episodic";
    spec.steps = 3;
    spec.lr = 5e-2;
    auto method = make_ttt_method(*model, spec);
    REQUIRE(method->order() == "adapt-then-predict");
    for (const auto& item : small_items(4)) {
        bool adapted_when_scored = false;
        const auto ids = ids_of(*model, item.text);
        AdaptReport r = method->process(*model, ids, [&] { adapted_when_scored = !method->at_base(); }, {});
        CHECK(adapted_when_scored);  // the answer came from adapted weights ...
        CHECK(r.reset);
        CHECK(method->at_base());    // ... and the next input starts from the base, bit for bit
        CHECK(method->delta_norm() == 0.0);
    }
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
}

LANCET_TEST(inplace_chunk_i_uses_exactly_the_updates_of_earlier_chunks) {
    auto model = tiny();
    const auto snap = test::snapshot_weights(*model);
    InplaceOptions o;
    o.layers = {0, 1};
    o.lr = 5.0;
    o.chunk = 8;
    std::vector<int64_t> ids = model->tokenizer().encode(
        "Alice met Bob in the old library. Bob gave Alice a red book. Later Alice read the red book to Carol and Dave.").ids;
    ids.resize(24);  // three chunks
    AdaptedParams fast = inplace_fast_weights(*model, o);
    auto run = inplace_document(*model, fast, o, ids, true, true, {});
    REQUIRE(run.chunk_logits.size() == 3);

    // Perturb the last chunk: chunks 0 and 1 are bit-identical, chunk 2 is not.
    std::vector<int64_t> perturbed = ids;
    for (size_t j = 16; j < 24; ++j) perturbed[j] = (perturbed[j] + 101) % 50000;
    AdaptedParams fast2 = inplace_fast_weights(*model, o);
    auto run2 = inplace_document(*model, fast2, o, perturbed, true, true, {});
    CHECK(torch::equal(run.chunk_logits[0], run2.chunk_logits[0]));
    CHECK(torch::equal(run.chunk_logits[1], run2.chunk_logits[1]));
    CHECK(!torch::equal(run.chunk_logits[2], run2.chunk_logits[2]));
    // Perturb chunk 1: chunk 0 unchanged, chunk 1 and 2 change.
    std::vector<int64_t> p1 = ids;
    p1[12] = (p1[12] + 7) % 50000;
    AdaptedParams fast3 = inplace_fast_weights(*model, o);
    auto run3 = inplace_document(*model, fast3, o, p1, true, true, {});
    CHECK(torch::equal(run.chunk_logits[0], run3.chunk_logits[0]));
    CHECK(!torch::equal(run.chunk_logits[1], run3.chunk_logits[1]));

    // Chunk 0 is the frozen model; chunk 1 is the model with W0 + ΔW0 computed here independently.
    torch::NoGradGuard no_grad;
    const auto all = torch::tensor(ids, torch::kLong);
    ForwardInput in0;
    in0.input_ids = all.slice(0, 0, 8).unsqueeze(0);
    Interventions iv;
    iv.capture(Site::MlpKey, 0);
    iv.capture(Site::MlpKey, 1);
    auto frozen0 = forward(*model, in0, &iv).logits[0];
    CHECK(torch::equal(frozen0, run.chunk_logits[0]));
    const auto E = model->weights().tok_embed;
    std::vector<Model::WeightSwap> swaps;
    for (int l : {0, 1}) {
        auto h = iv.captured(Site::MlpKey, l)[0].to(torch::kDouble);  // [8, d_ff]
        auto t = torch::zeros({8, E.size(1)}, torch::kDouble);
        for (int64_t j = 0; j + 1 < 8; ++j) t[j] = E[ids[static_cast<size_t>(j + 1)]].to(torch::kDouble);
        const double eta = o.lr / h.pow(2).sum(-1).mean().item<double>();
        const Linear& down = model->weights().layers[static_cast<size_t>(l)].mlp_out;
        REQUIRE(down.in_out_layout);  // GPT-2 Conv1D: [d_ff, d]
        auto w = (down.weight.to(torch::kDouble) + eta * torch::matmul(h.t(), t)).to(torch::kFloat);
        swaps.push_back(model->swap_linear_weight(down.weight_name, w).value());
    }
    ForwardInput in1;
    in1.input_ids = all.slice(0, 0, 16).unsqueeze(0);
    auto want1 = forward(*model, in1).logits[0].slice(0, 8, 16);
    swaps.clear();
    CHECK(!torch::allclose(want1, frozen0));
    CHECK(torch::allclose(want1, run.chunk_logits[1], 1e-4, 1e-4));
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
}

LANCET_TEST(an_empty_stream_is_a_clear_error) {
    auto model = tiny();
    auto empty = open_text_stream(write_file("empty.txt", ""));
    CHECK(!empty.ok() && empty.error().code == ErrorCode::InvalidArgument);
    auto missing = open_text_stream(test::scratch_dir("ttt") + "/nope.txt");
    CHECK(!missing.ok() && missing.error().code == ErrorCode::NotFound);
    auto blank = open_text_stream(write_file("blank.txt", "\n   \n\t\n\n"));
    REQUIRE_OK(blank);
    TttMethodSpec spec;
    spec.kind = "continual";
    auto run = run_ttt(*model, *blank.value(), spec, {});
    REQUIRE(!run.ok());
    CHECK(run.error().code == ErrorCode::InvalidArgument);
    CHECK(run.error().message.find("empty") != std::string::npos);
    DemoShiftOptions d;
    d.facts_path = "unused";
    d.per_phase = 0;
    auto shift = demo_shift_stream(d);
    CHECK(!shift.ok() && shift.error().message.find("empty") != std::string::npos);
    CHECK(slots_restored(*model));
}

LANCET_TEST(a_diverging_learning_rate_is_stopped_and_the_weights_restored) {
    auto model = tiny();
    const auto snap = test::snapshot_weights(*model);
    auto stream = make_vector_stream(small_items(6), "six");
    TttMethodSpec spec;
    spec.kind = "continual";
    spec.optimizer = "sgd";
    spec.lr = 1e30;
    spec.steps = 2;
    auto run = run_ttt(*model, *stream, spec, {});
    REQUIRE_OK(run);
    CHECK(run->status == TttStatus::Diverged);
    CHECK(run->message.find("diverged") != std::string::npos);
    CHECK(run->records.size() < 6);
    CHECK(run->weights_restored);
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
    // The model still answers as before.
    TttMethodSpec none;
    stream->rewind();
    auto after = run_ttt(*model, *stream, none, {});
    REQUIRE_OK(after);
    CHECK(after->status == TttStatus::Completed);
    CHECK(after->records.size() == 6);
}

LANCET_TEST(every_method_leaves_the_model_tensors_bit_identical) {
    auto model = tiny();
    const auto snap = test::snapshot_weights(*model);
    TttMethodSpec base;
    base.lr = 1e-2;
    base.steps = 2;
    base.slow_every = 2;
    base.shift_warmup = 2;
    base.layers = {1};
    TttMethodList list = parse_ttt_methods("none,tent,episodic,continual,reset:2,fastslow,inplace", base);
    REQUIRE(list.error.empty());
    REQUIRE(list.methods.size() == 7);
    auto stream = make_vector_stream(small_items(6), "six");
    TttRunOptions o = small_probe_options(3);
    std::vector<size_t> live;
    o.on_record = [&](const TttRecord& r) { live.push_back(r.index); };
    auto cmp = compare_ttt(*model, *stream, list.methods, o);
    REQUIRE_OK(cmp);
    REQUIRE(cmp->runs.size() == 7);
    for (const auto& run : cmp->runs) {
        CHECK(run.status == TttStatus::Completed);
        CHECK(run.records.size() == 6);
        CHECK(run.weights_restored);
        CHECK(run.forgetting.size() == 3);  // before, after 3, after 6
        CHECK(std::isfinite(run.forgetting.back().perplexity));
        for (const auto& r : run.records) CHECK(r.has_label && std::isfinite(r.label_nll) && std::isfinite(r.entropy));
    }
    CHECK(live.size() == 42);
    CHECK(cmp->runs[0].records.back().delta_norm == 0.0);
    CHECK(cmp->runs[1].records.back().delta_norm > 0.0);   // tent adapted
    CHECK(cmp->runs[6].records.back().delta_norm > 0.0);   // inplace wrote its fast weights
    // reset:2 resets at inputs 2 and 4.
    CHECK(cmp->runs[4].records[2].reset && cmp->runs[4].records[4].reset && !cmp->runs[4].records[3].reset);
    // The json and csv carry every record and the protocols.
    const auto j = cmp->to_json();
    CHECK(j["runs"][1]["protocols"].contains("correct"));
    const std::string csv = cmp->to_csv();
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 42);
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
}

LANCET_TEST(a_text_stream_is_read_as_it_is_consumed) {
    auto model = tiny();
    // ~4 MB of inputs: the run reads only the first few.
    std::string big;
    for (int i = 0; i < 100000; ++i) big += "Line number " + std::to_string(i) + " of a very long stream of inputs\n";
    auto s = open_text_stream(write_file("big.txt", big));
    REQUIRE_OK(s);
    TttMethodSpec spec;
    spec.kind = "continual";
    TttRunOptions o;
    o.max_inputs = 3;
    auto run = run_ttt(*model, *s.value(), spec, o);
    REQUIRE_OK(run);
    CHECK(run->records.size() == 3);
    CHECK(stream_bytes_read(*s.value()) < 4096);
    CHECK(ttt_max_inputs_held() == 1);
    // An endless stream works too: inputs are pulled one at a time.
    EndlessStream endless;
    o.max_inputs = 4;
    auto r2 = run_ttt(*model, endless, spec, o);
    REQUIRE_OK(r2);
    CHECK(r2->records.size() == 4 && endless.pulled == 4);
    // Labels after a tab; paragraphs mode.
    auto lab = open_text_stream(write_file("lab.txt", "The capital of France is\tParis\n\nsecond line\n"));
    REQUIRE_OK(lab);
    auto first = lab.value()->next();
    REQUIRE(first.has_value());
    CHECK(first->text == "The capital of France is" && first->has_label && first->label == "Paris");
    CHECK(lab.value()->next()->text == "second line");
    CHECK(!lab.value()->next().has_value());
    TextStreamOptions po;
    po.mode = "paragraphs";
    auto para = open_text_stream(write_file("para.txt", "one\ntwo\n\n\nthree\n"), po);
    REQUIRE_OK(para);
    CHECK(para.value()->next()->text == "one\ntwo");
    CHECK(para.value()->next()->text == "three");
    CHECK(!para.value()->next().has_value());
}

LANCET_TEST(cancelling_returns_the_records_so_far_with_the_weights_restored) {
    auto model = tiny();
    const auto snap = test::snapshot_weights(*model);
    CancelToken token;
    JobContext job;
    job.cancel = &token;
    TttRunOptions o;
    o.on_record = [&](const TttRecord& r) {
        if (r.index == 1) token.cancel();
    };
    auto stream = make_vector_stream(small_items(6), "six");
    TttMethodSpec spec;
    spec.kind = "continual";
    auto run = run_ttt(*model, *stream, spec, o, job);
    REQUIRE_OK(run);
    CHECK(run->status == TttStatus::Cancelled);
    CHECK(run->records.size() == 2);
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
}

LANCET_TEST(method_lists_parse_and_refuse) {
    TttMethodSpec base;
    auto ok = parse_ttt_methods("none,tent,reset:5,fastslow", base);
    REQUIRE(ok.error.empty());
    CHECK(ok.methods.size() == 4);
    CHECK(ok.methods[1].kind == "continual");
    CHECK(ok.methods[2].kind == "reset" && ok.methods[2].reset_every == 5 && ok.methods[2].display() == "reset:5");
    CHECK(!parse_ttt_methods("reset:x", base).error.empty());
    CHECK(!parse_ttt_methods("sota", base).error.empty());
    CHECK(!parse_ttt_methods("", base).error.empty());
    auto model = tiny();
    TttMethodSpec bad;
    bad.kind = "continual";
    bad.params = "mlp_out:9";
    auto stream = make_vector_stream(small_items(1), "one");
    auto run = run_ttt(*model, *stream, bad, {});
    CHECK(!run.ok() && run.error().code == ErrorCode::InvalidArgument);
}

LANCET_TEST(the_demo_shift_has_four_phases_of_the_models_own_facts) {
    DemoShiftOptions d;
    d.facts_path = test::source_dir() + "/resources/models/lancet-demo/facts.json";
    d.per_phase = 3;
    auto s = demo_shift_stream(d);
    REQUIRE_OK(s);
    std::vector<StreamItem> items;
    while (auto it = s.value()->next()) items.push_back(*it);
    REQUIRE(items.size() == 12);
    const char* phases[] = {"held-out", "register", "typos", "script"};
    for (size_t i = 0; i < 12; ++i) {
        CHECK(items[i].segment == phases[i / 3]);
        CHECK(items[i].has_label && !items[i].label.empty());
    }
    s.value()->rewind();
    CHECK(s.value()->next()->text == items[0].text);
    CHECK(ttt_to_cyrillic("Ab") == "Аб");
    CHECK(ttt_typo_noise("hello world", 3, 0.0) == "hello world");
    CHECK(ttt_typo_noise("hello world", 3, 1.0) != "hello world");
}

// ---- SUTA's minimum class confusion and RDumb's ETA filters ----

namespace {

// C = pᵀ diag(w) p, L = 1 − (1/D) Σ_i C_ii / Σ_k C_ik, written out element by element.
double mcc_by_hand(const std::vector<std::vector<double>>& p, const std::vector<double>& w) {
    const size_t N = p.size(), D = p[0].size();
    double ratio_sum = 0;
    for (size_t i = 0; i < D; ++i) {
        double cii = 0, row = 0;
        for (size_t k = 0; k < D; ++k) {
            double cik = 0;
            for (size_t n = 0; n < N; ++n) cik += w[n] * p[n][i] * p[n][k];
            row += cik;
            if (k == i) cii = cik;
        }
        ratio_sum += cii / row;
    }
    return 1.0 - ratio_sum / static_cast<double>(D);
}

torch::Tensor as_tensor(const std::vector<std::vector<double>>& rows) {
    std::vector<double> flat;
    for (const auto& r : rows) flat.insert(flat.end(), r.begin(), r.end());
    return torch::tensor(flat, torch::kDouble).reshape({static_cast<int64_t>(rows.size()), static_cast<int64_t>(rows[0].size())});
}

double entropy_by_hand(const std::vector<double>& logits) {
    double mx = logits[0];
    for (double z : logits) mx = std::max(mx, z);
    double s = 0;
    for (double z : logits) s += std::exp(z - mx);
    double h = 0;
    for (double z : logits) {
        const double p = std::exp(z - mx) / s;
        if (p > 0) h -= p * std::log(p);
    }
    return h;
}

}  // namespace

LANCET_TEST(mcc_equals_its_closed_form_on_a_hand_made_probability_matrix) {
    const std::vector<std::vector<double>> p = {{0.7, 0.2, 0.1, 0.0}, {0.1, 0.6, 0.2, 0.1}, {0.25, 0.25, 0.25, 0.25}};
    CHECK_NEAR(mcc_loss(as_tensor(p)).item<double>(), mcc_by_hand(p, {1, 1, 1}), 1e-12);
    // SUTA's reweighting: w = 1 + exp(−H), scaled to sum to N.
    std::vector<double> w;
    double wsum = 0;
    for (const auto& row : p) {
        double h = 0;
        for (double x : row) if (x > 0) h -= x * std::log(x);
        w.push_back(1 + std::exp(-h));
        wsum += w.back();
    }
    for (double& x : w) x *= 3.0 / wsum;
    auto entropies = torch::tensor(std::vector<double>{0, 0, 0}, torch::kDouble);
    for (int n = 0; n < 3; ++n) {
        double h = 0;
        for (double x : p[n]) if (x > 0) h -= x * std::log(x);
        entropies[n] = h;
    }
    const auto weights = mcc_position_weights(entropies);
    for (int n = 0; n < 3; ++n) CHECK_NEAR(weights[n].item<double>(), w[n], 1e-12);
    CHECK_NEAR(mcc_loss(as_tensor(p), weights).item<double>(), mcc_by_hand(p, w), 1e-12);
    // The two ends: confident, distinct positions confuse nothing; identical uniform ones give 1 − 1/D.
    CHECK_NEAR(mcc_loss(torch::eye(3, torch::kDouble)).item<double>(), 0.0, 1e-12);
    CHECK_NEAR(mcc_loss(torch::full({5, 4}, 0.25, torch::kDouble)).item<double>(), 0.75, 1e-12);
}

LANCET_TEST(mcc_gradient_matches_a_finite_difference) {
    torch::manual_seed(3);
    const auto z0 = torch::randn({4, 6}, torch::kDouble);
    // Weights are constants of the objective: fix them at z0 for the finite difference too.
    const auto w = mcc_position_weights(-(torch::softmax(z0, -1) * torch::log_softmax(z0, -1)).sum(-1));
    for (bool reweight : {false, true}) {
        auto f = [&](const torch::Tensor& z) { return mcc_loss(torch::softmax(z, -1), reweight ? w : torch::Tensor()); };
        auto z = z0.clone().requires_grad_(true);
        f(z).backward();
        const auto g = z.grad();
        torch::NoGradGuard no_grad;
        const double eps = 1e-6;
        double worst = 0;
        for (int64_t i = 0; i < z0.size(0); ++i)
            for (int64_t j = 0; j < z0.size(1); ++j) {
                auto up = z0.clone(), down = z0.clone();
                up[i][j] += eps;
                down[i][j] -= eps;
                const double fd = (f(up).item<double>() - f(down).item<double>()) / (2 * eps);
                worst = std::max(worst, std::abs(fd - g[i][j].item<double>()));
            }
        CHECK(worst < 1e-8);
        CHECK(g.abs().max().item<double>() > 1e-4);  // a real gradient, not a vanishing one
    }
}

LANCET_TEST(the_mcc_candidate_set_is_exactly_the_union_of_each_positions_top_k) {
    auto logits = torch::zeros({3, 10});
    logits[0][7] = 5, logits[0][2] = 4, logits[0][3] = 1;
    logits[1][2] = 3, logits[1][5] = 2, logits[1][7] = 1;
    logits[2][9] = 6, logits[2][0] = 5, logits[2][1] = 4;
    const auto set = mcc_candidate_set(logits, 2);
    CHECK(set.size(0) == 5);
    const std::vector<int64_t> expected = {0, 2, 5, 7, 9};
    for (int64_t i = 0; i < set.size(0) && i < 5; ++i) CHECK(set[i].item<int64_t>() == expected[i]);
    // SUTA's objective: EM over the whole vocabulary, MCC over the set, renormalised.
    SutaOptions o;
    o.topk = 2;
    const SutaTerms t = suta_objective(logits, o);
    CHECK(t.candidates == 5);
    const auto z = logits.to(torch::kDouble) / 2.5;
    const auto em = -(torch::softmax(z, -1) * torch::log_softmax(z, -1)).sum(-1);
    CHECK_NEAR(t.em.item<double>(), em.mean().item<double>(), 1e-5);
    const auto idx = torch::tensor(expected, torch::kLong);
    const double mcc = mcc_loss(torch::softmax(z.index_select(1, idx), -1), mcc_position_weights(em)).item<double>();
    CHECK_NEAR(t.mcc.item<double>(), mcc, 1e-5);
    CHECK_NEAR(t.loss.item<double>(), 0.3 * em.mean().item<double>() + 0.7 * mcc, 1e-5);
}

LANCET_TEST(the_eta_entropy_filter_drops_exactly_the_positions_above_e0_and_weights_the_rest) {
    const int64_t V = 10;
    CHECK_NEAR(eta_default_e0(V), std::log(10.0) / 2 - 1, 1e-12);
    std::vector<std::vector<double>> rows = {{9, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                                             {0, 3, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 7, 0, 0, 0, 0, 0},
                                             {0, 0, 0, 0, 0, 0, 0, 0, 2, 2}};
    const double e0 = std::log(10.0) / 2 - 1;
    EtaFilter filter;  // default E0 = ln(V)/2 − 1
    const EtaSelection s = filter.select(as_tensor(rows).to(torch::kFloat));
    CHECK_NEAR(s.e0, e0, 1e-12);
    int64_t kept = 0;
    double weighted = 0;
    for (size_t n = 0; n < rows.size(); ++n) {
        const double h = entropy_by_hand(rows[n]);
        REQUIRE(std::abs(h - e0) > 1e-3);  // no position sits on the threshold
        const bool keep = h < e0;
        CHECK(s.keep[n].item<bool>() == keep);
        CHECK_NEAR(s.weights[n].item<double>(), keep ? 1.0 / std::exp(h - e0) : 0.0, 1e-5);
        if (keep) ++kept, weighted += h / std::exp(h - e0);
    }
    CHECK(kept == 2);  // the logit-9 and logit-7 rows
    CHECK(s.kept == kept && s.dropped_entropy == 3 && s.dropped_redundant == 0 && s.positions == 5);
    CHECK_NEAR(eta_weighted_entropy(as_tensor(rows).to(torch::kFloat), s).item<double>(), weighted / kept, 1e-5);
}

LANCET_TEST(the_eta_redundancy_filter_drops_a_sample_identical_to_the_running_mean) {
    EtaOptions o;
    o.e0 = 20;  // the entropy filter keeps everything here (H ≤ ln 1000)
    EtaFilter filter(o);
    auto first = torch::zeros({1, 1000});
    first[0][0] = 20;
    auto s1 = filter.select(first);
    CHECK(s1.kept == 1);  // no running mean yet: no redundancy filter
    filter.update(s1);
    CHECK(torch::allclose(filter.running_mean(), torch::softmax(first[0], -1)));
    auto other = torch::zeros({1, 1000});
    other[0][1] = 20;
    auto s2 = filter.select(torch::cat({first, other}));
    CHECK(!s2.keep[0].item<bool>() && s2.keep[1].item<bool>());
    CHECK(s2.kept == 1 && s2.dropped_redundant == 1 && s2.dropped_entropy == 0);
    CHECK(s2.weights[0].item<double>() == 0.0);
    filter.update(s2);  // the mean moves 10 % toward the kept position
    const auto expected = 0.9 * torch::softmax(first[0], -1) + 0.1 * torch::softmax(other[0], -1);
    CHECK(torch::allclose(filter.running_mean(), expected, 1e-6, 1e-7));
    filter.reset();
    CHECK(!filter.running_mean().defined());
}

LANCET_TEST(suta_adapts_the_tiny_model_and_episodic_mode_restores_it_bit_for_bit) {
    auto model = tiny();
    const auto snap = test::snapshot_weights(*model);
    TttMethodSpec base;
    base.steps = 3;
    base.lr = 5e-2;
    auto list = parse_ttt_methods("suta", base);
    REQUIRE(list.error.empty() && list.methods.size() == 1);
    const TttMethodSpec spec = list.methods[0];
    CHECK(spec.kind == "suta" && spec.loss == "suta" && spec.positions == "all");
    auto method = make_ttt_method(*model, spec);
    CHECK(method->order() == "adapt-then-predict");
    for (const auto& item : small_items(3)) {
        double moved = 0;
        AdaptReport r = method->process(*model, ids_of(*model, item.text), [&] { moved = method->delta_norm(); }, {});
        CHECK(moved > 0);  // answered with adapted weights
        CHECK(std::isfinite(r.loss));
        CHECK(r.mcc_candidates >= 8);
        CHECK(r.reset && method->at_base());
    }
    CHECK(test::weights_equal(*model, snap));
    // Through the runner: records carry the candidate count, the spec labels the deviation.
    auto stream = make_vector_stream(small_items(2), "two");
    auto run = run_ttt(*model, *stream, spec, {});
    REQUIRE_OK(run);
    CHECK(run->status == TttStatus::Completed && run->weights_restored);
    CHECK(run->records[0].mcc_candidates > 0);
    CHECK(run->to_json()["method"].contains("deviation"));
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
    // SUTA at one position is a constant MCC: refused rather than silently useless.
    TttMethodSpec last = spec;
    last.positions = "last";
    bool refused = false;
    try {
        make_ttt_method(*model, last);
    } catch (const EngineException& e) {
        refused = e.error().code == ErrorCode::InvalidArgument;
    }
    CHECK(refused);
}

LANCET_TEST(rdumb_filters_adapt_and_report_the_positions_each_step_kept) {
    auto model = tiny();
    const auto snap = test::snapshot_weights(*model);
    TttMethodSpec base;
    base.steps = 2;
    base.lr = 1e-2;
    base.positions = "all";
    base.eta_e0 = 20;  // above ln(50257) = 10.8: keep every position by entropy (weights e^(20−H) stay finite)
    auto list = parse_ttt_methods("rdumb:2", base);
    REQUIRE(list.error.empty() && list.methods.size() == 1);
    CHECK(list.methods[0].kind == "reset" && list.methods[0].filter == "eta" && list.methods[0].reset_every == 2);
    auto stream = make_vector_stream(small_items(4), "four");
    auto run = run_ttt(*model, *stream, list.methods[0], {});
    REQUIRE_OK(run);
    REQUIRE(run->records.size() == 4);
    CHECK(run->status == TttStatus::Completed && run->weights_restored);
    for (const auto& r : run->records) {
        CHECK(r.filter_positions >= ids_of(*model, r.input).size(1));  // every position (a BOS may lead)
        REQUIRE(r.filter_kept.size() == 2);
        for (auto k : r.filter_kept) CHECK(k >= 0 && k <= r.filter_positions);
    }
    // No running mean before the first step, nor after the reset at input 2: every position kept.
    CHECK(run->records[0].filter_kept[0] == run->records[0].filter_positions);
    CHECK(run->records[2].reset && run->records[2].filter_kept[0] == run->records[2].filter_positions);
    CHECK(run->records[0].delta_norm > 0);
    CHECK(run->records[0].to_json()["filter"]["kept_per_step"].size() == 2);
    CHECK(test::weights_equal(*model, snap));
    CHECK(slots_restored(*model));
}

LANCET_TEST(a_filter_that_keeps_nothing_takes_no_step_and_says_so) {
    auto model = tiny();
    TttMethodSpec base;
    base.steps = 2;
    base.lr = 5e-2;  // Adam: any step would move the weights
    base.eta_e0 = 1e-9;  // no next-token distribution is that sure
    auto list = parse_ttt_methods("tent+eta", base);
    REQUIRE(list.error.empty());
    auto method = make_ttt_method(*model, list.methods[0]);
    AdaptReport r = method->process(*model, ids_of(*model, "The capital of France is"), [] {}, {});
    CHECK(r.filter_kept == std::vector<int64_t>({0, 0}));
    CHECK(r.filter_positions == 1);
    CHECK(std::isnan(r.loss));
    CHECK(method->at_base());  // bit for bit: no optimiser step was taken
    auto stream = make_vector_stream(small_items(2), "two");
    auto run = run_ttt(*model, *stream, list.methods[0], {});
    REQUIRE_OK(run);
    for (const auto& rec : run->records) {
        CHECK(rec.delta_norm == 0.0);
        CHECK(rec.filter_kept == std::vector<int64_t>({0, 0}));
    }
    CHECK(run->records[0].to_json()["adapt_loss"].is_null());
}

LANCET_TEST(suta_and_filter_method_names_parse_and_refuse) {
    TttMethodSpec base;
    auto ok = parse_ttt_methods("suta,rdumb:5,reset:5+eta,tent+suta,fastslow+suta,episodic+eta", base);
    REQUIRE(ok.error.empty());
    REQUIRE(ok.methods.size() == 6);
    CHECK(ok.methods[0].kind == "suta" && ok.methods[0].loss == "suta");
    CHECK(ok.methods[1].kind == "reset" && ok.methods[1].filter == "eta" && ok.methods[1].display() == "rdumb:5");
    CHECK(ok.methods[2].kind == "reset" && ok.methods[2].filter == "eta" && ok.methods[2].reset_every == 5);
    CHECK(ok.methods[3].kind == "continual" && ok.methods[3].loss == "suta" && ok.methods[3].positions == "all");
    CHECK(ok.methods[4].kind == "fastslow" && ok.methods[4].loss == "suta");
    CHECK(ok.methods[5].kind == "episodic" && ok.methods[5].filter == "eta" && ok.methods[5].loss == "entropy");
    for (const char* bad : {"fastslow+eta", "none+eta", "inplace+suta", "suta+eta", "tent+foo", "rdumb:x", "suta:3", "rdumb:3+eta"})
        CHECK(!parse_ttt_methods(bad, base).error.empty());
}

}  // namespace lancet_suite_ttt
