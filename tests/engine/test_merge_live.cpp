// The live-merge layer: compact task vector files (changed tensors only,
// float16, base fingerprint), their mismatch checks, merging partial task
// vectors, fine-tuning a subset of tensors, the merge scorer, the session's
// incremental updates and the lambda sweep (progress, cancel, restore).
#include "check.h"
#include "limited_cpu_allocator.h"

#include "io/safetensors.h"
#include "merge/merge.h"
#include "merge/merge_score.h"
#include "merge/merge_session.h"
#include "merge/mergekit_yaml.h"
#include "merge/task_vectors.h"
#include "model/forward.h"
#include "model/model.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_merge_live {

using namespace lancet;
namespace fs = std::filesystem;

namespace {

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }

std::shared_ptr<Model> load_tiny(const std::string& dir = tiny_dir()) {
    LoadOptions lo;
    lo.dtype = "float32";
    auto m = Model::load(dir, lo);
    if (!m) throw std::runtime_error(m.error().message);
    return m.value();
}

double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

// A scratch copy of tiny-gpt2 (config, tokenizer, weights through `change`).
std::string write_variant(const std::string& name, const std::function<void(TensorMap&)>& change) {
    const std::string dir = test::scratch_dir("merge-live-" + name);
    for (const char* f : {"config.json", "vocab.json", "merges.txt"})
        fs::copy_file(tiny_dir() + "/" + f, dir + "/" + f, fs::copy_options::overwrite_existing);
    auto src = TensorSource::open(tiny_dir());
    if (!src) throw std::runtime_error(src.error().message);
    auto all = src->load_all();
    if (!all) throw std::runtime_error(all.error().message);
    TensorMap tensors;
    for (const auto& [n, t] : *all) tensors[n] = t.clone();
    change(tensors);
    NamedTensors named;
    for (const auto& [n, t] : tensors) named.push_back({n, t.contiguous()});
    auto ok = write_safetensors(dir + "/model.safetensors", named);
    if (!ok) throw std::runtime_error(ok.error().message);
    return dir;
}

// A task vector folder for a change of one MLP weight (seeded noise); *ft_dir
// receives the fine-tuned folder it was taken from.
std::string make_task_dir(const Model& base, const std::string& name, const std::string& tensor, double scale, int seed,
                          std::string* ft_dir = nullptr) {
    const std::string ft = write_variant(name + "-ft", [&](TensorMap& t) {
        torch::manual_seed(seed);
        t.at(tensor) += torch::randn(t.at(tensor).sizes()) * scale;
    });
    if (ft_dir) *ft_dir = ft;
    auto tv = load_task_vector(base, ft);
    if (!tv) throw std::runtime_error(tv.error().message);
    tv->name = name;
    const std::string dir = test::scratch_dir("merge-live-task-" + name);
    auto saved = save_task_vector(base, tv.value(), dir + "/" + kTaskVectorFile);
    if (!saved) throw std::runtime_error(saved.error().message);
    return dir;
}

// Rewrites a task vector file with changed metadata (same tensors).
void rewrite_meta(const std::string& file, const std::function<void(std::map<std::string, std::string>&)>& change) {
    auto st = SafetensorsFile::open(file);
    if (!st) throw std::runtime_error(st.error().message);
    auto meta = st->metadata();
    change(meta);
    NamedTensors named;
    for (const auto& n : st->names()) named.push_back({n, st->tensor(n).value().clone()});
    auto ok = write_safetensors(file, named, meta);
    if (!ok) throw std::runtime_error(ok.error().message);
}

// A probe the tiny model gets right: its own greedy next token after a prompt.
ScoreProbe known_probe(const Model& m, const std::string& prompt) {
    torch::InferenceMode g;
    ForwardInput in;
    in.input_ids = torch::tensor(m.tokenizer().encode(prompt).ids, torch::kLong).view({1, -1});
    in.logits = LogitsMode::Last;
    const int64_t id = forward(m, in).logits[0].argmax().item<int64_t>();
    std::string text = m.tokenizer().decode({id});
    if (!text.empty() && text[0] == ' ') text = text.substr(1);
    return {prompt, text};
}

}  // namespace

LANCET_TEST(task_vector_file_keeps_changed_tensors_in_float16) {
    auto base = load_tiny();
    const std::string name = "transformer.h.0.mlp.c_fc.weight";
    std::string ft;
    const std::string dir = make_task_dir(*base, "a", name, 0.01, 1, &ft);
    auto st = SafetensorsFile::open(dir + "/" + kTaskVectorFile);
    REQUIRE_OK(st);
    const auto names = st->names();
    REQUIRE(names.size() == 1);  // only the changed tensor
    CHECK_EQ(names[0], name);
    const std::string dtype = st->info(name).value().dtype;
    CHECK_EQ(dtype, std::string("F16"));
    const auto meta = st->metadata();
    CHECK_EQ(meta.at("format"), std::string(kTaskVectorFormat));
    CHECK_EQ(meta.at("base_fingerprint"), base->fingerprint());
    CHECK(task_vector_file_of(dir) == dir + "/" + kTaskVectorFile);
    CHECK(task_vector_file_of(tiny_dir()).empty());

    // Loads back equal to the full-folder delta up to float16 rounding, and only that tensor.
    auto tv = load_task_vector(*base, dir);
    REQUIRE_OK(tv);
    CHECK(tv->delta.size() == 1);
    CHECK_EQ(tv->name, std::string("a"));
    auto full = load_task_vector(*base, ft);
    REQUIRE_OK(full);
    CHECK(max_diff(tv->delta.at(name), full->delta.at(name)) < 2e-5);
}

LANCET_TEST(task_vector_file_mismatches_rejected_before_loading) {
    auto base = load_tiny();
    const std::string dir = make_task_dir(*base, "m", "transformer.h.1.mlp.c_proj.weight", 0.01, 2);
    const std::string file = dir + "/" + kTaskVectorFile;

    // Another base: the fingerprint differs.
    rewrite_meta(file, [](auto& m) { m["base_fingerprint"] = "0123abcd"; });
    auto r = check_task_compatible(*base, dir);
    REQUIRE(!r.ok());
    CHECK(r.error().message.find("another base model") != std::string::npos);
    TaskCheckOptions lax;
    lax.same_base = false;
    CHECK(check_task_compatible(*base, dir, lax).ok());

    // Vocabulary and architecture come from the stored config.
    rewrite_meta(file, [&](auto& m) {
        auto cfg = nlohmann::json::parse(m["config"]);
        cfg["vocab_size"] = 50000;
        m["config"] = cfg.dump();
        m["base_fingerprint"] = base->fingerprint();
    });
    auto v = check_task_compatible(*base, dir);
    REQUIRE(!v.ok());
    CHECK(v.error().message.find("vocabulary size 50000") != std::string::npos);
    CHECK(!load_task_vector(*base, dir).ok());

    rewrite_meta(file, [&](auto& m) {
        auto cfg = nlohmann::json::parse(m["config"]);
        cfg["vocab_size"] = 50257;
        cfg["n_layer"] = 3;
        m["config"] = cfg.dump();
    });
    auto l = check_task_compatible(*base, dir);
    REQUIRE(!l.ok());
    CHECK(l.error().message.find("3 layers") != std::string::npos);

    // A tensor of the wrong shape, named.
    NamedTensors bad = {{"transformer.h.0.mlp.c_fc.weight", torch::zeros({3, 5}, torch::kHalf)}};
    auto meta = SafetensorsFile::open(file).value().metadata();
    auto cfg = nlohmann::json::parse(meta["config"]);
    cfg["n_layer"] = 2;
    meta["config"] = cfg.dump();
    REQUIRE_OK(write_safetensors(file, bad, meta));
    auto s = check_task_compatible(*base, dir);
    REQUIRE(!s.ok());
    CHECK(s.error().message.find("transformer.h.0.mlp.c_fc.weight has shape [3, 5]") != std::string::npos);

    // Not a task vector at all.
    REQUIRE_OK(write_safetensors(file, {{"x", torch::zeros({1})}}));
    auto n = check_task_compatible(*base, dir);
    REQUIRE(!n.ok());
    CHECK(n.error().message.find("not a Lancet task vector") != std::string::npos);
}

LANCET_TEST(partial_task_vectors_merge_as_zero_filled_ones) {
    TensorMap base{{"x", torch::zeros({4})}, {"y", torch::ones({4})}, {"z", torch::full({4}, 2.0)}};
    TaskVector a, b, a_full, b_full;
    a.name = a_full.name = "a";
    b.name = b_full.name = "b";
    a.delta = {{"x", torch::tensor({0.5f, -0.2f, 0.1f, 0.0f})}};
    b.delta = {{"x", torch::tensor({-0.4f, -0.3f, 0.2f, 0.1f})}, {"y", torch::tensor({1.0f, 0.0f, -1.0f, 0.5f})}};
    a_full.delta = {{"x", a.delta["x"]}, {"y", torch::zeros({4})}};
    b_full.delta = b.delta;
    for (auto m : {MergeMethod::TaskArithmetic, MergeMethod::Ties, MergeMethod::DareLinear, MergeMethod::DareTies}) {
        MergeSpec s;
        s.method = m;
        s.tasks = {{"", 0.7, 0.5}, {"", -0.5, 0.5}};
        auto partial = merge_tensors(base, {a, b}, s);
        auto full = merge_tensors(base, {a_full, b_full}, s);
        REQUIRE_OK(partial);
        REQUIRE_OK(full);
        for (const char* n : {"x", "y"}) CHECK(max_diff(partial->at(n), full->at(n)) < 1e-7);
        CHECK(torch::equal(partial->at("z"), base.at("z")));  // no task touches z
    }
    // Linear without normalize would leave z unscaled: refused.
    MergeSpec lin;
    lin.method = MergeMethod::Linear;
    lin.tasks = {{"", 1.0, 1.0}, {"", 1.0, 1.0}};
    auto r = merge_tensors(base, {a, b}, lin);
    REQUIRE(!r.ok());
    CHECK(r.error().message.find("normalize") != std::string::npos);
}

LANCET_TEST(finetune_trains_only_the_matching_tensors) {
    auto model = load_tiny();
    const TensorMap before = [&] {
        TensorMap m;
        for (const auto& [n, t] : model->tensors()) m[n] = t.clone();
        return m;
    }();
    std::string text;
    for (int i = 0; i < 20; ++i) text += "The cat sat on the mat. The dog ate the bone. ";
    TokenStreamSource data(model->tokenizer().encode(text).ids, 3);
    TrainOptions o;
    o.steps = 3;
    o.seq_len = 16;
    o.batch_size = 2;
    o.lr = 1e-2;
    o.warmup = 1;
    o.weight_decay = 0.0;
    o.log_every = 1;
    o.out_dir = test::scratch_dir("merge-live-finetune");
    o.tokenizer_dir = tiny_dir();
    o.trainable = {R"(^transformer\.h\.1\.mlp\.)"};
    auto r = train(*model, data, o);
    REQUIRE_OK(r);
    int changed = 0;
    for (const auto& [n, t] : before) {
        const bool moved = !torch::equal(model->tensors().at(n), t);
        const bool trainable = n.rfind("transformer.h.1.mlp.", 0) == 0;
        if (moved != trainable) test::record_failure(__FILE__, __LINE__, "tensor " + n + (moved ? " moved" : " did not move"));
        changed += moved;
    }
    CHECK(changed == 4);  // c_fc and c_proj, weight and bias
    o.trainable = {"no-such-tensor"};
    o.out_dir = test::scratch_dir("merge-live-finetune-none");
    auto none = train(*model, data, o);
    REQUIRE(!none.ok());
    CHECK(none.error().message.find("trainable") != std::string::npos);
    o.trainable = {"(unclosed"};
    CHECK(!train(*model, data, o).ok());
}

LANCET_TEST(scorer_measures_tasks_kept_facts_and_fluency) {
    auto base = load_tiny();
    std::vector<ScoreProbe> facts;
    for (const char* p : {"The cat", "Hello there", "One two three", "A dog"}) facts.push_back(known_probe(*base, p));
    TaskEvalSet t;
    t.name = "t";
    t.probes = {known_probe(*base, "The cat"), {"The cat", "zebra"}};
    ScoreOptions so;
    so.fluency_tokens = 6;
    so.fluency_prompts = {"The"};
    auto scorer = MergeScorer::create(*base, {t}, facts, so);
    REQUIRE_OK(scorer);
    auto s = scorer.value()->score(*base);
    REQUIRE_OK(s);
    REQUIRE(s->tasks.size() == 1);
    CHECK_NEAR(s->tasks[0].accuracy, 0.5, 1e-12);
    CHECK_NEAR(s->tasks[0].base_accuracy, 0.5, 1e-12);
    CHECK(s->base_facts_n >= 1 && s->base_facts_n <= 4);  // probes whose target re-tokenises differently drop out
    CHECK_NEAR(s->base_facts, 1.0, 1e-12);  // the base keeps all of its own facts
    CHECK(std::isfinite(s->fluency));
    CHECK(s->generation.rfind("The", 0) == 0);
    CHECK_NEAR(s->metric("task:t"), 0.5, 1e-12);
    CHECK_NEAR(s->metric("base_facts"), 1.0, 1e-12);
    CHECK(s->to_json()["tasks"][0]["n"].get<int>() == 2);
    // Scrambled weights lose facts.
    {
        torch::NoGradGuard g;
        torch::manual_seed(3);
        for (const auto& n : {"transformer.h.0.mlp.c_fc.weight", "transformer.h.1.mlp.c_proj.weight"})
            base->tensor(n).add_(torch::randn(base->tensor(n).sizes()) * 5.0);
    }
    auto s2 = scorer.value()->score(*base);
    REQUIRE_OK(s2);
    CHECK(s2->base_facts < 1.0);
}

LANCET_TEST(session_incremental_scores_equal_fresh_ones_and_sweep_restores) {
    auto probe_base = load_tiny();
    const std::string ta = make_task_dir(*probe_base, "sa", "transformer.h.0.mlp.c_fc.weight", 0.5, 4);
    const std::string tb = make_task_dir(*probe_base, "sb", "transformer.h.1.mlp.c_fc.weight", 0.5, 5);
    // Evaluation sets next to the task vectors (lancet-facts/1).
    for (const auto& [dir, subject] : {std::pair{ta, std::string("cat")}, std::pair{tb, std::string("dog")}}) {
        nlohmann::json ev = {{"format", "lancet-facts/1"},
                             {"facts", {{{"subject", subject}, {"object", "mat"}, {"prompts", {"The {} sat on the"}},
                                         {"heldout_prompts", {"A {} sat on a"}}}}}};
        std::ofstream(dir + "/eval.json") << ev.dump();
    }
    MergeSessionOptions o;
    o.base_dir = tiny_dir();
    o.task_paths = {ta, tb};
    o.score.fluency_tokens = 4;
    o.score.fluency_prompts = {"The"};
    o.spec.tasks = {{"", 0.0, 1.0}, {"", 0.0, 1.0}};
    auto session = MergeSession::open(o);
    REQUIRE_OK(session);
    auto& s = *session.value();
    CHECK(s.task_names() == std::vector<std::string>({"sa", "sb"}));
    CHECK(s.describe()["tasks"][0]["probes"].get<int>() == 2);

    // Slider moves (incremental) vs a session opened at the final weights.
    REQUIRE_OK(s.set_weight(0, 1.5));
    REQUIRE_OK(s.set_weight(1, -1.0));
    MergeSpec moved = s.spec();
    moved.tasks[0].weight = 0.75;
    REQUIRE_OK(s.set_spec(moved));
    auto inc = s.score();
    REQUIRE_OK(inc);
    MergeSessionOptions o2 = o;
    o2.spec.tasks = {{"", 0.75, 1.0}, {"", -1.0, 1.0}};
    auto fresh = MergeSession::open(o2);
    REQUIRE_OK(fresh);
    for (const auto& [n, t] : fresh.value()->model()->tensors())
        if (t.is_floating_point()) CHECK(max_diff(s.model()->tensors().at(n), t) < 1e-6);
    auto fs2 = fresh.value()->score();
    REQUIRE_OK(fs2);
    CHECK(inc->to_json()["tasks"] == fs2->to_json()["tasks"]);
    CHECK(inc->fluency == fs2->fluency);

    // A method change rebuilds the merge.
    MergeSpec ties = s.spec();
    ties.method = MergeMethod::Ties;
    ties.tasks[0].density = 0.3;
    REQUIRE_OK(s.set_spec(ties));
    CHECK(s.spec().method == MergeMethod::Ties);
    REQUIRE_OK(s.set_spec(moved));

    // Sweep: progress per cell, weights restored, grids shaped [a][b].
    const TensorMap snapshot = [&] {
        TensorMap m;
        for (const auto& [n, t] : s.model()->tensors()) m[n] = t.clone();
        return m;
    }();
    SweepOptions so;
    so.values_a = linspace(-1, 1, 3);
    so.values_b = linspace(0, 2, 2);
    int reports = 0;
    JobContext job;
    job.progress = [&](double, const std::string&) { ++reports; };
    int cells = 0;
    auto r = s.sweep(so, job, [&](size_t, size_t, const MergeScores&) { ++cells; });
    REQUIRE_OK(r);
    CHECK(!r->partial);
    CHECK(cells == 6);
    CHECK(reports == 6);
    auto j = r->to_json();
    CHECK(j["grids"]["task:sa"].size() == 3);
    CHECK(j["grids"]["task:sa"][0].size() == 2);
    CHECK(j["grids"].contains("base_facts"));
    CHECK(s.spec().tasks[0].weight == 0.75);
    for (const auto& [n, t] : snapshot)
        if (t.is_floating_point()) CHECK(max_diff(s.model()->tensors().at(n), t) < 1e-6);
    // The cell at (weights of the session now) equals a plain score.
    REQUIRE_OK(s.set_weight(0, 1.0));
    REQUIRE_OK(s.set_weight(1, 2.0));
    auto direct = s.score();
    REQUIRE_OK(direct);
    CHECK(r->cells[2][1].to_json()["tasks"] == direct->to_json()["tasks"]);

    // Cancel after two cells: partial, the rest undone, weights restored.
    CancelToken token;
    JobContext cj;
    cj.cancel = &token;
    int seen = 0;
    auto c = s.sweep(so, cj, [&](size_t, size_t, const MergeScores&) {
        if (++seen == 2) token.cancel();
    });
    REQUIRE_OK(c);
    CHECK(c->partial);
    CHECK(c->to_json()["grids"]["fluency"][1][0].is_null());
    CHECK(s.spec().tasks[0].weight == 1.0);
    CHECK(!s.sweep({0, 0, {0.0}, {0.0}}).ok());
}

// A slider step or a method change that runs out of memory part-way puts the
// previous merge back (the spec unchanged, the weights rewritten from it); if
// even that rewrite fails, the session refuses to score until a change has
// rewritten every tensor.
LANCET_TEST(out_of_memory_in_a_merge_step_puts_the_previous_merge_back) {
    auto probe_base = load_tiny();
    const std::string ta = make_task_dir(*probe_base, "oa", "transformer.h.0.mlp.c_fc.weight", 0.5, 6);
    const std::string tb = make_task_dir(*probe_base, "ob", "transformer.h.1.mlp.c_fc.weight", 0.5, 7);
    MergeSessionOptions o;
    o.base_dir = tiny_dir();
    o.task_paths = {ta, tb};
    o.score.fluency_tokens = 2;
    o.score.fluency_prompts = {"The"};
    o.spec.method = MergeMethod::Ties;
    o.spec.tasks = {{"", 1.0, 0.5}, {"", 0.5, 0.5}};
    auto opened = MergeSession::open(o);
    REQUIRE_OK(opened);
    auto& s = *opened.value();
    std::map<std::string, torch::Tensor> merged;
    for (const auto& [n, t] : s.model()->tensors()) merged[n] = t.clone();
    auto same_as_merged = [&] {
        for (const auto& [n, t] : s.model()->tensors())
            if (t.is_floating_point() && max_diff(t, merged.at(n)) > 1e-6) return false;
        return true;
    };
    auto& alloc = test::LimitedCpuAllocator::get();
    MergeSpec denser = s.spec();
    denser.tasks[0].density = 0.3;
    MergeSpec other_method = s.spec();
    other_method.method = MergeMethod::TaskArithmetic;
    for (const MergeSpec* change : {&denser, &other_method}) {
        test::AllocationLimit scope(0);
        alloc.fail_once(1024);  // the step's first tensor-sized allocation; the rewrite after it has the memory
        auto r = s.set_spec(*change);
        CHECK(!alloc.armed());
        REQUIRE(!r.ok());
        CHECK(r.error().code == ErrorCode::OutOfMemory);
        CHECK(s.spec().method == MergeMethod::Ties && s.spec().tasks[0].density == 0.5);
        CHECK(same_as_merged());
        CHECK(s.score().ok());
    }
    // No memory for the rewrite either: scoring is refused, then the next change
    // with memory rewrites everything and equals a session opened there.
    {
        test::AllocationLimit limit(1024);
        CHECK(s.set_spec(denser).error().code == ErrorCode::OutOfMemory);
    }
    auto refused = s.score();
    CHECK(!refused.ok() && refused.error().message.find("incomplete") != std::string::npos);
    REQUIRE_OK(s.set_spec(denser));
    REQUIRE_OK(s.score());
    MergeSessionOptions o2 = o;
    o2.spec = denser;
    auto fresh = MergeSession::open(o2);
    REQUIRE_OK(fresh);
    for (const auto& [n, t] : fresh.value()->model()->tensors())
        if (t.is_floating_point()) CHECK(max_diff(s.model()->tensors().at(n), t) < 1e-6);
}

LANCET_TEST(session_exports_yaml_that_reimports_to_the_same_weights) {
    auto probe_base = load_tiny();
    const std::string ta = make_task_dir(*probe_base, "ya", "transformer.h.0.mlp.c_fc.weight", 0.5, 6);
    const std::string tb = make_task_dir(*probe_base, "yb", "transformer.h.1.mlp.c_fc.weight", 0.5, 7);
    for (MergeMethod method : {MergeMethod::Ties, MergeMethod::DareTies}) {
        MergeSessionOptions o;
        o.base_dir = tiny_dir();
        o.task_paths = {ta, tb};
        o.score.fluency_tokens = 0;
        o.spec.method = method;
        o.spec.mergekit_election = true;
        o.spec.normalize = MergeSpec::default_normalize(method);
        o.spec.seed = 9;
        o.spec.tasks = {{"", 1.0, 0.5}, {"", 1.0, 0.7}};
        auto session = MergeSession::open(o);
        REQUIRE_OK(session);
        auto& s = *session.value();
        REQUIRE_OK(s.set_weight(0, 1.25));  // the sliders move
        REQUIRE_OK(s.set_weight(1, -0.5));
        const std::string file = test::scratch_dir("merge-live-export") + "/merge.yml";
        std::ofstream(file) << s.to_mergekit_yaml();
        auto spec = load_mergekit_yaml(file);
        REQUIRE_OK(spec);
        CHECK_EQ(spec->base_model, tiny_dir());
        REQUIRE(spec->tasks.size() == 2);
        CHECK_EQ(spec->tasks[0].model, ta);
        CHECK(spec->tasks[0].weight == 1.25 && spec->tasks[1].weight == -0.5 && spec->tasks[1].density == 0.7);
        CHECK(spec->seed == 9);
        MergeSessionOptions o2 = o;
        o2.base_dir = spec->base_model;
        o2.task_paths = {spec->tasks[0].model, spec->tasks[1].model};
        o2.spec = spec.value();
        auto again = MergeSession::open(o2);
        REQUIRE_OK(again);
        for (const auto& [n, t] : again.value()->model()->tensors())
            if (t.is_floating_point()) CHECK(max_diff(s.model()->tensors().at(n), t) == 0.0);
    }
}

LANCET_TEST(session_applies_methods_the_sliders_cannot_drive) {
    auto probe_base = load_tiny();
    const std::string fc0 = "transformer.h.0.mlp.c_fc.weight", fc1 = "transformer.h.1.mlp.c_fc.weight";
    const std::string ta = make_task_dir(*probe_base, "pa", fc0, 0.5, 8);
    const std::string tb = make_task_dir(*probe_base, "pb", fc1, 0.5, 9);
    MergeSessionOptions o;
    o.base_dir = tiny_dir();
    o.task_paths = {ta, tb};
    o.score.fluency_tokens = 0;
    o.spec.tasks = {{"", 1.0, 1.0}, {"", 1.0, 1.0}};
    auto session = MergeSession::open(o);
    REQUIRE_OK(session);
    auto& s = *session.value();
    const auto base = probe_base->tensors().at(fc0).clone();
    const auto tau_a = s.model()->tensors().at(fc0) - base;  // weight 1: the live merge holds base + tau_a
    const auto base1 = probe_base->tensors().at(fc1).clone();
    const auto tau_b = s.model()->tensors().at(fc1) - base1;  // only the second task changes fc1
    // model_stock over base, base + tau_a, base + tau_b: tau_b is 0 on fc0, so the
    // pairwise cosine is 0 (norms clamped), t = 0 and fc0 is the base's; same on fc1.
    REQUIRE_OK(s.apply_method("model_stock"));
    CHECK_EQ(s.applied_method(), std::string("model_stock"));
    CHECK(max_diff(s.model()->tensors().at(fc0), model_stock_tensors(base, {base + tau_a, base}, false)) < 1e-6);
    CHECK(max_diff(s.model()->tensors().at(fc0), base) < 1e-6);
    // multislerp with weights 3 : 1 of the task vectors (with the base as origin) on fc0:
    // only tau_a is non-zero there, so the result is base + 0.75 * tau_a... scaled by the
    // weighted mean norm: 0.75 |tau_a| along tau_a.
    REQUIRE_OK(s.apply_method("multislerp", {}, {{{"weight", 3.0}}, {{"weight", 1.0}}}));
    CHECK(max_diff(s.model()->tensors().at(fc0), base + tau_a * 0.75) < 1e-5);
    auto scored = s.score();
    REQUIRE_OK(scored);
    CHECK(s.describe()["applied_method"] == "multislerp");
    // Exported and read back, the applied method gives the same weights in a new session.
    const std::string yaml = s.to_mergekit_yaml();
    CHECK(yaml.find("merge_method: multislerp") != std::string::npos);
    auto cfg = parse_merge_config(yaml);
    REQUIRE_OK(cfg);
    auto applied = applied_from_config(*cfg);
    REQUIRE_OK(applied);
    CHECK(applied->models == std::vector<std::string>({ta, tb}));
    CHECK(applied->per_model.at(0).at("weight") == 3.0);
    auto again = MergeSession::open(o);
    REQUIRE_OK(again);
    REQUIRE_OK(again.value()->apply_method(applied->method, applied->params, applied->per_model));
    for (const auto& [n, t] : again.value()->model()->tensors())
        if (t.is_floating_point()) CHECK(max_diff(s.model()->tensors().at(n), t) == 0.0);
    // Refusals: slerp takes one model, unknown parameters, unknown methods.
    auto one = s.apply_method("slerp", {{"t", 0.5}});
    REQUIRE(!one.ok());
    CHECK(one.error().message.find("merges 1 model(s) besides the base; this merge has 2") != std::string::npos);
    CHECK(!s.apply_method("ties", {{"t", 0.5}}).ok());
    CHECK(!s.apply_method("frankenmerge").ok());
    // ... but with the second task chosen alone it merges: fc1 is slerp(base, base + tau_b)
    // at 0.5, fc0 (only the first task changes it) stays the base's, and the YAML lists tb only.
    REQUIRE_OK(s.apply_method("slerp", {{"t", 0.5}}, {}, {}, {1}));
    CHECK(max_diff(s.model()->tensors().at(fc1), slerp_tensors(0.5, base1, base1 + tau_b)) < 1e-6);
    CHECK(max_diff(s.model()->tensors().at(fc0), base) < 1e-6);
    const std::string one_yaml = s.to_mergekit_yaml();
    CHECK(one_yaml.find(tb) != std::string::npos);
    CHECK(one_yaml.find(ta) == std::string::npos);
    CHECK(!s.apply_method("slerp", {{"t", 0.5}}, {}, {}, {1, 1}).ok());   // chosen twice
    CHECK(!s.apply_method("slerp", {{"t", 0.5}}, {}, {}, {5}).ok());      // no such task
    // A slider move returns to the live merge, rewritten in full.
    REQUIRE_OK(s.set_weight(1, 0.5));
    CHECK(s.applied_method().empty());
    CHECK(max_diff(s.model()->tensors().at(fc0), base + tau_a) < 1e-6);
}

LANCET_TEST(merge_spec_json_round_trip) {
    MergeSpec s;
    s.method = MergeMethod::DareTies;
    s.lambda = 0.8;
    s.normalize = true;
    s.trim_scope = TrimScope::WholeVector;
    s.seed = 9;
    s.tasks = {{"a", 0.5, 0.3}, {"b", -1.0, 1.0}};
    auto back = merge_spec_from_json(merge_spec_to_json(s), MergeSpec{});
    REQUIRE_OK(back);
    CHECK(back->method == s.method);
    CHECK(back->lambda == s.lambda);
    CHECK(back->normalize);
    CHECK(back->trim_scope == TrimScope::WholeVector);
    CHECK(back->seed == 9);
    REQUIRE(back->tasks.size() == 2);
    CHECK(back->tasks[1].weight == -1.0);
    CHECK(back->tasks[0].density == 0.3);
    // Changing only the method takes its default normalize.
    auto t = merge_spec_from_json({{"method", "ties"}}, MergeSpec{});
    REQUIRE_OK(t);
    CHECK(t->normalize);
    CHECK(!merge_spec_from_json({{"method", "slerp"}}, MergeSpec{}).ok());
    CHECK(!merge_spec_from_json({{"trim_scope", "row"}}, MergeSpec{}).ok());
}

LANCET_TEST(scorer_prefix_cache_equals_a_full_pass) {
    auto base = load_tiny();
    std::vector<ScoreProbe> facts;
    for (const char* p : {"The cat", "Hello there", "One two three", "A dog", "It was"}) facts.push_back(known_probe(*base, p));
    TaskEvalSet t;
    t.name = "t";
    t.probes = {known_probe(*base, "The cat"), {"The cat", "zebra"}, known_probe(*base, "It was")};
    ScoreOptions so;
    so.fluency_tokens = 4;
    so.batch_size = 2;  // several batches
    auto plain = MergeScorer::create(*base, {t}, facts, so);
    auto cached = MergeScorer::create(*base, {t}, facts, so);
    REQUIRE_OK(plain);
    REQUIRE_OK(cached);
    REQUIRE_OK(cached.value()->freeze_prefix(*base, 1));  // block 0 stays as it is below
    {
        torch::NoGradGuard g;
        torch::manual_seed(11);
        auto& w = base->tensor("transformer.h.1.mlp.c_fc.weight");
        w.add_(torch::randn(w.sizes()) * 2.0);
    }
    auto a = plain.value()->score(*base);
    auto b = cached.value()->score(*base);
    REQUIRE_OK(a);
    REQUIRE_OK(b);
    CHECK(a->to_json()["tasks"] == b->to_json()["tasks"]);
    CHECK(a->base_facts == b->base_facts);
    CHECK(a->base_facts < 1.0);  // the change is visible through the cached prefix
}

}  // namespace lancet_suite_merge_live
