// General ability (eval/general_ability.h): perplexity of a text sample and
// recall of the model's own facts, each checked against a direct computation,
// and their rows in the surgery scorecard before and after an edit.
#include "check.h"
#include "model_snapshot.h"

#include "edit/surgery.h"
#include "eval/general_ability.h"
#include "eval/metrics.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <cmath>
#include <fstream>

namespace lancet_suite_general_ability {

using namespace lancet;

namespace {

std::string text_file() {
    const std::string path = lancet::test::scratch_dir("general-text") + "/heldout.txt";
    std::ofstream out(path);
    for (int i = 0; i < 40; ++i)
        out << "The river runs past the old mill and the children play by the water number " << i << ".\n\n";
    return path;
}

GeneralProbeOptions small_probe() {
    GeneralProbeOptions o;
    o.text_path = text_file();
    o.text_tokens = 150;
    o.facts_path = lancet::test::fixtures_dir() + "/datasets/lancet-facts.json";
    o.facts = 2;
    return o;
}

}  // namespace

// exp(Σ NLL / tokens) from full logits in double, the probe's sequences fitting the context.
LANCET_TEST(perplexity_equals_a_direct_computation) {
    auto model = lancet::test::load_tiny_gpt2();
    auto probe = make_general_probe(*model, small_probe());
    REQUIRE_OK(probe);
    CHECK(!probe->sequences.empty() && probe->text_tokens >= 140 && probe->text_tokens <= 150);
    CHECK(probe->text_source.find("heldout.txt") != std::string::npos);
    double nll = 0;
    int64_t tokens = 0;
    for (const auto& seq : probe->sequences) {
        CHECK(static_cast<int64_t>(seq.size()) <= model->config().n_positions);
        torch::NoGradGuard ng;
        ForwardInput in;
        in.input_ids = torch::tensor(seq, torch::kLong).view({1, -1});
        auto logp = torch::log_softmax(forward(*model, in).logits[0].to(torch::kDouble), -1);
        for (size_t t = 1; t < seq.size(); ++t) nll -= logp[static_cast<int64_t>(t) - 1][seq[t]].item<double>();
        tokens += static_cast<int64_t>(seq.size()) - 1;
    }
    CHECK(tokens == probe->text_tokens);
    auto m = measure_general_ability(*model, *probe);
    REQUIRE_OK(m);
    const MetricValue* ppl = m->find("perplexity");
    REQUIRE(ppl != nullptr);
    CHECK(ppl->protocol == kProtocolGeneral);
    CHECK_NEAR(ppl->value, std::exp(nll / static_cast<double>(tokens)), 1e-4 * ppl->value);
    // A sequence shorter than two tokens is refused, not scored as NaN.
    CHECK(!sequence_nll_sums(*model, {{464}}).ok());
}

// Recall = share of sampled facts whose every answer token is the argmax; the
// sample is the facts with a known answer, evenly spaced.
LANCET_TEST(fact_recall_counts_facts_completed_token_for_token) {
    auto model = lancet::test::load_tiny_gpt2();
    auto probe = make_general_probe(*model, small_probe());
    REQUIRE_OK(probe);
    REQUIRE(probe->facts.size() == 2);
    CHECK(probe->facts[0].target == "Paris" && probe->facts[1].target == "France");
    CHECK(probe->facts_source.find("2 of 2 facts") != std::string::npos);
    auto direct = teacher_forced_tokens(*model, probe->facts);
    REQUIRE_OK(direct);
    double expected = 0;
    for (const auto& p : direct.value()) expected += p.predicted == p.labels ? 0.5 : 0.0;
    auto m = measure_general_ability(*model, *probe);
    REQUIRE_OK(m);
    const MetricValue* recall = m->find("fact_recall");
    REQUIRE(recall != nullptr && recall->details.size() == 2);
    CHECK_NEAR(recall->value, expected, 1e-12);
    // No facts file: no recall row, perplexity still there.
    GeneralProbeOptions o = small_probe();
    o.facts_path.clear();
    auto no_facts = make_general_probe(*model, o);
    REQUIRE_OK(no_facts);
    CHECK(no_facts->facts.empty());
    auto m2 = measure_general_ability(*model, *no_facts);
    REQUIRE_OK(m2);
    CHECK(m2->find("fact_recall") == nullptr && m2->find("perplexity") != nullptr);
}

// The surgery scorecard carries both rows with their before values, and a big
// enough edit moves the perplexity.
LANCET_TEST(scorecard_has_general_ability_before_and_after) {
    auto model = lancet::test::load_tiny_gpt2();
    EditSpec s;
    s.method = "ft";
    s.prompt = "{} is located in the city of";
    s.subject = "The Space Needle";
    s.target_new = "Paris";
    s.layers = {0, 1};
    s.hparams = {{"steps", 10}, {"lr", 1e-2}};
    SurgeryOptions o;
    o.fluency = false;
    o.probe = std::make_shared<const GeneralAbilityProbe>(make_general_probe(*model, small_probe()).value());
    const double base = measure_general_ability(*model, *o.probe).value().find("perplexity")->value;
    EditHistory h;
    auto out = apply_and_score(*model, h, s, o);
    REQUIRE_OK(out);
    const ScoreRow* ppl = out->scorecard.find("perplexity");
    const ScoreRow* recall = out->scorecard.find("fact_recall");
    REQUIRE(ppl != nullptr && recall != nullptr);
    CHECK(ppl->protocol == kProtocolGeneral && ppl->before.has_value() && recall->before.has_value());
    CHECK_NEAR(*ppl->before, base, 1e-9 * base);
    CHECK(std::abs(ppl->after - base) > 1e-6 * base);
    CHECK_NEAR(ppl->after, measure_general_ability(*model, *o.probe).value().find("perplexity")->value, 1e-9 * base);
}

}  // namespace lancet_suite_general_ability
