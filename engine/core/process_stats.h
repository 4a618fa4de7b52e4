// The process's own figures that a long-running check watches for leaks (the
// engine's `bench soak` and the workbench's soak test): no LibTorch, so the GUI
// tests can use them too.
#pragma once

#include <cstdint>
#include <vector>

namespace lancet {

// Resident set size in MB from /proc/self/statm; 0 where there is none.
double process_resident_mb();
// Entries of /proc/self/fd; 0 where there is none.
int64_t process_open_descriptors();
// Least-squares slope of ys over xs; 0 with fewer than two points.
double least_squares_slope(const std::vector<double>& xs, const std::vector<double>& ys);

}  // namespace lancet
