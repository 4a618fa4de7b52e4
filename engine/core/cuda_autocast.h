// bf16 autocast on CUDA for one scope (the trainer's steps, ROME's compute_v
// when asked). The switch is thread-local in LibTorch; the scope restores it.
// Kept out of LibTorch's headers so that any file may include it cheaply.
#pragma once

namespace lancet {

class CudaAutocastScope {
public:
    explicit CudaAutocastScope(bool enable);  // false: does nothing
    ~CudaAutocastScope();
    CudaAutocastScope(const CudaAutocastScope&) = delete;
    CudaAutocastScope& operator=(const CudaAutocastScope&) = delete;

private:
    bool on_;
};

}  // namespace lancet
