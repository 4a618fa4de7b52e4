#include "core/cpu_workers.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <dlfcn.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lancet {

namespace {

using BlasSetThreads = void (*)(int);
using BlasGetThreads = int (*)();

// OpenBLAS's own thread count: its symbols are looked up in the process rather
// than linked, since LibTorch may be built on another BLAS (then nothing happens).
BlasSetThreads blas_set() {
    static auto f = reinterpret_cast<BlasSetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    return f;
}
BlasGetThreads blas_get() {
    static auto f = reinterpret_cast<BlasGetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return f;
}

}  // namespace

// The CPUs this process may run on (its affinity mask, so taskset and cpusets
// count), not LibTorch's thread count: Debian's LibTorch runs its own
// operations on one thread here while OpenBLAS uses every CPU.
int cpu_worker_count() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

SingleThreadedKernels::SingleThreadedKernels() : torch_threads_(at::get_num_threads()) {
    if (blas_set() && blas_get()) {
        blas_threads_ = blas_get()();
        blas_set()(1);
    }
}

SingleThreadedKernels::~SingleThreadedKernels() {
    // at::set_num_threads also stores the count new threads start from, which
    // the workers lowered to 1.
    at::set_num_threads(torch_threads_);
    if (blas_threads_ > 0) blas_set()(blas_threads_);
}

void run_in_order_on_workers(int n, int workers, const std::function<void(int)>& work,
                             const std::function<void(int)>& done, const std::function<bool()>& stop) {
    std::mutex mutex;
    std::condition_variable finished_one;
    std::vector<char> finished(static_cast<size_t>(std::max(n, 0)), 0);
    std::atomic<int> next{0};
    std::atomic<bool> halt{false};
    std::exception_ptr error;
    auto worker = [&] {
        at::get_num_threads();  // LibTorch reads its count for this thread first, then 1 is kept
        at::set_num_threads(1);
        c10::InferenceMode inference;
        for (;;) {
            if (halt.load() || stop()) break;
            const int i = next.fetch_add(1);
            if (i >= n) break;
            try {
                work(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!error) error = std::current_exception();
                halt.store(true);
                finished_one.notify_all();
                break;
            }
            std::lock_guard<std::mutex> lock(mutex);
            finished[static_cast<size_t>(i)] = 1;
            finished_one.notify_all();
        }
        // Wakes the caller if this worker ran out of pieces while others still run.
        std::lock_guard<std::mutex> lock(mutex);
        finished_one.notify_all();
    };
    std::vector<std::thread> threads;
    for (int w = 0; w < std::max(1, std::min(workers, n)); ++w) threads.emplace_back(worker);
    int delivered = 0;
    try {
        while (delivered < n) {
            std::unique_lock<std::mutex> lock(mutex);
            finished_one.wait(lock, [&] { return finished[static_cast<size_t>(delivered)] || halt.load() || stop(); });
            if (!finished[static_cast<size_t>(delivered)]) break;  // halted or stopped before this piece
            lock.unlock();
            done(delivered++);
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        halt.store(true);
    }
    halt.store(true);
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace lancet
