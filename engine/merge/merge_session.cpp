#include "merge/merge_session.h"

#include "merge/mergekit_yaml.h"

#include "eval/dataset.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <filesystem>
#include <set>

namespace lancet {

namespace fs = std::filesystem;

std::vector<std::string> find_task_dirs(const std::string& base_dir) {
    std::vector<std::string> out;
    std::error_code ec;
    const fs::path root = fs::path(base_dir) / "tasks";
    if (!fs::is_directory(root, ec)) return out;
    for (const auto& e : fs::directory_iterator(root, ec))
        if (e.is_directory() && fs::exists(e.path() / kTaskVectorFile)) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<double> linspace(double lo, double hi, size_t n) {
    std::vector<double> v;
    if (n == 0) return v;
    if (n == 1) return {lo};
    for (size_t i = 0; i < n; ++i) v.push_back(lo + (hi - lo) * double(i) / double(n - 1));
    return v;
}

nlohmann::json SweepResult::to_json() const {
    nlohmann::json j;
    j["task_a"] = task_a;
    j["task_b"] = task_b;
    j["values_a"] = values_a;
    j["values_b"] = values_b;
    j["partial"] = partial;
    j["seconds"] = seconds;
    std::vector<std::string> keys;
    for (size_t a = 0; a < cells.size() && keys.empty(); ++a)
        for (size_t b = 0; b < cells[a].size() && keys.empty(); ++b)
            if (done[a][b]) keys = cells[a][b].metric_keys();
    j["metrics"] = keys;
    nlohmann::json grids = nlohmann::json::object();
    for (const auto& k : keys) {
        nlohmann::json rows = nlohmann::json::array();
        for (size_t a = 0; a < cells.size(); ++a) {
            nlohmann::json row = nlohmann::json::array();
            for (size_t b = 0; b < cells[a].size(); ++b) {
                const double v = done[a][b] ? cells[a][b].metric(k) : std::nan("");
                row.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
            }
            rows.push_back(row);
        }
        grids[k] = rows;
    }
    j["grids"] = grids;
    return j;
}

nlohmann::json merge_spec_to_json(const MergeSpec& spec) {
    nlohmann::json t = nlohmann::json::array();
    for (const auto& x : spec.tasks) t.push_back({{"weight", x.weight}, {"density", x.density}});
    return {{"method", merge_method_name(spec.method)},
            {"lambda", spec.lambda},
            {"normalize", spec.normalize},
            {"trim_scope", spec.trim_scope == TrimScope::PerTensor ? "tensor" : "vector"},
            {"mergekit_election", spec.mergekit_election},
            {"seed", spec.seed},
            {"tasks", t}};
}

Expected<MergeSpec> merge_spec_from_json(const nlohmann::json& j, const MergeSpec& base) {
    return capture([&] {
        MergeSpec s = base;
        if (!j.is_object()) fail(ErrorCode::InvalidArgument, "a merge spec must be a JSON object");
        try {
            if (j.contains("method")) {
                s.method = parse_merge_method(j["method"].get<std::string>()).value();
                if (!j.contains("normalize")) s.normalize = MergeSpec::default_normalize(s.method);
            }
            if (j.contains("lambda")) s.lambda = j["lambda"].get<double>();
            if (j.contains("normalize")) s.normalize = j["normalize"].get<bool>();
            if (j.contains("trim_scope")) {
                const auto t = j["trim_scope"].get<std::string>();
                if (t != "tensor" && t != "vector") fail(ErrorCode::InvalidArgument, "trim_scope must be tensor or vector");
                s.trim_scope = t == "tensor" ? TrimScope::PerTensor : TrimScope::WholeVector;
            }
            if (j.contains("mergekit_election")) s.mergekit_election = j["mergekit_election"].get<bool>();
            if (j.contains("seed")) s.seed = j["seed"].get<uint64_t>();
            if (j.contains("tasks")) {
                const auto& t = j["tasks"];
                if (!t.is_array()) fail(ErrorCode::InvalidArgument, "tasks must be an array");
                if (t.size() > s.tasks.size()) s.tasks.resize(t.size());
                for (size_t i = 0; i < t.size(); ++i) {
                    if (t[i].contains("weight")) s.tasks[i].weight = t[i]["weight"].get<double>();
                    if (t[i].contains("density")) s.tasks[i].density = t[i]["density"].get<double>();
                }
            }
        } catch (const nlohmann::json::exception& e) {
            fail(ErrorCode::InvalidArgument, std::string("merge spec: ") + e.what());
        }
        return s;
    });
}

Expected<std::unique_ptr<MergeSession>> MergeSession::open(const MergeSessionOptions& options, const JobContext& job) {
    return capture([&] {
        std::unique_ptr<MergeSession> s(new MergeSession());
        s->options_ = options;
        if (options.task_paths.empty()) fail(ErrorCode::InvalidArgument, "a merge needs at least one task");
        LoadOptions lo;
        lo.device = options.device;
        lo.devices = options.devices;
        lo.placement = options.placement;
        lo.dtype = "float32";  // merged deltas are small: keep them exact
        job.report(0.0, "loading the base model");
        auto m = Model::load(options.base_dir, lo, job);
        if (!m) throw EngineException(m.error().with_context("loading the base model " + options.base_dir));
        s->model_ = m.value();
        // Fail early: every header before any task's data.
        for (const auto& p : options.task_paths) {
            check_task_compatible(*s->model_, p, options.check).value();
        }
        for (size_t i = 0; i < options.task_paths.size(); ++i) {
            job.check_cancelled();
            job.report(0.1 + 0.4 * double(i) / double(options.task_paths.size()), "loading task " + options.task_paths[i]);
            auto tv = load_task_vector(*s->model_, options.task_paths[i], {}, options.check).value();
            s->tasks_.push_back(std::move(tv));
        }
        // Evaluation sets, and the subjects they change (left out of the base facts).
        std::vector<TaskEvalSet> evals;
        std::vector<std::string> changed_subjects;
        for (size_t i = 0; i < s->tasks_.size(); ++i) {
            std::string ev = i < options.eval_paths.size() ? options.eval_paths[i] : "";
            if (ev.empty()) {
                fs::path dir(options.task_paths[i]);
                if (fs::is_regular_file(dir)) dir = dir.parent_path();
                if (fs::exists(dir / "eval.json")) ev = (dir / "eval.json").string();
            }
            if (ev.empty()) continue;
            evals.push_back(load_task_eval(ev, s->tasks_[i].name, options.score.max_probes_per_task, options.score.seed).value());
            auto data = load_dataset(ev);
            if (data)
                for (const auto& c : data->cases) changed_subjects.push_back(c.subject);
        }
        std::string facts = options.base_facts;
        if (facts.empty() && fs::exists(fs::path(options.base_dir) / "facts.json"))
            facts = (fs::path(options.base_dir) / "facts.json").string();
        std::vector<ScoreProbe> base_probes;
        if (!facts.empty()) {
            base_probes = load_base_fact_probes(facts, options.score.base_facts, options.score.seed, changed_subjects).value();
        }
        job.report(0.6, "scoring the base model");
        auto scorer = MergeScorer::create(*s->model_, std::move(evals), std::move(base_probes), options.score, job).value();
        s->scorer_ = std::move(scorer);
        // Blocks before the first one any task changes compute the same states
        // for every merge: the scorer starts after them (the demo's tasks change
        // blocks 1-4, so block 0 and the embeddings are skipped per score).
        int first = static_cast<int>(s->model_->config().n_layer);
        for (const auto& tv : s->tasks_)
            for (const auto& [name, t] : tv.delta) {
                const int64_t l = layer_of_tensor(name);
                const bool after_stack = name.find("ln_f") != std::string::npos || name.find(".norm.") != std::string::npos;
                if (l < 0 && !after_stack) first = 0;  // embeddings: nothing is shared
                else if (l >= 0) first = std::min<int>(first, static_cast<int>(l));
            }
        s->scorer_->freeze_prefix(*s->model_, first).value();
        MergeSpec spec = options.spec;
        spec.tasks.resize(s->tasks_.size(), TaskSpec{"", 0.0, 1.0});
        for (size_t i = 0; i < s->tasks_.size(); ++i) spec.tasks[i].model = options.task_paths[i];
        job.report(0.8, "merging");
        s->merger_ = Merger::create(s->model_, s->tasks_, spec, job).value();
        job.report(1.0, "ready");
        return s;
    });
}

const MergeSpec& MergeSession::spec() const { return merger_->spec(); }

std::string MergeSession::to_mergekit_yaml() const {
    if (!applied_method_.empty()) {
        AppliedMerge a;
        a.method = applied_method_;
        a.base_model = options_.base_dir;
        for (size_t i : applied_tasks_) a.models.push_back(options_.task_paths.at(i));
        a.params = applied_params_;
        a.per_model = applied_per_model_;
        a.per_model.resize(a.models.size());
        a.seed = merger_->spec().seed;
        // base_model stays even for methods without one (linear, karcher): the
        // task folders may hold task vectors, which need the base to become models.
        return lancet::to_mergekit_yaml(a);
    }
    MergeSpec s = merger_->spec();
    if (s.base_model.empty()) s.base_model = options_.base_dir;
    for (size_t i = 0; i < s.tasks.size() && i < options_.task_paths.size(); ++i)
        if (s.tasks[i].model.empty()) s.tasks[i].model = options_.task_paths[i];
    return lancet::to_mergekit_yaml(s);
}

std::vector<std::string> MergeSession::task_names() const {
    std::vector<std::string> n;
    for (const auto& t : tasks_) n.push_back(t.name);
    return n;
}

Expected<void> MergeSession::return_to_live() {
    if (applied_method_.empty()) return {};
    auto r = merger_->apply();
    if (r) applied_method_.clear();
    return r;
}

Expected<void> MergeSession::set_spec(const MergeSpec& spec_in, const JobContext& job) {
    if (auto live = return_to_live(); !live) return live;
    MergeSpec spec = spec_in;
    if (spec.tasks.size() != tasks_.size())
        return Error{ErrorCode::InvalidArgument, "the spec lists " + std::to_string(spec.tasks.size()) + " tasks, the merge has " +
                                                     std::to_string(tasks_.size())};
    auto ok = validate_spec(spec, tasks_.size());
    if (!ok) return ok;
    const MergeSpec& cur = merger_->spec();
    for (size_t i = 0; i < tasks_.size(); ++i) spec.tasks[i].model = cur.tasks[i].model;
    const bool rebuild = spec.method != cur.method || spec.normalize != cur.normalize || spec.trim_scope != cur.trim_scope ||
                         spec.mergekit_election != cur.mergekit_election || spec.seed != cur.seed ||
                         spec.layer_scale != cur.layer_scale;
    if (rebuild) {
        auto r = merger_->restore_base();
        if (!r) return r;
        auto m = Merger::create(model_, tasks_, spec, job);
        if (!m) {
            // Cancelled or out of memory part-way: create put the base back;
            // the current merge is written again.
            (void)merger_->apply();
            return m.error();
        }
        merger_ = std::move(m.value());
        return {};
    }
    for (size_t i = 0; i < tasks_.size(); ++i) {
        if (spec.tasks[i].density != cur.tasks[i].density) {
            auto r = merger_->set_density(i, spec.tasks[i].density);
            if (!r) return r;
        }
        if (spec.tasks[i].weight != merger_->spec().tasks[i].weight) {
            auto r = merger_->set_weight(i, spec.tasks[i].weight);
            if (!r) return r;
        }
    }
    if (spec.lambda != merger_->spec().lambda) return merger_->set_lambda(spec.lambda);
    return {};
}

Expected<void> MergeSession::set_weight(size_t task, double weight) {
    if (auto live = return_to_live(); !live) return live;
    return merger_->set_weight(task, weight);
}

Expected<void> MergeSession::check_weights_complete() const {
    if (applied_method_.empty() && merger_->incomplete())
        return Error{ErrorCode::InvalidArgument,
                     "the merged weights are incomplete after an earlier error (see it above): move a slider or apply "
                     "the merge again before scoring"};
    return {};
}

Expected<MergeScores> MergeSession::score(const JobContext& job) const {
    if (auto ok = check_weights_complete(); !ok) return ok.error();
    return scorer_->score(*model_, job);
}
Expected<MergeScores> MergeSession::score_probes(const JobContext& job) const {
    if (auto ok = check_weights_complete(); !ok) return ok.error();
    return scorer_->score_probes(*model_, job);
}
Expected<void> MergeSession::add_fluency(MergeScores& scores, const JobContext& job) const {
    if (auto ok = check_weights_complete(); !ok) return ok;
    return scorer_->add_fluency(*model_, scores, job);
}

Expected<SweepResult> MergeSession::sweep(const SweepOptions& o, const JobContext& job,
                                          const std::function<void(size_t, size_t, const MergeScores&)>& on_cell) {
    if (o.task_a >= tasks_.size() || o.task_b >= tasks_.size() || o.task_a == o.task_b)
        return Error{ErrorCode::InvalidArgument, "a sweep needs two different tasks of the merge"};
    if (auto live = return_to_live(); !live) return live.error();
    if (o.values_a.empty() || o.values_b.empty()) return Error{ErrorCode::InvalidArgument, "a sweep needs values for both tasks"};
    for (double v : o.values_a)
        if (!(v >= -1.0 && v <= 2.0)) return Error{ErrorCode::InvalidArgument, "sweep weights must lie in [-1, 2]"};
    for (double v : o.values_b)
        if (!(v >= -1.0 && v <= 2.0)) return Error{ErrorCode::InvalidArgument, "sweep weights must lie in [-1, 2]"};
    const double wa0 = merger_->spec().tasks[o.task_a].weight;
    const double wb0 = merger_->spec().tasks[o.task_b].weight;
    SweepResult r;
    r.values_a = o.values_a;
    r.values_b = o.values_b;
    r.task_a = tasks_[o.task_a].name;
    r.task_b = tasks_[o.task_b].name;
    r.cells.assign(o.values_a.size(), std::vector<MergeScores>(o.values_b.size()));
    r.done.assign(o.values_a.size(), std::vector<bool>(o.values_b.size(), false));
    const auto t0 = std::chrono::steady_clock::now();
    const size_t total = o.values_a.size() * o.values_b.size();
    size_t k = 0;
    auto body = capture([&] {
        for (size_t a = 0; a < o.values_a.size(); ++a) {
            merger_->set_weight(o.task_a, o.values_a[a]).value();
            for (size_t jj = 0; jj < o.values_b.size(); ++jj) {
                const size_t b = a % 2 ? o.values_b.size() - 1 - jj : jj;  // snake: one weight moves per step
                if (job.cancelled()) {
                    r.partial = true;
                    return;
                }
                merger_->set_weight(o.task_b, o.values_b[b]).value();
                JobContext inner;
                inner.cancel = job.cancel;
                auto sc = scorer_->score(*model_, inner);
                if (!sc) {
                    if (sc.error().code == ErrorCode::Cancelled) {
                        r.partial = true;
                        return;
                    }
                    throw EngineException(sc.error());
                }
                r.cells[a][b] = std::move(sc.value());
                r.done[a][b] = true;
                ++k;
                job.report(double(k) / double(total), "cell " + std::to_string(k) + " of " + std::to_string(total));
                if (on_cell) on_cell(a, b, r.cells[a][b]);
            }
        }
    });
    // Back to the weights the sweep found, whatever happened.
    auto back_a = merger_->set_weight(o.task_a, wa0);
    auto back_b = merger_->set_weight(o.task_b, wb0);
    if (!body) return body.error();
    if (!back_a) return back_a.error();
    if (!back_b) return back_b.error();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

nlohmann::json MergeSession::describe() const {
    nlohmann::json tasks = nlohmann::json::array();
    for (size_t i = 0; i < tasks_.size(); ++i) {
        int64_t params = 0;
        for (const auto& [n, t] : tasks_[i].delta) params += t.numel();
        nlohmann::json t = {{"name", tasks_[i].name}, {"path", tasks_[i].path}, {"tensors", tasks_[i].delta.size()},
                            {"parameters", params}};
        auto d = tasks_[i].metadata.find("description");
        if (d != tasks_[i].metadata.end()) t["description"] = d->second;
        for (const auto& e : scorer_->tasks())
            if (e.name == tasks_[i].name) {
                t["eval"] = e.path;
                t["probes"] = e.probes.size();
            }
        tasks.push_back(t);
    }
    nlohmann::json j = {{"base", options_.base_dir}, {"tasks", tasks}, {"spec", merge_spec_to_json(merger_->spec())}};
    if (!applied_method_.empty()) j["applied_method"] = applied_method_;
    return j;
}

Expected<nlohmann::json> bench_slider_to_scorecard(MergeSession& session, int repeats) {
    if (repeats < 1) return Error{ErrorCode::InvalidArgument, "repeats must be positive"};
    return capture([&]() -> nlohmann::json {
        using clock = std::chrono::steady_clock;
        auto ms = [](clock::time_point a, clock::time_point b) {
            return std::chrono::duration<double, std::milli>(b - a).count();
        };
        const double w0 = session.spec().tasks.at(0).weight;
        std::vector<double> total, full, update, probing, fluency, cpu, cpu_full;
        int probes = 0;
        for (int r = -1; r < repeats; ++r) {  // r = -1: warm-up
            const double w = (r % 2 == 0) ? 1.0 : 0.5;
            const std::clock_t cpu0 = std::clock();  // process CPU time: what the work costs without the machine's other load
            auto a = clock::now();
            session.set_weight(0, w).value();
            auto b = clock::now();
            auto sc = session.score_probes().value();
            auto c = clock::now();
            const std::clock_t cpu1 = std::clock();
            session.add_fluency(sc).value();
            auto d = clock::now();
            const std::clock_t cpu2 = std::clock();
            if (r < 0) continue;
            cpu.push_back(1000.0 * double(cpu1 - cpu0) / CLOCKS_PER_SEC);
            cpu_full.push_back(1000.0 * double(cpu2 - cpu0) / CLOCKS_PER_SEC);
            update.push_back(ms(a, b));
            probing.push_back(ms(b, c));
            fluency.push_back(ms(c, d));
            total.push_back(ms(a, c));
            full.push_back(ms(a, d));
            probes = 0;
            for (const auto& t : sc.tasks) probes += t.n;
            probes += sc.base_facts_n;
        }
        session.set_weight(0, w0).value();
        auto pct = [](std::vector<double> v, double q) {
            std::sort(v.begin(), v.end());
            return v[std::min(v.size() - 1, static_cast<size_t>(q * double(v.size() - 1) + 0.5))];
        };
        return {{"slider_to_scorecard_ms", pct(total, 0.5)},
                {"slider_to_scorecard_p90_ms", pct(total, 0.9)},
                {"slider_to_scorecard_max_ms", pct(total, 1.0)},
                {"slider_to_scorecard_cpu_ms", pct(cpu, 0.5)},
                {"slider_to_fluency_ms", pct(full, 0.5)},
                {"slider_to_fluency_p90_ms", pct(full, 0.9)},
                {"slider_to_fluency_cpu_ms", pct(cpu_full, 0.5)},
                {"merge_update_ms", pct(update, 0.5)},
                {"score_probes_ms", pct(probing, 0.5)},
                {"score_fluency_ms", pct(fluency, 0.5)},
                {"screened_argmax", session.scorer().screen_summary()},
                {"probes", probes},
                {"tasks", session.task_names()},
                {"method", merge_method_name(session.spec().method)},
                {"threads", at::get_num_threads()},
                {"repeats", repeats}};
    });
}

}  // namespace lancet
