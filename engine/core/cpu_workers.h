// Running independent pieces of CPU work side by side, one core each.
//
// A batched trace on a laptop CPU is thousands of small operations: split
// across both cores one operation at a time, the cores spend a fifth of their
// time handing work over (OpenBLAS's threads yield while LibTorch's own run
// the element-wise steps; perf on the demo trace, 2 cores). Independent
// chunks of cells instead run on one worker thread per core, each with
// LibTorch and OpenBLAS single-threaded for the duration.
#pragma once

#include <functional>

namespace lancet {

// How many workers a CPU job can use: the CPUs this process may run on.
int cpu_worker_count();

// While alive: OpenBLAS single-threaded (where LibTorch's BLAS is OpenBLAS;
// looked up at run time, nothing otherwise), and LibTorch's thread count
// restored to what it was on exit (workers set theirs to 1).
class SingleThreadedKernels {
public:
    SingleThreadedKernels();
    ~SingleThreadedKernels();
    SingleThreadedKernels(const SingleThreadedKernels&) = delete;
    SingleThreadedKernels& operator=(const SingleThreadedKernels&) = delete;

private:
    int torch_threads_ = 1;
    int blas_threads_ = 0;  // 0: no OpenBLAS found
};

// Runs work(i) for i in [0, n) on `workers` threads (each with LibTorch
// single-threaded and in inference mode), and done(i, ok) on the calling
// thread in the order of i as soon as i and everything before it finished.
// The first exception a piece throws stops the others from starting new
// pieces and is rethrown here after every worker has stopped; so is one
// thrown by done. stop() is polled before each piece (cancellation).
void run_in_order_on_workers(int n, int workers, const std::function<void(int)>& work,
                             const std::function<void(int)>& done, const std::function<bool()>& stop);

}  // namespace lancet
