#include "model/architecture.h"
#include "model/arch_registry.h"
#include "model/config_parse.h"

namespace lancet {

const char* site_name(Site site) {
    switch (site) {
        case Site::Embed: return "embed";
        case Site::AttnOut: return "attn";
        case Site::MlpOut: return "mlp";
        case Site::BlockOut: return "hidden";
        case Site::MlpKey: return "mlp_key";
        case Site::AttnHeads: return "attn_heads";
    }
    return "?";
}

Expected<const Architecture*> architecture_for(const nlohmann::json& config) {
    // The family's name (and the refusal of any other) is config_parse's, so
    // the torch-free parser and the registry can never disagree.
    auto type = supported_model_type(config);
    if (!type) return type.error();
    const std::string& model_type = type.value();
    if (model_type == "gpt2") return &gpt2_architecture();
    if (model_type == "gpt_neox") return &neox_architecture();
    if (model_type == "gptj") return &gptj_architecture();
    return llama_family_architecture(model_type);
}

}  // namespace lancet
