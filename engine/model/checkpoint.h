// Reads every tensor of a Hugging Face folder's safetensors file(s) as
// zero-copy views (throws EngineException naming file and tensor on error).
#pragma once

#include "model/architecture.h"

#include <string>

namespace lancet {
TensorMap read_checkpoint_tensors(const std::string& dir);
}
