#include "core/cuda_graph.h"

#ifdef LANCET_HAVE_CUDA_GRAPHS
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <cuda_runtime_api.h>

#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#endif

namespace lancet {

#ifdef LANCET_HAVE_CUDA_GRAPHS

bool cuda_graphs_available() { return true; }

struct CudaSideStream::Impl {
    c10::cuda::CUDAStream stream;
    std::optional<c10::cuda::CUDAStreamGuard> guard;
    explicit Impl(c10::cuda::CUDAStream s) : stream(s) {
        // Work already queued on the current stream (inputs copied to the device) comes first.
        c10::cuda::getCurrentCUDAStream().synchronize();
        guard.emplace(stream);
    }
};

namespace {

// One side stream per device for the whole process, not a fresh one from
// PyTorch's pool per call: cuBLAS keeps a workspace per (handle, stream) that is
// never freed, so every new stream cost one. `bench soak` on the GPT-2 XL shape
// (H100, 2026-12-06) grew by 65.0 MB of allocated device memory per cycle, one
// ROME edit each, for all 30 cycles: the size of cuBLAS's and cuBLASLt's
// workspaces together on Hopper, and it could only stop at the pool's 32 streams.
c10::cuda::CUDAStream side_stream_for_current_device() {
    static std::mutex mutex;
    static std::map<c10::DeviceIndex, c10::cuda::CUDAStream> streams;
    const c10::DeviceIndex device = c10::cuda::current_device();
    std::lock_guard<std::mutex> lock(mutex);
    auto it = streams.find(device);
    if (it == streams.end()) it = streams.emplace(device, c10::cuda::getStreamFromPool(false, device)).first;
    return it->second;
}

}  // namespace

// cuBLAS handles are per thread and device, so warmth is too.
static thread_local std::set<c10::DeviceIndex> warm_side_streams;

CudaSideStream::CudaSideStream(bool enable) {
    if (enable) impl_ = std::make_unique<Impl>(side_stream_for_current_device());
}

bool CudaSideStream::warm() const {
    return impl_ && warm_side_streams.count(impl_->stream.device_index()) > 0;
}

void CudaSideStream::mark_warm() {
    if (impl_) warm_side_streams.insert(impl_->stream.device_index());
}

CudaSideStream::~CudaSideStream() {
    if (!impl_) return;
    try {
        impl_->stream.synchronize();  // results are read on the caller's stream next
    } catch (...) {
    }
}

struct CudaStepGraph::Impl {
    at::cuda::CUDAGraph graph;
    bool ready = false;
};

CudaStepGraph::CudaStepGraph() : impl_(std::make_unique<Impl>()) {}
CudaStepGraph::~CudaStepGraph() {
    const bool captured = impl_ && impl_->ready;
    impl_.reset();
    if (!captured) return;
    // A destroyed graph's private memory pool stays reserved until the cache is
    // emptied: measured on the demo model, +115 MiB an edit, 24 GiB reserved
    // after 210 edits (one pool shared by all graphs still grew to 13.7 GiB).
    // Emptying the cache makes the next edit cudaMalloc again, so it is done only
    // once more than 1 GiB is reserved beyond what tensors hold: over the same
    // 210 edits reserved memory then stayed between 2.3 and 3.1 GiB.
    constexpr int64_t kSlack = int64_t(1) << 30;
    const CudaMemoryStats mem = cuda_memory_stats();
    if (mem.reserved - mem.allocated > kSlack) c10::cuda::CUDACachingAllocator::emptyCache();
}

std::string CudaStepGraph::capture(const std::function<void()>& step, const CudaStepGraph* share_pool_with) {
    const cudaStream_t stream = c10::cuda::getCurrentCUDAStream().stream();
    try {
        if (share_pool_with && share_pool_with->ready()) impl_->graph.capture_begin(share_pool_with->impl_->graph.pool());
        else impl_->graph.capture_begin();
        step();
        impl_->graph.capture_end();
        impl_->ready = true;
        return "";
    } catch (const std::exception& e) {
        std::string what = e.what();
        // End the capture (PyTorch's own capture_end first: it also stops routing
        // this stream's allocations to the graph's pool) and clear the sticky
        // error, so the caller can go on eagerly on this stream.
        try {
            impl_->graph.capture_end();
        } catch (...) {
        }
        cudaStreamCaptureStatus status = cudaStreamCaptureStatusNone;
        if (cudaStreamIsCapturing(stream, &status) == cudaSuccess && status != cudaStreamCaptureStatusNone) {
            cudaGraph_t partial = nullptr;
            cudaStreamEndCapture(stream, &partial);
            if (partial) cudaGraphDestroy(partial);
        }
        cudaGetLastError();
        // A half-captured CUDAGraph may not tear down cleanly: keep it (a few
        // bytes; this path is for LibTorch versions that refuse some kernel).
        (void)impl_.release();
        impl_ = std::make_unique<Impl>();
        return what.substr(0, what.find('\n'));
    }
}

bool CudaStepGraph::ready() const { return impl_->ready; }
void CudaStepGraph::replay() { impl_->graph.replay(); }

CudaMemoryStats cuda_memory_stats() {
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(c10::cuda::current_device());
    const size_t all = 0;  // StatType::AGGREGATE (c10::cuda::CUDACachingAllocator:: before 2.6, c10::CachingDeviceAllocator:: since)
    CudaMemoryStats m;
    m.allocated = stats.allocated_bytes[all].current;
    m.reserved = stats.reserved_bytes[all].current;
    m.peak_allocated = stats.allocated_bytes[all].peak;
    return m;
}

void reset_cuda_peak_memory() { c10::cuda::CUDACachingAllocator::resetPeakStats(c10::cuda::current_device()); }

void release_cached_cuda_memory() { c10::cuda::CUDACachingAllocator::emptyCache(); }

#else

bool cuda_graphs_available() { return false; }

struct CudaSideStream::Impl {};
CudaSideStream::CudaSideStream(bool) {}
CudaSideStream::~CudaSideStream() = default;
bool CudaSideStream::warm() const { return false; }
void CudaSideStream::mark_warm() {}

struct CudaStepGraph::Impl {};
CudaStepGraph::CudaStepGraph() = default;
CudaStepGraph::~CudaStepGraph() = default;
std::string CudaStepGraph::capture(const std::function<void()>&, const CudaStepGraph*) {
    return "CUDA graphs are not built in";
}
bool CudaStepGraph::ready() const { return false; }
void CudaStepGraph::replay() {}
CudaMemoryStats cuda_memory_stats() { return {}; }
void reset_cuda_peak_memory() {}
void release_cached_cuda_memory() {}

#endif

}  // namespace lancet
