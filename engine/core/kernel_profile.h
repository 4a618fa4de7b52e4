// Where a GPU job's time goes, kernel by kernel: LibTorch's own profiler
// (Kineto, CUPTI underneath) records what runs while a KernelProfile is
// recording and writes it as a Chrome trace (chrome://tracing, Perfetto,
// bench/kernel_summary.py). For benchmarks; nothing in a user's edit records.
//
// Built only against a LibTorch with CUDA whose profiler headers compile here
// (LANCET_HAVE_KERNEL_PROFILE); elsewhere start() says why it cannot record.
#pragma once

#include <string>

namespace lancet {

class KernelProfile {
public:
    KernelProfile() = default;
    ~KernelProfile();  // stops recording, writing nothing
    KernelProfile(const KernelProfile&) = delete;
    KernelProfile& operator=(const KernelProfile&) = delete;

    // "" once recording, else why not.
    std::string start();
    // Stops and writes the trace to `path` (JSON); "" or why not.
    std::string stop_and_save(const std::string& path);

private:
    bool recording_ = false;
};

}  // namespace lancet
