#include "core/process_stats.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace lancet {

double process_resident_mb() {
    // Its second field is the resident size in pages.
    std::ifstream statm("/proc/self/statm");
    long long size = 0, resident = 0;
    if (!(statm >> size >> resident)) return 0.0;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1048576.0;
}

int64_t process_open_descriptors() {
    std::error_code ec;
    int64_t n = 0;
    for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        ++n;
    return n;
}

double least_squares_slope(const std::vector<double>& xs, const std::vector<double>& ys) {
    const size_t n = xs.size();
    if (n < 2) return 0.0;
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; ++i) mx += xs[i], my += ys[i];
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; ++i) sxy += (xs[i] - mx) * (ys[i] - my), sxx += (xs[i] - mx) * (xs[i] - mx);
    return sxx > 0 ? sxy / sxx : 0.0;
}

}  // namespace lancet
