// Scorecard metrics against hand-computed values: NLLs, token accuracies and
// zsRE accuracies against a direct, unbatched forward pass of the tiny GPT-2;
// n-gram entropy, locality and the summary statistics against numbers worked
// out by hand; and run_eval's edit / undo / sequential / cancel bookkeeping.
#include "check.h"

#include "eval/dataset.h"
#include "eval/evaluate.h"
#include "eval/metrics.h"
#include "eval/scorecard.h"
#include "model/forward.h"
#include "model/generate.h"
#include "model/model.h"

#include <torch/torch.h>

#include <cmath>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_metrics {

using namespace lancet;

namespace {

std::shared_ptr<Model> tiny_model() {
    static std::shared_ptr<Model> model = [] {
        auto m = Model::load(test::fixtures_dir() + "/tiny-gpt2");
        if (!m) throw std::runtime_error(m.error().message);
        return m.value();
    }();
    return model;
}

// Logits [T, V] of one unpadded sequence.
torch::Tensor direct_logits(const Model& model, const std::vector<int64_t>& ids) {
    torch::InferenceMode guard;
    ForwardInput in;
    in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1});
    return forward(model, in).logits[0];
}

std::vector<int64_t> concat(std::vector<int64_t> a, const std::vector<int64_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<TargetQuery>& sample_queries() {
    static const std::vector<TargetQuery> q = {
        {"The mother tongue of Danielle Darrieux is", "English"},
        {"The mother tongue of Danielle Darrieux is", "French"},
        {"LeBron James plays the sport of", "association football"},
        {"Paris", "is the capital of France, of course"},
        {"What university did Watts Humphrey attend?", "Illinois Institute of Technology"},
    };
    return q;
}

std::vector<EditCase> counterfact_cases() {
    auto load = load_dataset(test::fixtures_dir() + "/datasets/counterfact.json");
    if (!load) throw std::runtime_error(load.error().message);
    return load->cases;
}

// All tensors of the model, cloned (to check that undo restores every weight).
std::map<std::string, torch::Tensor> weights_copy(const Model& model) {
    std::map<std::string, torch::Tensor> out;
    for (const auto& [name, t] : model.tensors()) out[name] = t.detach().clone();
    return out;
}

bool same_weights(const Model& model, const std::map<std::string, torch::Tensor>& saved) {
    for (const auto& [name, t] : model.tensors())
        if (!torch::equal(t, saved.at(name))) return false;
    return true;
}

// A stand-in for ROME: makes the final norm output a fixed multiple of the
// embedding of target_new's first token, so every prompt predicts that token.
// Undo is a snapshot of the two tensors it writes.
EditFn boost_target_edit() {
    return [](Model& model, const EditCase& c, const JobContext&) -> Expected<AppliedEdit> {
        auto undo = snapshot_undo(model, {"transformer.ln_f.weight", "transformer.ln_f.bias"});
        if (!undo) return undo.error();
        torch::NoGradGuard guard;
        const int64_t t = model.tokenizer().encode(" " + c.target_new).ids.at(0);
        auto row = model.tensor("transformer.wte.weight")[t];
        model.tensor("transformer.ln_f.weight").zero_();
        model.tensor("transformer.ln_f.bias").copy_(row * (20.0 / row.norm().item<double>()));
        AppliedEdit e;
        e.undo = std::move(undo.value());
        e.info = {{"token", t}};
        return e;
    };
}

double metric(const MetricSet& set, const std::string& key) {
    const MetricValue* m = set.find(key);
    return m ? m->value : std::nan("");
}

}  // namespace

// ---- counterfact-prob ------------------------------------------------------------------

LANCET_TEST(counterfact_nll_equals_direct_forward_pass) {
    auto model = tiny_model();
    const Tokenizer& tok = model->tokenizer();
    // Batch size 2 forces padding (the lengths differ) and several batches.
    auto got = target_nll(*model, sample_queries(), 2);
    REQUIRE_OK(got);
    REQUIRE(got->size() == sample_queries().size());
    for (size_t i = 0; i < sample_queries().size(); ++i) {
        const auto& q = sample_queries()[i];
        auto prompt = tok.encode(q.prompt).ids;
        auto target = tok.encode(" " + q.target).ids;
        auto logp = torch::log_softmax(direct_logits(*model, concat(prompt, target)).to(torch::kDouble), -1);
        double sum = 0.0;
        for (size_t j = 0; j < target.size(); ++j)
            sum -= logp[static_cast<int64_t>(prompt.size() + j - 1)][target[j]].item<double>();
        const double expected = sum / static_cast<double>(target.size());
        CHECK_NEAR(got.value()[i], expected, 1e-5);
    }
    // Unbatched and batched agree.
    auto one = target_nll(*model, sample_queries(), 1);
    REQUIRE_OK(one);
    for (size_t i = 0; i < one->size(); ++i) CHECK_NEAR(one.value()[i], got.value()[i], 1e-5);
}

LANCET_TEST(counterfact_success_and_magnitude_by_hand) {
    NllPair p{1.0, 2.0};  // the new object is more likely
    CHECK(prefers_new(p));
    CHECK(!prefers_true(p));
    CHECK_NEAR(new_margin(p), std::exp(-1.0) - std::exp(-2.0), 1e-12);
    CHECK_NEAR(new_margin(p), 0.23254415793482963, 1e-12);
    NllPair tie{1.5, 1.5};  // strict comparisons, as ROME's summarize.py
    CHECK(!prefers_new(tie));
    CHECK(!prefers_true(tie));
}

LANCET_TEST(counterfact_case_metrics_follow_the_nlls) {
    auto model = tiny_model();
    auto cases = counterfact_cases();
    const EditCase& c = cases[0];
    EvalOptions o;
    o.protocols = {kProtocolCounterFact};
    LocalityReference ref;
    auto set = score_case(*model, c, o, kTimingPre, ref, 0);
    REQUIRE_OK(set);
    // ES/EM recomputed from target_nll by hand.
    auto nll = target_nll(*model, {{c.prompt(), c.target_new}, {c.prompt(), c.target_true}});
    REQUIRE_OK(nll);
    const double es = nll.value()[1] > nll.value()[0] ? 1.0 : 0.0;
    CHECK_EQ(metric(*set, "ES"), es);
    CHECK_NEAR(metric(*set, "EM"), std::exp(-nll.value()[0]) - std::exp(-nll.value()[1]), 1e-9);
    // NS over the three neighbours: P(true) > P(new).
    double ns = 0.0, nm = 0.0;
    for (const auto& n : c.neighbourhood_prompts) {
        auto v = target_nll(*model, {{n.prompt, c.target_new}, {n.prompt, c.target_true}});
        REQUIRE_OK(v);
        ns += v.value()[1] < v.value()[0] ? 1.0 : 0.0;
        nm += std::exp(-v.value()[1]) - std::exp(-v.value()[0]);
    }
    CHECK_NEAR(metric(*set, "NS"), ns / 3.0, 1e-12);
    CHECK_NEAR(metric(*set, "NM"), nm / 3.0, 1e-9);
    const MetricValue* ps = set->find("PS");
    REQUIRE(ps != nullptr);
    CHECK_EQ(ps->protocol, std::string("counterfact-prob"));
    CHECK_EQ(ps->details.size(), size_t(2));
    CHECK(ps->details[0].extra.contains("nll_new"));
}

// ---- easyedit-token-acc -----------------------------------------------------------------

LANCET_TEST(easyedit_token_predictions_equal_direct_argmax) {
    auto model = tiny_model();
    const Tokenizer& tok = model->tokenizer();
    auto got = teacher_forced_tokens(*model, sample_queries(), 3);
    REQUIRE_OK(got);
    for (size_t i = 0; i < sample_queries().size(); ++i) {
        const auto& q = sample_queries()[i];
        const size_t np = tok.encode(q.prompt).ids.size();
        auto full = tok.encode(q.prompt + " " + q.target).ids;
        auto argmax = direct_logits(*model, full).argmax(-1);
        std::vector<int64_t> labels(full.begin() + static_cast<std::ptrdiff_t>(np), full.end());
        std::vector<int64_t> predicted;
        for (size_t p = np; p < full.size(); ++p) predicted.push_back(argmax[static_cast<int64_t>(p - 1)].item<int64_t>());
        CHECK(got.value()[i].labels == labels);
        CHECK(got.value()[i].predicted == predicted);
    }
}

LANCET_TEST(easyedit_accuracy_of_the_models_own_continuation_is_one) {
    // The greedy continuation is, token for token, what teacher forcing predicts.
    auto model = tiny_model();
    const Tokenizer& tok = model->tokenizer();
    const std::string prompt = "I like";  // the random model continues " granting granting Sweet"
    GenerateOptions g;
    g.max_new_tokens = 3;
    g.stop_at_eos = false;
    auto gen = generate_text(*model, prompt, g);
    REQUIRE_OK(gen);
    std::string text = gen->text;
    REQUIRE(!text.empty() && text[0] == ' ');
    const std::string target = text.substr(1);
    // The fixture prompt is chosen so that prompt + ' ' + target re-tokenises to the same ids.
    REQUIRE(tok.encode(prompt + " " + target).ids == concat(tok.encode(prompt).ids, gen->new_ids));
    auto acc = teacher_forced_tokens(*model, {{prompt, target}});
    REQUIRE_OK(acc);
    CHECK_EQ(token_match(acc.value()[0].predicted, acc.value()[0].labels), 1.0);
    // One label changed: two of three tokens still match.
    auto p = acc.value()[0];
    p.labels[2] = p.labels[2] == 0 ? 1 : 0;
    CHECK_NEAR(token_match(p.predicted, p.labels), 2.0 / 3.0, 1e-12);
}

LANCET_TEST(locality_readme_example_is_two_thirds) {
    // EasyEdit README: pre-edit [29, 234, 334] vs post-edit [29, 234, 333] -> 66.67%.
    CHECK_NEAR(token_match({29, 234, 334}, {29, 234, 333}) * 100.0, 66.67, 0.005);
    CHECK_EQ(token_match({1, 2}, {1, 2}), 1.0);
    CHECK(std::isnan(token_match({}, {})));
}

// ---- zsre-token-acc --------------------------------------------------------------------

LANCET_TEST(zsre_token_accuracy_equals_direct_computation) {
    auto model = tiny_model();
    const Tokenizer& tok = model->tokenizer();
    auto got = zsre_token_accuracy(*model, sample_queries(), 4);
    REQUIRE_OK(got);
    for (size_t i = 0; i < sample_queries().size(); ++i) {
        const auto& q = sample_queries()[i];
        auto t = tok.encode(" " + q.target).ids;
        REQUIRE(got.value()[i].gold.size() == t.size());
        double correct = 0.0;
        for (size_t j = 0; j < t.size(); ++j) {
            auto ids = tok.encode(q.prompt + tok.decode(std::vector<int64_t>(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(j)))).ids;
            const int64_t predicted = direct_logits(*model, ids)[-1].argmax().item<int64_t>();
            const int64_t gold = tok.encode(tok.decode({t[j]})).ids.at(0);
            CHECK_EQ(got.value()[i].predicted[j], predicted);
            CHECK_EQ(got.value()[i].gold[j], gold);
            correct += predicted == gold ? 1.0 : 0.0;
        }
        CHECK_NEAR(got.value()[i].accuracy, correct / static_cast<double>(t.size()), 1e-12);
    }
}

LANCET_TEST(zsre_protocol_on_a_zsre_record) {
    auto model = tiny_model();
    auto load = load_dataset(test::fixtures_dir() + "/datasets/zsre.json");
    REQUIRE_OK(load);
    EvalOptions o;
    o.protocols = {kProtocolZsre};
    LocalityReference ref;
    auto set = score_case(*model, load->cases[0], o, kTimingPre, ref, 0);
    REQUIRE_OK(set);
    REQUIRE(set->find("efficacy") && set->find("paraphrase") && set->find("specificity"));
    const auto& spec = *set->find("specificity");
    CHECK_EQ(spec.protocol, std::string("zsre-token-acc"));
    // ROME appends "?" to the NQ question.
    CHECK_EQ(spec.details.at(0).prompt, std::string("nq question: who played desmond doss father in hacksaw ridge?"));
    auto direct = zsre_token_accuracy(*model, {{spec.details[0].prompt, "Hugo Weaving"}});
    REQUIRE_OK(direct);
    CHECK_EQ(spec.value, direct.value()[0].accuracy);
}

// ---- ngram-entropy ----------------------------------------------------------------------

LANCET_TEST(word_tokenizer_approximates_nltk) {
    using V = std::vector<std::string>;
    CHECK(word_tokenize("The cat sat. The cat ran.") == V({"The", "cat", "sat", ".", "The", "cat", "ran", "."}));
    CHECK(word_tokenize("Don't stop, they said: 1,000 people (maybe)...") ==
          V({"Do", "n't", "stop", ",", "they", "said", ":", "1,000", "people", "(", "maybe", ")", "..."}));
    CHECK(word_tokenize("O'Neil's dogs' \"toys\" cost $5!") ==
          V({"O'Neil", "'s", "dogs", "'", "\"", "toys", "\"", "cost", "$", "5", "!"}));
    CHECK(word_tokenize("  \n\t ").empty());
}

LANCET_TEST(ngram_entropy_by_hand) {
    // "The cat sat . The cat ran ." : 7 bigrams, (The, cat) twice, 5 others once;
    // 6 trigrams, all distinct.
    auto tokens = word_tokenize("The cat sat. The cat ran.");
    const double h2 = -(2.0 / 7.0) * std::log2(2.0 / 7.0) - 5.0 * (1.0 / 7.0) * std::log2(1.0 / 7.0);
    const double h3 = std::log2(6.0);
    CHECK_NEAR(ngram_entropy(tokens, 2), h2, 1e-12);
    CHECK_NEAR(ngram_entropy(tokens, 3), h3, 1e-12);
    CHECK_NEAR(h2, 2.521640636343318, 1e-12);
    // mean(2/3 H2, 4/3 H3) = H2/3 + 2 H3/3
    CHECK_NEAR(fluency_entropy("The cat sat. The cat ran."), 2.56385521259521, 1e-12);
    // Pure repetition has no entropy; fewer than n tokens give 0 (numpy's empty sum).
    CHECK_NEAR(fluency_entropy("the the the the the"), 0.0, 1e-12);
    CHECK_EQ(ngram_entropy({"one"}, 2), 0.0);
    CHECK_EQ(fluency_entropy(""), 0.0);
}

LANCET_TEST(fluency_generations_are_seeded) {
    auto model = tiny_model();
    FluencyOptions f;
    f.seed = 7;
    f.max_length = 30;
    const std::vector<std::string> prompts = {"The Eiffel Tower is", "Danielle Darrieux's mother tongue is", "Hello"};
    auto a = fluency_generations(*model, prompts, f);
    auto b = fluency_generations(*model, prompts, f);
    REQUIRE_OK(a);
    REQUIRE_OK(b);
    CHECK(a.value() == b.value());
    for (size_t i = 0; i < prompts.size(); ++i) {
        CHECK(a.value()[i].rfind(prompts[i], 0) == 0);  // the prompt is part of the text, as in generate_fast
        CHECK(a.value()[i].size() > prompts[i].size());
    }
    // A prompt already at max_length is returned as it is.
    f.max_length = static_cast<int>(model->tokenizer().encode("Hello").ids.size());
    auto c = fluency_generations(*model, {"Hello"}, f);
    REQUIRE_OK(c);
    CHECK_EQ(c.value()[0], std::string("Hello"));
}

// ---- statistics and scorecards ----------------------------------------------------------

LANCET_TEST(summary_statistics_by_hand) {
    auto s = summarize_values({1.0, 0.0, 1.0, 1.0, std::nan("")});
    CHECK_EQ(s.n, 4);
    CHECK_NEAR(s.mean, 0.75, 1e-12);
    CHECK_NEAR(s.std, 0.4330127018922193, 1e-12);  // population std (ddof = 0)
    CHECK_NEAR(s.ci95, 1.96 * 0.4330127018922193 / 2.0, 1e-12);
    CHECK(std::isnan(summarize_values({}).mean));
    CHECK_NEAR(harmonic_mean({1.0, 0.5, 0.25}), 3.0 / 7.0, 1e-12);
    CHECK_EQ(harmonic_mean({0.9, 0.0, 0.5}), 0.0);
    CHECK(std::isnan(harmonic_mean({})));
    CHECK(std::isnan(harmonic_mean({0.5, -0.1})));
}

LANCET_TEST(scorecard_summary_score_and_forgetting) {
    Scorecard card;
    card.sequential = true;
    auto make = [](double es, double ps, double ns) {
        MetricSet s;
        s.metrics.push_back({"ES", kProtocolCounterFact, es, {}});
        s.metrics.push_back({"PS", kProtocolCounterFact, ps, {}});
        s.metrics.push_back({"NS", kProtocolCounterFact, ns, {}});
        return s;
    };
    CaseResult a, b;
    a.case_id = "a";
    a.pre = make(0, 0, 1);
    a.after_each = make(1, 1, 0.8);
    a.after_all = make(1, 0.5, 0.6);
    a.edited = true;
    b.case_id = "b";
    b.pre = make(0, 0.5, 1);
    b.after_each = make(1, 0.5, 0.6);
    b.after_all = make(0, 0.5, 0.4);
    b.edited = true;
    card.cases = {a, b};
    summarize_scorecard(card);
    const SummaryEntry* es = card.find("ES", kTimingAfterEach);
    REQUIRE(es != nullptr);
    CHECK_NEAR(es->stat.mean, 1.0, 1e-12);
    CHECK_EQ(es->stat.n, 2);
    const SummaryEntry* s = card.find("S", kTimingAfterEach);
    REQUIRE(s != nullptr);
    CHECK_NEAR(s->stat.mean, harmonic_mean({1.0, 0.75, 0.7}), 1e-12);
    CHECK_EQ(s->protocol, std::string("counterfact-prob"));
    CHECK_NEAR(card.find("S", kTimingPre)->stat.mean, 0.0, 1e-12);  // hmean with ES = 0
    CHECK_NEAR(card.find("PS", kTimingAfterAll)->stat.mean, 0.5, 1e-12);
    // forgetting = after_each - after_all
    CHECK_NEAR(card.find("ES", kTimingForgetting)->stat.mean, 0.5, 1e-12);
    CHECK_NEAR(card.find("NS", kTimingForgetting)->stat.mean, 0.2, 1e-12);

    auto j = to_json(card);
    CHECK_EQ(j["mode"].get<std::string>(), std::string("sequential"));
    CHECK_EQ(j["cases"].size(), size_t(2));
    CHECK(j["cases"][0]["scores"].contains("after_all_edits"));
    CHECK(j["summary"].size() > 0);
    CHECK_EQ(metric_info("NS").protocol, std::string("counterfact-prob"));
    CHECK_EQ(metric_info("portability_two_hop").label, std::string("Portability (two hop)"));
}

// ---- run_eval ----------------------------------------------------------------------------

LANCET_TEST(run_eval_without_an_edit_scores_the_same_twice) {
    auto model = tiny_model();
    auto cases = counterfact_cases();
    EvalOptions o;
    o.fluency = true;
    o.fluency_max_length = 24;
    auto card = run_eval(*model, cases, no_edit(), o);
    REQUIRE_OK(card);
    CHECK(!card->partial);
    REQUIRE(card->cases.size() == 2);
    for (const auto& c : card->cases) {
        CHECK(c.edited);
        for (const auto& m : c.pre.metrics) {
            const MetricValue* post = c.after_each.find(m.key);
            REQUIRE(post != nullptr);
            CHECK_EQ(post->value, m.value);  // same model, same fluency seed
        }
        CHECK(c.pre.find("locality") == nullptr);  // measured only after an edit
        CHECK_EQ(metric(c.after_each, "locality"), 1.0);
        for (const char* key : {"ES", "EM", "PS", "PM", "NS", "NM", "reliability", "generalization", "fluency"})
            CHECK(c.pre.find(key) != nullptr);
    }
    CHECK(card->find("S", kTimingPre) != nullptr);
    CHECK(card->find("ES", kTimingAfterAll) == nullptr);  // independent mode
    auto j = to_json(*card);
    CHECK_EQ(j["mode"].get<std::string>(), std::string("independent"));
    CHECK_EQ(j["cases"][0]["scores"]["pre_edit"][0]["protocol"].get<std::string>(), std::string("counterfact-prob"));
}

LANCET_TEST(run_eval_independent_edits_are_undone) {
    auto model = tiny_model();
    auto before = weights_copy(*model);
    auto cases = counterfact_cases();
    EvalOptions o;
    o.method = "boost";
    auto card = run_eval(*model, cases, boost_target_edit(), o);
    REQUIRE_OK(card);
    CHECK(same_weights(*model, before));
    CHECK_EQ(card->method, std::string("boost"));
    for (const auto& c : card->cases) {
        CHECK(c.edited);
        CHECK(c.edit_info.contains("token"));
        // The boosted first token makes every prompt prefer the new object.
        CHECK_EQ(metric(c.after_each, "ES"), 1.0);
        CHECK_EQ(metric(c.after_each, "NS"), 0.0);
        CHECK(metric(c.after_each, "EM") > metric(c.pre, "EM"));
        CHECK(metric(c.after_each, "locality") < 1.0);
    }
}

LANCET_TEST(run_eval_sequential_rescores_after_all_edits) {
    auto model = tiny_model();
    auto before = weights_copy(*model);
    auto cases = counterfact_cases();
    EvalOptions o;
    o.sequential = true;
    o.protocols = {kProtocolCounterFact};
    std::vector<std::string> stages;
    JobContext job;
    job.progress = [&](double, const std::string& stage) { stages.push_back(stage); };
    auto card = run_eval(*model, cases, boost_target_edit(), o, job);
    REQUIRE_OK(card);
    CHECK(same_weights(*model, before));  // undone at the end, newest first
    REQUIRE(card->cases.size() == 2);
    // The stand-in edit writes the same two tensors each time, so the second edit
    // replaces the first: the last case scores the same after all edits.
    CHECK(!card->cases[0].after_all.empty());
    CHECK(!card->cases[1].after_all.empty());
    CHECK_EQ(metric(card->cases[1].after_all, "ES"), metric(card->cases[1].after_each, "ES"));
    CHECK(card->find("ES", kTimingAfterAll) != nullptr);
    CHECK(card->find("ES", kTimingForgetting) != nullptr);
    CHECK_EQ(stages.size(), size_t(6));  // pre, edit + post, after-all for each case
    CHECK(stages.back().find("case 2 of 2") != std::string::npos);

    // keep_edits leaves the last edit in place.
    o.keep_edits = true;
    auto kept = run_eval(*model, cases, boost_target_edit(), o);
    REQUIRE_OK(kept);
    CHECK(!same_weights(*model, before));
    torch::NoGradGuard guard;
    for (auto& [name, t] : before) model->tensor(name).copy_(t);
    CHECK(same_weights(*model, before));
}

LANCET_TEST(run_eval_cancel_keeps_partial_results_and_undoes) {
    auto model = tiny_model();
    auto before = weights_copy(*model);
    auto cases = counterfact_cases();
    CancelToken token;
    JobContext job;
    job.cancel = &token;
    job.progress = [&](double, const std::string& stage) {
        if (stage.find("post-edit") != std::string::npos) token.cancel();
    };
    EvalOptions o;
    o.protocols = {kProtocolEasyEdit};
    auto card = run_eval(*model, cases, boost_target_edit(), o, job);
    REQUIRE_OK(card);
    CHECK(card->partial);
    CHECK_EQ(card->partial_reason, std::string("cancelled"));
    CHECK_EQ(card->cases.size(), size_t(1));
    CHECK_EQ(card->cases_total, size_t(2));
    CHECK(!card->cases[0].after_each.empty());
    CHECK(same_weights(*model, before));
    CHECK(to_json(*card)["partial"].get<bool>());

    // An edit that reports cancellation stops the run too; a failing one is recorded and skipped.
    int calls = 0;
    EditFn flaky = [&](Model&, const EditCase&, const JobContext&) -> Expected<AppliedEdit> {
        if (calls++ == 0) return Error{ErrorCode::Unsupported, "cannot edit this one"};
        return Error{ErrorCode::Cancelled, "cancelled"};
    };
    auto f = run_eval(*model, cases, flaky, o);
    REQUIRE_OK(f);
    REQUIRE(f->cases.size() == 2);
    CHECK(f->cases[0].error.find("cannot edit this one") != std::string::npos);
    CHECK(!f->cases[0].edited);
    CHECK(f->partial);
}

LANCET_TEST(run_eval_limit_protocol_checks_and_missing_data) {
    auto model = tiny_model();
    auto cases = counterfact_cases();
    EvalOptions o;
    o.limit = 1;
    o.protocols = {kProtocolCounterFact};
    auto card = run_eval(*model, cases, no_edit(), o);
    REQUIRE_OK(card);
    CHECK_EQ(card->cases.size(), size_t(1));

    o.protocols = {"bleu"};
    auto bad = run_eval(*model, cases, no_edit(), o);
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == ErrorCode::InvalidArgument);

    // No target_true: ES/PS are left out with a note; NS uses the neighbours' answers.
    EditCase c;
    c.case_id = "x";
    c.subject = "Japan";
    c.prompt_template = "The capital of {} is";
    c.target_new = "Osaka";
    c.neighbourhood_prompts = {{"The capital of Germany is", "Berlin"}};
    c.same_subject_prompts = {{"The official language of Japan is", "Japanese"}};
    c.portability = {{"reverse", "Osaka is the capital of", "Japan"}, {"two_hop", "The capital of Japan's neighbour", "Seoul"}};
    EvalOptions p;
    std::vector<std::string> notes;
    LocalityReference ref;
    auto set = score_case(*model, c, p, kTimingPre, ref, 0, &notes);
    REQUIRE_OK(set);
    CHECK(set->find("ES") == nullptr);
    CHECK(set->find("NS") != nullptr);
    CHECK(set->find("portability_reverse") != nullptr);
    CHECK(set->find("portability") != nullptr);
    CHECK(ref.recorded && ref.neighbourhood.size() == 1 && ref.same_subject.size() == 1);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("target_true") != std::string::npos);

    // Knowns-style cases (no target_new) are recorded as not editable.
    EditCase known;
    known.case_id = "k";
    known.subject = "Vinson Massif";
    known.prompt_template = "{} is located in the continent of";
    known.target_true = "Antarctica";
    auto k = run_eval(*model, {known}, no_edit(), EvalOptions{});
    REQUIRE_OK(k);
    REQUIRE(k->cases.size() == 1);
    CHECK(k->cases[0].error.find("target_new") != std::string::npos);
    CHECK(!k->partial);
}

}  // namespace lancet_suite_metrics
