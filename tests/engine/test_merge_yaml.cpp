// mergekit configurations in the forms mergekit's documentation uses (block
// and flow style, gradients, filters, slices), parsed with their line numbers,
// evaluated as mergekit does, merged on tiny models and compared with tensors
// computed by hand; the export -> import round trip; refusals before any
// weight is read (missing models, different tokenizers).
#include "check.h"

#include "io/safetensors.h"
#include "merge/config_merge.h"
#include "merge/merge.h"
#include "merge/merge_methods.h"
#include "merge/mergekit_yaml.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

namespace lancet_suite_merge_yaml {

using namespace lancet;
namespace fs = std::filesystem;

namespace {

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }

TensorMap tiny_tensors() {
    auto src = TensorSource::open(tiny_dir());
    if (!src) throw std::runtime_error(src.error().message);
    auto all = src->load_all();
    if (!all) throw std::runtime_error(all.error().message);
    TensorMap out;
    for (const auto& [n, t] : *all) out[n] = t.clone();
    return out;
}

// A copy of tiny-gpt2 with the given tensors (and optionally another vocab file).
std::string write_model(const std::string& name, const TensorMap& tensors, bool other_vocab = false) {
    const std::string dir = test::scratch_dir("merge-yaml-" + name);
    for (const char* f : {"config.json", "vocab.json", "merges.txt"})
        fs::copy_file(tiny_dir() + "/" + f, dir + "/" + f, fs::copy_options::overwrite_existing);
    if (other_vocab) std::ofstream(dir + "/merges.txt", std::ios::app) << "x y\n";
    NamedTensors named;
    for (const auto& [n, t] : tensors) named.push_back({n, t.contiguous()});
    auto ok = write_safetensors(dir + "/model.safetensors", named);
    if (!ok) throw std::runtime_error(ok.error().message);
    return dir;
}

TensorMap perturbed(const TensorMap& base, int seed, double scale) {
    torch::manual_seed(seed);
    TensorMap out;
    for (const auto& [n, t] : base) out[n] = t + torch::randn(t.sizes()) * scale;
    return out;
}

struct Trio {
    TensorMap base, a, b;
    std::string base_dir, a_dir, b_dir;
};

const Trio& trio() {
    static const Trio t = [] {
        Trio x;
        x.base = tiny_tensors();
        x.a = perturbed(x.base, 1, 0.01);
        x.b = perturbed(x.base, 2, 0.01);
        x.base_dir = write_model("base", x.base);
        x.a_dir = write_model("a", x.a);
        x.b_dir = write_model("b", x.b);
        return x;
    }();
    return t;
}

ConfigMergeOptions options_for_trio() {
    ConfigMergeOptions o;
    o.resolver.map = {{"org/base", trio().base_dir}, {"org/a", trio().a_dir}, {"org/b", trio().b_dir}};
    return o;
}

TensorMap merge_text(const std::string& yaml) {
    auto c = parse_merge_config(yaml);
    if (!c) throw std::runtime_error(c.error().message);
    auto r = run_merge_config(*c, options_for_trio());
    if (!r) throw std::runtime_error(r.error().message);
    return r->tensors;
}

double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

const std::string kC = "transformer.h.0.attn.c_attn.weight";  // layer 0, attention
const std::string kM1 = "transformer.h.1.mlp.c_fc.weight";    // layer 1, MLP
const std::string kE = "transformer.wte.weight";               // before the stack (t = 0)
const std::string kF = "transformer.ln_f.weight";              // after it (t = 1)

}  // namespace

LANCET_TEST(gradients_interpolate_like_mergekit) {
    ParamValue g;
    g.kind = ParamValue::Kind::Gradient;
    g.gradient = {0.0, 0.5, 1.0};
    // t * (n - 1) = 0.5 -> halfway between the first two points; 1.5 -> between the last two.
    CHECK_NEAR(evaluate_param(g, "x", 0.25).get<double>(), 0.25, 1e-15);
    CHECK_NEAR(evaluate_param(g, "x", 0.75).get<double>(), 0.75, 1e-15);
    CHECK_NEAR(evaluate_param(g, "x", 1.0).get<double>(), 1.0, 0);
    g.gradient = {1.0, 0.0, 0.0, 1.0};  // t = 0.5: scaled 1.5 -> (1 - 0.5) * 0 + 0.5 * 0
    CHECK_NEAR(evaluate_param(g, "x", 0.5).get<double>(), 0.0, 0);
    CHECK_NEAR(evaluate_param(g, "x", 0.2).get<double>(), 0.4, 1e-15);  // scaled 0.6: 0.4 * 1 + 0.6 * 0
    // Strings are indexed by the truncated t * (n - 1).
    ParamValue s;
    s.kind = ParamValue::Kind::Gradient;
    s.gradient = {"a", "b", "c"};
    CHECK_EQ(evaluate_param(s, "x", 0.99).get<std::string>(), std::string("b"));
    // Conditionals: the first matching filter; "*" and no filter match everything.
    auto c = parse_merge_config(
        "merge_method: slerp\nbase_model: b\nmodels: [{model: a}]\n"
        "parameters:\n  t:\n    - filter: self_attn\n      value: [0, 1]\n    - filter: mlp\n      value: 0.3\n"
        "    - value: 0.9\n");
    REQUIRE_OK(c);
    const auto& t = c->parameters.at("t");
    CHECK(t.kind == ParamValue::Kind::Conditional);
    CHECK(t.line == 6);
    CHECK_NEAR(evaluate_param(t, "model.layers.3.self_attn.q_proj.weight", 0.5).get<double>(), 0.5, 1e-15);
    CHECK_NEAR(evaluate_param(t, "model.layers.3.mlp.up_proj.weight", 0.5).get<double>(), 0.3, 0);
    CHECK_NEAR(evaluate_param(t, "model.norm.weight", 1.0).get<double>(), 0.9, 0);
}

LANCET_TEST(flow_and_block_style_read_the_same) {
    const std::string block =
        "merge_method: ties\n"
        "base_model: org/base\n"
        "models:\n"
        "  - model: org/a\n"
        "    parameters:\n"
        "      weight:\n"
        "        - 0.1\n"
        "        - 0.9\n"
        "      density: 0.5\n"
        "  - model: org/b\n"
        "    parameters:\n"
        "      weight: 1\n"
        "parameters:\n"
        "  normalize: true\n"
        "dtype: float16\n";
    const std::string flow =
        "{merge_method: ties, base_model: org/base, models: [{model: org/a, parameters: {weight: [0.1, 0.9], "
        "density: 0.5}}, {model: org/b, parameters: {weight: 1}}], parameters: {normalize: true}, dtype: float16}";
    auto b = parse_merge_config(block), f = parse_merge_config(flow);
    REQUIRE_OK(b);
    REQUIRE_OK(f);
    for (const auto* c : {&b.value(), &f.value()}) {
        CHECK_EQ(c->merge_method, std::string("ties"));
        CHECK(!c->from_slices);
        REQUIRE(c->slices.size() == 1 && c->slices[0].sources.size() == 2);
        const auto& w = c->slices[0].sources[0].parameters.at("weight");
        CHECK(w.kind == ParamValue::Kind::Gradient);
        CHECK(w.gradient.size() == 2 && w.gradient[1].get<double>() == 0.9);
        CHECK(c->parameters.at("normalize").scalar.get<bool>());
        CHECK_EQ(c->dtype, std::string("float16"));
    }
    CHECK(b->slices[0].sources[0].parameters.at("weight").line == 7);
    // Both merge to the same tensors.
    auto mb = merge_text(block), mf = merge_text(flow);
    for (const auto& [n, t] : mb) CHECK(max_diff(t.to(torch::kFloat), mf.at(n).to(torch::kFloat)) == 0.0);
    CHECK(mb.at(kC).scalar_type() == torch::kHalf);
}

LANCET_TEST(weight_gradient_over_layers_on_a_tiny_model) {
    // task_arithmetic with weight [0, 1]: layer 0 (t = 0) keeps the base, layer 1 (t = 1)
    // takes a's weights, tensors before the stack follow t = 0, after it t = 1.
    auto r = merge_text("merge_method: task_arithmetic\nbase_model: org/base\n"
                        "models:\n  - model: org/a\n    parameters: {weight: [0, 1]}\n");
    const auto& T = trio();
    CHECK(max_diff(r.at(kC), T.base.at(kC)) == 0.0);
    CHECK(max_diff(r.at(kM1), T.a.at(kM1)) < 1e-6);
    CHECK(max_diff(r.at(kE), T.base.at(kE)) == 0.0);
    CHECK(max_diff(r.at(kF), T.a.at(kF)) < 1e-6);
    CHECK(r.size() == T.base.size());
}

LANCET_TEST(filters_pick_the_value_by_tensor_name) {
    // slerp with t 1 on the MLPs and 0 elsewhere: a's MLPs, the base everywhere else.
    auto r = merge_text("merge_method: slerp\nbase_model: org/base\n"
                        "slices:\n  - sources:\n      - {model: org/base, layer_range: [0, 2]}\n"
                        "      - {model: org/a, layer_range: [0, 2]}\n"
                        "parameters:\n  t:\n    - filter: mlp\n      value: 1\n    - value: 0\n");
    const auto& T = trio();
    CHECK(max_diff(r.at(kM1), T.a.at(kM1)) < 1e-6);
    CHECK(max_diff(r.at(kC), T.base.at(kC)) < 1e-6);
    // A gradient inside a filter: t from 0 to 0.5 over the 2 layers, on attention only.
    auto g = merge_text("merge_method: slerp\nbase_model: org/base\nmodels: [{model: org/base}, {model: org/a}]\n"
                        "parameters:\n  t: [{filter: attn, value: [0, 0.5]}, {value: 0}]\n");
    const std::string c1 = "transformer.h.1.attn.c_proj.weight";
    CHECK(max_diff(g.at(c1), slerp_tensors(0.5, T.base.at(c1), T.a.at(c1))) < 1e-6);
    CHECK(max_diff(g.at(c1), T.base.at(c1)) > 1e-4);  // it did move
    CHECK(max_diff(g.at(kC), T.base.at(kC)) < 1e-6);  // t = 0 at layer 0
}

LANCET_TEST(passthrough_slices_stack_layers) {
    // A frankenmerge: a's two layers, then b's second layer again: 3 layers.
    auto c = parse_merge_config("merge_method: passthrough\n"
                                "slices:\n"
                                "  - sources:\n      - model: org/a\n        layer_range: [0, 2]\n"
                                "  - sources:\n      - model: org/b\n        layer_range: [1, 2]\n"
                                "        parameters: {scale: [{filter: c_proj, value: 0.5}, {value: 1}]}\n");
    REQUIRE_OK(c);
    CHECK(c->from_slices);
    auto r = run_merge_config(*c, options_for_trio());
    REQUIRE_OK(r);
    const auto& T = trio();
    CHECK(r->n_layer == 3);
    CHECK(r->config_json["n_layer"].get<int64_t>() == 3);
    CHECK(max_diff(r->tensors.at("transformer.h.1.mlp.c_fc.weight"), T.a.at(kM1)) == 0.0);
    CHECK(max_diff(r->tensors.at("transformer.h.2.mlp.c_fc.weight"), T.b.at(kM1)) == 0.0);
    CHECK(max_diff(r->tensors.at("transformer.h.2.attn.c_proj.weight"), T.b.at("transformer.h.1.attn.c_proj.weight") * 0.5) == 0.0);
    CHECK(max_diff(r->tensors.at(kE), T.a.at(kE)) == 0.0);  // before the stack: the first slice's model
    CHECK(max_diff(r->tensors.at(kF), T.b.at(kF)) == 0.0);  // after it: the last slice's
    // Written out, it loads as a 3-layer model and runs.
    const std::string out = test::scratch_dir("merge-yaml-stack") + "/out";
    auto w = merge_config_to_folder(*c, out, options_for_trio());
    REQUIRE_OK(w);
    CHECK((*w)["layers"].get<int64_t>() == 3);
    auto m = Model::load(out);
    REQUIRE_OK(m);
    CHECK(m.value()->config().n_layer == 3);
    CHECK(fs::exists(out + "/vocab.json"));
}

LANCET_TEST(export_import_round_trip_gives_identical_weights) {
    const auto& T = trio();
    TaskVector ta, tb;
    ta.name = "a";
    tb.name = "b";
    for (const auto& [n, t] : T.base) {
        ta.delta[n] = T.a.at(n) - t;
        tb.delta[n] = T.b.at(n) - t;
    }
    for (MergeMethod method : {MergeMethod::Ties, MergeMethod::DareTies, MergeMethod::TaskArithmetic}) {
        MergeSpec s;
        s.method = method;
        s.mergekit_election = true;
        s.normalize = MergeSpec::default_normalize(method);
        s.base_model = "org/base";
        s.tasks = {{"org/a", 0.7, 0.5}, {"org/b", -0.3, 0.25}};
        s.lambda = 0.8;
        s.seed = 7;
        s.layer_scale[1] = 0.5;  // the per-layer slider
        const std::string yaml = to_mergekit_yaml(s);
        // Through the config path (what lancet-cli merge CONFIG --out runs) ...
        auto c = parse_merge_config(yaml);
        REQUIRE_OK(c);
        CHECK(c->seed == 7);
        auto r = run_merge_config(*c, options_for_trio());
        REQUIRE_OK(r);
        auto ref = merge_tensors(T.base, {ta, tb}, s);
        REQUIRE_OK(ref);
        for (const auto& [n, t] : *ref) CHECK(max_diff(r->tensors.at(n), t) == 0.0);
        // ... and back into a live spec (what the merge panel imports).
        auto back = spec_from_config(*c);
        REQUIRE_OK(back);
        CHECK(back->method == method);
        CHECK(back->tasks.size() == 2 && back->tasks[1].weight == -0.3);
        if (method != MergeMethod::TaskArithmetic) CHECK(back->tasks[1].density == 0.25);
        CHECK(back->lambda == 0.8 && back->seed == 7);
        CHECK(back->layer_scale.size() == 1 && back->layer_scale.at(1) == 0.5);
        auto again = merge_tensors(T.base, {ta, tb}, *back);
        REQUIRE_OK(again);
        for (const auto& [n, t] : *ref) CHECK(max_diff(again->at(n), t) == 0.0);
        CHECK_EQ(to_mergekit_yaml(*back), yaml);
    }
    // The paper's TIES (weights after the election) survives the trip in a comment.
    MergeSpec p;
    p.method = MergeMethod::Ties;
    p.normalize = true;
    p.base_model = "org/base";
    p.tasks = {{"org/a", 1.0, 0.5}, {"org/b", 0.5, 0.5}};
    const std::string yaml = to_mergekit_yaml(p);
    CHECK(yaml.find("# lancet-options: election=paper") != std::string::npos);
    auto c = parse_merge_config(yaml);
    REQUIRE_OK(c);
    CHECK(c->paper_election);
    auto r = run_merge_config(*c, options_for_trio());
    REQUIRE_OK(r);
    auto ref = merge_tensors(T.base, {ta, tb}, p);
    REQUIRE_OK(ref);
    for (const auto& [n, t] : *ref) CHECK(max_diff(r->tensors.at(n), t) == 0.0);
    auto back = spec_from_config(*c);
    REQUIRE_OK(back);
    CHECK(!back->mergekit_election);
    // Whole-vector trim: live only, the per-tensor config run refuses it in words.
    p.trim_scope = TrimScope::WholeVector;
    auto w = parse_merge_config(to_mergekit_yaml(p));
    REQUIRE_OK(w);
    CHECK(spec_from_config(*w)->trim_scope == TrimScope::WholeVector);
    auto rw = run_merge_config(*w, options_for_trio());
    REQUIRE(!rw.ok());
    CHECK(rw.error().message.find("trim=vector") != std::string::npos);
}

LANCET_TEST(every_method_merges_from_yaml) {
    // Each method on the tiny trio: runs, keeps every tensor, gives finite values
    // that differ from the base where the method moves anything.
    const std::vector<std::pair<std::string, std::string>> configs = {
        {"linear", "models: [{model: org/a, parameters: {weight: 1}}, {model: org/b, parameters: {weight: 1}}]"},
        {"breadcrumbs", "base_model: org/base\nmodels: [{model: org/a, parameters: {weight: 1, density: 0.8}}, "
                        "{model: org/b, parameters: {weight: 1, density: 0.8}}]"},
        {"breadcrumbs_ties", "base_model: org/base\nmodels: [{model: org/a, parameters: {weight: 1, density: 0.8}}, "
                             "{model: org/b, parameters: {weight: 1, density: 0.8}}]"},
        {"della", "base_model: org/base\nmodels: [{model: org/a, parameters: {weight: 1, density: 0.5}}, "
                  "{model: org/b, parameters: {weight: 1, density: 0.5}}]"},
        {"della_linear", "base_model: org/base\nmodels: [{model: org/a, parameters: {weight: 1, density: 0.5}}, "
                         "{model: org/b, parameters: {weight: 1, density: 0.5}}]"},
        {"sce", "base_model: org/base\nmodels: [{model: org/a}, {model: org/b}]\nparameters: {select_topk: 0.5}"},
        {"nuslerp", "models: [{model: org/a, parameters: {weight: 1}}, {model: org/b, parameters: {weight: 2}}]"},
        {"multislerp", "base_model: org/base\nmodels: [{model: org/a, parameters: {weight: 1}}, "
                       "{model: org/b, parameters: {weight: 1}}]"},
        {"karcher", "models: [{model: org/a}, {model: org/b}]"},
        {"model_stock", "base_model: org/base\nmodels: [{model: org/a}, {model: org/b}]"},
        {"nearswap", "base_model: org/base\nmodels: [{model: org/a}]\nparameters: {t: 0.001}"},
        {"arcee_fusion", "base_model: org/base\nmodels: [{model: org/a}]"},
    };
    const auto& T = trio();
    for (const auto& [method, body] : configs) {
        TensorMap r;
        try {
            r = merge_text("merge_method: " + method + "\n" + body + "\n");
        } catch (const std::exception& e) {
            test::record_failure(__FILE__, __LINE__, method + ": " + e.what());
            continue;
        }
        CHECK(r.size() == T.base.size());
        if (max_diff(r.at(kM1), T.base.at(kM1)) == 0.0)
            test::record_failure(__FILE__, __LINE__, method + " left " + kM1 + " at the base");
    }
}

LANCET_TEST(unsupported_and_malformed_fields_are_named_with_their_line) {
    auto expect = [](const std::string& yaml, const std::string& line, const std::string& words) {
        auto c = parse_merge_config(yaml);
        Error e;
        if (c) {
            auto k = check_merge_config(*c);
            if (k) {
                test::record_failure(__FILE__, __LINE__, "accepted: " + yaml);
                return;
            }
            e = k.error();
        } else {
            e = c.error();
        }
        if (e.message.find(line) == std::string::npos || e.message.find(words) == std::string::npos)
            test::record_failure(__FILE__, __LINE__, "expected '" + line + "' and '" + words + "' in: " + e.message);
    };
    expect("merge_method: ties\nbase_model: b\nmodels:\n  - model: a\n    colour: red\n", "line 5", "'colour'");
    expect("merge_method: ties\nbase_model: b\nmodels: [{model: a}]\nparameters:\n  desnity: 0.5\n", "line 5", "desnity");
    expect("merge_method: slerp\nbase_model: b\nmodels: [{model: a}]\nparameters: {t: 0.5, weight: 1}\n", "line 4",
           "'weight' is not used by slerp");
    expect("merge_method: frankenmerge\nmodels: [{model: a}]\n", "line 1", "not supported");
    expect("merge_method: passthrough\nslices:\n  - sources:\n      - model: a\n        layer_range: [4, 2]\n",
           "line 5", "layer_range");
    expect("merge_method: passthrough\nslices:\n  - sources:\n      - model: a\n", "line 4", "layer_range");
    expect("merge_method: ties\nmodules:\n  x: {}\n", "line 2", "modules");
    expect("merge_method: ties\nbase_model: b\nmodels: [{model: a}]\ntokenizer_source: base\ntokenizer:\n  source: union\n",
           "line 4", "not both");
    expect("merge_method: ties\nbase_model: b\nmodels: [{model: a}]\ntokenizer:\n  source: union\n  tokens: {}\n",
           "line 6", "tokenizer.tokens");
    expect("merge_method: ties\nbase_model: b\nmodels: [{model: a}]\nslices: []\n", "line", "slices");
    expect("merge_method: slerp\nbase_model: b\nmodels: [{model: a}, {model: c}]\nparameters: {t: 0.5}\n", "line 3",
           "merges 1 model(s) besides the base, but 2");
    expect("merge_method: ties\nbase_model: b\nmodels:\n  - model: a\n    parameters:\n      weight: [0.1, [1]]\n",
           "line 6", "weight");
    expect("merge_method: ties\nbase_model: b\nmodels: [{model: a\n", "line", "");
    // Hostile nesting ends in an error, not a stack overflow.
    expect("merge_method: ties\nmodels: " + std::string(100000, '[') + std::string(100000, ']') + "\n", "line 2",
           "levels deep");
    std::string mappings, blocks;
    for (int i = 0; i < 5000; ++i) mappings += "{a: ";
    for (int i = 0; i < 5000; ++i) blocks += "- ";
    expect("merge_method: ties\nmodels: " + mappings + "1" + std::string(5000, '}') + "\n", "line 2", "levels deep");
    expect("merge_method: ties\nmodels:\n" + blocks + "x\n", "line 3", "levels deep");
    // What fuzz_mergekit_yaml found: a 60 KB comment line overflowed std::regex's
    // stack, a 26-digit seed threw from stoull, and an empty model name passed.
    expect("# lancet-options: " + std::string(60000, 'x') + "\nmerge_method: ties\nbase_model: b\nmodels: [{model: a}]\n",
           "", "lancet-options word");
    expect("# lancet-seed: 99999999999999999999999999\nmerge_method: ties\nbase_model: b\nmodels: [{model: a}]\n", "",
           "below 2^64");
    expect("merge_method: ties\nbase_model: b\nmodels: [{model: \"\"}]\n", "line 3", "empty name");
    // mergekit's own example forms are accepted.
    auto ok = parse_merge_config(
        "slices:\n  - sources:\n      - model: psmathur/orca_mini_v3_13b\n        layer_range: [0, 40]\n"
        "      - model: garage-bAInd/Platypus2-13B\n        layer_range: [0, 40]\n"
        "merge_method: slerp\nbase_model: psmathur/orca_mini_v3_13b\nparameters:\n  t:\n"
        "    - filter: self_attn\n      value: [0, 0.5, 0.3, 0.7, 1]\n    - filter: mlp\n      value: [1, 0.5, 0.7, 0.3, 0]\n"
        "    - value: 0.5 # fallback for rest of tensors\ndtype: float16\n");
    REQUIRE_OK(ok);
    auto k = check_merge_config(*ok);
    CHECK(k.ok());
}

LANCET_TEST(missing_models_and_other_tokenizers_are_refused_before_reading_weights) {
    auto c = parse_merge_config("merge_method: ties\nbase_model: org/base\nmodels:\n  - model: mistralai/Mistral-7B-v0.1\n");
    REQUIRE_OK(c);
    auto r = run_merge_config(*c, options_for_trio());
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::NotFound);
    CHECK(r.error().message.find("mistralai/Mistral-7B-v0.1 is not a local folder") != std::string::npos);
    CHECK(r.error().message.find("download") != std::string::npos);
    CHECK(r.error().message.find("--model mistralai/Mistral-7B-v0.1=DIR") != std::string::npos);
    // --model-dir: DIR/<org>--<name> (the Hub cache spelling) and DIR/<name> are found.
    const std::string dir = test::scratch_dir("merge-yaml-models");
    fs::create_directories(dir + "/mistralai--Mistral-7B-v0.1");
    ModelResolver res;
    res.model_dirs = {dir};
    auto found = res.resolve("mistralai/Mistral-7B-v0.1");
    REQUIRE_OK(found);
    CHECK(found->find("mistralai--Mistral-7B-v0.1") != std::string::npos);
    // Another tokenizer (one more merge rule): refused, naming what differs.
    static const std::string other = write_model("other-vocab", trio().a, true);
    auto c2 = parse_merge_config("merge_method: task_arithmetic\nbase_model: org/base\nmodels: [{model: other}]\n");
    REQUIRE_OK(c2);
    auto o = options_for_trio();
    o.resolver.map["other"] = other;
    auto r2 = run_merge_config(*c2, o);
    REQUIRE(!r2.ok());
    CHECK(r2.error().message.find("different tokenizers") != std::string::npos);
    CHECK(r2.error().message.find("merges.txt differs") != std::string::npos);
    auto c3 = parse_merge_config(
        "merge_method: task_arithmetic\nbase_model: org/base\nmodels: [{model: other}]\ntokenizer_source: union\n");
    REQUIRE_OK(c3);
    auto r3 = run_merge_config(*c3, o);
    REQUIRE(!r3.ok());
    CHECK(r3.error().message.find("line 4") != std::string::npos);
    CHECK(r3.error().message.find("union") != std::string::npos);
    // The same tokenizer under tokenizer_source: base merges.
    auto c4 = parse_merge_config(
        "merge_method: task_arithmetic\nbase_model: org/base\nmodels: [{model: org/a, parameters: {weight: 1}}]\n"
        "tokenizer_source: base\n"
        "chat_template: chatml\n");
    REQUIRE_OK(c4);
    auto r4 = run_merge_config(*c4, options_for_trio());
    REQUIRE_OK(r4);
    CHECK(!r4->notes.empty());
}

}  // namespace lancet_suite_merge_yaml
