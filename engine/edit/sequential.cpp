#include "edit/sequential.h"

#include "core/numeric.h"
#include "edit/detail.h"
#include "edit/edit_record.h"
#include "edit/surgery.h"
#include "eval/metrics.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <sstream>

namespace lancet {

namespace {

using edit_detail::seconds_since;

// n indices evenly spaced over [0, count): a fixed sample that covers the stream.
std::vector<size_t> evenly_spaced(size_t count, size_t n) {
    std::vector<size_t> out;
    if (count == 0 || n == 0) return out;
    n = std::min(n, count);
    for (size_t k = 0; k < n; ++k) out.push_back(k * count / n);
    return out;
}

double mean_or_nan(const std::vector<double>& v) {
    double s = 0;
    size_t n = 0;
    for (double x : v)
        if (!std::isnan(x)) {
            s += x;
            ++n;
        }
    return n ? s / static_cast<double>(n) : kNaN;
}

double token_accuracy(const Model& model, const std::vector<TargetQuery>& q) {
    if (q.empty()) return kNaN;
    std::vector<double> acc;
    const auto predictions = teacher_forced_tokens(model, q).value();
    for (const auto& p : predictions) acc.push_back(token_match(p.predicted, p.labels));
    return mean_or_nan(acc);
}

}  // namespace

Expected<ForgettingCurve> run_sequential(Model& model, const std::vector<EditCase>& cases, const EditSpec& base,
                                         const EditRuntime& given_runtime, const SequentialOptions& options,
                                         const JobContext& job, const std::function<void(const CurvePoint&)>& on_point) {
    // The original value of every tensor the run touches, cloned before its first
    // change: the curve's norms are measured against them and the end restores them.
    std::map<std::string, torch::Tensor> originals;
    auto restore_all = [&] {
        torch::NoGradGuard no_grad;
        for (auto& [name, t] : originals) model.tensor(name).copy_(t);
    };
    auto result = capture([&] {
        if (cases.empty()) fail(ErrorCode::InvalidArgument, "no requests to edit");
        if (options.batch_size == 0) fail(ErrorCode::InvalidArgument, "the batch size must be at least 1");
        const auto method = find_edit_method(base.method).value();
        if (options.batch_size > 1 && !method->batches())
            fail(ErrorCode::InvalidArgument, method->info(nullptr).label + " edits one request at a time: use batch size 1");
        EditRuntime runtime = given_runtime;
        if (base.method == "alphaedit" && !runtime.preserved_gram)
            runtime.preserved_gram = std::make_shared<std::map<int, torch::Tensor>>();

        auto spec_of = [&](const EditCase& c) {
            EditSpec s = base;
            s.prompt = c.prompt_template;
            s.subject = c.subject;
            s.target_new = c.target_new;
            s.target_true = c.target_true.empty() ? std::nullopt : std::optional<std::string>(c.target_true);
            return s;
        };
        ForgettingCurve curve;
        curve.method = base.method;
        curve.requests = cases.size();
        curve.batch_size = options.batch_size;

        // One site for the whole stream, chosen on the first request.
        const EditSpec site = choose_edit_site(model, spec_of(cases.front()), method->info(&model), job).value();
        curve.layers = site.layers;
        curve.layer_reason = site.layer_reason;
        curve.hparams = method->resolve_hparams(model, site).value();

        std::shared_ptr<const GeneralAbilityProbe> probe = options.probe;
        if (options.general_ability && !probe)
            probe = std::make_shared<const GeneralAbilityProbe>(make_general_probe(model).value());
        if (probe) curve.probe_source = probe->text_source + "; " + probe->facts_source;

        // Locality: the original model's argmax tokens on a fixed sample of neighbourhood prompts.
        std::vector<TargetQuery> locality_q;
        for (size_t i : evenly_spaced(cases.size(), options.locality_sample))
            if (!cases[i].neighbourhood_prompts.empty())
                locality_q.push_back({cases[i].neighbourhood_prompts.front().prompt, cases[i].neighbourhood_prompts.front().answer});
        std::vector<std::vector<int64_t>> locality_ref;
        if (!locality_q.empty()) {
            auto reference = teacher_forced_tokens(model, locality_q).value();
            for (auto& p : reference) locality_ref.push_back(std::move(p.predicted));
        }

        std::vector<size_t> edited;  // indices of requests edited so far
        std::vector<TargetQuery> last_batch;
        auto make_point = [&](size_t edits) {
            const auto t0 = std::chrono::steady_clock::now();
            CurvePoint p;
            p.edits = edits;
            p.edit_seconds = curve.edit_seconds;
            std::vector<TargetQuery> sample;
            for (size_t k : evenly_spaced(edited.size(), options.retention_sample)) {
                const EditCase& c = cases[edited[k]];
                sample.push_back({c.prompt(), c.target_new});
            }
            p.retention_token_acc = token_accuracy(model, sample);
            p.retention_generation = kNaN;
            if (options.generation && !sample.empty()) {
                double ok = 0;
                const auto judged = generation_match(model, sample, 0, job).value();
                for (const auto& g : judged) ok += g.success ? 1 : 0;
                p.retention_generation = ok / static_cast<double>(sample.size());
            }
            p.batch_token_acc = token_accuracy(model, last_batch);
            p.locality = kNaN;
            if (!locality_q.empty()) {
                std::vector<double> agree;
                const auto now = teacher_forced_tokens(model, locality_q).value();
                for (size_t i = 0; i < now.size(); ++i) agree.push_back(token_match(locality_ref[i], now[i].predicted));
                p.locality = mean_or_nan(agree);
            }
            p.perplexity = p.fact_recall = kNaN;
            if (probe) {
                const MetricSet g = measure_general_ability(model, *probe, job).value();
                if (auto* m = g.find("perplexity")) p.perplexity = m->value;
                if (auto* m = g.find("fact_recall")) p.fact_recall = m->value;
            }
            torch::NoGradGuard no_grad;
            for (const auto& [name, w0] : originals) {
                const auto w = model.tensor(name).to(torch::kCPU, torch::kDouble);
                const double n0 = w0.to(torch::kDouble).norm().item<double>();
                MatrixNorm m;
                m.weight = name;
                m.delta_norm = (w - w0.to(torch::kDouble)).norm().item<double>();
                m.growth = w.norm().item<double>() / std::max(n0, 1e-30);
                p.max_growth = std::max(p.max_growth, m.growth);
                p.norms.push_back(m);
            }
            p.collapse_warning = p.max_growth > options.norm_growth_bound;
            curve.score_seconds += seconds_since(t0);
            curve.points.push_back(p);
            if (on_point) on_point(p);
        };

        make_point(0);
        size_t since_point = 0;
        for (size_t start = 0; start < cases.size(); start += options.batch_size) {
            if (job.cancelled()) {
                curve.partial = true;
                break;
            }
            const size_t end = std::min(cases.size(), start + options.batch_size);
            std::vector<EditSpec> specs;
            std::vector<size_t> members;
            for (size_t i = start; i < end; ++i) {
                if (cases[i].target_new.empty()) {
                    curve.errors.push_back(cases[i].case_id + ": no target_new");
                    continue;
                }
                EditSpec s = spec_of(cases[i]);
                s.layers = site.layers;
                s.layer_reason = site.layer_reason;
                specs.push_back(std::move(s));
                members.push_back(i);
            }
            if (specs.empty()) continue;
            job.report(static_cast<double>(start) / static_cast<double>(cases.size()),
                       "editing requests " + std::to_string(start + 1) + "-" + std::to_string(end) + " of " +
                           std::to_string(cases.size()));
            const auto t0 = std::chrono::steady_clock::now();
            JobContext quiet;  // the stream's progress, not each edit's
            quiet.cancel = job.cancel;
            auto r = method->batches() ? method->compute_batch(model, specs, runtime, quiet)
                                       : method->compute(model, specs.front(), runtime, quiet);
            if (!r) {
                if (r.error().code == ErrorCode::Cancelled) {
                    curve.partial = true;
                    break;
                }
                for (size_t i : members) curve.errors.push_back(cases[i].case_id + ": " + r.error().message);
                continue;
            }
            {
                torch::NoGradGuard no_grad;
                for (const auto& t : r->delta)
                    if (!originals.count(t.weight_name))
                        originals[t.weight_name] = model.tensor(t.weight_name).detach().to(torch::kCPU, /*non_blocking=*/false, /*copy=*/true);
            }
            apply_weight_delta(model, r->delta).value();
            if (runtime.preserved_gram)
                for (auto& [layer, gram] : r->key_gram) {
                    auto& acc = (*runtime.preserved_gram)[layer];
                    if (acc.defined()) acc.add_(gram);
                    else acc = gram;
                }
            curve.edit_seconds += seconds_since(t0);
            const nlohmann::json stage_timings = r->diagnostics.value("timings", nlohmann::json::object());
            for (const auto& [stage, secs] : stage_timings.items())
                if (secs.is_number()) curve.stage_seconds[stage] = curve.stage_seconds.value(stage, 0.0) + secs.get<double>();
            const nlohmann::json work = r->diagnostics.value("work", nlohmann::json::object());  // named: items() keeps no copy
            for (const auto& [what, count] : work.items())
                if (count.is_number()) curve.work[what] = curve.work.value(what, 0.0) + count.get<double>();
            curve.edited += members.size();
            last_batch.clear();
            for (size_t i : members) {
                edited.push_back(i);
                last_batch.push_back({cases[i].prompt(), cases[i].target_new});
            }
            since_point += members.size();
            if (options.curve_every > 0 && since_point >= options.curve_every) {
                make_point(curve.edited);
                since_point = 0;
            }
        }
        if (!curve.partial && curve.points.back().edits != curve.edited) make_point(curve.edited);
        return curve;
    });
    if (!options.keep_edits || !result) restore_all();
    return result;
}

}  // namespace lancet
