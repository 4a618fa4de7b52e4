#include "edit/rome_bench.h"

#include "edit/context_templates.h"
#include "edit/detail.h"
#include "edit/edit_record.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <sstream>

namespace lancet {

using edit_detail::seconds_since;

namespace {

nlohmann::json min_median(std::vector<double> v) {
    if (v.empty()) return nullptr;
    std::sort(v.begin(), v.end());
    return {{"min", v.front()}, {"median", v[v.size() / 2]}, {"runs", v.size()}};
}

void sync(const Model& m) {
    if (m.device().is_cuda()) torch::cuda::synchronize();
}

}  // namespace

Expected<nlohmann::json> bench_rome(Model& model, const RomeBenchOptions& o, const JobContext& job) {
    return capture([&] {
        const ModelConfig& cfg = model.config();
        RomeOptions ro;
        ro.hparams = default_rome_hparams(cfg);
        ro.hparams.mom2_adjustment = o.mom2;
        if (o.stats_samples > 0) ro.hparams.mom2_n_samples = o.stats_samples;
        ro.stats = o.stats;
        if (o.layer) {
            ro.layer = *o.layer;
            ro.layer_reason = "benchmark: requested";
        } else if (!published_default_layer(cfg)) {
            ro.layer = static_cast<int>(cfg.n_layer / 2);
            ro.layer_reason = "benchmark: middle layer (no published setting)";
        }
        const int repeats = std::max(1, o.repeats);

        // Warm-up: generates the templates, computes (or loads) C and its inverse.
        auto t = std::chrono::steady_clock::now();
        auto first = compute_rome(model, o.request, ro, job);
        if (!first) throw EngineException(first.error());
        const double warmup = seconds_since(t);
        const int layer = first->layer;

        std::vector<double> tu, tv, total;
        for (int r = 0; r < repeats; ++r) {
            job.check_cancelled();
            t = std::chrono::steady_clock::now();
            auto e = compute_rome(model, o.request, ro, job);
            if (!e) throw EngineException(e.error());
            total.push_back(seconds_since(t));
            tu.push_back(e->diagnostics["timings"]["compute_u_s"].get<double>());
            tv.push_back(e->diagnostics["timings"]["compute_v_s"].get<double>());
        }

        // Apply + undo (the weights end as they started).
        EditHistory history;
        t = std::chrono::steady_clock::now();
        auto ok = history.apply(model, make_edit_record(first.value(), model));
        if (!ok) throw EngineException(ok.error());
        sync(model);
        const double apply_s = seconds_since(t);
        t = std::chrono::steady_clock::now();
        ok = history.undo(model);
        if (!ok) throw EngineException(ok.error());
        sync(model);
        const double undo_s = seconds_since(t);

        // compute_v with and without the cached lower layers, same fixed step count.
        const auto& templates = first->context_templates;
        RomeHyperParams hp = first->hparams;
        std::vector<double> fast, slow;
        torch::Tensor d_fast, d_slow;
        for (int r = 0; r < repeats; ++r) {
            job.check_cancelled();
            ComputeVOptions a;
            a.cache_lower_layers = true;
            a.early_stop = false;
            auto cf = compute_v(model, layer, o.request, hp, templates, a, job);
            if (!cf) throw EngineException(cf.error());
            fast.push_back(cf->seconds);
            d_fast = cf->delta;
            ComputeVOptions b = a;
            b.cache_lower_layers = false;
            auto cs = compute_v(model, layer, o.request, hp, templates, b, job);
            if (!cs) throw EngineException(cs.error());
            slow.push_back(cs->seconds);
            d_slow = cs->delta;
        }
        // On CUDA, the cached path again with TF32 tensor-core products.
        std::vector<double> tf32;
        double tf32_diff = 0.0;
        if (model.device().is_cuda()) {
            for (int r = 0; r < repeats; ++r) {
                job.check_cancelled();
                ComputeVOptions c;
                c.early_stop = false;
                c.allow_tf32 = true;
                auto ct = compute_v(model, layer, o.request, hp, templates, c, job);
                if (!ct) throw EngineException(ct.error());
                tf32.push_back(ct->seconds);
                tf32_diff = (ct->delta - d_fast).abs().max().item<double>() / (d_fast.abs().max().item<double>() + 1e-30);
            }
        }
        std::sort(fast.begin(), fast.end());
        std::sort(slow.begin(), slow.end());
        const double fast_med = fast[fast.size() / 2], slow_med = slow[slow.size() / 2];
        const double speedup = fast_med > 0 ? slow_med / fast_med : 0.0;
        const double diff = (d_fast - d_slow).abs().max().item<double>();

        nlohmann::json out;
        out["model"] = model.path().empty() ? std::string("(in memory)") : model.path();
        out["fingerprint"] = model.fingerprint();
        out["device"] = model.device().str();
        out["dtype"] = dtype_name(model.dtype());
        out["threads"] = torch::get_num_threads();
        out["layer"] = layer;
        out["n_layer"] = cfg.n_layer;
        out["templates"] = templates.size();
        out["mom2"] = first->diagnostics["mom2"];
        out["warmup_s"] = warmup;
        out["compute_u_s"] = min_median(tu);
        out["compute_v_s"] = min_median(tv);
        out["total_s"] = min_median(total);
        out["apply_s"] = apply_s;
        out["undo_s"] = undo_s;
        out["steps"] = hp.v_num_grad_steps;
        out["compute_v_cached_s"] = min_median(fast);
        out["compute_v_full_forward_s"] = min_median(slow);
        out["speedup_cached_lower_layers"] = speedup;
        out["max_abs_delta_diff"] = diff;
        if (!tf32.empty()) {
            out["compute_v_tf32_s"] = min_median(tf32);
            out["tf32_max_rel_delta_diff"] = tf32_diff;
        }
        out["division_factor"] = first->diagnostics["division_factor"];
        out["delta_norm_ratio"] = first->diagnostics["delta_norm_ratio"];
        std::ostringstream s;
        s.precision(3);
        s << "ROME edit at layer " << layer << " on " << model.device().str() << ": total " << std::fixed
          << out["total_s"]["median"].get<double>() << " s (compute_u " << out["compute_u_s"]["median"].get<double>()
          << " s, compute_v " << out["compute_v_s"]["median"].get<double>() << " s); compute_v " << hp.v_num_grad_steps
          << " steps: cached lower layers " << fast_med << " s vs full forward " << slow_med << " s = " << speedup << "x";
        out["summary"] = s.str();
        return out;
    });
}

}  // namespace lancet
