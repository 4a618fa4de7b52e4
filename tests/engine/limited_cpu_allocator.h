// Out-of-memory on demand, for the resource-fault tests: a CPU allocator that
// refuses any single allocation above a limit the way CUDA's caching
// allocator refuses one on a full GPU (c10::OutOfMemoryError naming the size),
// wrapped around the default allocator. Installed once for the process through
// LibTorch's own allocator registry; without a limit it only records the
// largest request, which is how a test finds a limit that lets a small job
// through and stops a larger one.
#pragma once

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <c10/util/Exception.h>
#include <torch/version.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <string>

namespace lancet::test {

class LimitedCpuAllocator final : public c10::Allocator {
public:
    static LimitedCpuAllocator& get() {
        static LimitedCpuAllocator* instance = [] {
            auto* a = new LimitedCpuAllocator(c10::GetDefaultCPUAllocator());
            c10::SetCPUAllocator(a, /*priority=*/100);
            return a;
        }();
        return *instance;
    }

    void set_limit(size_t bytes) { limit_ = bytes; }  // 0: no limit
    // A passing shortage: of the allocations of at least `min_bytes` from now
    // on, the one after `skip` others fails, and only that one.
    void fail_once(size_t min_bytes, int skip = 0) {
        once_skip_ = skip;
        once_min_ = min_bytes;
    }
    bool armed() const { return once_min_ > 0; }
    size_t largest() const { return largest_; }
    void reset_largest() { largest_ = 0; }

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3)
    c10::DataPtr allocate(size_t n) override { return checked(n); }
    void copy_data(void* dest, const void* src, std::size_t count) const override { default_copy_data(dest, src, count); }
#else
    c10::DataPtr allocate(size_t n) const override { return checked(n); }
#endif
    c10::DeleterFnPtr raw_deleter() const override { return inner_->raw_deleter(); }

private:
    explicit LimitedCpuAllocator(c10::Allocator* inner) : inner_(inner) {}

    c10::DataPtr checked(size_t n) const {
        const size_t limit = limit_;
        if (limit > 0 && n > limit)
            C10_THROW_ERROR(OutOfMemoryError, "out of memory: tried to allocate " + std::to_string(n) +
                                                  " bytes (the test's limit is " + std::to_string(limit) + ")");
        const size_t once = once_min_;
        if (once > 0 && n >= once && once_skip_-- <= 0) {
            once_min_ = 0;
            C10_THROW_ERROR(OutOfMemoryError, "out of memory: tried to allocate " + std::to_string(n) +
                                                  " bytes (the test's one-off shortage)");
        }
        size_t seen = largest_;
        while (n > seen && !largest_.compare_exchange_weak(seen, n)) {
        }
        return inner_->allocate(n);
    }

    c10::Allocator* inner_;
    std::atomic<size_t> limit_{0};
    mutable std::atomic<size_t> once_min_{0};
    mutable std::atomic<int> once_skip_{0};
    mutable std::atomic<size_t> largest_{0};
};

// The limit for one scope.
class AllocationLimit {
public:
    explicit AllocationLimit(size_t bytes) { LimitedCpuAllocator::get().set_limit(bytes); }
    ~AllocationLimit() {
        LimitedCpuAllocator::get().set_limit(0);
        LimitedCpuAllocator::get().fail_once(0);
    }
    AllocationLimit(const AllocationLimit&) = delete;
    AllocationLimit& operator=(const AllocationLimit&) = delete;
};

}  // namespace lancet::test
