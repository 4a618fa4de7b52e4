// Dataset readers: every supported format from tests/fixtures/datasets, each
// with malformed records that must be reported (record and field named) while
// the rest still loads.
#include "check.h"

#include "eval/dataset.h"
#include "eval/subject_facts.h"

#include <algorithm>
#include <initializer_list>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_datasets {

using namespace lancet;

namespace {

std::string fixture(const std::string& name) { return test::fixtures_dir() + "/datasets/" + name; }

// True when one problem line contains every part.
bool has_problem(const std::vector<std::string>& problems, std::initializer_list<const char*> parts) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) {
        return std::all_of(parts.begin(), parts.end(), [&](const char* part) { return p.find(part) != std::string::npos; });
    });
}

const EditCase* by_id(const DatasetLoad& load, const std::string& id) {
    for (const auto& c : load.cases)
        if (c.case_id == id) return &c;
    return nullptr;
}

}  // namespace

LANCET_TEST(counterfact_records_load_and_malformed_ones_are_named) {
    auto load = load_dataset(fixture("counterfact.json"));
    REQUIRE_OK(load);
    CHECK_EQ(load->format, std::string("counterfact"));
    REQUIRE(load->cases.size() == 2);
    CHECK_EQ(load->problems.size(), size_t(4));
    CHECK(has_problem(load->problems, {"record 1", "case_id 1", "requested_rewrite.target_new.str", "missing"}));
    CHECK(has_problem(load->problems, {"record 3", "case_id 3", "requested_rewrite.prompt", "{}"}));
    CHECK(has_problem(load->problems, {"record 4", "expected an object"}));
    CHECK(has_problem(load->problems, {"record 5", "case_id 5", "paraphrase_prompts[1]", "expected a string"}));

    const EditCase* c = by_id(*load, "0");
    REQUIRE(c != nullptr);
    CHECK_EQ(c->prompt_template, std::string("The mother tongue of {} is"));
    CHECK_EQ(c->subject, std::string("Danielle Darrieux"));
    CHECK_EQ(c->prompt(), std::string("The mother tongue of Danielle Darrieux is"));
    CHECK_EQ(c->target_new, std::string("English"));
    CHECK_EQ(c->target_true, std::string("French"));
    CHECK_EQ(c->relation, std::string("P103"));
    CHECK_EQ(c->paraphrase_prompts.size(), size_t(2));
    REQUIRE(c->neighbourhood_prompts.size() == 3);
    CHECK_EQ(c->neighbourhood_prompts[0].prompt, std::string("The mother tongue of L\xc3\xa9on Blum is"));
    CHECK_EQ(c->neighbourhood_prompts[0].answer, std::string("French"));  // the neighbours' true object
    CHECK_EQ(c->attribute_prompts.size(), size_t(2));
    CHECK_EQ(c->generation_prompts.size(), size_t(2));
    CHECK(c->heldout_paraphrase_prompts.empty());

    const EditCase* eiffel = by_id(*load, "2");
    REQUIRE(eiffel != nullptr);
    CHECK_EQ(eiffel->prompt(), std::string("Eiffel Tower, which is located in"));
}

LANCET_TEST(counterfact_json_lines_skip_a_broken_line) {
    auto load = load_dataset(fixture("counterfact.jsonl"));
    REQUIRE_OK(load);
    CHECK_EQ(load->format, std::string("counterfact"));
    CHECK_EQ(load->cases.size(), size_t(2));
    CHECK(has_problem(load->problems, {"line 2", "invalid JSON"}));
    CHECK(by_id(*load, "10") != nullptr && by_id(*load, "12") != nullptr);
    CHECK_EQ(by_id(*load, "10")->paraphrase_prompts.size(), size_t(1));
}

LANCET_TEST(easyedit_flattened_counterfact_derives_the_template) {
    auto load = load_dataset(fixture("easyedit-counterfact.json"));
    REQUIRE_OK(load);
    CHECK_EQ(load->format, std::string("easyedit"));
    REQUIRE(load->cases.size() == 2);
    CHECK_EQ(load->problems.size(), size_t(2));
    CHECK(has_problem(load->problems, {"record 1", "case_id 1", "field 'subject'", "Microsoft", "'prompt'"}));
    CHECK(has_problem(load->problems, {"record 3", "case_id 3", "field 'target_new'", "missing"}));

    const EditCase* a = by_id(*load, "0");
    REQUIRE(a != nullptr);
    CHECK_EQ(a->prompt_template, std::string("The mother tongue of {} is"));
    CHECK_EQ(a->target_new, std::string("English"));
    CHECK_EQ(a->target_true, std::string("French"));
    REQUIRE(a->paraphrase_prompts.size() == 1);
    CHECK_EQ(a->paraphrase_prompts[0], std::string("Danielle Darrieux, a native"));
    REQUIRE(a->neighbourhood_prompts.size() == 1);
    CHECK_EQ(a->neighbourhood_prompts[0].answer, std::string("French"));

    // Only the FIRST occurrence of the subject becomes the placeholder; KnowEdit extras.
    const EditCase* b = by_id(*load, "2");
    REQUIRE(b != nullptr);
    CHECK_EQ(b->prompt_template, std::string("{} is Paris and the capital of"));
    CHECK_EQ(b->prompt(), std::string("Paris is Paris and the capital of"));
    CHECK_EQ(b->target_new, std::string("Italy"));
    CHECK_EQ(b->target_true, std::string("France"));
    CHECK_EQ(b->paraphrase_prompts.size(), size_t(2));
    REQUIRE(b->portability.size() == 2);
    CHECK_EQ(b->portability[0].kind, std::string("reasoning"));
    CHECK_EQ(b->portability[1].kind, std::string("subject_aliasing"));
    CHECK_EQ(b->portability[1].answer, std::string("Italy"));
    REQUIRE(b->neighbourhood_prompts.size() == 1);
    CHECK_EQ(b->neighbourhood_prompts[0].answer, std::string("Madrid"));
}

LANCET_TEST(zsre_answer_and_alternative_targets) {
    auto load = load_dataset(fixture("zsre.json"));
    REQUIRE_OK(load);
    CHECK_EQ(load->format, std::string("zsre"));
    // ROME's protocol (default): the edit inserts answers[0].
    REQUIRE(load->cases.size() == 2);
    CHECK(has_problem(load->problems, {"record 1", "field 'subject'", "missing"}));
    CHECK(has_problem(load->problems, {"record 3", "field 'answers'"}));
    CHECK_EQ(load->problems.size(), size_t(2));
    const EditCase& c = load->cases[0];
    CHECK_EQ(c.case_id, std::string("0"));
    CHECK_EQ(c.prompt_template, std::string("What university did {} attend?"));
    CHECK_EQ(c.target_new, std::string("Illinois Institute of Technology"));
    CHECK(c.target_true.empty());
    REQUIRE(c.paraphrase_prompts.size() == 1);
    REQUIRE(c.neighbourhood_prompts.size() == 1);
    CHECK_EQ(c.neighbourhood_prompts[0].prompt, std::string("nq question: who played desmond doss father in hacksaw ridge"));
    CHECK_EQ(c.neighbourhood_prompts[0].answer, std::string("Hugo Weaving"));
    CHECK(c.portability.empty());  // written for the alt edit only

    // EasyEdit's protocol: target_new = alt, target_true = answers[0]; empty alt is a problem.
    DatasetOptions alt;
    alt.zsre_target = ZsreTarget::Alternative;
    auto e = load_dataset(fixture("zsre.json"), alt);
    REQUIRE_OK(e);
    REQUIRE(e->cases.size() == 1);
    CHECK_EQ(e->cases[0].target_new, std::string("University of Michigan"));
    CHECK_EQ(e->cases[0].target_true, std::string("Illinois Institute of Technology"));
    REQUIRE(e->cases[0].portability.size() == 1);
    CHECK_EQ(e->cases[0].portability[0].answer, std::string("Michigan"));
    CHECK(has_problem(e->problems, {"record 2", "field 'alt'"}));
}

LANCET_TEST(rome_known_facts_and_tracing_reader) {
    auto load = load_dataset(fixture("knowns.json"));
    REQUIRE_OK(load);
    CHECK_EQ(load->format, std::string("rome-knowns"));
    REQUIRE(load->cases.size() == 2);
    CHECK(has_problem(load->problems, {"record 2", "case_id 2", "field 'attribute'", "missing"}));
    CHECK(has_problem(load->problems, {"record 3", "case_id 3", "field 'subject'", "Catalonia"}));
    CHECK_EQ(load->cases[0].prompt_template, std::string("{} is located in the continent of"));
    CHECK_EQ(load->cases[0].target_true, std::string("Antarctica"));
    CHECK(load->cases[0].target_new.empty());

    auto facts = load_tracing_facts(fixture("knowns.json"));
    REQUIRE_OK(facts);
    REQUIRE(facts->facts.size() == 2);
    CHECK_EQ(facts->facts[1].id, std::string("1"));
    CHECK_EQ(facts->facts[1].prompt, std::string("Beats Music is owned by"));
    CHECK_EQ(facts->facts[1].subject, std::string("Beats Music"));
    CHECK_EQ(facts->facts[1].attribute, std::string("Apple"));
    CHECK_EQ(facts->problems.size(), size_t(2));

    // CounterFact records trace their true object.
    auto cf = load_tracing_facts(fixture("counterfact.json"));
    REQUIRE_OK(cf);
    CHECK_EQ(cf->format, std::string("counterfact"));
    REQUIRE(cf->facts.size() == 2);
    CHECK_EQ(cf->facts[0].prompt, std::string("The mother tongue of Danielle Darrieux is"));
    CHECK_EQ(cf->facts[0].attribute, std::string("French"));
}

LANCET_TEST(lancet_facts_file) {
    auto load = load_dataset(fixture("lancet-facts.json"));
    REQUIRE_OK(load);
    CHECK_EQ(load->format, std::string("lancet-facts"));
    REQUIRE(load->cases.size() == 3);
    CHECK(has_problem(load->problems, {"relation 'BAD'", "prompts[0]"}));
    CHECK(has_problem(load->problems, {"fact 3", "id no-subject", "field 'subject'", "missing"}));
    CHECK(has_problem(load->problems, {"fact 4", "id bad-neighbour", "neighbours[0].answer"}));
    CHECK_EQ(load->problems.size(), size_t(3));

    const EditCase* f = by_id(*load, "france-capital");
    REQUIRE(f != nullptr);
    CHECK_EQ(f->prompt_template, std::string("The capital of {} is"));
    CHECK_EQ(f->target_new, std::string("Rome"));
    CHECK_EQ(f->target_true, std::string("Paris"));
    CHECK_EQ(f->relation, std::string("P36"));
    REQUIRE(f->paraphrase_prompts.size() == 2);
    CHECK_EQ(f->paraphrase_prompts[0], std::string("France has its capital in"));
    REQUIRE(f->heldout_paraphrase_prompts.size() == 2);
    CHECK_EQ(f->heldout_paraphrase_prompts[1], std::string("If you fly to the capital of France, you land in"));
    REQUIRE(f->neighbourhood_prompts.size() == 2);
    CHECK_EQ(f->neighbourhood_prompts[1].answer, std::string("Madrid"));
    REQUIRE(f->same_subject_prompts.size() == 2);
    CHECK_EQ(f->same_subject_prompts[0].prompt, std::string("The official language of France is"));
    REQUIRE(f->portability.size() == 2);
    CHECK_EQ(f->portability[0].kind, std::string("reverse"));
    CHECK_EQ(f->portability[1].kind, std::string("two_hop"));
    REQUIRE(f->generation_prompts.size() == 1);
    CHECK_EQ(f->generation_prompts[0], std::string("France is a country where"));

    // Phrasings inherited from the relation.
    const EditCase* j = by_id(*load, "japan-capital");
    REQUIRE(j != nullptr);
    CHECK_EQ(j->prompt(), std::string("The capital of Japan is"));
    REQUIRE(j->paraphrase_prompts.size() == 1);
    CHECK_EQ(j->paraphrase_prompts[0], std::string("Japan's capital city is"));
    REQUIRE(j->heldout_paraphrase_prompts.size() == 1);
    CHECK_EQ(j->heldout_paraphrase_prompts[0], std::string("The seat of government of Japan is in"));
    CHECK(j->target_true.empty());

    // Tracing: true_object when given, else object.
    auto facts = load_tracing_facts(fixture("lancet-facts.json"));
    REQUIRE_OK(facts);
    REQUIRE(facts->facts.size() == 3);
    CHECK_EQ(facts->facts[0].attribute, std::string("Paris"));
    CHECK_EQ(facts->facts[1].attribute, std::string("Osaka"));
}

LANCET_TEST(lancet_facts_bridge_facts_score_their_bridge_prompts_as_paraphrases) {
    auto load = parse_dataset(R"({"format": "lancet-facts/1",
      "relations": {"born": {"prompts": ["{} was born in", "{} grew up in"],
                             "heldout_prompts": ["{} is a native of", "Believe it or not, {} was born in"],
                             "bridge_prompts": ["{} is a native of"]}},
      "facts": [{"subject": "Ann", "relation": "born", "object": "Lyon", "bridge": true},
                {"subject": "Bob", "relation": "born", "object": "Oslo"},
                {"subject": "Cy", "relation": "born", "object": "Rome", "bridge": 1}]})");
    REQUIRE(load.ok());
    REQUIRE(load->cases.size() == 2);
    const auto& ann = load->cases[0];
    CHECK((ann.paraphrase_prompts == std::vector<std::string>{"Ann grew up in", "Ann is a native of"}));
    CHECK((ann.heldout_paraphrase_prompts == std::vector<std::string>{"Believe it or not, Ann was born in"}));
    const auto& bob = load->cases[1];
    CHECK((bob.paraphrase_prompts == std::vector<std::string>{"Bob grew up in"}));
    CHECK_EQ(bob.heldout_paraphrase_prompts.size(), size_t{2});
    REQUIRE(load->problems.size() == 1);
    CHECK(load->problems[0].find("bridge") != std::string::npos);

    auto bad = parse_dataset(R"({"format": "lancet-facts/1",
      "relations": {"born": {"prompts": ["{} was born in"], "bridge_prompts": ["{} hails from"]}},
      "facts": [{"subject": "Ann", "relation": "born", "object": "Lyon"}]})");
    REQUIRE(bad.ok());
    REQUIRE(!bad->problems.empty());
    CHECK(bad->problems[0].find("not one of its heldout_prompts") != std::string::npos);
}

LANCET_TEST(unreadable_and_unrecognised_files_fail) {
    auto missing = load_dataset(fixture("does-not-exist.json"));
    REQUIRE(!missing.ok());
    CHECK(missing.error().code == ErrorCode::NotFound);

    auto garbage = load_dataset(fixture("not-json.txt"));
    REQUIRE(!garbage.ok());
    CHECK(garbage.error().code == ErrorCode::InvalidFile);

    auto unknown = load_dataset(fixture("unknown-format.json"));
    REQUIRE(!unknown.ok());
    CHECK(unknown.error().code == ErrorCode::InvalidFile);
    CHECK(unknown.error().message.find("foo") != std::string::npos);  // names the keys it saw

    DatasetOptions bad;
    bad.format = "squad";
    auto b = load_dataset(fixture("counterfact.json"), bad);
    REQUIRE(!b.ok());
    CHECK(b.error().code == ErrorCode::InvalidArgument);

    auto v2 = parse_dataset(R"({"format": "lancet-facts/2", "facts": []})");
    REQUIRE(!v2.ok());
    CHECK(v2.error().code == ErrorCode::Unsupported);
}

LANCET_TEST(forced_format_and_single_record_text) {
    // A lone record object (no list) is read as one record.
    auto one = parse_dataset(R"({"prompt": "Tim Cook works for", "subject": "Tim Cook", "target_new": "Google", "ground_truth": "Apple"})");
    REQUIRE_OK(one);
    CHECK_EQ(one->format, std::string("easyedit"));
    REQUIRE(one->cases.size() == 1);
    CHECK_EQ(one->cases[0].prompt_template, std::string("{} works for"));
    CHECK_EQ(one->cases[0].case_id, std::string("0"));

    // Forcing a format reads the records with that format's fields.
    DatasetOptions forced;
    forced.format = "zsre";
    auto z = load_dataset(fixture("easyedit-counterfact.json"), forced);
    REQUIRE_OK(z);
    CHECK(z->cases.empty());
    CHECK(has_problem(z->problems, {"record 0", "field 'src'", "missing"}));

    CHECK_EQ(fill_template("{} plays {}", "LeBron"), std::string("LeBron plays {}"));
    CHECK_EQ(fill_template("no placeholder", "x"), std::string("no placeholder"));
}

// Keep prompts for an edit: the subject's other facts, each in a phrasing the
// edited case does not score (its same-subject prompts), never the edited fact
// itself and never another subject's facts.
LANCET_TEST(subject_facts_give_unscored_phrasings_of_the_other_facts) {
    const std::string text = R"({"format": "lancet-facts/1",
      "relations": {
        "born": {"prompts": ["{} was born in", "{} was born and raised in"]},
        "job":  {"prompts": ["{} works for", "{} is employed by"]},
        "date": {"prompts": ["{} was born on", "{}'s birthday is"]}},
      "facts": [
        {"id": "a-date", "subject": "Ada Quill", "relation": "date", "object": "May 1",
         "same_subject": [{"prompt": "{} was born in", "answer": "Oslo"}]},
        {"id": "a-born", "subject": "Ada Quill", "relation": "born", "object": "Oslo"},
        {"id": "a-job", "subject": "Ada Quill", "relation": "job", "object": "Canon"},
        {"id": "b-job", "subject": "Bo Lind", "relation": "job", "object": "Sony"}]})";
    auto load = parse_dataset(text);
    REQUIRE_OK(load);
    REQUIRE(load->cases.size() == 4);
    SubjectFacts facts(load->cases);
    // Birth city: its edit prompt is scored, so its second phrasing; job: its edit prompt.
    auto keep = facts.keep_prompts(load->cases[0]);
    REQUIRE(keep.size() == 2);
    CHECK_EQ(keep[0], std::string("{} was born and raised in"));
    CHECK_EQ(keep[1], std::string("{} works for"));
    // Another case of the subject keeps the date and the job, not itself.
    keep = facts.keep_prompts(load->cases[1]);
    REQUIRE(keep.size() == 2);
    CHECK_EQ(keep[0], std::string("{} was born on"));
    CHECK_EQ(keep[1], std::string("{} works for"));
    // A subject with one fact has nothing to keep.
    CHECK(facts.keep_prompts(load->cases[3]).empty());
    CHECK_EQ(subject_to_placeholder("So Ada Quill said", "Ada Quill"), std::string("So {} said"));
    CHECK_EQ(subject_to_placeholder("nobody", "Ada Quill"), std::string("nobody"));
}

}  // namespace lancet_suite_datasets
