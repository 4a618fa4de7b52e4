// MEMIT and AlphaEdit (edit/memit.h), the sequential stream (edit/sequential.h)
// and the generation-based protocol (eval/metrics.h generation_match): the
// solves against their closed forms, the null-space guarantee, the batched
// target optimisation against one request at a time, and exact restoration.
#include "check.h"
#include "model_snapshot.h"

#include "edit/edit_method.h"
#include "edit/memit.h"
#include "edit/sequential.h"
#include "eval/metrics.h"
#include "model/generate.h"
#include "model/model.h"
#include "model/prefix_cache.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet_suite_memit {

using namespace lancet;

namespace {

torch::Tensor random_spd(int64_t d, uint64_t seed) {
    torch::manual_seed(seed);
    auto X = torch::randn({d, 4 * d}, torch::kDouble);
    return X.mm(X.t()) / (4.0 * d) + 1e-3 * torch::eye(d, torch::kDouble);
}

RomeRequest req(const std::string& subject, const std::string& target) {
    RomeRequest r;
    r.prompt = "{} is located in the city of";
    r.subject = subject;
    r.target_new = target;
    return r;
}

EditCase edit_case(const std::string& id, const std::string& subject, const std::string& target) {
    EditCase c;
    c.case_id = id;
    c.prompt_template = "{} is located in the city of";
    c.subject = subject;
    c.target_new = target;
    c.neighbourhood_prompts = {{"The Eiffel Tower is located in the city of", "Paris"}};
    return c;
}

MemitHyperParams small_hparams(std::vector<int> layers) {
    MemitHyperParams hp;
    hp.layers = std::move(layers);
    hp.mom2_n_samples = 4000;
    hp.v_num_grad_steps = 8;
    return hp;
}

}  // namespace

// One request: (λC + k kᵀ)⁻¹ k = C⁻¹k / (λ + kᵀC⁻¹k) (Sherman–Morrison), so the
// update is ROME's r (C⁻¹k)ᵀ / (kᵀC⁻¹k) as λ → 0, and a damped version of it otherwise.
LANCET_TEST(one_request_update_is_romes_rank_one_update) {
    const int64_t d_ff = 24, d = 8;
    const auto C = random_spd(d_ff, 1);
    const auto k = torch::randn({d_ff, 1}, torch::kDouble), r = torch::randn({d, 1}, torch::kDouble);
    const auto u = torch::linalg::solve(C, k, true);
    const double ku = (k.t().mm(u)).item<double>();
    for (double lambda : {1e-9, 0.5, 20.0}) {
        const auto delta = r.mm(memit_solve(k, C, lambda).t());
        const auto expected = r.mm(u.t()) / (lambda + ku);
        // (λ = 1e-9 leaves λC + k kᵀ with a condition number near 1e9: float64 keeps ~1e-7 of it.)
        CHECK(torch::allclose(delta, expected, 1e-5, 1e-9));
    }
    // ROME's form: the update maps k to exactly r when λ = 0.
    CHECK(torch::allclose(r.mm(memit_solve(k, C, 1e-12).t()).mm(k), r, 1e-6, 1e-9));
}

// Several requests and λ: the solve is the normal-equation minimiser of
// ‖Δ K − R‖² + λ tr(Δ C Δᵀ), i.e. Δ (λC + K Kᵀ) = R Kᵀ.
LANCET_TEST(batch_update_satisfies_memits_normal_equations) {
    const int64_t d_ff = 20, d = 6, n = 5;
    const auto C = random_spd(d_ff, 2);
    const auto K = torch::randn({d_ff, n}, torch::kDouble), R = torch::randn({d, n}, torch::kDouble);
    const double lambda = 3.0;
    const auto delta = R.mm(memit_solve(K, C, lambda).t());
    CHECK(torch::allclose(delta.mm(lambda * C + K.mm(K.t())), R.mm(K.t()), 1e-8, 1e-10));
}

// AlphaEdit's guarantee: keys of the preserved knowledge (C's directions with
// eigenvalue above the threshold) pass through the edited matrix unchanged, with
// or without earlier edits' keys in C_p; the projector has the predicted rank.
LANCET_TEST(alphaedit_leaves_preserved_keys_unchanged) {
    const int64_t d_ff = 16, d = 6, n = 3;
    torch::manual_seed(3);
    auto Q = std::get<0>(torch::linalg::qr(torch::randn({d_ff, d_ff}, torch::kDouble)));
    auto e = torch::cat({torch::full({10}, 1.0, torch::kDouble), torch::full({6}, 1e-3, torch::kDouble)});
    const auto C = Q.mm(torch::diag(e)).mm(Q.t());
    int64_t dim = -1;
    const auto P = null_space_projector(C.to(torch::kFloat), 2e-2, &dim);
    CHECK(dim == 6);
    CHECK_NEAR(P.trace().item<double>(), 6.0, 1e-4);
    const auto K = torch::randn({d_ff, n}, torch::kDouble), R = torch::randn({d, n}, torch::kDouble);
    const auto previous = torch::randn({d_ff, 2}, torch::kDouble);
    const auto Pd = P.to(torch::kDouble);
    for (const auto& prev : {torch::Tensor(), previous.mm(previous.t())}) {
        const auto projected = prev.defined() ? Pd.mm(prev).mm(Pd) : torch::Tensor();
        const auto delta = R.mm(alphaedit_solve(K, P, projected, 10.0).t());
        CHECK(delta.norm().item<double>() > 1e-3);
        // The reference's unsymmetric system, solved directly: the same update.
        const auto G = prev.defined() ? K.mm(K.t()) + prev : K.mm(K.t());
        const auto reference = torch::linalg::solve(Pd.mm(G) + 10.0 * torch::eye(d_ff, torch::kDouble), Pd.mm(K), true);
        CHECK(torch::allclose(delta, R.mm(reference.t()), 1e-6, 1e-9));
        const auto preserved = Q.slice(1, 0, 10);  // eigenvalue 1.0
        CHECK(delta.mm(preserved).norm().item<double>() < 1e-5 * delta.norm().item<double>());
    }
}

// Re-running only the positions from the subject's last token on, against the
// prefixes' cached keys and values, is the same arithmetic as running the rows whole.
LANCET_TEST(targets_from_cached_prefixes_equal_whole_rows) {
    auto model = test::load_tiny_gpt2();
    const std::vector<std::string> templates = {"{}", "A short prefix. {}", "Another, longer prefix here. {}"};
    MemitHyperParams hp = small_hparams({0});
    hp.early_stop_loss = 0;  // every step, for both
    const std::vector<RomeRequest> reqs = {req("The Space Needle", "Paris"), req("The Louvre", "Rome")};
    auto cached = memit_targets(*model, 0, reqs, templates, hp);
    auto whole = memit_targets(*model, 0, reqs, templates, hp, {}, /*prefix_cache=*/false);
    REQUIRE_OK(cached);
    REQUIRE_OK(whole);
    CHECK(torch::allclose(cached->h0, whole->h0, 1e-5, 1e-6));
    CHECK(torch::allclose(cached->z, whole->z, 1e-4, 1e-5));
    CHECK((cached->z - cached->h0).norm().item<double>() > 1e-3);  // the targets moved
    CHECK(cached->loss_curve.size() == whole->loss_curve.size());
    // Suffixes grouped by length (the default) against one batch padded to the longest: the same
    // targets from fewer positions (the KL prompt's suffix is shorter than the rewriting prompts').
    auto padded = memit_targets(*model, 0, reqs, templates, hp, {}, true, /*bucket_suffixes=*/false);
    REQUIRE_OK(padded);
    CHECK(torch::allclose(cached->z, padded->z, 1e-4, 1e-5));
    CHECK(cached->position_blocks < padded->position_blocks);
    CHECK(cached->position_blocks_unpadded == padded->position_blocks_unpadded);
    CHECK(cached->position_blocks >= cached->position_blocks_unpadded);
    // The last block at every position (read_positions_only off) against only
    // where the loss reads (the default), with a target of several tokens (a
    // row reads several columns, the KL rows one): the same targets.
    const std::vector<RomeRequest> longer = {req("The Space Needle", "Kuala Lumpur Malaysia"), req("The Louvre", "Rome")};
    for (bool prefix : {true, false}) {
        auto narrowed = memit_targets(*model, 0, longer, templates, hp, {}, prefix);
        auto every = memit_targets(*model, 0, longer, templates, hp, {}, prefix, true, true, /*read_positions_only=*/false);
        REQUIRE_OK(narrowed);
        REQUIRE_OK(every);
        CHECK(torch::allclose(narrowed->z, every->z, 1e-4, 1e-5));
        CHECK(narrowed->loss_curve.dump() == every->loss_curve.dump() ||
              std::abs(narrowed->loss_curve.back()["loss"].get<double>() - every->loss_curve.back()["loss"].get<double>()) < 1e-4);
    }
}

LANCET_TEST(rows_are_grouped_by_length_with_least_padding) {
    // Two clusters: two groups pad nothing; one group would pad the short rows to 12.
    const std::vector<int64_t> two = {3, 12, 3, 12, 3, 12};
    auto g = group_rows_by_length(two, 4);
    REQUIRE(g.size() == 2);
    CHECK((g[0] == std::vector<int64_t>{0, 2, 4}));
    CHECK((g[1] == std::vector<int64_t>{1, 3, 5}));
    CHECK(group_rows_by_length({5, 5, 5}, 4).size() == 1);   // nothing to gain from a split
    CHECK(group_rows_by_length(two, 1).size() == 1);          // one group asked for
    CHECK(group_rows_by_length({}, 4).empty());
    // 3, 4 and 12, 13: four groups pad nothing (64 positions); two pad 68 (6 % more), three 66 (3.1 %).
    // The fewest groups within the slack of the optimum: four at 3 %, two at 10 %.
    const std::vector<int64_t> near = {3, 4, 12, 13, 3, 4, 12, 13};
    CHECK(group_rows_by_length(near, 4).size() == 4);
    auto h = group_rows_by_length(near, 4, 0.10);
    CHECK(h.size() == 2);
    size_t rows = 0;
    for (const auto& grp : h) rows += grp.size();
    CHECK(rows == near.size());
}

// Optimising a batch's targets together equals optimising each alone: the losses
// are independent and Adam is per coordinate (requests stop on their own).
// Layer 0, so that a block runs after δ: at the tiny model's last layer only the
// KL term moves δ, and Adam turns its near-zero gradients into steps whose signs
// are rounding noise.
LANCET_TEST(batched_targets_equal_one_request_at_a_time) {
    auto model = test::load_tiny_gpt2();
    const std::vector<std::string> templates = {"{}", "A short prefix. {}"};
    const MemitHyperParams hp = small_hparams({0});
    const std::vector<RomeRequest> both = {req("The Space Needle", "Paris"), req("The Louvre", "Rome")};
    auto together = memit_targets(*model, 0, both, templates, hp);
    REQUIRE_OK(together);
    for (size_t i = 0; i < both.size(); ++i) {
        auto alone = memit_targets(*model, 0, {both[i]}, templates, hp);
        REQUIRE_OK(alone);
        CHECK(torch::allclose(together->z[static_cast<int64_t>(i)], alone->z[0], 1e-4, 1e-5));
        CHECK(together->steps_run[i] == alone->steps_run[0]);
    }
}

// The whole edit on a model: the target residual is reached at the last layer
// when λ is small and the keys are the bare prompts' (with context templates the
// key is an average, which the bare prompt's key only approximates), the delta is
// factored with rank ≤ requests, and the model is never written by the computation.
LANCET_TEST(memit_reaches_its_targets_and_never_writes_the_model) {
    auto model = test::load_tiny_gpt2();
    const auto snapshot = test::snapshot_weights(*model);
    MemitOptions o;
    o.hparams = small_hparams({0, 1});
    o.hparams.mom2_update_weight = 1e-4;
    o.context_templates = std::vector<std::string>{"{}"};
    o.stats.use_disk_cache = false;
    auto edit = compute_memit(*model, {req("The Space Needle", "Paris"), req("The Louvre", "Rome")}, o);
    REQUIRE_OK(edit);
    CHECK(test::weights_equal(*model, snapshot));
    REQUIRE(edit->delta.size() == 2);
    for (const auto& t : edit->delta) CHECK(t.factored() && t.rank() == 2);
    CHECK(edit->diagnostics["target_reached_relative_error"].get<double>() < 1e-3);
    if (edit->diagnostics["target_reached_relative_error"].get<double>() >= 1e-3)
        std::cerr << "    target error " << edit->diagnostics["target_reached_relative_error"] << "\n";

    // AlphaEdit on the same requests returns the keys' Gram matrix for C_p.
    o.variant = MemitVariant::AlphaEdit;
    o.key_gram = true;
    auto alpha = compute_memit(*model, {req("The Space Needle", "Paris")}, o);
    REQUIRE_OK(alpha);
    CHECK(alpha->key_gram.size() == 2 && alpha->key_gram.at(1).size(0) == model->config().d_ff);
    CHECK(alpha->diagnostics["per_layer"][0].contains("null_space_dim"));
    CHECK(test::weights_equal(*model, snapshot));
}

LANCET_TEST(methods_are_registered_and_batch) {
    auto memit = find_edit_method("memit");
    auto alpha = find_edit_method("alphaedit");
    REQUIRE_OK(memit);
    REQUIRE_OK(alpha);
    CHECK((*memit)->batches() && (*alpha)->batches() && !(*find_edit_method("rome"))->batches());
    CHECK((*memit)->info(nullptr).max_layers == 0 && (*alpha)->info(nullptr).find("nullspace_threshold") != nullptr);
    auto model = test::load_tiny_gpt2();
    EditSpec s;
    s.method = "rome";
    s.prompt = "{} is in";
    s.subject = "Paris";
    s.target_new = "France";
    s.layers = {1};
    auto refused = (*find_edit_method("rome"))->compute_batch(*model, {s, s}, EditRuntime{});
    CHECK(!refused.ok() && refused.error().code == ErrorCode::Unsupported);
}

// A stream of edits kept in place, a curve point every two requests, and every
// weight back to its original bits at the end (keep_edits off); AlphaEdit's C_p
// carried from batch to batch.
LANCET_TEST(sequential_stream_draws_the_curve_and_restores_exactly) {
    auto model = test::load_tiny_gpt2();
    const auto snapshot = test::snapshot_weights(*model);
    const std::vector<EditCase> cases = {edit_case("a", "The Space Needle", "Paris"), edit_case("b", "The Louvre", "Rome"),
                                         edit_case("c", "Big Ben", "Tokyo"), edit_case("d", "The Colosseum", "Berlin")};
    for (const char* method : {"memit", "alphaedit"}) {
        EditSpec base;
        base.method = method;
        base.layers = {0, 1};
        base.hparams = {{"mom2_n_samples", 4000}, {"v_num_grad_steps", 6}};
        SequentialOptions o;
        o.batch_size = 2;
        o.curve_every = 2;
        o.general_ability = false;
        std::vector<size_t> seen;
        auto curve = run_sequential(*model, cases, base, EditRuntime{}, o, {},
                                    [&](const CurvePoint& p) { seen.push_back(p.edits); });
        REQUIRE_OK(curve);
        CHECK(curve->edited == 4 && curve->errors.empty());
        CHECK((seen == std::vector<size_t>{0, 2, 4}) && curve->points.size() == 3);
        CHECK(std::isnan(curve->points[0].retention_token_acc) && curve->points[0].locality == 1.0);
        CHECK(!std::isnan(curve->points[2].retention_token_acc) && !std::isnan(curve->points[2].retention_generation));
        CHECK(curve->points[2].max_growth > 1.0 && !curve->points[2].norms.empty());
        CHECK(test::weights_equal(*model, snapshot));
        CHECK(curve->to_csv().find("edits,edit_seconds") == 0);
    }
    // A method that edits one request at a time refuses batches before any edit.
    EditSpec rome;
    rome.method = "rome";
    SequentialOptions o;
    o.batch_size = 2;
    CHECK(!run_sequential(*model, cases, rome, EditRuntime{}, o).ok());
    CHECK(test::weights_equal(*model, snapshot));
}

// The generation-based protocol: SQuAD-style normalisation, the first sentence,
// and a success exactly when the greedy answer begins with the target.
LANCET_TEST(generation_match_judges_the_first_sentence) {
    CHECK(normalize_answer("  The Eiffel-Tower!  ") == "eiffel tower");
    CHECK(normalize_answer("an apple, a pear") == "apple pear");
    CHECK(first_sentence(" Paris. It is big") == "Paris");
    CHECK(first_sentence(" 3.5 million people live there. Yes") == "3.5 million people live there");
    CHECK(first_sentence(" Rome\nand more") == "Rome");
    auto model = test::load_tiny_gpt2();
    const std::string prompt = "The Space Needle is located in the city of";
    GenerateOptions g;
    g.max_new_tokens = 3;
    const std::string said = first_sentence(generate_text(*model, prompt, g).value().text);
    const std::string first_word = said.substr(0, said.find(' '));
    REQUIRE(!normalize_answer(first_word).empty());
    auto judged = generation_match(*model, {{prompt, first_word}, {prompt, "Zanzibar Quux"}}, 3);
    REQUIRE_OK(judged);
    CHECK(judged->at(0).success && !judged->at(1).success);
    CHECK(judged->at(0).answer == said);
}

}  // namespace lancet_suite_memit
