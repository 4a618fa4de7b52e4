#include "core/cuda_autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

// The autocast API moved between LibTorch 1.x (Debian's 1.13) and 2.4+.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define LANCET_AUTOCAST_V2 1
#endif

namespace lancet {

CudaAutocastScope::CudaAutocastScope(bool enable) : on_(enable) {
    if (!on_) return;
#ifdef LANCET_AUTOCAST_V2
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
    at::autocast::increment_nesting();
}

CudaAutocastScope::~CudaAutocastScope() {
    if (!on_) return;
    // Casts of weights are cached for the outermost scope only; drop them here.
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
#ifdef LANCET_AUTOCAST_V2
    at::autocast::set_autocast_enabled(at::kCUDA, false);
#else
    at::autocast::set_enabled(false);
#endif
}

}  // namespace lancet
