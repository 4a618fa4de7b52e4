// Model merging: formulas against hand-computed tensors, TIES and DARE against
// their paper definitions, incremental slider updates against a full
// recompute, mergekit YAML, and mismatch checks before loading.
#include "check.h"
#include "limited_cpu_allocator.h"

#include "io/safetensors.h"
#include "merge/merge.h"
#include "merge/merge_methods.h"
#include "merge/mergekit_yaml.h"
#include "merge/task_vectors.h"
#include "merge/tensor_names.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_merge {

using namespace lancet;
namespace fs = std::filesystem;

namespace {

torch::Tensor vec(std::vector<float> v) { return torch::tensor(v, torch::kFloat); }
double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

TaskVector tv_of(const std::string& name, torch::Tensor t) {
    TaskVector tv;
    tv.name = name;
    tv.delta["w"] = t;
    return tv;
}

MergeSpec spec_of(MergeMethod m, std::vector<double> weights, std::vector<double> densities = {}) {
    MergeSpec s;
    s.method = m;
    for (size_t i = 0; i < weights.size(); ++i)
        s.tasks.push_back({"", weights[i], densities.empty() ? 1.0 : densities[i]});
    return s;
}

torch::Tensor merged_w(const torch::Tensor& base, const std::vector<TaskVector>& tasks, const MergeSpec& s) {
    TensorMap b{{"w", base}};
    auto r = merge_tensors(b, tasks, s);
    if (!r) throw std::runtime_error(r.error().message);
    return r->at("w");
}

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }

std::shared_ptr<Model> load_tiny(const std::string& dir = tiny_dir()) {
    auto m = Model::load(dir);
    if (!m) throw std::runtime_error(m.error().message);
    return m.value();
}

// Seeded perturbations of every floating tensor; aliased tensors (tied embeddings) share one delta.
std::vector<TaskVector> random_tasks(const Model& model, int n, double scale) {
    std::vector<TaskVector> out;
    torch::manual_seed(7);
    for (int i = 0; i < n; ++i) {
        TaskVector tv;
        tv.name = "t" + std::to_string(i);
        std::map<const void*, torch::Tensor> by_ptr;
        for (const auto& [name, t] : model.tensors()) {
            if (!t.is_floating_point()) continue;
            auto& d = by_ptr[t.data_ptr()];
            if (!d.defined()) d = torch::randn(t.sizes()) * scale;
            tv.delta[name] = d;
        }
        out.push_back(std::move(tv));
    }
    return out;
}

TensorMap clone_map(const TensorMap& m) {
    TensorMap out;
    for (const auto& [n, t] : m) out[n] = t.clone();
    return out;
}

// A scratch copy of tiny-gpt2 whose tensors pass through `change`.
std::string write_variant(const std::string& name, const std::function<void(TensorMap&)>& change,
                          const std::function<void(nlohmann::json&)>& config_change = {}) {
    const std::string dir = test::scratch_dir("merge-" + name);
    for (const char* f : {"config.json", "vocab.json", "merges.txt"})
        fs::copy_file(tiny_dir() + "/" + f, dir + "/" + f, fs::copy_options::overwrite_existing);
    if (config_change) {
        std::ifstream in(dir + "/config.json");
        auto cfg = nlohmann::json::parse(in);
        in.close();
        config_change(cfg);
        std::ofstream(dir + "/config.json") << cfg.dump(2);
    }
    auto src = TensorSource::open(tiny_dir());
    if (!src) throw std::runtime_error(src.error().message);
    auto all = src->load_all();
    if (!all) throw std::runtime_error(all.error().message);
    TensorMap tensors(all->begin(), all->end());
    change(tensors);
    NamedTensors named;
    for (const auto& [n, t] : tensors) named.push_back({n, t.contiguous()});
    auto ok = write_safetensors(dir + "/model.safetensors", named);
    if (!ok) throw std::runtime_error(ok.error().message);
    return dir;
}

}  // namespace

// Tensor names come from downloaded headers: layer indices are read from them
// without regex recursion or integer overflow, whatever their length.
LANCET_TEST(layer_indices_from_tensor_names) {
    CHECK_EQ(layer_of_tensor("transformer.h.3.attn.c_attn.weight"), int64_t{3});
    CHECK_EQ(layer_of_tensor("model.layers.31.mlp.down_proj.weight"), int64_t{31});
    CHECK_EQ(layer_of_tensor("h.0.ln_1.bias"), int64_t{0});
    CHECK_EQ(layer_of_tensor("transformer.wte.weight"), int64_t{-1});
    CHECK_EQ(layer_of_tensor("model.layers.x.mlp.weight"), int64_t{-1});
    CHECK_EQ(layer_of_tensor("model.mylayers.3.weight"), int64_t{-1});  // whole segments only
    CHECK_EQ(layer_of_tensor("model.layers.123456789012345678901234567890.mlp.weight"), int64_t{-1});
    CHECK_EQ(layer_of_tensor("model.layers.3"), int64_t{-1});  // the index must be followed by a dot

    auto split = split_layer_name("model.layers.12.self_attn.q_proj.weight");
    REQUIRE(split.has_value());
    CHECK_EQ(split->prefix, std::string("model.layers"));
    CHECK_EQ(split->layer, int64_t{12});
    CHECK_EQ(split->suffix, std::string("self_attn.q_proj.weight"));
    CHECK(!split_layer_name("model.layers.12.").has_value());
    CHECK(!split_layer_name("lm_head.weight").has_value());

    CHECK(is_post_weight("lm_head.weight") && is_post_weight("model.norm.weight") && is_post_weight("transformer.ln_f.bias"));
    CHECK(!is_post_weight("model.layers.0.input_layernorm.weight") && !is_post_weight("norm"));

    // A megabyte-long hostile name: answered, not a stack overflow.
    std::string hostile = "h.";
    while (hostile.size() < (1u << 20)) hostile += "7";
    hostile += ".x";
    CHECK_EQ(layer_of_tensor(hostile), int64_t{-1});
    CHECK(!split_layer_name(hostile).has_value());
    std::string dots(1u << 20, '.');
    CHECK_EQ(layer_of_tensor(dots + "layers.2.w"), int64_t{2});
    CHECK(!is_post_weight(dots));
}

LANCET_TEST(task_arithmetic_add_negate_analogy) {
    auto base = vec({1, 2, 3});
    auto a = tv_of("a", vec({1, 0, -1}));
    auto b = tv_of("b", vec({0, 2, 0}));
    auto c = tv_of("c", vec({0.5, 0.5, 0.5}));
    // addition
    CHECK(max_diff(merged_w(base, {a, b}, spec_of(MergeMethod::TaskArithmetic, {1, 1})), vec({2, 4, 2})) < 1e-7);
    // negation
    CHECK(max_diff(merged_w(base, {a}, spec_of(MergeMethod::TaskArithmetic, {-1})), vec({0, 2, 4})) < 1e-7);
    // analogy tau_C + (tau_B - tau_A)
    CHECK(max_diff(merged_w(base, {a, b, c}, spec_of(MergeMethod::TaskArithmetic, {-1, 1, 1})),
                   vec({0.5, 4.5, 4.5})) < 1e-7);
    // global lambda and normalize (divide by the summed weights)
    auto s = spec_of(MergeMethod::TaskArithmetic, {1, 1});
    s.lambda = 0.5;
    CHECK(max_diff(merged_w(base, {a, b}, s), vec({1.5, 3, 2.5})) < 1e-7);
    s.normalize = true;
    CHECK(max_diff(merged_w(base, {a, b}, s), vec({1.25, 2.5, 2.75})) < 1e-7);
    // linear: sum w_i theta_i / sum w_i
    auto lin = spec_of(MergeMethod::Linear, {1, 2});
    lin.normalize = true;
    CHECK(max_diff(merged_w(base, {a, b}, lin), vec({4.0f / 3, 10.0f / 3, 8.0f / 3})) < 1e-6);
    // weights outside [-1, 2] are refused
    TensorMap bm{{"w", base}};
    CHECK(!merge_tensors(bm, {a}, spec_of(MergeMethod::TaskArithmetic, {2.5})).ok());
}

LANCET_TEST(ties_trim_elect_disjoint_mean_by_hand) {
    // 2 tasks, 6 entries, density 0.5 (keep the 3 largest magnitudes of each).
    auto t1 = vec({0.5, -0.2, 0.1, -0.8, 0.3, 0.0});
    auto t2 = vec({0.4, -0.6, 0.05, 0.2, 0.0, 0.9});
    CHECK(max_diff(magnitude_trim(t1, 0.5), vec({0.5, 0, 0, -0.8, 0.3, 0})) < 1e-7);
    CHECK(max_diff(magnitude_trim(t2, 0.5), vec({0.4, -0.6, 0, 0, 0, 0.9})) < 1e-7);
    // elected signs: sum = [0.9, -0.6, 0, -0.8, 0.3, 0.9] -> [+, -, +, -, +, +]
    // disjoint mean: entry 0 both agree -> (0.5 + 0.4) / 2; others single contributors.
    auto base = torch::zeros({6});
    auto s = spec_of(MergeMethod::Ties, {1, 1}, {0.5, 0.5});
    CHECK(max_diff(merged_w(base, {tv_of("a", t1), tv_of("b", t2)}, s), vec({0.45, -0.6, 0, -0.8, 0.3, 0.9})) < 1e-6);
    // paper: weights after the election
    s.tasks[1].weight = 0.5;
    CHECK(max_diff(merged_w(base, {tv_of("a", t1), tv_of("b", t2)}, s), vec({0.35, -0.3, 0, -0.8, 0.3, 0.45})) < 1e-6);
    // Whole-vector scope equals per tensor when there is one tensor.
    s.trim_scope = TrimScope::WholeVector;
    CHECK(max_diff(merged_w(base, {tv_of("a", t1), tv_of("b", t2)}, s), vec({0.35, -0.3, 0, -0.8, 0.3, 0.45})) < 1e-6);

    // Where the weights enter the election: paper vs mergekit (issue #474).
    auto a = tv_of("a", vec({0.5})), b = tv_of("b", vec({-0.4}));
    auto p = spec_of(MergeMethod::Ties, {1, 2});
    CHECK_NEAR(merged_w(torch::zeros({1}), {a, b}, p)[0].item<double>(), 0.5, 1e-7);  // sign of 0.5 - 0.4
    p.mergekit_election = true;
    p.normalize = true;
    CHECK_NEAR(merged_w(torch::zeros({1}), {a, b}, p)[0].item<double>(), -0.4, 1e-7);  // sign of 0.5 - 0.8
    // A negative weight (negation) under mergekit's election: the weighted deltas
    // are 0.5 and -1 * -0.4 = 0.4, both +, so both count: (0.5 + 0.4) / (1 - 1) -> the
    // divisor 0 is replaced by 1: 0.9. (Comparing the unweighted sign would drop b.)
    auto n = spec_of(MergeMethod::Ties, {1, -1});
    n.mergekit_election = true;
    n.normalize = true;
    CHECK_NEAR(merged_w(torch::zeros({1}), {a, b}, n)[0].item<double>(), 0.9, 1e-7);
    n.tasks[0].weight = 2;  // weighted 1.0 and 0.4: (1.0 + 0.4) / (2 - 1) = 1.4
    CHECK_NEAR(merged_w(torch::zeros({1}), {a, b}, n)[0].item<double>(), 1.4, 1e-6);
    // The same through gta_combine (breadcrumbs_ties' combination), mergekit's code path.
    CHECK_NEAR(gta_combine({vec({0.5}), vec({-0.4})}, {2, -1}, true, true, 1.0)[0].item<double>(), 1.4, 1e-6);
}

LANCET_TEST(ties_whole_vector_trim_differs_from_per_tensor) {
    // Task 0 has a big tensor "x" and a small tensor "y": over the whole vector
    // density 0.5 keeps only x's entries.
    TensorMap base{{"x", torch::zeros({2})}, {"y", torch::zeros({2})}};
    TaskVector tv;
    tv.name = "a";
    tv.delta = {{"x", vec({4, 3})}, {"y", vec({1, 2})}};
    auto s = spec_of(MergeMethod::Ties, {1}, {0.5});
    auto per = merge_tensors(base, {tv}, s);
    REQUIRE_OK(per);
    CHECK(max_diff(per->at("y"), vec({0, 2})) < 1e-7);
    s.trim_scope = TrimScope::WholeVector;
    auto whole = merge_tensors(base, {tv}, s);
    REQUIRE_OK(whole);
    CHECK(max_diff(whole->at("x"), vec({4, 3})) < 1e-7);
    CHECK(max_diff(whole->at("y"), vec({0, 0})) < 1e-7);
}

LANCET_TEST(dare_keep_rate_rescale_and_seed) {
    auto tau = torch::ones({200000});
    auto u = dare_uniforms(tau.sizes(), 42, 0, "layer.weight");
    auto d = dare_drop(tau, 0.3, u);
    const double kept = (d != 0).to(torch::kFloat).mean().item<double>();
    CHECK_NEAR(kept, 0.3, 0.01);
    CHECK_NEAR(d.max().item<double>(), 1.0 / 0.3, 1e-5);           // rescale 1/(1-p)
    CHECK_NEAR(d.mean().item<double>(), 1.0, 0.03);                // unbiased in expectation
    // seeded per (task, tensor): same draws again, others differ
    CHECK(torch::equal(u, dare_uniforms(tau.sizes(), 42, 0, "layer.weight")));
    CHECK(!torch::equal(u, dare_uniforms(tau.sizes(), 42, 1, "layer.weight")));
    CHECK(!torch::equal(u, dare_uniforms(tau.sizes(), 42, 0, "other.weight")));
    // density moves a threshold: entries kept at 0.3 stay kept at 0.5 (no flicker)
    auto d5 = dare_drop(tau, 0.5, u);
    CHECK(((d != 0) & (d5 == 0)).sum().item<int64_t>() == 0);
    // dare_linear through merge_tensors is deterministic
    TensorMap base{{"w", torch::zeros({1000})}};
    TaskVector tv;
    tv.name = "a";
    tv.delta["w"] = torch::ones({1000});
    auto s = spec_of(MergeMethod::DareLinear, {1}, {0.2});
    auto m1 = merge_tensors(base, {tv}, s), m2 = merge_tensors(base, {tv}, s);
    REQUIRE_OK(m1);
    REQUIRE_OK(m2);
    CHECK(torch::equal(m1->at("w"), m2->at("w")));
    CHECK_NEAR(m1->at("w").max().item<double>(), 5.0, 1e-5);
}

LANCET_TEST(incremental_updates_equal_full_recompute) {
    for (auto method : {MergeMethod::TaskArithmetic, MergeMethod::Ties, MergeMethod::DareLinear, MergeMethod::DareTies,
                        MergeMethod::Linear}) {
        for (bool mergekit : {false, true}) {
            auto model = load_tiny();
            const TensorMap base = clone_map(model->tensors());
            auto tasks = random_tasks(*model, 3, 0.02);
            auto spec = spec_of(method, {0.5, 1.0, -0.5}, {0.6, 0.4, 0.8});
            spec.mergekit_election = mergekit;
            spec.normalize = mergekit && MergeSpec::default_normalize(method);
            auto merger = Merger::create(model, tasks, spec);
            REQUIRE_OK(merger);
            auto& m = *merger.value();
            REQUIRE_OK(m.set_weight(0, 1.5));
            REQUIRE_OK(m.set_weight(2, -1.0));
            REQUIRE_OK(m.set_density(1, 0.2));
            REQUIRE_OK(m.set_lambda(0.7));
            REQUIRE_OK(m.set_weight(1, 0.25));
            REQUIRE_OK(m.set_layer_scale(1, 0.5));
            REQUIRE_OK(m.set_density(0, 0.9));
            CHECK(m.full_recomputes() == 1);
            auto full = merge_tensors(base, tasks, m.spec());
            REQUIRE_OK(full);
            double worst = 0;
            for (const auto& [name, t] : full.value())
                if (t.is_floating_point()) worst = std::max(worst, max_diff(model->tensors().at(name), t));
            if (worst > 1e-6)
                test::record_failure(__FILE__, __LINE__,
                                     std::string("incremental != full for ") + merge_method_name(method) +
                                         " diff " + std::to_string(worst));
            REQUIRE_OK(m.restore_base());
            for (const auto& [name, t] : base)
                if (t.is_floating_point()) CHECK(max_diff(model->tensors().at(name), t) == 0.0);
        }
    }
}

LANCET_TEST(out_of_memory_while_creating_a_merge_leaves_the_model_as_it_was) {
    // A shortage at every allocation of Merger::create in turn (each base
    // snapshot, then each tensor of the first merge, some of them already
    // written): a typed out-of-memory that says what the merge needs, and the
    // model's tensors equal to the base bit for bit. Past the last allocation
    // the merge succeeds.
    auto model = load_tiny();
    const TensorMap base = clone_map(model->tensors());
    auto tasks = random_tasks(*model, 2, 0.05);
    auto spec = spec_of(MergeMethod::Ties, {1.0, 0.5}, {0.5, 0.5});
    auto& alloc = test::LimitedCpuAllocator::get();
    int failures = 0;
    bool succeeded = false;
    for (int skip = 0; skip < 5000 && !succeeded; ++skip) {
        alloc.fail_once(256, skip);
        auto m = Merger::create(model, tasks, spec);
        if (m.ok()) {
            CHECK(alloc.armed());  // the shortage never came: every allocation was passed
            alloc.fail_once(0);
            succeeded = true;
            break;
        }
        ++failures;
        CHECK(m.error().code == ErrorCode::OutOfMemory);
        CHECK(m.error().message.find("the merge needs about") != std::string::npos);
        CHECK(m.error().message.find("The model is unchanged") != std::string::npos);
        for (const auto& [name, t] : model->tensors())
            if (!torch::equal(t, base.at(name))) {
                CHECK(false && "a failed merge left a tensor changed");
                break;
            }
    }
    CHECK(succeeded);
    CHECK(failures > 20);
}

LANCET_TEST(slider_steps_in_place_stay_within_the_float_bound) {
    // 200 random slider moves (weights and lambda) on task arithmetic: after
    // each, the in-place weights are within (steps since the last exact write)
    // * 2^-23 * max|theta| of a full recompute, and a periodic exact re-merge
    // (every 16 steps here) brings them back to the recompute bit for bit.
    auto model = load_tiny();
    const TensorMap base = clone_map(model->tensors());
    auto tasks = random_tasks(*model, 3, 0.05);
    auto spec = spec_of(MergeMethod::TaskArithmetic, {0.5, 1.0, -0.5});
    auto merger = Merger::create(model, tasks, spec);
    REQUIRE_OK(merger);
    auto& m = *merger.value();
    m.set_exact_every(16);
    torch::manual_seed(11);
    double worst_ratio = 0.0, worst_drift = 0.0;
    int exact_seen = 0;
    for (int step = 0; step < 200; ++step) {
        const double r = torch::rand({1}).item<double>();
        if (step % 10 == 9)
            REQUIRE_OK(m.set_lambda(0.5 + r));
        else
            REQUIRE_OK(m.set_weight(static_cast<size_t>(step % 3), -1.0 + 3.0 * r));
        auto full = merge_tensors(base, tasks, m.spec());
        REQUIRE_OK(full);
        double diff = 0.0, amax = 0.0;
        for (const auto& [name, t] : full.value()) {
            if (!t.is_floating_point()) continue;
            diff = std::max(diff, max_diff(model->tensors().at(name), t));
            amax = std::max(amax, t.abs().max().item<double>());
        }
        const double k = static_cast<double>(m.steps_since_exact());
        if (k == 0) {
            ++exact_seen;
            CHECK(diff == 0.0);
        } else {
            const double bound = (k + 1) * std::ldexp(1.0, -23) * amax;
            worst_ratio = std::max(worst_ratio, diff / bound);
        }
        worst_drift = std::max(worst_drift, diff);
    }
    CHECK(worst_ratio <= 1.0);
    CHECK(worst_drift > 0.0);  // the steps really were in place (not full rewrites)
    CHECK(m.exact_remerges() == 12);  // 200 steps, one exact write per 16
    CHECK(exact_seen == 12);
    CHECK(m.full_recomputes() == 1);

    // A bfloat16 model is written from its float32 delta on every step: within
    // one bfloat16 rounding (2^-8 relative) of the recompute, never accumulating.
    LoadOptions lo;
    lo.dtype = "bfloat16";
    auto half = Model::load(tiny_dir(), lo);
    REQUIRE_OK(half);
    const TensorMap half_base = clone_map(half.value()->tensors());
    const auto half_tasks = random_tasks(*half.value(), 3, 0.05);  // float32, as task vector files hold them
    auto hm = Merger::create(half.value(), half_tasks, spec);
    REQUIRE_OK(hm);
    // Kept in the model's dtype (half the memory), summed in float32.
    CHECK(hm.value()->tasks()[0].delta.begin()->second.scalar_type() == torch::kBFloat16);
    for (int step = 0; step < 40; ++step) REQUIRE_OK(hm.value()->set_weight(step % 3, step % 2 ? 1.5 : -0.75));
    // 200 small moves (0.0005 each): far below a bfloat16 step of the weights,
    // so they count only if the float32 delta accumulates them.
    for (int step = 0; step < 200; ++step) REQUIRE_OK(hm.value()->set_weight(1, 1.5 + 0.0005 * (step + 1)));
    auto hfull = merge_tensors(half_base, hm.value()->tasks(), hm.value()->spec());
    auto hfull32 = merge_tensors(half_base, half_tasks, hm.value()->spec());  // from the float32 task vectors
    REQUIRE_OK(hfull);
    REQUIRE_OK(hfull32);
    for (const auto& [name, t] : hfull.value()) {
        if (!t.is_floating_point()) continue;
        const auto& w = half.value()->tensors().at(name);
        CHECK(w.scalar_type() == torch::kBFloat16);
        const double tol = std::ldexp(1.0, -8) * t.to(torch::kFloat).abs().max().item<double>();
        CHECK(max_diff(w.to(torch::kFloat), t.to(torch::kFloat)) <= tol);
        // Against float32 task vectors the sums before the final rounding differ by each τ_i's own
        // rounding, 2⁻⁹·|w_i|·max|τ_i| (these synthetic τ are as large as the weights; a fine-tune's are far
        // smaller, and this term with them), and then round apart by up to one bfloat16 step (2⁻⁷ relative).
        double tau_rounding = 0.0;
        for (size_t i = 0; i < half_tasks.size(); ++i)
            tau_rounding += std::ldexp(1.0, -9) * std::abs(hm.value()->spec().tasks[i].weight) *
                            half_tasks[i].delta.at(name).abs().max().item<double>();
        const double one_step = std::ldexp(1.0, -7) * t.to(torch::kFloat).abs().max().item<double>();
        CHECK(max_diff(w.to(torch::kFloat), hfull32->at(name).to(torch::kFloat)) <= one_step + tau_rounding);
    }
}

LANCET_TEST(task_vectors_from_checkpoints) {
    const std::string dir = write_variant("task-a", [](TensorMap& t) {
        t.at("transformer.h.0.mlp.c_fc.weight") += 0.25;
    });
    auto base = load_tiny();
    auto tv = load_task_vector(*base, dir);
    REQUIRE_OK(tv);
    CHECK_NEAR(tv->delta.at("transformer.h.0.mlp.c_fc.weight").mean().item<double>(), 0.25, 1e-6);
    CHECK(tv->delta.at("transformer.h.1.mlp.c_fc.weight").abs().max().item<double>() == 0.0);
    // negating it through a Merger gives base - 0.25
    MergeSpec s = spec_of(MergeMethod::TaskArithmetic, {-1});
    const auto before = base->tensors().at("transformer.h.0.mlp.c_fc.weight").clone();
    auto merger = Merger::create(base, {tv.value()}, s);
    REQUIRE_OK(merger);
    CHECK(max_diff(base->tensors().at("transformer.h.0.mlp.c_fc.weight"), before - 0.25) < 1e-6);
}

LANCET_TEST(mismatches_rejected_naming_the_tensor) {
    auto base = load_tiny();
    const std::string bad_shape = write_variant("bad-shape", [](TensorMap& t) {
        t.at("transformer.h.1.attn.c_proj.weight") = torch::zeros({3, 5});
    });
    auto r = check_task_compatible(*base, bad_shape);
    REQUIRE(!r.ok());
    CHECK(r.error().message.find("transformer.h.1.attn.c_proj.weight") != std::string::npos);
    CHECK(r.error().message.find("[3, 5]") != std::string::npos);
    CHECK(!load_task_vector(*base, bad_shape).ok());

    const std::string missing = write_variant("missing", [](TensorMap& t) { t.erase("transformer.ln_f.bias"); });
    auto r2 = check_task_compatible(*base, missing);
    REQUIRE(!r2.ok());
    CHECK(r2.error().message.find("transformer.ln_f.bias") != std::string::npos);

    const std::string vocab = write_variant(
        "vocab",
        [](TensorMap& t) {
            auto& wte = t.at("transformer.wte.weight");
            wte = torch::cat({wte, torch::zeros({1, wte.size(1)})});
        },
        [](nlohmann::json& cfg) { cfg["vocab_size"] = cfg["vocab_size"].get<int64_t>() + 1; });
    auto r3 = check_task_compatible(*base, vocab);
    REQUIRE(!r3.ok());
    CHECK(r3.error().message.find("vocabulary size") != std::string::npos);
    CHECK(r3.error().message.find("transformer.wte.weight") != std::string::npos);

    // in memory
    TensorMap b{{"a", torch::zeros({2, 2})}};
    TensorMap t{{"a", torch::zeros({2, 3})}};
    auto r4 = task_vector_from(b, t, "x");
    REQUIRE(!r4.ok());
    CHECK(r4.error().message.find("tensor a") != std::string::npos);
}

LANCET_TEST(mergekit_yaml_import_export_round_trip) {
    auto spec = load_mergekit_yaml(test::source_dir() + "/tests/fixtures/merge/ties.yml");
    REQUIRE_OK(spec);
    CHECK(spec->method == MergeMethod::Ties);
    CHECK_EQ(spec->base_model, std::string("base"));
    REQUIRE(spec->tasks.size() == 2);  // the base listed among the models is skipped
    CHECK_EQ(spec->tasks[0].model, std::string("task-a"));
    CHECK_NEAR(spec->tasks[1].weight, -0.5, 0);
    CHECK_NEAR(spec->tasks[1].density, 0.25, 0);
    CHECK_NEAR(spec->lambda, 0.8, 0);
    CHECK(spec->normalize);
    CHECK(spec->mergekit_election);
    CHECK_EQ(spec->dtype, std::string("float32"));

    const std::string text = to_mergekit_yaml(spec.value());
    auto again = parse_mergekit_yaml(text);
    REQUIRE_OK(again);
    CHECK(again->method == spec->method);
    CHECK_EQ(again->base_model, spec->base_model);
    REQUIRE(again->tasks.size() == spec->tasks.size());
    for (size_t i = 0; i < spec->tasks.size(); ++i) {
        CHECK_EQ(again->tasks[i].model, spec->tasks[i].model);
        CHECK(again->tasks[i].weight == spec->tasks[i].weight);
        CHECK(again->tasks[i].density == spec->tasks[i].density);
    }
    CHECK(again->lambda == spec->lambda);
    CHECK(again->normalize == spec->normalize);
    CHECK_EQ(to_mergekit_yaml(again.value()), text);

    // mergekit's default normalize per method
    auto ta = parse_mergekit_yaml("merge_method: task_arithmetic\nbase_model: b\nmodels:\n- model: \"a b\"\n");
    REQUIRE_OK(ta);
    CHECK(!ta->normalize);
    CHECK_EQ(ta->tasks[0].model, std::string("a b"));
    CHECK_NEAR(ta->tasks[0].weight, 1.0, 0);
}

LANCET_TEST(mergekit_yaml_errors_carry_line_numbers) {
    // A gradient is a valid config, but the live sliders take one number per model.
    auto g = load_mergekit_yaml(test::source_dir() + "/tests/fixtures/merge/bad_gradient.yml");
    REQUIRE(!g.ok());
    CHECK(g.error().message.find("line 6") != std::string::npos);
    CHECK(g.error().message.find("lancet-cli merge CONFIG --out") != std::string::npos);
    // Malformed YAML: yaml-cpp's position, as a line number.
    auto flow = parse_merge_config("merge_method: ties\nmodels: [{model: a\n");
    REQUIRE(!flow.ok());
    CHECK(flow.error().message.find("line ") != std::string::npos);
    auto dup = parse_merge_config("merge_method: ties\nbase_model: b\nmodels:\n  - model: a\nbase_model: c\n");
    REQUIRE(!dup.ok());
    CHECK(dup.error().message.find("line 5") != std::string::npos);
    CHECK(dup.error().message.find("duplicate") != std::string::npos);
    // A method mergekit has but the live sliders do not drive.
    auto method = parse_mergekit_yaml("\nmerge_method: slerp\nbase_model: b\nmodels:\n  - model: a\n");
    REQUIRE(!method.ok());
    CHECK(method.error().message.find("line 2") != std::string::npos);
    auto unknown = parse_merge_config("merge_method: ties\nbase_model: b\nslices:\n  - x: 1\n");
    REQUIRE(!unknown.ok());
    CHECK(unknown.error().message.find("line 4") != std::string::npos);
    CHECK(unknown.error().message.find("'x'") != std::string::npos);
    // Comments, quoting and anchors are plain YAML now.
    auto ok = parse_mergekit_yaml("merge_method: ties # c\nbase_model: 'it''s'\nmodels:\n- model: &m x#y\n  parameters: {weight: 0.5}\n");
    REQUIRE_OK(ok);
    CHECK_EQ(ok->base_model, std::string("it's"));
    CHECK_EQ(ok->tasks.at(0).model, std::string("x#y"));
    CHECK(ok->tasks.at(0).weight == 0.5);
}

LANCET_TEST(bench_merge_reports_timings) {
    auto model = load_tiny();
    const TensorMap base = clone_map(model->tensors());
    MergeBenchOptions o;
    o.repeats = 2;
    auto r = bench_merge(model, o);
    REQUIRE_OK(r);
    CHECK(r->contains("slider_update_ms"));
    CHECK(r->contains("full_merge_ms"));
    for (const auto& [name, t] : base)
        if (t.is_floating_point()) CHECK(max_diff(model->tensors().at(name), t) == 0.0);
}

}  // namespace lancet_suite_merge
