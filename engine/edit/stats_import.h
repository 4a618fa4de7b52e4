// Second-moment statistics written by the ROME / MEMIT / AlphaEdit / EasyEdit
// code (rome/layer_stats.py: np.savez of a CombinedStat's state_dict), imported
// so that a user with those files does not recompute them: "mom2.mom2" holds the
// SUM of k kᵀ over "mom2.count" token positions (runningstats.SecondMoment), so
// C = mom2 / count. Read by io/npz.h, never by unpickling.
#pragma once

#include "core/result.h"

#include <torch/types.h>

#include <cstdint>
#include <string>

namespace lancet {

struct ImportedSecondMoment {
    torch::Tensor mom2;   // C = E[k kᵀ], float32, CPU, [d_ff, d_ff]
    int64_t count = 0;    // token positions behind it
    std::string source;   // the file
};

struct NpyArray;
// A numeric .npy array as a CPU tensor of its dtype, byte order and memory order fixed.
Expected<torch::Tensor> npy_to_tensor(const NpyArray& array);

// d_ff > 0: the matrix must be d_ff × d_ff (InvalidArgument otherwise, naming both).
Expected<ImportedSecondMoment> import_layer_stats_npz(const std::string& path, int64_t d_ff = 0);

}  // namespace lancet
