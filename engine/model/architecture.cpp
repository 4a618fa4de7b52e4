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
        case Site::AttnHeads: return "attn_heads";
    }
    return "?";
}

namespace {

const char* const kSupported =
    "gpt2, gpt_neox, gptj, llama, mistral, qwen2, qwen3, gemma, gemma2, gemma3_text";

// When config.json lacks model_type, its architectures list names the class.
std::string model_type_from_class(const std::string& cls) {
    static const std::pair<const char*, const char*> prefixes[] = {
        {"GPT2", "gpt2"}, {"GPTNeoX", "gpt_neox"}, {"GPTJ", "gptj"}, {"Llama", "llama"}, {"Mistral", "mistral"},
        {"Qwen2", "qwen2"}, {"Qwen3", "qwen3"}, {"Gemma3", "gemma3_text"}, {"Gemma2", "gemma2"}, {"Gemma", "gemma"},
    };
    for (const auto& [prefix, type] : prefixes)
        if (cls.rfind(prefix, 0) == 0) return type;
    return {};
}

}  // namespace

Expected<const Architecture*> architecture_for(const nlohmann::json& config) {
    std::string model_type;
    if (config.contains("model_type") && config["model_type"].is_string()) model_type = config["model_type"].get<std::string>();
    if (model_type.empty() && config.contains("architectures") && config["architectures"].is_array() &&
        !config["architectures"].empty() && config["architectures"][0].is_string())
        model_type = model_type_from_class(config["architectures"][0].get<std::string>());
    if (model_type == "gpt2") return &gpt2_architecture();
    if (model_type == "gpt_neox") return &neox_architecture();
    if (model_type == "gptj") return &gptj_architecture();
    if (const Architecture* a = llama_family_architecture(model_type)) return a;
    if (model_type.empty())
        return Error{ErrorCode::InvalidFile, std::string("config.json names no model_type; supported: ") + kSupported};
    if (model_type == "gemma3")
        return Error{ErrorCode::Unsupported,
                     "model_type \"gemma3\" is the multimodal Gemma 3 checkpoint; Lancet edits the text model "
                     "(Gemma3ForCausalLM, model_type \"gemma3_text\": the 1B model, or a text-only export)"};
    return Error{ErrorCode::Unsupported,
                 "model_type \"" + model_type + "\" is not supported; supported: " + kSupported};
}

}  // namespace lancet
