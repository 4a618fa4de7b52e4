// Cancellation and progress as plain engine parameters (no Qt).
//
// The GUI sets the CancelToken directly from its own thread; the engine polls
// it at bounded intervals (per layer, per chunk, per optimisation step) and
// stops by throwing a Cancelled EngineException, which capture() turns into an
// Error with ErrorCode::Cancelled, reported apart from failures.
#pragma once

#include "core/result.h"

#include <atomic>
#include <functional>
#include <string>

namespace lancet {

class CancelToken {
public:
    void cancel() { flag_.store(true, std::memory_order_relaxed); }
    void reset() { flag_.store(false, std::memory_order_relaxed); }
    bool cancelled() const { return flag_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

// fraction in [0, 1]; stage is a short human-readable label ("layer 12 of 48").
using ProgressFn = std::function<void(double fraction, const std::string& stage)>;

struct JobContext {
    const CancelToken* cancel = nullptr;
    ProgressFn progress;

    bool cancelled() const { return cancel != nullptr && cancel->cancelled(); }
    void check_cancelled() const {
        if (cancelled()) fail(ErrorCode::Cancelled, "cancelled");
    }
    void report(double fraction, const std::string& stage) const {
        if (progress) progress(fraction, stage);
    }
};

}  // namespace lancet
