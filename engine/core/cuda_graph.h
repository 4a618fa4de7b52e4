// CUDA graphs for small, repeated optimisation steps (ROME's compute_v): a
// step of a few thousand tiny kernels is bound by the CPU launching them, not
// by the GPU; recorded once as a graph, each later step is one launch.
//
// Built only against a LibTorch with CUDA (LANCET_HAVE_CUDA_GRAPHS); elsewhere
// available() is false and the classes do nothing, so callers need no #ifs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace lancet {

bool cuda_graphs_available();

// Routes this thread's CUDA work to the device's side stream for the scope
// (one per device for the process: cuBLAS keeps a workspace per stream; a graph
// cannot be captured on the legacy default stream), and waits for it on exit.
class CudaSideStream {
public:
    explicit CudaSideStream(bool enable);
    ~CudaSideStream();
    CudaSideStream(const CudaSideStream&) = delete;
    CudaSideStream& operator=(const CudaSideStream&) = delete;
    // Whether this thread has already run eager work on this side stream
    // (marked by the caller): cuBLAS's handle and workspace, autograd's device
    // threads and the allocator are then set up, so a graph may be recorded
    // without a warm-up step. False when disabled and without CUDA.
    bool warm() const;
    void mark_warm();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

class CudaStepGraph {
public:
    CudaStepGraph();
    ~CudaStepGraph();
    CudaStepGraph(const CudaStepGraph&) = delete;
    CudaStepGraph& operator=(const CudaStepGraph&) = delete;

    // Records `step` (which must only enqueue work on the current stream: no
    // host syncs, no host-to-device copies, no new persistent tensors). Nothing
    // runs while recording. Returns "" on success, else why capture failed
    // (the caller then runs `step` eagerly; no state was changed).
    // share_pool_with: record into that (already recorded) graph's memory pool,
    // so this graph may read what that one's tensors hold (a backward half
    // reading what its forward half saved). Graphs sharing a pool must be
    // replayed in the order they were recorded.
    std::string capture(const std::function<void()>& step, const CudaStepGraph* share_pool_with = nullptr);
    bool ready() const;
    void replay();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The CUDA caching allocator's figures for the current device, in bytes (all
// zero without CUDA): what live tensors hold now, what the allocator keeps
// reserved, and the most tensors have held at once.
struct CudaMemoryStats {
    int64_t allocated = 0;
    int64_t reserved = 0;
    int64_t peak_allocated = 0;
};
CudaMemoryStats cuda_memory_stats();
// Starts a new peak (peak_allocated = what is allocated now), so a benchmark
// can report the peak of one stage rather than of the whole process.
void reset_cuda_peak_memory();
// Hands the caching allocator's free blocks back to the driver (nothing
// without CUDA): before retrying a job that ran out of device memory, so the
// retry's smaller blocks are not refused for fragmentation.
void release_cached_cuda_memory();

}  // namespace lancet
