#include "edit/rome_bench.h"
#include "core/device_sync.h"

#include "edit/context_templates.h"
#include "edit/detail.h"
#include "core/cuda_graph.h"
#include "core/kernel_profile.h"
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

}  // namespace

Expected<nlohmann::json> bench_rome(Model& model, const RomeBenchOptions& o, const JobContext& job) {
    return capture([&] {
        const ModelConfig& cfg = model.config();
        RomeOptions ro;
        ro.hparams = default_rome_hparams(cfg);
        ro.hparams.mom2_adjustment = o.mom2;
        if (o.stats_samples > 0) ro.hparams.mom2_n_samples = o.stats_samples;
        ro.stats = o.stats;
        ro.v_precision = o.v_precision;
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
        auto first = compute_rome(model, o.request, ro, job).value();
        const double warmup = seconds_since(t);
        const int layer = first.layer;

        std::vector<double> tu, tv, total, edit_only;
        nlohmann::json last_timings;
        // The timed edits' own peak (weights, cached C⁻¹ and templates included;
        // the statistics pass of the warm-up excluded).
        if (model.device().is_cuda()) reset_cuda_peak_memory();
        for (int r = 0; r < repeats; ++r) {
            job.check_cancelled();
            t = std::chrono::steady_clock::now();
            auto e = compute_rome(model, o.request, ro, job).value();
            total.push_back(seconds_since(t));
            tu.push_back(e.diagnostics["timings"]["compute_u_s"].get<double>());
            tv.push_back(e.diagnostics["timings"]["compute_v_s"].get<double>());
            last_timings = e.diagnostics["timings"];
            // What the reference's apply_rome_to_model times: the edit without
            // Lancet's before/after target probabilities (two forward passes).
            edit_only.push_back(total.back() - last_timings["scores_s"].get<double>());
        }

        const CudaMemoryStats edit_memory = cuda_memory_stats();
        // Apply + undo (the weights end as they started).
        EditHistory history;
        t = std::chrono::steady_clock::now();
        auto ok = history.apply(model, make_edit_record(first, model));
        if (!ok) throw EngineException(ok.error());
        synchronize_device(model.device());
        const double apply_s = seconds_since(t);
        t = std::chrono::steady_clock::now();
        ok = history.undo(model);
        if (!ok) throw EngineException(ok.error());
        synchronize_device(model.device());
        const double undo_s = seconds_since(t);

        // compute_v with and without the cached lower layers, same fixed step count.
        const auto& templates = first.context_templates;
        RomeHyperParams hp = first.hparams;
        // Every timed compute_v runs all its steps (early stop off).
        auto run_v = [&](ComputeVOptions c) {
            job.check_cancelled();
            c.early_stop = false;
            return compute_v(model, layer, o.request, hp, templates, c, job).value();
        };
        // One timed run of `c`: its seconds and its δ kept for the figures below.
        auto time_v = [&](const ComputeVOptions& c, std::vector<double>& seconds, torch::Tensor& delta) {
            ComputeVResult res = run_v(c);
            seconds.push_back(res.seconds);
            delta = res.delta;
            return res;
        };
        std::vector<double> fast, slow, whole_rows, all_work_s, skipping_s;
        torch::Tensor d_fast, d_slow, d_whole, d_all_work, d_skipping;
        bool skipped_block = false, narrowed_last = false;
        int64_t positions_per_step = 0, positions_whole = 0;
        double nll_fast = 0.0;
        std::string graph_status;
        ComputeVOptions fp32;
        fp32.precision = VPrecision::Float32;
        for (int r = 0; r < repeats; ++r) {
            auto cf = time_v(fp32, fast, d_fast);
            nll_fast = cf.nll_last;
            graph_status = cf.cuda_graph;
            positions_per_step = cf.positions_per_step;
            positions_whole = cf.positions_whole;
            ComputeVOptions whole = fp32;  // lower layers cached, rows run whole
            whole.recompute_suffix_only = false;
            time_v(whole, whole_rows, d_whole);
            ComputeVOptions full = fp32;
            full.cache_lower_layers = false;
            time_v(full, slow, d_slow);
            // The A/B for ComputeVOptions::skip_unread_work, in the timed edits' precision.
            ComputeVOptions all_work;
            all_work.precision = o.v_precision;
            all_work.skip_unread_work = false;
            time_v(all_work, all_work_s, d_all_work);
            ComputeVOptions timed;
            timed.precision = o.v_precision;
            auto ct = time_v(timed, skipping_s, d_skipping);
            skipped_block = ct.first_block_per_step > layer;
            narrowed_last = ct.last_block_narrowed;
        }
        // ‖δ − δ_fp32‖ / ‖δ_fp32‖
        auto rel_to_fp32 = [&](const torch::Tensor& d) {
            return (d - d_fast).norm().item<double>() / (d_fast.norm().item<double>() + 1e-30);
        };
        // On CUDA: fp32 without the CUDA graph (the launch-bound eager loop), and
        // the cached path with tensor-core arithmetic (TF32, bf16 autocast).
        struct Variant {
            VPrecision precision;
            std::vector<double> seconds;
            double rel_diff = 0.0;
            double nll_last = 0.0;
        };
        std::vector<Variant> variants;
        std::vector<double> eager, graph_at_step1, unfused;
        double eager_diff = 0.0, step1_diff = 0.0, unfused_diff = 0.0;
        if (model.device().is_cuda()) {
            // Runs `c` `repeats` times, its times into `seconds`; returns the last run.
            auto repeat_v = [&](const ComputeVOptions& c, std::vector<double>& seconds) {
                ComputeVResult last;
                for (int r = 0; r < repeats; ++r) {
                    last = run_v(c);
                    seconds.push_back(last.seconds);
                }
                return last;
            };
            // The graph recorded after an eager step 0 (as on a cold stream): the A/B for recording at step 0.
            ComputeVOptions late = fp32;
            late.graph_from_first_step = false;
            step1_diff = rel_to_fp32(repeat_v(late, graph_at_step1).delta);
            ComputeVOptions no_graph = fp32;
            no_graph.cuda_graph = false;
            eager_diff = rel_to_fp32(repeat_v(no_graph, eager).delta);
            // The blocks without fused kernels, in the timed edits' precision: the A/B for ForwardInput::fused_kernels.
            ComputeVOptions unfused_v;
            unfused_v.precision = o.v_precision;
            unfused_v.fused_kernels = false;
            unfused_diff = rel_to_fp32(repeat_v(unfused_v, unfused).delta);
            for (VPrecision p : {VPrecision::Tf32, VPrecision::Bf16}) {
                Variant v{p, {}, 0.0, 0.0};
                ComputeVOptions c;
                c.precision = p;
                const ComputeVResult last = repeat_v(c, v.seconds);
                v.rel_diff = rel_to_fp32(last.delta);
                v.nll_last = last.nll_last;
                variants.push_back(std::move(v));
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
        out["v_precision"] = v_precision_name(resolve_v_precision(o.v_precision, model.device().is_cuda()));
        out["n_layer"] = cfg.n_layer;
        out["templates"] = templates.size();
        out["mom2"] = first.diagnostics["mom2"];
        out["warmup_s"] = warmup;
        out["compute_u_s"] = min_median(tu);
        out["compute_v_s"] = min_median(tv);
        out["total_s"] = min_median(total);
        out["timings_last_edit"] = last_timings;  // every stage of compute_rome, incl. the before/after scores
        out["edit_without_scores_s"] = min_median(edit_only);
        if (model.device().is_cuda()) {
            out["edit_peak_cuda_mib"] = static_cast<double>(edit_memory.peak_allocated) / 1048576.0;
            out["weights_mib"] = static_cast<double>(model.weight_bytes()) / 1048576.0;
        }
        out["apply_s"] = apply_s;
        out["undo_s"] = undo_s;
        out["steps"] = hp.v_num_grad_steps;
        out["compute_v_cached_s"] = min_median(fast);
        out["compute_v_full_forward_s"] = min_median(slow);
        out["speedup_cached_lower_layers"] = speedup;
        out["compute_v_whole_rows_s"] = min_median(whole_rows);  // lower layers cached, every position re-run
        out["v_positions_per_step"] = positions_per_step;
        out["v_positions_whole_rows"] = positions_whole;
        out["whole_rows_rel_delta_diff"] = rel_to_fp32(d_whole);
        out["max_abs_delta_diff"] = diff;
        out["compute_v_fp32_nll_last"] = nll_fast;
        out["cuda_graph"] = graph_status;
        if (!graph_at_step1.empty()) {
            out["compute_v_graph_at_step1_s"] = min_median(graph_at_step1);
            out["graph_at_step1_rel_delta_diff"] = step1_diff;
        }
        // skip_unread_work on (the default) and off, same precision, interleaved.
        out["compute_v_skipping_unread_s"] = min_median(skipping_s);
        out["compute_v_all_work_s"] = min_median(all_work_s);
        out["skipping_rel_delta_diff"] =
            (d_skipping - d_all_work).norm().item<double>() / (d_all_work.norm().item<double>() + 1e-30);
        out["skips_edit_block"] = skipped_block;
        out["last_block_at_read_positions"] = narrowed_last;
        if (!unfused.empty()) {
            out["compute_v_unfused_s"] = min_median(unfused);  // ComputeVOptions::fused_kernels off
            out["unfused_rel_delta_diff"] = unfused_diff;
        }
        if (!eager.empty()) {
            out["compute_v_eager_s"] = min_median(eager);  // fp32, no CUDA graph
            out["eager_rel_delta_diff"] = eager_diff;
        }
        for (const auto& v : variants) {
            const std::string name = v_precision_name(v.precision);
            out["compute_v_" + name + "_s"] = min_median(v.seconds);
            out[name + "_rel_delta_diff"] = v.rel_diff;  // ‖δ − δ_fp32‖ / ‖δ_fp32‖
            out[name + "_nll_last"] = v.nll_last;
        }
        if (!o.profile_prefix.empty() && !model.device().is_cuda()) {
            out["kernel_profiles"] = {{"error", "kernel profiles record CUDA kernels: run on a CUDA device"}};
        } else if (!o.profile_prefix.empty()) {
            // After every timed run, so recording cannot slow them.
            nlohmann::json traces = nlohmann::json::object();
            ComputeVOptions graphed;
            graphed.precision = o.v_precision;
            ComputeVOptions eager_v = graphed;
            eager_v.cuda_graph = false;
            for (const auto& [name, c] : {std::pair{std::string("graph"), graphed}, std::pair{std::string("eager"), eager_v}}) {
                KernelProfile profile;
                std::string why = profile.start();
                double seconds = 0.0;
                if (why.empty()) {
                    seconds = run_v(c).seconds;
                    why = profile.stop_and_save(o.profile_prefix + "-" + name + ".json");
                }
                traces[name] = why.empty() ? nlohmann::json{{"file", o.profile_prefix + "-" + name + ".json"},
                                                            {"compute_v_s_while_recording", seconds}}
                                           : nlohmann::json{{"error", why}};
            }
            out["kernel_profiles"] = traces;
        }
        out["division_factor"] = first.diagnostics["division_factor"];
        out["delta_norm_ratio"] = first.diagnostics["delta_norm_ratio"];
        std::ostringstream s;
        s.precision(3);
        s << "ROME edit at layer " << layer << " on " << model.device().str() << ": total " << std::fixed
          << out["total_s"]["median"].get<double>() << " s (compute_u " << out["compute_u_s"]["median"].get<double>()
          << " s, compute_v " << out["compute_v_s"]["median"].get<double>() << " s); compute_v " << hp.v_num_grad_steps
          << " steps: cached (lower layers + positions before the subject, " << positions_per_step << " of "
          << positions_whole << " positions a step) " << fast_med << " s vs full forward " << slow_med << " s = "
          << speedup << "x";
        out["summary"] = s.str();
        return out;
    });
}

}  // namespace lancet
