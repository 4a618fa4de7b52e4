// Waiting for a device's queued work, for timings and for host reads that
// must see finished results. A no-op on the CPU, whose ops run synchronously.
#pragma once

#include <torch/cuda.h>
#include <torch/types.h>

namespace lancet {

inline void synchronize_device(const torch::Device& device) {
    if (device.is_cuda()) torch::cuda::synchronize();
}

}  // namespace lancet
