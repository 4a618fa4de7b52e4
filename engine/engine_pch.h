// Precompiled header for engine translation units: LibTorch's headers cost
// ~30 s per TU on the CI machines. Never include this from public headers.
#pragma once
#include <torch/torch.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <map>
#include <memory>
