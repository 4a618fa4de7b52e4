// Internal: the architecture implementations known to architecture_for().
#pragma once

#include "model/architecture.h"

#include <string>

namespace lancet {
const Architecture& gpt2_architecture();
const Architecture& neox_architecture();
const Architecture& gptj_architecture();
// llama, mistral, qwen2, qwen3, gemma, gemma2, gemma3_text; nullptr for any other model_type.
const Architecture* llama_family_architecture(const std::string& model_type);
}
