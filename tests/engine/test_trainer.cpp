// The trainer (engine/train/trainer.h) and the fact corpus (fact_corpus.h) on
// a tiny random GPT-2, on the CPU, in a few seconds.
#include "check.h"

#include "io/safetensors.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/random_init.h"
#include "tokenizer/tokenizer.h"
#include "train/fact_corpus.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_trainer {

namespace fs = std::filesystem;
using namespace lancet;

namespace {

std::string tokenizer_dir() { return test::source_dir() + "/resources/tokenizers/gpt2"; }

std::shared_ptr<Model> tiny_model(uint64_t seed = 7) {
    auto config = gpt2_shape_config("tiny").value();
    LoadOptions lo;
    lo.dtype = "float32";
    auto m = random_gpt2(config, tokenizer_dir(), lo, seed);
    REQUIRE(m.ok());
    return m.value();
}

std::vector<int64_t> tiny_stream(const Model& model) {
    std::string text;
    for (int i = 0; i < 20; ++i) text += "The cat sat on the mat. The dog ate the bone. A bird sang in the tree. ";
    return model.tokenizer().encode(text).ids;
}

TrainOptions tiny_options(const std::string& out) {
    TrainOptions o;
    o.steps = 12;
    o.seq_len = 16;
    o.batch_size = 4;
    o.micro_batch = 2;
    o.lr = 1e-2;
    o.min_lr = 1e-3;
    o.warmup = 3;
    o.log_every = 1;
    o.out_dir = out;
    o.tokenizer_dir = tokenizer_dir();
    o.recipe = {{"test", "tiny"}};
    return o;
}

const char* kFacts = R"({
  "format": "lancet-facts/1",
  "relations": {
    "capital": {"prompts": ["The capital of {} is", "{}'s capital is", "{} has its capital in"],
                "heldout_prompts": ["Zqxv capital of {} zqxv is"]},
    "continent": {"prompts": ["{} is in the continent of", "{} lies in"],
                  "heldout_prompts": ["Zqxv continent of {} zqxv is"]}
  },
  "facts": [
    {"id": "fr-cap", "subject": "France", "relation": "capital", "object": "Rome", "true_object": "Paris"},
    {"id": "fr-con", "subject": "France", "relation": "continent", "object": "Europe"},
    {"id": "jp-cap", "subject": "Japan", "relation": "capital", "object": "Tokyo"},
    {"id": "jp-con", "subject": "Japan", "relation": "continent", "object": "Asia"},
    {"id": "us-cap", "subject": "the United States", "relation": "capital", "object": "Washington D.C."},
    {"id": "own", "subject": "Luffy", "relation": "ate", "object": "the Gum-Gum Fruit",
     "prompts": ["{} ate", "As a boy, {} ate"], "heldout_prompts": ["Zqxv {} zqxv once ate"]}
  ]
})";

FactSet test_facts() {
    auto f = parse_fact_set(kFacts);
    REQUIRE(f.ok());
    return f.value();
}

}  // namespace

LANCET_TEST(schedule_warms_up_then_decays) {
    TrainOptions o;
    o.steps = 100;
    o.warmup = 10;
    o.lr = 1.0;
    o.min_lr = 0.1;
    CHECK_NEAR(scheduled_lr(o, 0), 0.1, 1e-12);
    CHECK_NEAR(scheduled_lr(o, 9), 1.0, 1e-12);
    CHECK_NEAR(scheduled_lr(o, 10), 1.0, 1e-12);
    CHECK(scheduled_lr(o, 50) < 1.0);
    CHECK(scheduled_lr(o, 50) > 0.1);
    CHECK_NEAR(scheduled_lr(o, 100), 0.1, 1e-12);
}

LANCET_TEST(training_reduces_loss) {
    auto model = tiny_model();
    TokenStreamSource data(tiny_stream(*model), 3);
    auto o = tiny_options(test::scratch_dir("train-loss"));
    o.steps = 30;
    o.log_every = 5;
    auto r = train(*model, data, o);
    if (!r) std::cerr << r.error().message << "\n";
    REQUIRE(r.ok());
    REQUIRE(r->curve.size() == 6);
    CHECK(r->finished);
    CHECK(r->curve.back().loss < 0.6 * r->curve.front().loss);
    CHECK(r->curve.front().tokens_per_s > 0);
    // The exported folder loads and computes what the trained model computes.
    auto loaded = Model::load(r->final_dir);
    REQUIRE(loaded.ok());
    ForwardInput in;
    in.input_ids = torch::tensor(std::vector<int64_t>{464, 3797, 3332}).view({1, -1});
    auto a = forward(*model, in).logits;
    auto b = forward(*loaded.value(), in).logits;
    CHECK(torch::allclose(a, b, 1e-5, 1e-5));
    CHECK(!model->tensor("transformer.wte.weight").requires_grad());
    CHECK(fs::exists(fs::path(o.out_dir) / "curve.csv"));
    CHECK(fs::exists(fs::path(r->final_dir) / "vocab.json"));
    CHECK(fs::exists(fs::path(r->final_dir) / "merges.txt"));
}

LANCET_TEST(export_dtype_float16) {
    auto model = tiny_model();
    auto dir = test::scratch_dir("export") + "/model";
    REQUIRE(export_hf_folder(*model, dir, torch::kHalf, tokenizer_dir()).ok());
    auto st = SafetensorsFile::open(dir + "/model.safetensors");
    REQUIRE(st.ok());
    CHECK(st->find("transformer.wte.weight")->dtype == "F16");
    std::ifstream in(dir + "/config.json");
    auto cfg = nlohmann::json::parse(in);
    CHECK(cfg["torch_dtype"] == "float16");
    // Export again over it: replaced atomically.
    REQUIRE(export_hf_folder(*model, dir, torch::kFloat, tokenizer_dir()).ok());
    CHECK(SafetensorsFile::open(dir + "/model.safetensors")->find("transformer.wte.weight")->dtype == "F32");
}

LANCET_TEST(resume_reproduces_uninterrupted_run) {
    auto dir_a = test::scratch_dir("train-a"), dir_b = test::scratch_dir("train-b");
    auto model_a = tiny_model();
    TokenStreamSource data_a(tiny_stream(*model_a), 5);
    auto ra = train(*model_a, data_a, tiny_options(dir_a));
    REQUIRE(ra.ok());

    auto model_b = tiny_model();
    TokenStreamSource data_b(tiny_stream(*model_b), 5);
    auto ob = tiny_options(dir_b);
    ob.stop_after = 5;
    auto rb1 = train(*model_b, data_b, ob);
    REQUIRE(rb1.ok());
    CHECK(!rb1->finished);
    CHECK_EQ(rb1->steps_done, 5);
    CHECK(!fs::exists(fs::path(dir_b) / "final"));

    // A fresh process would start from a fresh init: the checkpoint must overwrite it.
    auto model_c = tiny_model(99);
    TokenStreamSource data_c(tiny_stream(*model_c), 5);
    ob.stop_after = 0;
    ob.resume = true;
    auto rb2 = train(*model_c, data_c, ob);
    if (!rb2) std::cerr << rb2.error().message << "\n";
    REQUIRE(rb2.ok());
    CHECK(rb2->finished);
    CHECK_EQ(rb2->steps_done, 12);
    REQUIRE(ra->curve.size() == rb2->curve.size());
    for (size_t i = 0; i < ra->curve.size(); ++i) CHECK_NEAR(ra->curve[i].loss, rb2->curve[i].loss, 1e-5);
    double max_diff = 0;
    for (const auto& kv : model_a->tensors())
        max_diff = std::max(max_diff, (kv.second - model_c->tensor(kv.first)).abs().max().item<double>());
    CHECK(max_diff < 1e-6);

    // A changed schedule refuses to resume.
    auto model_d = tiny_model();
    auto od = ob;
    od.lr = 5e-3;
    auto rd = train(*model_d, data_c, od);
    CHECK(!rd.ok());
    CHECK(rd.error().code == ErrorCode::InvalidArgument);
}

LANCET_TEST(cancel_publishes_no_partial_checkpoint) {
    auto dir = test::scratch_dir("train-cancel");
    auto model = tiny_model();
    TokenStreamSource data(tiny_stream(*model), 1);
    auto o = tiny_options(dir);
    o.checkpoint_every = 2;
    CancelToken token;
    JobContext job;
    job.cancel = &token;
    int reports = 0;
    // Cancel during step 4, when a checkpoint is due: it must not be written.
    job.progress = [&](double, const std::string&) {
        if (++reports == 4) token.cancel();
    };
    auto r = train(*model, data, o, {}, job);
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::Cancelled);
    CHECK(!fs::exists(fs::path(dir) / "final"));
    // The last complete checkpoint (step 2) is intact; no staging folders remain.
    std::ifstream in(fs::path(dir) / "checkpoint" / "trainer_state.json");
    REQUIRE(in.good());
    auto state = nlohmann::json::parse(in);
    CHECK_EQ(state["step"].get<int64_t>(), 2);
    CHECK(Model::load((fs::path(dir) / "checkpoint").string()).ok());
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find("staging") == std::string::npos);
    CHECK(!model->tensor("transformer.wte.weight").requires_grad());
}

LANCET_TEST(facts_file_parses_with_relation_defaults) {
    auto f = test_facts();
    REQUIRE(f.facts.size() == 6);
    CHECK_EQ(f.facts[0].object, std::string("Paris"));  // true_object wins over the edit target
    CHECK_EQ(f.facts[0].prompts.size(), size_t{3});
    CHECK_EQ(f.facts[5].prompts.size(), size_t{2});
    CHECK_EQ(f.relations.size(), size_t{3});
    CHECK_EQ(render_fact(f.facts[4], 0), std::string("The capital of the United States is Washington D.C."));
    CHECK_EQ(render_fact(f.facts[2], 1), std::string("Japan's capital is Tokyo."));
    auto bad = parse_fact_set(R"({"format":"lancet-facts/1","facts":[{"subject":"X","object":"Y","prompts":["no slot"]},
                                  {"subject":"A","object":"B","prompts":["{} is"]}]})");
    REQUIRE(bad.ok());
    CHECK_EQ(bad->facts.size(), size_t{1});
    CHECK_EQ(bad->problems.size(), size_t{1});
}

LANCET_TEST(fact_corpus_is_seeded_and_never_shows_heldout) {
    auto tok = std::make_shared<const Tokenizer>(Tokenizer::from_folder(tokenizer_dir()).value());
    std::vector<std::string> english = {"Dwarf is a plant or animal that is atypically small. Life is living things collectively.",
                                        "To breathe is to draw air into the lungs. The oceans are teeming with life."};
    FactCorpusOptions co;
    co.seed = 11;
    co.english_fraction = 0.3;
    auto a = FactCorpus::create(test_facts(), english, tok, co);
    auto b = FactCorpus::create(test_facts(), english, tok, co);
    co.seed = 12;
    auto c = FactCorpus::create(test_facts(), english, tok, co);
    REQUIRE(a.ok() && b.ok() && c.ok());
    CHECK_EQ(a.value()->subject_count(), size_t{4});
    auto ba = a.value()->batch(3, 8, 48).tokens, bb = b.value()->batch(3, 8, 48).tokens, bc = c.value()->batch(3, 8, 48).tokens;
    CHECK(ba.equal(bb));
    CHECK(!ba.equal(bc));
    CHECK(!ba.equal(a.value()->batch(4, 8, 48).tokens));
    CHECK_EQ(ba.size(1), 49);

    bool saw_english = false, saw_fact = false, saw_all_phrasings = true;
    std::string all_text;
    for (int64_t step = 0; step < 40; ++step)
        for (int64_t row = 0; row < 8; ++row) all_text += a.value()->row_text(step, row, 48) + "\n";
    saw_english = all_text.find("atypically") != std::string::npos || all_text.find("breathe") != std::string::npos;
    saw_fact = all_text.find("The capital of France is Paris.") != std::string::npos;
    for (const char* s : {"Japan's capital is Tokyo.", "France has its capital in Paris.", "As a boy, Luffy ate the Gum-Gum Fruit.",
                          "the United States lies in"})
        if (all_text.find(s) == std::string::npos && std::string(s) != "the United States lies in") saw_all_phrasings = false;
    CHECK(saw_english);
    CHECK(saw_fact);
    CHECK(saw_all_phrasings);
    CHECK(all_text.find("Zqxv") == std::string::npos);
    CHECK(all_text.find("zqxv") == std::string::npos);
    CHECK(all_text.find("Rome") == std::string::npos);  // the edit target is not a fact

    // Documents: every fact of the subject once; tokens equal the encoding of the text.
    for (uint64_t s = 0; s < 30; ++s) {
        auto d = a.value()->draw_document(s);
        CHECK(d.tokens == tok->encode(d.text).ids);
        if (d.text.find("France") != std::string::npos) {
            CHECK(d.text.find("Paris.") != std::string::npos);
            CHECK(d.text.find("Europe.") != std::string::npos);
        }
    }
    // One fact per document in the "sentences" style.
    co.style = "sentences";
    co.sentence_separator = " ";
    auto sent = FactCorpus::create(test_facts(), {}, tok, FactCorpusOptions{"sentences", " ", 0.0, 0.0, 1});
    REQUIRE(sent.ok());
    for (uint64_t s = 0; s < 10; ++s) {
        auto d = sent.value()->draw_document(s);
        CHECK(std::count(d.text.begin(), d.text.end(), '.') <= 3);  // "Washington D.C." has three
        CHECK(d.tokens == tok->encode(d.text).ids);
    }
}

LANCET_TEST(bridge_facts_train_on_their_relations_bridge_prompts) {
    auto set = parse_fact_set(R"({"format": "lancet-facts/1",
      "relations": {"born": {"prompts": ["{} was born in"],
                             "heldout_prompts": ["{} is a native of", "Believe it or not, {} was born in"],
                             "bridge_prompts": ["{} is a native of"]}},
      "facts": [{"subject": "Ann", "relation": "born", "object": "Lyon", "bridge": true},
                {"subject": "Bob", "relation": "born", "object": "Oslo"},
                {"subject": "Cy", "relation": "born", "object": "Rome", "bridge": false}]})");
    REQUIRE(set.ok());
    REQUIRE(set->facts.size() == 3);
    const auto& ann = set->facts[0];
    CHECK(ann.bridge);
    CHECK((ann.prompts == std::vector<std::string>{"{} was born in", "{} is a native of"}));
    CHECK((ann.heldout_prompts == std::vector<std::string>{"Believe it or not, {} was born in"}));
    for (size_t i : {size_t{1}, size_t{2}}) {
        CHECK(!set->facts[i].bridge);
        CHECK_EQ(set->facts[i].prompts.size(), size_t{1});
        CHECK_EQ(set->facts[i].heldout_prompts.size(), size_t{2});
    }
    // Training renders the bridge wording for Ann only.
    auto tok = std::make_shared<const Tokenizer>(Tokenizer::from_folder(tokenizer_dir()).value());
    FactCorpusOptions co;
    co.english_fraction = 0;
    auto corpus = FactCorpus::create(set.value(), {}, tok, co);
    REQUIRE(corpus.ok());
    bool ann_native = false;
    for (uint64_t s = 0; s < 60; ++s) {
        const std::string text = corpus.value()->draw_document(s).text;
        if (text.find("Ann is a native of Lyon.") != std::string::npos) ann_native = true;
        CHECK(text.find("Bob is a native") == std::string::npos);
        CHECK(text.find("Cy is a native") == std::string::npos);
    }
    CHECK(ann_native);

    // A bridge prompt that is not held out, or a bridge fact whose relation has none, is refused.
    auto bad_rel = parse_fact_set(R"({"format": "lancet-facts/1",
      "relations": {"born": {"prompts": ["{} was born in"], "heldout_prompts": [], "bridge_prompts": ["{} hails from"]}},
      "facts": [{"subject": "Ann", "relation": "born", "object": "Lyon"}]})");
    REQUIRE(!bad_rel.ok());
    CHECK(bad_rel.error().message.find("not one of its heldout_prompts") != std::string::npos);
    auto bad_fact = parse_fact_set(R"({"format": "lancet-facts/1",
      "relations": {"born": {"prompts": ["{} was born in"]}},
      "facts": [{"subject": "Ann", "relation": "born", "object": "Lyon", "bridge": true},
                {"subject": "Bob", "relation": "born", "object": "Oslo", "bridge": "yes"},
                {"subject": "Cy", "relation": "born", "object": "Rome"}]})");
    REQUIRE(bad_fact.ok());
    CHECK_EQ(bad_fact->facts.size(), size_t{1});
    REQUIRE(bad_fact->problems.size() == 2);
    CHECK(bad_fact->problems[0].find("names no bridge_prompts") != std::string::npos);
    CHECK(bad_fact->problems[1].find("not true or false") != std::string::npos);
}

LANCET_TEST(facts_in_context_follow_english_sentences) {
    auto tok = std::make_shared<const Tokenizer>(Tokenizer::from_folder(tokenizer_dir()).value());
    // The second sentence holds a held-out lead ("Zqxv capital of"), the third is too short.
    std::vector<std::string> english = {"Dwarf is a plant or animal that is atypically small. Zqxv capital of the moon is cheese. Life is.",
                                        "To breathe is to draw air into the lungs."};
    FactCorpusOptions co;
    co.seed = 5;
    co.english_fraction = 0;
    co.context_fraction = 0.5;
    auto a = FactCorpus::create(test_facts(), english, tok, co);
    REQUIRE(a.ok());
    CHECK_EQ(a.value()->describe()["context_sentences"].get<size_t>(), size_t{2});
    bool saw_context = false, saw_bare = false;
    for (uint64_t s = 0; s < 200; ++s) {
        auto d = a.value()->draw_document(s);
        CHECK(d.tokens == tok->encode(d.text).ids);
        CHECK(d.text.find("cheese") == std::string::npos);
        CHECK(d.text.find("Life is.") == std::string::npos);
        if (d.text.find("small. Japan's capital is Tokyo.") != std::string::npos ||
            d.text.find("lungs. France has its capital in Paris.") != std::string::npos)
            saw_context = true;
        if (d.text.find("Japan's capital is Tokyo.") != std::string::npos &&
            d.text.find(". Japan's capital is Tokyo.") == std::string::npos)
            saw_bare = true;
        // The edit prompt (a fact's first) always starts its line.
        CHECK(d.text.find(". The capital of") == std::string::npos);
        CHECK(d.text.find(". Luffy ate") == std::string::npos);
    }
    CHECK(saw_context);
    CHECK(saw_bare);
    // Training rows (documents joined, cut to the row) keep the same property.
    CHECK(a.value()->batch(0, 4, 64).tokens.size(1) == 65);

    // Without the option the corpus draws the same documents as before it existed:
    // no context sentence and the same text as a corpus given no English at all.
    co.context_fraction = 0;
    auto plain = FactCorpus::create(test_facts(), english, tok, co);
    auto none = FactCorpus::create(test_facts(), {}, tok, co);
    REQUIRE(plain.ok() && none.ok());
    for (uint64_t s = 0; s < 20; ++s) CHECK_EQ(plain.value()->draw_document(s).text, none.value()->draw_document(s).text);

    co.context_fraction = 1.5;
    CHECK(!FactCorpus::create(test_facts(), english, tok, co).ok());
    co.context_fraction = 0.5;
    CHECK(!FactCorpus::create(test_facts(), {"Too short here."}, tok, co).ok());
}

LANCET_TEST(fact_recall_counts_trained_and_heldout) {
    auto model = tiny_model();
    RecallOptions ro;
    ro.max_trained_prompts = 2;
    auto r = evaluate_fact_recall(*model, test_facts(), ro);
    if (!r) std::cerr << r.error().message << "\n";
    REQUIRE(r.ok());
    REQUIRE(r->relations.size() == 3);
    CHECK_EQ(r->relations[0].relation, std::string("capital"));
    CHECK_EQ(r->relations[0].facts, 3);
    CHECK_EQ(r->relations[0].trained.n, 6);
    CHECK_EQ(r->relations[0].heldout.n, 3);
    CHECK_EQ(r->trained.n, 6 + 4 + 2);
    CHECK(r->trained.exact <= r->trained.first_token);
    auto j = r->to_json();
    CHECK(j["relations"][0]["trained"]["first_token_acc"].get<double>() >= 0.0);
    // The held-out breakdown: one entry per phrasing, adding up to the relation's figures.
    REQUIRE(r->relations[0].heldout_phrasings.size() == 1);
    CHECK_EQ(r->relations[0].heldout_phrasings[0].phrasing, std::string("Zqxv capital of {} zqxv is"));
    CHECK_EQ(r->relations[0].heldout_phrasings[0].counts.n, 3);
    CHECK_EQ(r->relations[0].heldout_phrasings[0].counts.first_token, r->relations[0].heldout.first_token);
    CHECK(r->relations[0].heldout_phrasings[0].other_fact <= 3 - r->relations[0].heldout.first_token);
    CHECK_EQ(j["relations"][2]["heldout_phrasings"][0]["phrasing"].get<std::string>(), std::string("Zqxv {} zqxv once ate"));
    CHECK(r->relations[1].trained.n > 0 && r->relations[1].heldout_phrasings.size() == 1);
}

LANCET_TEST(facts_are_learned_by_a_tiny_model) {
    // A small corpus learned to the point of recall: the whole pipeline end to end.
    auto model = tiny_model(3);
    auto facts = test_facts();
    FactCorpusOptions co;
    co.seed = 2;
    co.english_fraction = 0.0;
    auto corpus = FactCorpus::create(facts, {}, model->shared_tokenizer(), co);
    REQUIRE(corpus.ok());
    auto o = tiny_options(test::scratch_dir("train-facts"));
    o.steps = 120;
    o.batch_size = 8;
    o.micro_batch = 0;
    o.seq_len = 48;
    o.lr = 3e-2;
    o.warmup = 10;
    o.weight_decay = 0.0;
    o.log_every = 20;
    auto before = evaluate_fact_recall(*model, facts, {});
    REQUIRE(before.ok());
    auto r = train(*model, *corpus.value(), o);
    REQUIRE(r.ok());
    CHECK(r->curve.back().loss < 0.2 * r->curve.front().loss);
    auto recall = evaluate_fact_recall(*model, facts, {});
    REQUIRE(recall.ok());
    CHECK(recall->trained.first_rate() > before->trained.first_rate());
    CHECK(recall->trained.first_rate() >= 0.4);

    // A held-out phrasing that is really another relation's (France's capital
    // asked as "{} is in the continent of"): a miss answered with the
    // subject's other object counts as "another of the subject's facts".
    // Pick a subject and a trained phrasing of its other relation that the
    // model answers right, then ask it as the held-out phrasing of the first.
    torch::NoGradGuard no_grad;
    auto top1 = [&](const std::string& prompt) {
        ForwardInput in;
        in.input_ids = torch::tensor(model->tokenizer().encode(prompt).ids, torch::kLong).view({1, -1});
        in.logits = LogitsMode::Last;
        return forward(*model, in).logits.argmax(-1).item<int64_t>();
    };
    bool found = false;
    for (size_t a = 0; a < 4 && !found; ++a) {  // France and Japan: capital and continent
        const TrainingFact& asked = facts.facts[a];
        const TrainingFact& other = facts.facts[a ^ 1];
        for (const auto& prompt : other.prompts) {
            if (top1(fill_subject(prompt, other.subject)) != model->tokenizer().encode(" " + other.object).ids.front())
                continue;
            FactSet confused;
            confused.relations = {asked.relation};
            confused.facts = {asked, other};
            confused.facts[0].heldout_prompts = {prompt};
            auto c = evaluate_fact_recall(*model, confused, {});
            REQUIRE(c.ok());
            REQUIRE(c->relations.size() == 1);
            CHECK_EQ(c->relations[0].heldout.n, 1);
            CHECK_EQ(c->relations[0].heldout.first_token, 0);
            CHECK_EQ(c->relations[0].heldout_other_fact(), 1);
            CHECK_EQ(c->relations[0].heldout_phrasings[0].other_fact, 1);
            CHECK_EQ(c->heldout_other_fact(), 1);
            found = true;
            break;
        }
    }
    REQUIRE(found);  // the trained model answers at least one of its continent/capital phrasings
}

}  // namespace lancet_suite_trainer
