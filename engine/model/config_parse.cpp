// Which family reads a config.json: model_type, or the class named first in
// `architectures` when model_type is missing (old exports).
#include "model/config_parse.h"

#include <utility>

namespace lancet {

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

Expected<std::string> supported_model_type(const nlohmann::json& config) {
    std::string model_type;
    if (config.contains("model_type") && config["model_type"].is_string()) model_type = config["model_type"].get<std::string>();
    if (model_type.empty() && config.contains("architectures") && config["architectures"].is_array() &&
        !config["architectures"].empty() && config["architectures"][0].is_string())
        model_type = model_type_from_class(config["architectures"][0].get<std::string>());
    if (model_type == "gpt2" || model_type == "gpt_neox" || model_type == "gptj" || is_llama_family(model_type))
        return model_type;
    if (model_type.empty())
        return Error{ErrorCode::InvalidFile, std::string("config.json names no model_type; supported: ") + kSupported};
    if (model_type == "gemma3")
        return Error{ErrorCode::Unsupported,
                     "model_type \"gemma3\" is the multimodal Gemma 3 checkpoint; Lancet edits the text model "
                     "(Gemma3ForCausalLM, model_type \"gemma3_text\": the 1B model, or a text-only export)"};
    return Error{ErrorCode::Unsupported,
                 "model_type \"" + model_type + "\" is not supported; supported: " + kSupported};
}

Expected<ModelConfig> parse_model_config(const nlohmann::json& config) {
    auto type = supported_model_type(config);
    if (!type) return type.error();
    const std::string& t = type.value();
    if (t == "gpt2") return parse_gpt2_config(config);
    if (t == "gpt_neox") return parse_neox_config(config);
    if (t == "gptj") return parse_gptj_config(config);
    return parse_llama_family_config(config, t);
}

}  // namespace lancet
