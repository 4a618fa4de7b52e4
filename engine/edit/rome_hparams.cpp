// ROME's request and hyperparameters: JSON forms, names of the enums, and the
// published settings per model (docs/design/rome-spec.md §2.7).
#include "edit/rome.h"

#include <torch/torch.h>

namespace lancet {


nlohmann::json RomeRequest::to_json() const {
    nlohmann::json j{{"prompt", prompt}, {"subject", subject}, {"target_new", target_new}};
    j["target_true"] = target_true ? nlohmann::json(*target_true) : nlohmann::json(nullptr);
    if (!keep_prompts.empty()) j["keep_prompts"] = keep_prompts;
    return j;
}

Expected<RomeRequest> RomeRequest::from_json(const nlohmann::json& j) {
    return capture([&] {
        if (!j.is_object()) fail(ErrorCode::InvalidArgument, "an edit request must be a JSON object");
        auto str = [&](const char* k) -> std::string {
            if (!j.contains(k) || !j[k].is_string())
                fail(ErrorCode::InvalidArgument, std::string("the edit request needs a string \"") + k + "\"");
            return j[k].get<std::string>();
        };
        RomeRequest r;
        r.prompt = str("prompt");
        r.subject = str("subject");
        r.target_new = str("target_new");
        if (j.contains("target_true") && j["target_true"].is_string()) r.target_true = j["target_true"].get<std::string>();
        if (j.contains("keep_prompts")) {
            const auto& k = j["keep_prompts"];
            if (!k.is_array()) fail(ErrorCode::InvalidArgument, "the edit request's \"keep_prompts\" must be a list of strings");
            for (const auto& p : k) {
                if (!p.is_string())
                    fail(ErrorCode::InvalidArgument, "the edit request's \"keep_prompts\" must be a list of strings");
                r.keep_prompts.push_back(p.get<std::string>());
            }
        }
        return r;
    });
}

VPrecision resolve_v_precision(VPrecision p, bool cuda) {
    if (p != VPrecision::Auto) return p;
    return cuda ? VPrecision::Tf32 : VPrecision::Float32;
}

const char* v_precision_name(VPrecision p) {
    switch (p) {
        case VPrecision::Auto: return "auto";
        case VPrecision::Float32: return "fp32";
        case VPrecision::Tf32: return "tf32";
        case VPrecision::Bf16: return "bf16";
    }
    return "?";
}

std::optional<VPrecision> parse_v_precision(const std::string& name) {
    if (name == "auto") return VPrecision::Auto;
    if (name == "fp32" || name == "float32") return VPrecision::Float32;
    if (name == "tf32") return VPrecision::Tf32;
    if (name == "bf16" || name == "bfloat16") return VPrecision::Bf16;
    return std::nullopt;
}

const char* rome_key_mode_name(RomeKeyMode mode) {
    switch (mode) {
        case RomeKeyMode::PrefixMean: return "prefix_mean";
        case RomeKeyMode::Original: return "original";
        case RomeKeyMode::PromptKeys: return "prompt_keys";
    }
    return "prefix_mean";
}

std::optional<RomeKeyMode> parse_rome_key_mode(const std::string& name) {
    if (name == "prefix_mean" || name == "r-rome" || name == "rrome") return RomeKeyMode::PrefixMean;
    if (name == "original" || name == "rome") return RomeKeyMode::Original;
    if (name == "prompt_keys" || name == "prompt") return RomeKeyMode::PromptKeys;
    return std::nullopt;
}

nlohmann::json RomeHyperParams::to_json() const {
    nlohmann::json lp = nlohmann::json::array();
    for (const auto& p : context_template_length_params) lp.push_back({p.first, p.second});
    return {{"layer", layer},
            {"v_num_grad_steps", v_num_grad_steps},
            {"v_lr", v_lr},
            {"v_weight_decay", v_weight_decay},
            {"clamp_norm_factor", clamp_norm_factor},
            {"kl_factor", kl_factor},
            {"keep_factor", keep_factor},
            {"early_stop_loss", early_stop_loss},
            {"mom2_adjustment", mom2_adjustment},
            {"mom2_n_samples", mom2_n_samples},
            {"mom2_sample_unit", "token positions"},
            {"mom2_dtype", mom2_dtype},
            {"ridge_lambda", ridge_lambda},
            {"key_mode", rome_key_mode_name(key_mode)},
            {"fact_token", "subject_last"},
            {"context_template_length_params", lp},
            {"seed", seed},
            {"source", source}};
}

Expected<RomeHyperParams> RomeHyperParams::from_json(const nlohmann::json& j) {
    return capture([&] {
        if (!j.is_object()) fail(ErrorCode::InvalidArgument, "hyperparameters must be a JSON object");
        RomeHyperParams h;
        try {
            if (j.contains("layer")) h.layer = j["layer"].get<int>();
            if (j.contains("v_num_grad_steps")) h.v_num_grad_steps = j["v_num_grad_steps"].get<int>();
            if (j.contains("v_lr")) h.v_lr = j["v_lr"].get<double>();
            if (j.contains("v_weight_decay")) h.v_weight_decay = j["v_weight_decay"].get<double>();
            if (j.contains("clamp_norm_factor")) h.clamp_norm_factor = j["clamp_norm_factor"].get<double>();
            if (j.contains("kl_factor")) h.kl_factor = j["kl_factor"].get<double>();
            if (j.contains("keep_factor")) h.keep_factor = j["keep_factor"].get<double>();
            if (j.contains("early_stop_loss")) h.early_stop_loss = j["early_stop_loss"].get<double>();
            if (j.contains("mom2_adjustment")) h.mom2_adjustment = j["mom2_adjustment"].get<bool>();
            if (j.contains("mom2_n_samples")) h.mom2_n_samples = j["mom2_n_samples"].get<int64_t>();
            if (j.contains("mom2_dtype")) h.mom2_dtype = j["mom2_dtype"].get<std::string>();
            if (j.contains("ridge_lambda")) h.ridge_lambda = j["ridge_lambda"].get<double>();
            if (j.contains("key_mode")) {
                auto m = parse_rome_key_mode(j["key_mode"].get<std::string>());
                if (!m) fail(ErrorCode::InvalidArgument, "unknown key_mode \"" + j["key_mode"].get<std::string>() + "\"");
                h.key_mode = *m;
            }
            if (j.contains("context_template_length_params")) {
                h.context_template_length_params.clear();
                for (const auto& p : j["context_template_length_params"])
                    h.context_template_length_params.emplace_back(p.at(0).get<int>(), p.at(1).get<int>());
            }
            if (j.contains("seed")) h.seed = j["seed"].get<uint64_t>();
            if (j.contains("source")) h.source = j["source"].get<std::string>();
        } catch (const nlohmann::json::exception& e) {
            fail(ErrorCode::InvalidArgument, std::string("bad hyperparameters: ") + e.what());
        }
        return h;
    });
}

namespace {

struct Published {
    int layer;
    int steps;
    double weight_decay;
    double clamp;
    const char* source;
};

std::optional<Published> published_for(const ModelConfig& c) {
    const std::string& f = c.family;
    if (f == "gpt2") {
        if (c.n_layer == 24 && c.d_model == 1024) return Published{8, 20, 0.5, 3.0, "rome hparams/ROME/gpt2-medium.json"};
        if (c.n_layer == 36 && c.d_model == 1280) return Published{12, 20, 0.5, 4.0, "rome hparams/ROME/gpt2-large.json"};
        if (c.n_layer == 48 && c.d_model == 1600) return Published{17, 20, 0.5, 4.0, "rome hparams/ROME/gpt2-xl.json"};
        return std::nullopt;
    }
    if ((f == "gptj" || f == "gpt_j") && c.n_layer == 28 && c.d_model == 4096)
        return Published{5, 20, 0.5, 4.0, "rome hparams/ROME/EleutherAI_gpt-j-6B.json"};
    if ((f == "gpt_neox" || f == "gptneox") && c.n_layer == 44 && c.d_model == 6144)
        return Published{15, 20, 0.5, 4.0, "memit hparams/ROME/EleutherAI_gpt-neox-20b.json"};
    if ((f == "llama" || f == "mistral") && c.n_layer == 32 && c.d_model == 4096)
        return Published{5, 25, 1e-3, 4.0, "EasyEdit hparams/ROME/llama-7b.yaml (also llama3-8b, mistral-7b)"};
    if ((f == "qwen2" || f == "qwen") && c.n_layer == 28 && c.d_model == 3584)
        return Published{5, 25, 1e-3, 4.0, "EasyEdit hparams/ROME/qwen2.5-7b.yaml"};
    return std::nullopt;
}

}  // namespace

std::optional<int> published_default_layer(const ModelConfig& config) {
    auto p = published_for(config);
    if (!p) return std::nullopt;
    return p->layer;
}

RomeHyperParams default_rome_hparams(const ModelConfig& config) {
    RomeHyperParams h;
    if (auto p = published_for(config)) {
        h.layer = p->layer;
        h.v_num_grad_steps = p->steps;
        h.v_weight_decay = p->weight_decay;
        h.clamp_norm_factor = p->clamp;
        h.source = p->source;
    } else {
        h.source = "no published setting for this model: GPT-2 XL values, layer chosen by the caller";
    }
    return h;
}

}  // namespace lancet
