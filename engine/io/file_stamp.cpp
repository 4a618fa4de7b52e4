#include "io/file_stamp.h"

#include <sys/stat.h>

#include <filesystem>

namespace lancet {

FileStamp stamp_file(const std::string& path) {
    FileStamp s;
    s.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return s;
    s.exists = true;
    s.device = static_cast<uint64_t>(st.st_dev);
    s.inode = static_cast<uint64_t>(st.st_ino);
    s.size = static_cast<uint64_t>(st.st_size);
    s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return s;
}

std::vector<std::string> changed_in_place(const std::vector<FileStamp>& before) {
    std::vector<std::string> out;
    for (const auto& b : before) {
        if (!b.exists) continue;
        const FileStamp now = stamp_file(b.path);
        if (!now.exists || now.device != b.device || now.inode != b.inode) continue;  // deleted or replaced
        if (now.size == b.size && now.mtime_ns == b.mtime_ns) continue;
        std::string line = std::filesystem::path(b.path).filename().string() + ": ";
        line += now.size == b.size ? "rewritten (" + std::to_string(now.size) + " bytes)"
                                   : std::to_string(b.size) + " → " + std::to_string(now.size) + " bytes";
        out.push_back(line);
    }
    return out;
}

}  // namespace lancet
