// Noticing that a file changed under us. A loaded model's weights on the CPU
// are zero-copy views of its memory-mapped safetensors files: if another
// program rewrites or truncates one of them in place, reading the lost pages
// kills the process (SIGBUS) and the session with it. A stamp per file taken at
// load (device, inode, size, modification time) lets every later job check
// first and stop with a message instead. A file replaced by rename or deleted
// is harmless: the mapping keeps the old inode alive.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

struct FileStamp {
    std::string path;
    uint64_t device = 0, inode = 0, size = 0;
    int64_t mtime_ns = 0;
    bool exists = false;
};

FileStamp stamp_file(const std::string& path);

// The files of `before` that were changed in place since (same inode, other
// size or modification time), one readable line each ("model.safetensors:
// 40,000 → 0 bytes"). Replaced or deleted files are not listed.
std::vector<std::string> changed_in_place(const std::vector<FileStamp>& before);

}  // namespace lancet
