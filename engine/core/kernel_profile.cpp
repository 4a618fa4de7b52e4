#include "core/kernel_profile.h"

#if defined(LANCET_HAVE_KERNEL_PROFILE)
#include <torch/csrc/autograd/profiler_kineto.h>

#include <exception>
#include <set>
#endif

namespace lancet {

#if defined(LANCET_HAVE_KERNEL_PROFILE)

namespace {
namespace kineto = torch::profiler::impl;
namespace api = torch::autograd::profiler;

const kineto::ProfilerConfig& config() {
    static const kineto::ProfilerConfig c(kineto::ProfilerState::KINETO);
    return c;
}
const std::set<kineto::ActivityType>& activities() {
    // Kernels only: a CPU operator record per launch would make the trace of
    // one compute_v some 100 MB.
    static const std::set<kineto::ActivityType> a{kineto::ActivityType::CUDA};
    return a;
}
}  // namespace

std::string KernelProfile::start() {
    if (recording_) return "already recording";
    try {
        api::prepareProfiler(config(), activities());
        api::enableProfiler(config(), activities());
        recording_ = true;
        return "";
    } catch (const std::exception& e) {
        return e.what();
    }
}

std::string KernelProfile::stop_and_save(const std::string& path) {
    if (!recording_) return "not recording";
    recording_ = false;
    try {
        auto result = api::disableProfiler();
        if (!result) return "the profiler returned no result";
        result->save(path);
        return "";
    } catch (const std::exception& e) {
        return e.what();
    }
}

KernelProfile::~KernelProfile() {
    if (!recording_) return;
    try {
        (void)api::disableProfiler();
    } catch (...) {
    }
}

#else

std::string KernelProfile::start() { return "kernel profiles need a LibTorch with CUDA and its profiler headers"; }
std::string KernelProfile::stop_and_save(const std::string&) { return "not recording"; }
KernelProfile::~KernelProfile() = default;

#endif

}  // namespace lancet
