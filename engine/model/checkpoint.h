// Reads every tensor of a Hugging Face folder's safetensors file(s) as
// zero-copy views (throws EngineException naming file and tensor on error).
#pragma once

#include "model/architecture.h"

#include <string>
#include <vector>

namespace lancet {
// `files`, when given, receives the paths of the safetensors files read.
TensorMap read_checkpoint_tensors(const std::string& dir, std::vector<std::string>* files = nullptr);
}
