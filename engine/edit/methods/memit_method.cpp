// MEMIT / AlphaEdit behind the edit-method interface.
#include "edit/methods/memit_method.h"

#include "edit/layer_choice.h"
#include "edit/rome.h"
#include "model/model.h"

#include <torch/torch.h>

namespace lancet {

namespace {

const char* section_name(MemitVariant v) { return v == MemitVariant::AlphaEdit ? "alphaedit" : "memit"; }

// Published settings with what the model folder declares laid over them
// (lancet.json {"memit": {"layers": [0, 1], "hparams": {...}, "reason": "..."}}),
// as ROME's layer and hparams are declared there.
MemitHyperParams hparams_for_model(const Model& model, MemitVariant variant, std::string* layers_reason = nullptr) {
    MemitHyperParams hp = default_memit_hparams(model.config(), variant);
    if (layers_reason && !hp.layers.empty()) *layers_reason = "published range (" + hp.source + ")";
    auto section = declared_method_section(model, section_name(variant));
    if (!section) return hp;
    nlohmann::json merged = hp.to_json();
    if (section->contains("hparams") && (*section)["hparams"].is_object()) merged.update((*section)["hparams"]);
    if (section->contains("layers")) merged["layers"] = (*section)["layers"];
    auto parsed = MemitHyperParams::from_json(merged);
    if (!parsed) {
        hp.source += "; the model folder's lancet.json " + std::string(section_name(variant)) + " section was ignored (" +
                     parsed.error().message + ")";
        return hp;
    }
    MemitHyperParams out = parsed.value();
    out.source = hp.source + "; " + section->dump() + " from the model folder's lancet.json";
    if (layers_reason && section->contains("layers"))
        *layers_reason = "declared in the model folder's lancet.json" +
                         (section->contains("reason") ? " (" + section->value("reason", std::string()) + ")" : std::string());
    return out;
}

// The layers a request without any gets: published or declared, else a range
// ending at the model's known ROME layer, else none (a trace decides).
std::pair<std::vector<int>, std::string> default_layers(const Model& model, MemitVariant variant) {
    std::string why;
    const MemitHyperParams hp = hparams_for_model(model, variant, &why);
    if (!hp.layers.empty()) return {hp.layers, why};
    if (auto known = known_edit_layer(model)) {
        auto layers = memit_layers_around(known->layer, static_cast<int>(model.config().n_layer));
        return {layers, "ending at the ROME " + known->reason + ", as the published MEMIT ranges end at or near ROME's layer"};
    }
    return {{}, ""};
}

}  // namespace

MethodInfo MemitMethod::info(const Model* model) const {
    const bool alpha = variant_ == MemitVariant::AlphaEdit;
    const MemitHyperParams d = model ? hparams_for_model(*model, variant_) : MemitHyperParams{};
    MethodInfo m;
    m.name = alpha ? "alphaedit" : "memit";
    m.label = alpha ? "AlphaEdit" : "MEMIT";
    m.description =
        alpha ? "AlphaEdit (Fang et al., ICLR 2025): MEMIT's update projected onto the null space of the preserved "
                "knowledge's keys, so what the model knew keeps its outputs; in sequential use the keys of earlier "
                "edits are preserved too. Many facts at once, spread over a range of MLP layers. "
                "docs/design/editing-methods.md §2."
              : "Mass-editing memory (Meng et al. 2023): many facts written at once, the change spread over a range "
                "of MLP down projections, each layer taking its share of the remaining error, weighted against the "
                "keys' second moment. docs/design/editing-methods.md §1.";
    m.delta_kind = "low-rank";
    m.uses_layers = true;
    m.max_layers = 0;
    m.layer_span = 5;
    m.batches = true;
    if (model) {
        auto [layers, why] = default_layers(*model, variant_);
        m.default_layers = layers;
        m.default_layers_reason = why;
    }
    m.params.push_back(make_param("v_num_grad_steps", "Adam steps for z",
                                  "Optimisation steps for each fact's target residual z (all facts of a batch "
                                  "together; each stops when its loss falls below early_stop_loss).",
                                  ParamType::Int, 1, 1000, d.v_num_grad_steps));
    m.params.push_back(make_param("v_lr", "Learning rate", "Adam learning rate of δ, the change to the residual stream.",
                                  ParamType::Double, 1e-4, 10, d.v_lr, false, true));
    m.params.push_back(make_param("clamp_norm_factor", "Clamp ‖δ‖",
                                  "‖δ‖ is kept at most this multiple of ‖h‖, the residual it changes.", ParamType::Double,
                                  0.01, 100, d.clamp_norm_factor));
    m.params.push_back(make_param("kl_factor", "KL weight (essence)",
                                  "Weight of KL(P_δ ‖ P_0) on \"{subject} is a\": keeps what the subject is.",
                                  ParamType::Double, 0, 100, d.kl_factor));
    m.params.push_back(make_param("v_weight_decay", "Weight decay on δ", "Penalty ‖δ‖ / ‖h‖² added to the loss.",
                                  ParamType::Double, 0, 100, d.v_weight_decay, true));
    m.params.push_back(make_param("early_stop_loss", "Early-stop loss", "A fact stops optimising once its loss is below this.",
                                  ParamType::Double, 0, 100, d.early_stop_loss, true));
    if (!alpha)
        m.params.push_back(make_param("mom2_update_weight", "λ (statistics weight)",
                                      "Weight of the keys' second moment against the edited keys: larger values "
                                      "protect other inputs more and edit less.",
                                      ParamType::Double, 0, 1e9, d.mom2_update_weight, false, true));
    else {
        m.params.push_back(make_param("nullspace_threshold", "Null-space threshold",
                                      "Eigenvalues of the keys' second moment below this (absolute) span the "
                                      "directions the update may use.",
                                      ParamType::Double, 0, 1e6, d.nullspace_threshold, false, true));
        m.params.push_back(make_param("L2", "α (ridge)", "Ridge term of the projected solve (the reference uses 10; "
                                      "EasyEdit's Llama-3/Qwen files 1).",
                                      ParamType::Double, 0, 1e9, d.l2, false, true));
    }
    m.params.push_back(make_param("mom2_n_samples", "Statistics sample (tokens)",
                                  "Token positions behind the second moment C.", ParamType::Int, 0, 1e9, d.mom2_n_samples,
                                  true));
    m.params.push_back(make_param("seed", "Template seed", "Seed of the model-written context templates.", ParamType::Int,
                                  0, 2147483647.0, static_cast<int64_t>(d.seed), true));
    return m;
}

Expected<nlohmann::json> MemitMethod::resolve_hparams(const Model& model, const EditSpec& spec) const {
    return validate_hparams(info(&model), spec.hparams);
}

Expected<EditResult> MemitMethod::compute(const Model& model, const EditSpec& spec, const EditRuntime& runtime,
                                          const JobContext& job) const {
    return compute_batch(model, {spec}, runtime, job);
}

Expected<EditResult> MemitMethod::compute_batch(const Model& model, const std::vector<EditSpec>& specs,
                                                const EditRuntime& runtime, const JobContext& job) const {
    return capture([&] {
        if (specs.empty()) fail(ErrorCode::InvalidArgument, "no requests to edit");
        const EditSpec& first = specs.front();
        if (first.layers.empty()) fail(ErrorCode::InvalidArgument, info(nullptr).label + " needs its layers chosen");
        std::vector<RomeRequest> requests;
        for (const auto& s : specs) {
            s.validate().value();
            RomeRequest r;
            r.prompt = s.prompt;
            r.subject = s.subject;
            r.target_new = s.target_new;
            r.target_true = s.target_true;
            requests.push_back(std::move(r));
        }
        const nlohmann::json values = resolve_hparams(model, first).value();
        MemitHyperParams base = hparams_for_model(model, variant_);
        nlohmann::json merged = base.to_json();
        merged.update(values);
        MemitOptions o;
        o.prefix_cache = !runtime.whole_rows;
        o.bucket_suffixes = !runtime.padded_suffixes;
        o.fused_kernels = !runtime.unfused_kernels;
        o.read_positions_only = !runtime.all_positions;
        o.variant = variant_;
        o.hparams = MemitHyperParams::from_json(merged).value();
        o.hparams.layers = first.layers;
        std::sort(o.hparams.layers.begin(), o.hparams.layers.end());
        o.stats.corpus_files = runtime.stats_corpus;
        o.stats.cache_dir = runtime.stats_cache_dir;
        o.stats.use_disk_cache = runtime.use_stats_cache;
        o.stats.npz = runtime.stats_npz;
        const bool alpha = variant_ == MemitVariant::AlphaEdit;
        if (alpha && runtime.preserved_gram) {
            o.preserved_gram = runtime.preserved_gram.get();
            o.key_gram = true;
        }
        MemitEdit edit = compute_memit(model, requests, o, job).value();

        EditResult r;
        r.method = alpha ? "alphaedit" : "memit";
        r.layers = edit.layers;
        r.layer_reason = first.layer_reason;
        r.hparams = o.hparams.to_json();
        r.delta = std::move(edit.delta);
        r.key_gram = std::move(edit.key_gram);
        r.diagnostics = edit.diagnostics;
        nlohmann::json warnings = nlohmann::json::array();
        for (const auto& l : r.diagnostics["per_layer"])
            if (l.contains("null_space_dim") && l["null_space_dim"].get<int64_t>() == 0)
                warnings.push_back("the preserved keys' null space is empty at layer " + std::to_string(l["layer"].get<int>()) +
                                   ": the update there is zero (raise nullspace_threshold)");
        r.diagnostics["warnings"] = warnings;
        r.diagnostics["delta"] = describe_delta(r.delta);
        double rel = 0;
        for (const auto& l : r.diagnostics["per_layer"]) rel = std::max(rel, l.value("relative", 0.0));
        r.diagnostics["delta_norm_ratio"] = rel;
        r.seconds = r.diagnostics["timings"].value("total_s", 0.0);
        return r;
    });
}

}  // namespace lancet
