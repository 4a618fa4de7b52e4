// The C library's allocator, tuned for LibTorch's working set on the CPU.
#pragma once

namespace lancet {

// glibc serves every allocation above its mmap threshold (128 KiB, rising to
// at most 32 MiB as blocks are freed) with a fresh mmap, and hands it back on
// free: a causal trace's unembedding blocks (128 rows x 50,257 float logits,
// 25 MB) and an edit's activations then page-fault on every use. Raising the
// threshold to 256 MiB and keeping up to 512 MiB of freed memory in the heap
// made the demo model's trace 1.9 s -> 1.4 s and a ROME edit 1.20 s -> 0.97 s
// on a 2-core machine (bench/results/laptop-allocator-2026-12-05.txt). Larger blocks (a
// converted checkpoint) still come from mmap. Does nothing where the C library
// is not glibc, or when MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ are set
// (the user's choice wins). Call once, early in main.
void tune_host_allocator();

}  // namespace lancet
