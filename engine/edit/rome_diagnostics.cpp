// ROME's diagnostics: what was edited and why, the update's size and its
// division factor (a disabling edit shows before it is applied), the
// optimisation's loss curve, where C came from, the target's probability before
// and after (simulated), and warnings.
#include "edit/rome.h"
#include "edit/context_templates.h"
#include "edit/rome_internal.h"

#include "core/cuda_graph.h"
#include "edit/detail.h"
#include "model/model.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

using edit_detail::seconds_since;

namespace {

// The edit record keeps u and v on the CPU; the keys live on the model's device.
double dot_f(const torch::Tensor& a, const torch::Tensor& b) {
    return torch::dot(a.to(torch::kFloat), b.to(a.device(), torch::kFloat)).item<double>();
}

nlohmann::json score_json(const TargetScore& s) {
    return {{"nll", s.nll}, {"prob", s.prob}, {"first_token_prob", s.first_token_prob}, {"tokens", s.tokens}};
}

}  // namespace

namespace rome_detail {

nlohmann::json rome_diagnostics(const Model& model, const RomeEdit& edit, const RomeReport& rep) {
    const RomeHyperParams& hp = edit.hparams;
    const RomeRequest& request = edit.request;
    const int layer = edit.layer;
    const RomeKeys& keys = rep.keys;
    const ComputeVResult& cv = rep.cv;
    const torch::Tensor u = edit.u;
    const double division = rep.division;
    const nlohmann::json& mom2_info = rep.mom2_info;
    nlohmann::json timings = rep.timings;
    const ModelConfig& cfg = model.config();
    const torch::Tensor& weight = model.weights().layers[static_cast<size_t>(layer)].mlp_out.weight;
    const double w_norm = weight.to(torch::kFloat).norm().item<double>();
    const double dw_norm = edit.u.norm().item<double>() * edit.v.norm().item<double>();
    const double ratio = w_norm > 0 ? dw_norm / w_norm : INFINITY;
    const double div_prompt = dot_f(keys.k_prompt, u), div_mean = dot_f(keys.k_mean, u);

    nlohmann::json diag;
    diag["method"] = "rome";
    diag["variant"] = hp.key_mode == RomeKeyMode::PrefixMean ? "r-ROME (template-mean keys)"
                      : hp.key_mode == RomeKeyMode::Original ? "ROME (original: bare-prompt key in the update)"
                                                             : "r-ROME (prompt keys)";
    diag["key_mode"] = rome_key_mode_name(hp.key_mode);
    diag["layer"] = layer;
    diag["layer_reason"] = edit.layer_reason;
    diag["module"] = model.architecture().module_path(Site::MlpOut, layer);
    diag["weight_name"] = edit.weight_name;
    diag["weight_layout"] = edit.in_out_layout ? "[d_ff, d] (Conv1D): ΔW = u vᵀ" : "[d, d_ff] (Linear): ΔW = v uᵀ";
    diag["division_factor"] = division;
    diag["division_factor_prompt"] = div_prompt;
    diag["division_factor_mean"] = div_mean;
    diag["delta_norm_ratio"] = ratio;
    diag["delta_norm"] = dw_norm;
    diag["weight_norm"] = w_norm;
    diag["u_norm"] = edit.u.norm().item<double>();
    diag["v_norm"] = edit.v.norm().item<double>();
    diag["v_init_norm"] = edit.v_init.norm().item<double>();
    diag["target_norm"] = edit.target.norm().item<double>();
    diag["delta_v_norm"] = edit.delta.norm().item<double>();
    if (!request.keep_prompts.empty())
        diag["keep"] = {{"prompts", request.keep_prompts},
                        {"factor", hp.keep_factor},
                        {"why", "Lancet's extension: KL at each keep prompt's last token (the subject's other facts)"}};
    diag["loss_curve"] = cv.loss_curve;
    diag["steps_run"] = cv.steps;
    diag["early_stopped"] = cv.early_stopped;
    diag["cache_lower_layers"] = rep.options.cache_lower_layers;
    diag["v_precision"] = v_precision_name(resolve_v_precision(rep.options.v_precision, model.device().is_cuda()));
    diag["cuda_graph"] = cv.cuda_graph;
    diag["v_positions_per_step"] = cv.positions_per_step;
    diag["v_positions_whole_rows"] = cv.positions_whole;
    diag["mom2"] = mom2_info;
    diag["context_templates"] = {{"count", edit.context_templates.size()},
                                 {"source", rep.templates_source},
                                 {"seed", hp.seed},
                                 {"templates", edit.context_templates}};
    diag["subject_token_rule"] =
        "subject_last: the last token overlapping the subject's bytes in the tokenisation of the whole "
        "formatted prompt (the reference tokenises prefix, subject and suffix separately)";
    {
        auto tgt = rome_target_ids(model, request.target_new).value();
        nlohmann::json toks = nlohmann::json::array();
        for (auto id : tgt) toks.push_back({{"id", id}, {"text", sanitize_utf8(model.tokenizer().token_bytes(id))}});
        diag["target_tokens"] = toks;
    }

    // Before / after (after simulated by a rank-one hook; the weights are untouched).
    const auto t = std::chrono::steady_clock::now();
    const std::string bare = format_prompt("{}", request.prompt, request.subject).value().text;
    diag["prompt_text"] = bare;
    // Both targets in one forward pass; before, then after.
    std::vector<std::string> targets{request.target_new};
    if (request.target_true) targets.push_back(*request.target_true);
    auto score = [&](bool after) {
        Interventions iv;
        if (after) add_rank_one_hook(iv, layer, edit.u.to(model.device()), edit.v.to(model.device()));
        auto s = score_targets(model, bare, targets, after ? &iv : nullptr).value();
        return s;
    };
    nlohmann::json scores;
    const auto before = score(false);
    scores["target_new"]["before"] = score_json(before[0]);
    if (request.target_true) scores["target_true"]["before"] = score_json(before[1]);
    if (rep.options.predict_after) {
        const auto after = score(true);
        scores["target_new"]["after"] = score_json(after[0]);
        if (request.target_true) scores["target_true"]["after"] = score_json(after[1]);
    }
    diag["scores"] = scores;
    diag["scores_after_method"] = "rank-one hook on the MLP output of the unedited model (equal to the applied edit up to float rounding)";
    diag["nll_before"] = scores["target_new"]["before"]["nll"];
    diag["prob_before"] = scores["target_new"]["before"]["prob"];
    if (rep.options.predict_after) {
        diag["nll_after"] = scores["target_new"]["after"]["nll"];
        diag["prob_after"] = scores["target_new"]["after"]["prob"];
    }
    timings["scores_s"] = seconds_since(t);

    nlohmann::json warnings = nlohmann::json::array();
    if (ratio > 0.5)
        warnings.push_back("the update is large relative to the weight (‖ΔW‖/‖W‖ = " + std::to_string(ratio) +
                           "): this edit may disable the model");
    if (hp.key_mode == RomeKeyMode::Original && std::fabs(div_prompt) < 0.1 * std::fabs(div_mean))
        warnings.push_back("the bare-prompt key is nearly orthogonal to u (division factor " + std::to_string(div_prompt) +
                           " vs " + std::to_string(div_mean) +
                           " for the template mean): the original formulation's disabling-edit case; the default "
                           "r-ROME formulation avoids it");
    if (cv.nll_last >= cv.nll_first - 1e-6) {
        std::string w = "optimising v* did not lower the target NLL (" + std::to_string(cv.nll_first) + " -> " +
                        std::to_string(cv.nll_last) + ")";
        if (layer == cfg.n_layer - 1)
            w += ": layer " + std::to_string(layer) +
                 " is the last one, so δ added at the subject cannot reach the later target positions";
        warnings.push_back(w);
    }
    if (!mom2_info.value("ridge_note", std::string()).empty())
        warnings.push_back("a ridge was added to C: " + mom2_info["ridge_note"].get<std::string>());
    diag["warnings"] = warnings;
    timings["total_s"] = seconds_since(rep.started);
    diag["timings"] = timings;
    if (model.device().is_cuda()) {
        // Why: a long session of edits must not grow the GPU's footprint (each
        // edit's CUDA graph has its own memory pool).
        const CudaMemoryStats mem = cuda_memory_stats();
        diag["cuda_memory_mib"] = {{"allocated", mem.allocated / 1048576.0},
                                   {"reserved", mem.reserved / 1048576.0},
                                   {"peak_allocated", mem.peak_allocated / 1048576.0}};
    }
    return diag;
}

}  // namespace rome_detail
}  // namespace lancet
