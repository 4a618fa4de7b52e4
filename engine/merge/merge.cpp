#include "merge/merge.h"
#include "core/device_sync.h"
#include "core/printable.h"
#include "model/placement.h"

#include "model/model.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/cuda.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <set>

namespace lancet {

const char* merge_method_name(MergeMethod m) {
    switch (m) {
        case MergeMethod::Linear: return "linear";
        case MergeMethod::TaskArithmetic: return "task_arithmetic";
        case MergeMethod::Ties: return "ties";
        case MergeMethod::DareLinear: return "dare_linear";
        case MergeMethod::DareTies: return "dare_ties";
    }
    return "?";
}

Expected<MergeMethod> parse_merge_method(const std::string& text) {
    for (auto m : {MergeMethod::Linear, MergeMethod::TaskArithmetic, MergeMethod::Ties, MergeMethod::DareLinear,
                   MergeMethod::DareTies})
        if (text == merge_method_name(m)) return m;
    return Error{ErrorCode::Unsupported, "merge method '" + text +
                                             "' is not supported (linear, task_arithmetic, ties, dare_linear, dare_ties)"};
}

bool MergeSpec::default_normalize(MergeMethod m) { return m == MergeMethod::Linear || m == MergeMethod::Ties; }

Expected<void> validate_spec(const MergeSpec& spec, size_t n_tasks) {
    if (spec.tasks.size() != n_tasks)
        return Error{ErrorCode::InvalidArgument, "the merge lists " + std::to_string(spec.tasks.size()) +
                                                     " task settings for " + std::to_string(n_tasks) + " task vectors"};
    if (n_tasks == 0) return Error{ErrorCode::InvalidArgument, "a merge needs at least one task vector"};
    for (size_t i = 0; i < n_tasks; ++i) {
        const auto& t = spec.tasks[i];
        if (!(t.weight >= -1.0 && t.weight <= 2.0))
            return Error{ErrorCode::InvalidArgument,
                         "task " + std::to_string(i) + ": weight " + std::to_string(t.weight) + " is outside [-1, 2]"};
        if (!(t.density >= 0.0 && t.density <= 1.0))
            return Error{ErrorCode::InvalidArgument, "task " + std::to_string(i) + ": density " +
                                                         std::to_string(t.density) + " is outside [0, 1]"};
    }
    if (!std::isfinite(spec.lambda)) return Error{ErrorCode::InvalidArgument, "lambda is not finite"};
    return {};
}

namespace {

uint64_t splitmix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// Threshold on |tau| keeping the k = round(d n) largest; +inf keeps none, -inf all.
double threshold_from_sorted(const torch::Tensor& sorted_asc, double density) {
    const int64_t n = sorted_asc.numel();
    const int64_t k = static_cast<int64_t>(std::llround(density * static_cast<double>(n)));
    if (k <= 0) return std::numeric_limits<double>::infinity();
    if (k >= n) return -std::numeric_limits<double>::infinity();
    return sorted_asc[n - k].item<double>();
}

torch::Tensor sorted_abs(const torch::Tensor& tau) { return std::get<0>(tau.abs().flatten().sort()); }

torch::Tensor keep_above(const torch::Tensor& tau, double thr) {
    if (std::isinf(thr)) return thr > 0 ? torch::zeros_like(tau) : tau;
    return tau * (tau.abs() >= thr).to(tau.scalar_type());
}

bool is_ties(MergeMethod m) { return m == MergeMethod::Ties || m == MergeMethod::DareTies; }
bool is_dare(MergeMethod m) { return m == MergeMethod::DareLinear || m == MergeMethod::DareTies; }

// Per-tensor combination of the sparsified task vectors s_i into contributions
// e_i (and masks), so that the merged delta is sum_i w_i e_i / divisor.
void combine(const std::vector<torch::Tensor>& s, const MergeSpec& spec, std::vector<torch::Tensor>& contrib,
             std::vector<torch::Tensor>& masks) {
    contrib.assign(s.size(), {});
    masks.assign(s.size(), {});
    if (!is_ties(spec.method)) {
        for (size_t i = 0; i < s.size(); ++i) contrib[i] = s[i];
        return;
    }
    // The election and the count in float32 whatever the task vectors hold.
    auto elect = torch::zeros_like(s[0], torch::kFloat);
    for (size_t i = 0; i < s.size(); ++i) elect.add_(s[i], spec.mergekit_election ? spec.tasks[i].weight : 1.0);
    auto gamma = torch::where(elect >= 0, torch::ones_like(elect), -torch::ones_like(elect));  // ties go to +
    auto count = torch::zeros_like(s[0], torch::kFloat);
    for (size_t i = 0; i < s.size(); ++i) {
        // mergekit compares the sign of the weighted delta: a negative weight
        // flips which entries agree (the paper elects on the unweighted deltas).
        const auto sign = spec.mergekit_election && spec.tasks[i].weight < 0 ? -torch::sign(s[i]) : torch::sign(s[i]);
        masks[i] = (sign == gamma).to(s[i].scalar_type());
        count.add_(masks[i]);
    }
    count.clamp_min_(1.0);
    for (size_t i = 0; i < s.size(); ++i)
        contrib[i] = spec.mergekit_election ? masks[i] * s[i] : masks[i] * s[i] / count;
}

torch::Tensor delta_from(const std::vector<torch::Tensor>& contrib, const std::vector<torch::Tensor>& masks,
                         const MergeSpec& spec) {
    // w_0 e_0 + w_1 e_1 + ...: the first product starts the sum (no zero-filled pass).
    auto d = contrib[0].to(torch::kFloat) * spec.tasks[0].weight;  // float32 sums of half-precision task vectors
    for (size_t i = 1; i < contrib.size(); ++i) d.add_(contrib[i], spec.tasks[i].weight);
    if (!spec.normalize) return d;
    if (is_ties(spec.method)) {
        if (!spec.mergekit_election) return d;  // the paper's disjoint mean already divides by the count
        auto div = torch::zeros_like(d);
        for (size_t i = 0; i < masks.size(); ++i) div.add_(masks[i], spec.tasks[i].weight);
        div = torch::where(div.abs() < 1e-8, torch::ones_like(div), div);
        return d / div;
    }
    double w = 0;
    for (const auto& t : spec.tasks) w += t.weight;
    if (std::abs(w) < 1e-12) w = 1.0;
    return d / w;
}

double base_coef_of(const MergeSpec& spec) {
    if (spec.method != MergeMethod::Linear || spec.normalize) return 1.0;
    double w = 0;
    for (const auto& t : spec.tasks) w += t.weight;
    return w;
}

// theta_b * coef + delta * scale, the one formula behind merge_tensors and the
// Merger's writes (so both give the same bits). With coef 1 (every method but
// unnormalised linear) it is one fused pass, written straight into `out` when given.
torch::Tensor merged_value(const torch::Tensor& base, const torch::Tensor& delta, double coef, double scale,
                           torch::Tensor* out = nullptr) {
    if (coef == 1.0) {
        if (out) return torch::add_out(*out, base, delta, scale);
        return torch::add(base, delta, scale);
    }
    auto v = base.to(torch::kFloat) * coef + delta * scale;  // a half-precision snapshot is upcast exactly
    if (out) out->copy_(v);
    return v;
}

// Whether the merged tensor is theta_b + lambda s_l sum_i w_i e_i with nothing
// else: no normalising divisor and a base coefficient of 1 (every method but
// unnormalised linear and the normalised ones).
bool direct_sum(const MergeSpec& spec) { return !spec.normalize && base_coef_of(spec) == 1.0; }

// theta_b + sum_i (scale w_i) e_i written into `out` (float32), one task at a
// time. For k tasks that is 3k passes over memory, against 2 + 3(k-1) + 3 when
// the delta is summed first and then added, and it needs no delta buffer: the
// full merge of a float32 model is bandwidth-bound, so this is its speed. The
// Merger's exact writes and merge_tensors both use it, so they agree bit for bit.
void write_direct_sum(torch::Tensor& out, const torch::Tensor& base, const std::vector<torch::Tensor>& contrib,
                      const MergeSpec& spec, double scale) {
    torch::add_out(out, base, contrib[0], scale * spec.tasks[0].weight);
    for (size_t i = 1; i < contrib.size(); ++i) out.add_(contrib[i], scale * spec.tasks[i].weight);
}

double layer_scale_of(const MergeSpec& spec, int64_t layer) {
    auto it = spec.layer_scale.find(layer);
    return it == spec.layer_scale.end() ? 1.0 : it->second;
}

// The tensors any task changes. Task vector files hold only the tensors their
// fine-tune changed, so a task lacking one of them contributes zero there; the
// zeros are filled in here (only for this union, never the whole model).
std::vector<std::string> mergeable_names(const TensorMap& base, std::vector<TaskVector>& tasks) {
    std::vector<std::string> names;
    for (const auto& [name, t] : base) {
        if (!t.is_floating_point()) continue;
        bool any = false;
        for (const auto& tv : tasks) any = any || tv.delta.count(name);
        if (!any) continue;
        for (auto& tv : tasks)
            if (!tv.delta.count(name)) tv.delta[name] = torch::zeros(t.sizes(), t.options().dtype(torch::kFloat));
        names.push_back(name);
    }
    return names;
}

// Linear without normalize scales the base by sum w_i: tensors no task holds
// would be left unscaled, so it needs every floating tensor in every task.
void require_full_for_unnormalized_linear(const TensorMap& base, const std::vector<std::string>& names,
                                          const MergeSpec& spec) {
    if (spec.method != MergeMethod::Linear || spec.normalize) return;
    size_t floating = 0;
    for (const auto& [n, t] : base) floating += t.is_floating_point();
    if (names.size() != floating)
        fail(ErrorCode::InvalidArgument,
             "linear merging without normalize needs whole checkpoints, but a task holds only some tensors "
             "(a task vector file): use task_arithmetic, or normalize");
}

torch::Tensor global_sorted_of(const TaskVector& tv, const std::vector<std::string>& names) {
    std::vector<torch::Tensor> parts;
    for (const auto& n : names) parts.push_back(tv.delta.at(n).abs().flatten());
    return std::get<0>(torch::cat(parts).sort());
}

}  // namespace

torch::Tensor magnitude_trim(const torch::Tensor& tau, double density) {
    return keep_above(tau, threshold_from_sorted(sorted_abs(tau), density));
}

torch::Tensor dare_uniforms(c10::IntArrayRef shape, uint64_t seed, size_t task, const std::string& tensor_name) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : tensor_name) h = (h ^ c) * 1099511628211ull;
    const uint64_t s = splitmix(splitmix(seed) ^ splitmix(h + task));
    auto gen = at::make_generator<at::CPUGeneratorImpl>(s);
    return torch::rand(shape, gen, torch::TensorOptions().dtype(torch::kFloat));
}

torch::Tensor dare_drop(const torch::Tensor& tau, double density, const torch::Tensor& uniforms) {
    if (density <= 0.0) return torch::zeros_like(tau);
    if (density >= 1.0) return tau;
    auto keep = (uniforms.to(tau.device()) < density).to(tau.scalar_type());
    return tau * keep / density;
}

Expected<TensorMap> merge_tensors(const TensorMap& base, const std::vector<TaskVector>& tasks_in, const MergeSpec& spec) {
    auto ok = validate_spec(spec, tasks_in.size());
    if (!ok) return ok.error();
    return capture([&] {
        torch::NoGradGuard no_grad;
        std::vector<TaskVector> tasks = tasks_in;  // shallow copies; zeros filled for tensors a task lacks
        auto names = mergeable_names(base, tasks);
        require_full_for_unnormalized_linear(base, names, spec);
        std::vector<double> global_thr(tasks.size(), 0.0);
        const bool whole = spec.method == MergeMethod::Ties && spec.trim_scope == TrimScope::WholeVector;
        if (whole)
            for (size_t i = 0; i < tasks.size(); ++i)
                global_thr[i] = threshold_from_sorted(global_sorted_of(tasks[i], names), spec.tasks[i].density);
        TensorMap out = base;
        for (const auto& name : names) {
            std::vector<torch::Tensor> s(tasks.size());
            for (size_t i = 0; i < tasks.size(); ++i) {
                const auto& tau = tasks[i].delta.at(name);
                const double d = spec.tasks[i].density;
                if (spec.method == MergeMethod::Ties)
                    s[i] = whole ? keep_above(tau, global_thr[i]) : magnitude_trim(tau, d);
                else if (is_dare(spec.method))
                    s[i] = dare_drop(tau, d, dare_uniforms(tau.sizes(), spec.seed, i, name));
                else
                    s[i] = tau;
            }
            std::vector<torch::Tensor> contrib, masks;
            combine(s, spec, contrib, masks);
            const double sc = spec.lambda * layer_scale_of(spec, layer_of_tensor(name));
            auto b = base.at(name).to(torch::kFloat);
            if (direct_sum(spec)) {
                auto merged = torch::empty_like(b);
                write_direct_sum(merged, b, contrib, spec, sc);
                out[name] = merged.to(base.at(name).scalar_type());
                continue;
            }
            auto d = delta_from(contrib, masks, spec);
            out[name] = merged_value(b, d, base_coef_of(spec), sc).to(base.at(name).scalar_type());
        }
        return out;
    });
}

// ---- Merger ----------------------------------------------------------------

torch::ScalarType task_dtype_for(const torch::Tensor& weight) {
    const auto t = weight.scalar_type();
    return t == torch::kBFloat16 || t == torch::kHalf ? t : torch::kFloat;
}

struct Merger::Entry {
    std::string name;
    int64_t layer = -1;
    torch::Tensor base;    // snapshot of theta_b in the model's dtype (exact; half the memory of float32 for bf16)
    torch::Tensor target;  // the model's tensor (written in place)
    bool writes = true;    // false for an alias of a tensor written through another entry
    std::vector<torch::Tensor> sorted;    // ties per tensor: ascending |tau_i|
    std::vector<torch::Tensor> uniforms;  // dare: the fixed draws
    std::vector<torch::Tensor> contrib, masks;
    torch::Tensor delta;   // merged delta before lambda and the layer scale
};

namespace {

// What Merger::create keeps on the model's device beside the weights: a
// snapshot of each merged tensor in the model's dtype, the task vectors (in
// task_dtype_for, those not there already) and a float32 merged delta (kept
// for the methods that need it, rebuilt for the others). For the message of
// an out-of-memory, so it can say what the merge needs, not only which
// allocation failed.
struct MergeMemory {
    int64_t snapshot = 0, tasks = 0, delta = 0;
    int64_t total() const { return snapshot + tasks + delta; }
};

MergeMemory merge_memory(const Model& model, const std::vector<TaskVector>& tasks, const std::vector<std::string>& names) {
    MergeMemory m;
    for (const auto& name : names) {
        const torch::Tensor t = model.tensor(name);
        const int64_t n = t.numel();
        m.snapshot += n * static_cast<int64_t>(t.element_size());
        m.delta += n * 4;
        const auto dtype = task_dtype_for(t);
        for (const auto& tv : tasks) {
            const auto it = tv.delta.find(name);
            if (it == tv.delta.end()) continue;
            if (it->second.device() != t.device() || it->second.scalar_type() != dtype)
                m.tasks += n * static_cast<int64_t>(c10::elementSize(dtype));
        }
    }
    return m;
}

}  // namespace

Expected<std::unique_ptr<Merger>> Merger::create(std::shared_ptr<Model> model, std::vector<TaskVector> tasks,
                                                 MergeSpec spec, const JobContext& job) {
    auto ok = validate_spec(spec, tasks.size());
    if (!ok) return ok.error();
    if (!model) return Error{ErrorCode::InvalidArgument, "no base model to merge into"};
    return capture([&] {
        torch::NoGradGuard no_grad;
        std::unique_ptr<Merger> m(new Merger());
        m->model_ = model;
        m->spec_ = std::move(spec);
        m->tasks_ = std::move(tasks);
        for (auto& tv : m->tasks_)
            for (const auto& [name, t] : tv.delta)
                if (!model->tensors().count(name))
                    fail(ErrorCode::InvalidArgument, "task " + tv.name + ": tensor " + name + " is not in the base model");
        auto names = mergeable_names(model->tensors(), m->tasks_);
        require_full_for_unnormalized_linear(model->tensors(), names, m->spec_);
        const MergeMemory need = merge_memory(*model, m->tasks_, names);
        const int64_t free_before = free_device_bytes(model->device());
        try {
            std::set<const void*> seen;
            for (const auto& name : names) {
                job.check_cancelled();
                auto e = std::make_shared<Entry>();
                e->name = name;
                e->layer = layer_of_tensor(name);
                e->target = model->tensor(name);
                e->base = e->target.detach().clone();
                e->writes = seen.insert(e->target.data_ptr()).second;
                for (size_t i = 0; i < m->tasks_.size(); ++i) {
                    auto& tau = m->tasks_[i].delta.at(name);
                    if (tau.sizes() != e->base.sizes())
                        fail(ErrorCode::InvalidArgument,
                             "task " + m->tasks_[i].name + ": tensor " + name + " has the wrong shape");
                    tau = tau.to(e->target.device(), task_dtype_for(e->target));
                }
                m->entries_.push_back(e);
            }
            m->global_sorted_.assign(m->tasks_.size(), {});
            m->global_threshold_.assign(m->tasks_.size(), 0.0);
            auto r = m->apply(job);
            if (!r) fail(r.error().code, r.error().message);
        } catch (...) {
            // Cancelled or out of memory part-way through the first merge: the
            // tensors written so far get the base back from their snapshots (a
            // copy into existing memory), so the model is as it was.
            for (const auto& e : m->entries_)
                if (e->writes) e->target.copy_(e->base);
            const Error error = error_from_current_exception();
            if (error.code != ErrorCode::OutOfMemory) throw;
            fail(ErrorCode::OutOfMemory,
                 "the merge needs about " + format_gigabytes(need.total()) + " on " + model->device().str() +
                     " beside the model (a snapshot of the base " + format_gigabytes(need.snapshot) + ", " +
                     std::to_string(m->tasks_.size()) + " task vector(s) " + format_gigabytes(need.tasks) +
                     ", the merged delta " + format_gigabytes(need.delta) + ")" +
                     (free_before >= 0 ? "; " + format_gigabytes(free_before) + " was free" : std::string()) +
                     ". The model is unchanged. " + error.message);
        }
        return m;
    });
}

double Merger::scale_of(const Entry& e) const { return spec_.lambda * layer_scale_of(spec_, e.layer); }
double Merger::base_coef() const { return base_coef_of(spec_); }

bool Merger::linear_in_weights() const {
    if (is_ties(spec_.method)) return !spec_.mergekit_election;
    return spec_.method != MergeMethod::Linear && !spec_.normalize;
}

void Merger::compute_global_thresholds(size_t task) {
    if (!global_sorted_[task].defined()) {
        std::vector<torch::Tensor> parts;
        for (const auto& e : entries_) parts.push_back(tasks_[task].delta.at(e->name).abs().flatten());
        global_sorted_[task] = std::get<0>(torch::cat(parts).sort());
    }
    global_threshold_[task] = threshold_from_sorted(global_sorted_[task], spec_.tasks[task].density);
}

void Merger::recompute_contrib(Entry& e) {
    const size_t n = tasks_.size();
    std::vector<torch::Tensor> s(n);
    const bool whole = spec_.trim_scope == TrimScope::WholeVector;
    for (size_t i = 0; i < n; ++i) {
        const auto& tau = tasks_[i].delta.at(e.name);
        const double d = spec_.tasks[i].density;
        if (spec_.method == MergeMethod::Ties) {
            if (whole) {
                s[i] = keep_above(tau, global_threshold_[i]);
            } else {
                if (e.sorted.size() != n) e.sorted.assign(n, {});
                if (!e.sorted[i].defined()) e.sorted[i] = sorted_abs(tau);
                s[i] = keep_above(tau, threshold_from_sorted(e.sorted[i], d));
            }
        } else if (is_dare(spec_.method)) {
            if (e.uniforms.size() != n) e.uniforms.assign(n, {});
            if (!e.uniforms[i].defined())
                e.uniforms[i] = dare_uniforms(tau.sizes(), spec_.seed, i, e.name).to(tau.device());
            s[i] = dare_drop(tau, d, e.uniforms[i]);
        } else {
            s[i] = tau;
        }
    }
    combine(s, spec_, e.contrib, e.masks);
}

void Merger::recompute_delta(Entry& e) {
    // The weighted sum reuses the entry's buffer (same ops and order as
    // delta_from, so the same bits): an exact re-merge allocates nothing.
    if (!is_ties(spec_.method) && !spec_.normalize && e.delta.defined() && e.delta.sizes() == e.contrib[0].sizes()) {
        if (e.contrib[0].scalar_type() == e.delta.scalar_type())
            torch::mul_out(e.delta, e.contrib[0], torch::scalar_tensor(spec_.tasks[0].weight, torch::kDouble));
        else  // a half-precision contribution: widened exactly first, so the product is not rounded to it
            e.delta.copy_(e.contrib[0]).mul_(spec_.tasks[0].weight);
        for (size_t i = 1; i < e.contrib.size(); ++i) e.delta.add_(e.contrib[i], spec_.tasks[i].weight);
        return;
    }
    e.delta = delta_from(e.contrib, e.masks, spec_);
}

bool Merger::rewrite(Entry& e) {
    if (!e.writes) return true;  // an alias: written through its twin; its delta is computed when needed
    if (direct_sum(spec_) && e.target.scalar_type() == torch::kFloat && e.target.is_contiguous()) {
        write_direct_sum(e.target, e.base, e.contrib, spec_, scale_of(e));
        return true;
    }
    recompute_delta(e);
    write(e);
    return false;
}

void Merger::write(Entry& e) {
    if (!e.writes) return;
    // Straight into the weights whatever their dtype: a bfloat16 target gets the
    // float32 sum rounded once on the store (the same bits as a float32
    // temporary copied over, without its 8 bytes per parameter of traffic).
    if (e.target.is_contiguous())
        merged_value(e.base, e.delta, base_coef(), scale_of(e), &e.target);
    else
        e.target.copy_(merged_value(e.base, e.delta, base_coef(), scale_of(e)));
}

Expected<void> Merger::apply(const JobContext& job) {
    return capture([&] {
        torch::NoGradGuard no_grad;
        incomplete_ = true;  // until every entry is written (a failure or a cancel part-way keeps it)
        if (spec_.method == MergeMethod::Ties && spec_.trim_scope == TrimScope::WholeVector)
            for (size_t i = 0; i < tasks_.size(); ++i) compute_global_thresholds(i);
        size_t k = 0;
        bool stale = false;
        for (auto& e : entries_) {
            job.check_cancelled();
            job.report(double(k++) / double(std::max<size_t>(entries_.size(), 1)), e->name);
            recompute_contrib(*e);
            stale = rewrite(*e) || stale;
        }
        deltas_stale_ = stale;
        steps_since_exact_ = 0;
        ++full_recomputes_;
        incomplete_ = false;
    });
}

Expected<void> Merger::change_spec(const std::function<void()>& step) {
    if (incomplete_) {
        auto r = apply();
        if (!r) return r.error().with_context("rewriting the merge an earlier error left half-written");
    }
    const MergeSpec before = spec_;
    auto r = capture([&] {
        torch::NoGradGuard no_grad;
        step();
    });
    if (r) return r;
    // A step that failed part-way (out of memory) has written some tensors and
    // not others: the spec goes back and every tensor is rewritten from it, so
    // the model holds the previous merge again rather than a mixture. Should
    // the rewrite fail too, incomplete_ stays set: the next change rewrites
    // first, and the session refuses to score weights nobody asked for.
    spec_ = before;
    (void)apply();
    return r;
}

void Merger::refresh_deltas() {
    if (!deltas_stale_) return;
    for (auto& e : entries_) recompute_delta(*e);
    deltas_stale_ = false;
}

void Merger::write_all_exact() {
    bool stale = false;
    for (auto& e : entries_) stale = rewrite(*e) || stale;
    deltas_stale_ = stale;
    steps_since_exact_ = 0;
}

Expected<void> Merger::set_weight(size_t task, double weight) {
    if (task >= tasks_.size()) return Error{ErrorCode::InvalidArgument, "no task " + std::to_string(task)};
    if (!(weight >= -1.0 && weight <= 2.0))
        return Error{ErrorCode::InvalidArgument, "weight " + std::to_string(weight) + " is outside [-1, 2]"};
    return change_spec([&] {
        const double dw = weight - spec_.tasks[task].weight;
        spec_.tasks[task].weight = weight;
        if (dw == 0.0) return;
        if (linear_in_weights()) {
            if (steps_since_exact_ + 1 >= exact_every_) {
                // The periodic exact re-merge that bounds the drift of the in-place steps.
                write_all_exact();
                ++exact_remerges_;
                ++incremental_updates_;
                return;
            }
            // theta += lambda * s_l * dw * e_i, in place and fused over the
            // tensors that share a scale: no re-trim, no re-election, and no
            // running delta beside the weights (it would double the traffic).
            std::map<double, std::pair<std::vector<torch::Tensor>, std::vector<torch::Tensor>>> groups;
            for (auto& e : entries_) {
                if (!e->writes) continue;
                if (e->target.scalar_type() == torch::kFloat) {
                    auto& g = groups[scale_of(*e)];
                    g.first.push_back(e->target);
                    g.second.push_back(e->contrib[task]);
                } else {
                    // A float16/bfloat16 model cannot accumulate steps without
                    // losing small moves to rounding: its float32 delta is kept
                    // current (only these entries') and the weights written from it.
                    e->delta.add_(e->contrib[task], dw);
                    write(*e);
                }
            }
            for (auto& [scale, g] : groups) torch::_foreach_add_(g.first, g.second, dw * scale);
            deltas_stale_ = true;
            ++steps_since_exact_;
            ++incremental_updates_;
            return;
        }
        const bool reelect = is_ties(spec_.method) && spec_.mergekit_election;
        bool stale = false;
        for (auto& e : entries_) {
            if (reelect) recompute_contrib(*e);  // thresholds and draws stay cached
            stale = rewrite(*e) || stale;
        }
        deltas_stale_ = stale;
        steps_since_exact_ = 0;
        ++incremental_updates_;
    });
}

Expected<void> Merger::set_density(size_t task, double density) {
    if (task >= tasks_.size()) return Error{ErrorCode::InvalidArgument, "no task " + std::to_string(task)};
    if (!(density >= 0.0 && density <= 1.0))
        return Error{ErrorCode::InvalidArgument, "density " + std::to_string(density) + " is outside [0, 1]"};
    return change_spec([&] {
        spec_.tasks[task].density = density;
        if (spec_.method == MergeMethod::TaskArithmetic || spec_.method == MergeMethod::Linear) return;
        if (spec_.method == MergeMethod::Ties && spec_.trim_scope == TrimScope::WholeVector)
            compute_global_thresholds(task);  // moves the threshold over the cached sorted magnitudes
        bool stale = false;
        for (auto& e : entries_) {
            recompute_contrib(*e);  // cached sorted |tau| / uniforms: only the threshold moves
            stale = rewrite(*e) || stale;
        }
        deltas_stale_ = stale;
        steps_since_exact_ = 0;
        ++incremental_updates_;
    });
}

Expected<void> Merger::set_lambda(double lambda) {
    if (!std::isfinite(lambda)) return Error{ErrorCode::InvalidArgument, "lambda is not finite"};
    return change_spec([&] {
        const double old = spec_.lambda;
        spec_.lambda = lambda;
        if (steps_since_exact_ + 1 >= exact_every_) {
            write_all_exact();
            ++exact_remerges_;
            ++incremental_updates_;
            return;
        }
        // theta += dlambda * s_l * delta, fused like a weight step, from deltas
        // brought up to date first (weight steps leave them stale).
        refresh_deltas();
        std::map<double, std::pair<std::vector<torch::Tensor>, std::vector<torch::Tensor>>> groups;
        for (auto& e : entries_) {
            if (!e->writes) continue;
            if (e->target.scalar_type() == torch::kFloat) {
                auto& g = groups[layer_scale_of(spec_, e->layer)];
                g.first.push_back(e->target);
                g.second.push_back(e->delta);
            } else {
                write(*e);
            }
        }
        for (auto& [ls, g] : groups) torch::_foreach_add_(g.first, g.second, (lambda - old) * ls);
        ++steps_since_exact_;
        ++incremental_updates_;
    });
}

Expected<void> Merger::set_layer_scale(int64_t layer, double scale) {
    return change_spec([&] {
        spec_.layer_scale[layer] = scale;
        refresh_deltas();
        for (auto& e : entries_)
            if (e->layer == layer) write(*e);
        ++incremental_updates_;
    });
}

Expected<void> Merger::restore_base() {
    return capture([&] {
        torch::NoGradGuard no_grad;
        for (auto& e : entries_)
            if (e->writes) e->target.copy_(e->base);
    });
}

// ---- benchmark ---------------------------------------------------------------

Expected<nlohmann::json> bench_merge(std::shared_ptr<Model> model, const MergeBenchOptions& options) {
    if (!model) return Error{ErrorCode::InvalidArgument, "no model"};
    if (options.tasks < 1 || options.repeats < 1) return Error{ErrorCode::InvalidArgument, "tasks and repeats must be positive"};
    return capture([&]() -> nlohmann::json {
        torch::NoGradGuard no_grad;
        const auto dev = model->device();
        auto sync = [&] {
            synchronize_device(dev);
        };
        using clock = std::chrono::steady_clock;
        auto ms = [](clock::time_point a, clock::time_point b) {
            return std::chrono::duration<double, std::milli>(b - a).count();
        };
        std::vector<TaskVector> tasks;
        torch::manual_seed(1234);
        for (int i = 0; i < options.tasks; ++i) {
            TaskVector tv;
            tv.name = "synthetic-" + std::to_string(i);
            for (const auto& [name, t] : model->tensors()) {
                if (!t.is_floating_point()) continue;
                // Drawn where the model lives: 8 billion CPU draws per task would take minutes.
                tv.delta[name] = torch::randn(t.sizes(), torch::TensorOptions().dtype(torch::kFloat).device(dev))
                                     .mul_(1e-3)
                                     .to(task_dtype_for(t));  // what the Merger keeps (no second copy)
            }
            tasks.push_back(std::move(tv));
        }
        MergeSpec spec;
        spec.method = options.method;
        spec.normalize = false;
        for (int i = 0; i < options.tasks; ++i) spec.tasks.push_back({"", 0.5, options.density});
        sync();
        auto t0 = clock::now();
        auto merger = Merger::create(model, tasks, spec);
        if (!merger) fail(merger.error().code, merger.error().message);
        sync();
        auto t1 = clock::now();
        std::vector<double> full, slider, density, baseline;
        for (int r = 0; r < options.repeats; ++r) {
            auto a = clock::now();
            auto ok = (*merger)->apply();
            if (!ok) fail(ok.error().code, ok.error().message);
            sync();
            full.push_back(ms(a, clock::now()));
            a = clock::now();
            ok = (*merger)->set_density(0, r % 2 ? options.density : options.density * 0.5);
            if (!ok) fail(ok.error().code, ok.error().message);
            sync();
            density.push_back(ms(a, clock::now()));
        }
        // Slider steps: one full cycle of the periodic exact re-merge, so the
        // mean includes its cost and the median is the plain in-place step.
        Merger& m = **merger;
        const int64_t steps = std::max<int64_t>(m.exact_every(), options.repeats);
        const int64_t remerges0 = m.exact_remerges();
        double total = 0.0;
        for (int64_t r = 0; r < steps; ++r) {
            auto a = clock::now();
            auto ok = m.set_weight(0, r % 2 ? 0.5 : 0.8);
            if (!ok) fail(ok.error().code, ok.error().message);
            sync();
            slider.push_back(ms(a, clock::now()));
            total += slider.back();
        }
        const int64_t exact_every = m.exact_every(), exact_remerges = m.exact_remerges() - remerges0;
        auto restored = m.restore_base();
        if (!restored) fail(restored.error().code, restored.error().message);
        merger.value().reset();  // its snapshots and deltas go before the baseline's copy (an 8B model's memory)
        // The baseline, same process, same weights: a plain fused in-place add of
        // one task vector over every tensor (what torch._foreach_add_ does in PyTorch).
        std::vector<torch::Tensor> ws, taus;
        std::set<const void*> seen;
        for (const auto& [name, t] : model->tensors()) {
            if (!t.is_floating_point() || !tasks[0].delta.count(name) || !seen.insert(t.data_ptr()).second) continue;
            ws.push_back(model->tensor(name));
            taus.push_back(tasks[0].delta.at(name).to(t.scalar_type()));
        }
        tasks.clear();
        std::vector<torch::Tensor> saved;  // the caller's model goes back as it came, bit for bit
        for (const auto& w : ws) saved.push_back(w.clone());
        for (int64_t r = 0; r < steps; ++r) {
            auto a = clock::now();
            torch::_foreach_add_(ws, taus, r % 2 ? -0.15 : 0.15);
            sync();
            baseline.push_back(ms(a, clock::now()));
        }
        for (size_t i = 0; i < ws.size(); ++i) ws[i].copy_(saved[i]);
        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        int64_t params = 0;
        for (const auto& [n, t] : model->tensors()) params += t.numel();
        return {{"method", merge_method_name(options.method)},
                {"tasks", options.tasks},
                {"device", dev.str()},
                {"parameters", params},
                {"create_ms", ms(t0, t1)},
                {"full_merge_ms", median(full)},
                {"slider_update_ms", median(slider)},
                {"slider_update_mean_ms", total / static_cast<double>(steps)},  // with the periodic exact re-merge
                {"foreach_add_baseline_ms", median(baseline)},
                {"slider_vs_baseline", median(slider) / std::max(median(baseline), 1e-9)},
                {"slider_steps", steps},
                {"exact_every", exact_every},
                {"exact_remerges", exact_remerges},
                {"density_update_ms", median(density)},
                {"repeats", options.repeats}};
    });
}

}  // namespace lancet
