#include "model/architecture.h"
#include "model/arch_registry.h"

namespace lancet {

const char* site_name(Site site) {
    switch (site) {
        case Site::Embed: return "embed";
        case Site::AttnOut: return "attn";
        case Site::MlpOut: return "mlp";
        case Site::BlockOut: return "hidden";
        case Site::MlpKey: return "mlp_key";
    }
    return "?";
}

Expected<const Architecture*> architecture_for(const nlohmann::json& config) {
    std::string model_type = config.value("model_type", std::string());
    if (model_type.empty() && config.contains("architectures") && config["architectures"].is_array() &&
        !config["architectures"].empty() && config["architectures"][0].is_string()) {
        std::string cls = config["architectures"][0].get<std::string>();
        if (cls.rfind("GPT2", 0) == 0) model_type = "gpt2";
    }
    if (model_type == "gpt2") return &gpt2_architecture();
    if (model_type.empty())
        return Error{ErrorCode::InvalidFile, "config.json names no model_type; supported: gpt2"};
    return Error{ErrorCode::Unsupported,
                 "model_type \"" + model_type + "\" is not supported yet; supported: gpt2 "
                 "(GPT-NeoX, GPT-J and LLaMA-style models are planned)"};
}


}  // namespace lancet
