// ROME and r-ROME behind the edit-method interface: one method, the key
// formulation a hyperparameter (key_mode), the arithmetic in edit/rome*.cpp.
#include "edit/methods/rome_method.h"

#include "edit/layer_choice.h"
#include "edit/rome.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <set>

namespace lancet {

namespace {

// The Adam steps the keep term needs: it fights the edit where two facts share a
// readout, and three times the steps recover what it costs (demo model: ES 94.3 %
// with 20 steps, 96.2 % with 60; its model card's ROME section).
constexpr int kKeepPromptSteps = 60;

const std::set<std::string> kFileOnlyFields = {"layer", "source", "mom2_sample_unit", "fact_token", "mom2_dtype",
                                               "context_template_length_params"};

RomeRequest rome_request(const EditSpec& spec) {
    RomeRequest r;
    r.prompt = spec.prompt;
    r.subject = spec.subject;
    r.target_new = spec.target_new;
    r.target_true = spec.target_true;
    r.keep_prompts = spec.keep_prompts;
    return r;
}

}  // namespace

MethodInfo RomeMethod::info(const Model* model) const {
    const RomeHyperParams d = model ? rome_hparams_for_model(*model) : RomeHyperParams{};
    MethodInfo m;
    m.name = "rome";
    m.label = "ROME / r-ROME";
    m.description =
        "Rank-one model editing (Meng et al. 2022): one rank-one update of the MLP down projection at one layer "
        "maps the subject's key to a new value that makes the model say the target. key_mode picks ROME as "
        "published (original) or r-ROME's consistent keys (Gupta et al. 2024), which avoid disabling edits. "
        "docs/design/rome-spec.md §2.";
    m.delta_kind = "rank-one";
    m.uses_layers = true;
    m.max_layers = 1;
    ParamInfo key;
    key.name = "key_mode";
    key.label = "Key formulation";
    key.tooltip =
        "prefix_mean: r-ROME, the template-mean key in u and in the update (consistent keys, no disabling edits). "
        "original: ROME as published, the bare prompt's key and value in the update. prompt_keys: r-ROME with the "
        "bare prompt's key for both.";
    key.type = ParamType::Choice;
    key.choices = {"prefix_mean", "original", "prompt_keys"};
    key.default_value = rome_key_mode_name(d.key_mode);
    m.params.push_back(key);
    m.params.push_back(make_param("v_num_grad_steps", "Adam steps for v*",
                              "Optimisation steps for the new value v* (early stop when the loss falls below "
                              "early_stop_loss). With keep prompts the default is raised to 60.",
                              ParamType::Int, 1, 1000, d.v_num_grad_steps));
    m.params.push_back(make_param("v_lr", "Learning rate", "Adam learning rate of δ, the change to the MLP output.",
                              ParamType::Double, 1e-4, 10, d.v_lr, false, true));
    m.params.push_back(make_param("clamp_norm_factor", "Clamp ‖δ‖",
                              "‖δ‖ is kept at most this multiple of ‖v_init‖: smaller values give gentler, "
                              "sometimes failing, edits.",
                              ParamType::Double, 0.01, 100, d.clamp_norm_factor));
    m.params.push_back(make_param("kl_factor", "KL weight (essence)",
                              "Weight of KL(P_δ ‖ P_0) on \"{subject} is a\": keeps what the subject is.",
                              ParamType::Double, 0, 100, d.kl_factor));
    m.params.push_back(make_param("keep_factor", "Keep weight",
                              "Weight of the keep prompts' KL (Lancet's extension, used only with keep prompts).",
                              ParamType::Double, 0, 100, d.keep_factor));
    m.params.push_back(make_param("v_weight_decay", "Weight decay on δ", "Penalty ‖δ‖ / ‖v_init‖² added to the loss.",
                              ParamType::Double, 0, 100, d.v_weight_decay, true));
    m.params.push_back(make_param("early_stop_loss", "Early-stop loss", "Stop optimising v* once the loss is below this.",
                              ParamType::Double, 0, 100, d.early_stop_loss, true));
    ParamInfo mom2;
    mom2.name = "mom2_adjustment";
    mom2.label = "Whiten with C⁻¹";
    mom2.tooltip = "u = C⁻¹k*/‖C⁻¹k*‖ with C the keys' second moment (the paper); off: u = k*/‖k*‖.";
    mom2.type = ParamType::Bool;
    mom2.default_value = d.mom2_adjustment;
    mom2.advanced = true;
    m.params.push_back(mom2);
    m.params.push_back(make_param("mom2_n_samples", "Statistics sample (tokens)",
                              "Token positions behind C (the reference counts articles).", ParamType::Int, 0, 1e9,
                              d.mom2_n_samples, true));
    m.params.push_back(make_param("ridge_lambda", "Ridge (singular C)", "Added to C only when it is singular.",
                              ParamType::Double, 0, 1, d.ridge_lambda, true));
    m.params.push_back(make_param("seed", "Template seed", "Seed of the model-written context templates.", ParamType::Int,
                              0, 2147483647.0, static_cast<int64_t>(d.seed), true));
    return m;
}

Expected<nlohmann::json> RomeMethod::resolve_hparams(const Model& model, const EditSpec& spec) const {
    // Fields of a full hyperparameter file (RomeHyperParams::to_json, the reference's
    // JSON files) that are not form parameters pass through to RomeHyperParams,
    // which checks their types: a saved file can be given back as it is.
    nlohmann::json form = nlohmann::json::object(), extra = nlohmann::json::object();
    for (auto it = spec.hparams.begin(); it != spec.hparams.end(); ++it)
        (kFileOnlyFields.count(it.key()) ? extra : form)[it.key()] = it.value();
    auto values = validate_hparams(info(&model), form);
    if (!values) return values;
    values->update(extra);
    if (auto parsed = RomeHyperParams::from_json(*values); !parsed) return parsed.error();
    if (!spec.keep_prompts.empty() && !spec.hparams.contains("v_num_grad_steps"))
        (*values)["v_num_grad_steps"] = std::max<int64_t>((*values)["v_num_grad_steps"].get<int64_t>(), kKeepPromptSteps);
    return values;
}

Expected<EditResult> RomeMethod::compute(const Model& model, const EditSpec& spec, const EditRuntime& runtime,
                                         const JobContext& job) const {
    return capture([&] {
        spec.validate().value();
        if (spec.layers.size() != 1)
            fail(ErrorCode::InvalidArgument, "ROME edits exactly one layer (the request names " +
                                                 std::to_string(spec.layers.size()) + ")");
        const nlohmann::json values = resolve_hparams(model, spec).value();
        RomeOptions o;
        RomeHyperParams base = rome_hparams_for_model(model);
        nlohmann::json merged = base.to_json();
        merged.update(values);
        o.hparams = RomeHyperParams::from_json(merged).value();
        o.hparams.source = base.source;
        o.layer = spec.layers.front();
        o.layer_reason = spec.layer_reason;
        auto precision = parse_v_precision(runtime.v_precision);
        if (!precision) fail(ErrorCode::InvalidArgument, "unknown precision \"" + runtime.v_precision + "\"");
        o.v_precision = *precision;
        o.fused_kernels = !runtime.unfused_kernels;
        o.skip_unread_work = !runtime.all_positions;
        o.stats.corpus_files = runtime.stats_corpus;
        o.stats.cache_dir = runtime.stats_cache_dir;
        o.stats.use_disk_cache = runtime.use_stats_cache;
        o.stats.npz = runtime.stats_npz;
        o.predict_after = runtime.predict_after;
        RomeEdit edit = compute_rome(model, rome_request(spec), o, job).value();
        return rome_edit_result(edit);
    });
}

EditResult rome_edit_result(const RomeEdit& edit) {
    EditResult r;
    r.method = "rome";
    r.layers = {edit.layer};
    r.layer_reason = edit.layer_reason;
    r.hparams = edit.hparams.to_json();
    // ΔW in the weight's own layout: u vᵀ for GPT-2's Conv1D [d_ff, d], v uᵀ for a Linear [d, d_ff].
    r.delta = {edit.in_out_layout ? TensorDelta::rank_one(edit.weight_name, edit.weight_shape, edit.u, edit.v)
                                  : TensorDelta::rank_one(edit.weight_name, edit.weight_shape, edit.v, edit.u)};
    r.diagnostics = edit.diagnostics;
    r.diagnostics["delta"] = describe_delta(r.delta);
    r.seconds = edit.diagnostics.value("timings", nlohmann::json::object()).value("total_s", 0.0);
    return r;
}

}  // namespace lancet
