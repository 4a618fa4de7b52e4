// Crash-safe file and directory replacement.
//
// A file is written to a temporary file beside its target, flushed, fsync'ed
// and renamed over the target, so readers (and the user after a crash or a
// full disk) see either the complete old file or the complete new one, never
// a torn mix. A model export is written into a staging directory beside its
// target and renamed into place the same way once every file in it is written.
//
// Temporaries are named ".<target name>.tmp-<host>-<pid>-<random>" and staging
// directories ".<target name>.staging-<host>-<pid>-<random>": hidden, in the
// same directory (hence the same filesystem) as the target. A process killed
// mid-write leaves one behind; the next write of the same target removes those
// whose process (on this host) no longer exists.
#pragma once

#include "core/result.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace lancet {

// Writes `path` atomically: `writer` streams the contents into a temporary
// file in the same directory; the temporary is then flushed, fsync'ed and
// renamed over `path`, and the directory is fsync'ed. If the writer throws, or
// any write/flush/fsync/rename fails, the temporary is removed, `path` is left
// exactly as it was, and the error (the writer's own EngineException keeps its
// code) is returned. The parent directory must exist. A new file gets mode
// 0666 & ~umask; replacing an existing file keeps that file's permission bits.
// As with rename(2), a symlink at `path` is replaced by the new file (not
// followed), and a directory at `path` is an error.
Expected<void> write_file_atomically(const std::string& path,
                                     const std::function<void(std::ostream&)>& writer);

// Convenience: write_file_atomically with a fixed byte string.
Expected<void> write_bytes_atomically(const std::string& path, std::string_view bytes);

struct DirectoryCommitOptions {
    // Replace final_dir when it already exists (the old directory is deleted
    // after the new one is in place). Without it an existing final_dir is an error.
    bool overwrite = false;
    // Files or directories that must survive the commit, typically the folder
    // (and shard files) of the model being exported. If final_dir exists and is
    // one of them, contains one of them, or lies inside one of them, the commit
    // is refused whatever `overwrite` says. Compared after resolving symlinks.
    std::vector<std::string> protected_paths;
};

// Moves a fully written staging directory to final_dir with rename(2).
// Every regular file in staging_dir and the directory itself are fsync'ed
// first. When final_dir exists and overwrite is allowed the two directories
// are swapped atomically (renameat2 RENAME_EXCHANGE where the filesystem
// supports it, else old -> backup, staging -> final, delete backup, restoring
// the backup if the second rename fails) and the old one is deleted.
// staging_dir and final_dir must be on the same filesystem (use
// make_staging_directory). On failure staging_dir is left for the caller to
// remove (StagingDirectory does so).
//   InvalidArgument: final_dir exists without overwrite, final_dir is protected,
//                    staging_dir is missing or is not a directory.
Expected<void> commit_directory_atomically(const std::string& staging_dir, const std::string& final_dir,
                                           const DirectoryCommitOptions& options = {});

// Creates a fresh, empty, uniquely named hidden directory beside final_dir
// (creating final_dir's parent directories if needed) and returns its path.
Expected<std::string> make_staging_directory(const std::string& final_dir);

// RAII staging directory: removed with its contents on destruction unless
// commit() succeeded.
//
//   auto staging = StagingDirectory::create(out_dir);          // Expected<StagingDirectory>
//   ... write files into staging->path() ...
//   DirectoryCommitOptions options;
//   options.overwrite = force;
//   options.protected_paths = {model_dir};
//   auto done = staging->commit(options);
class StagingDirectory {
public:
    static Expected<StagingDirectory> create(const std::string& final_dir);

    StagingDirectory(StagingDirectory&& other) noexcept;
    StagingDirectory& operator=(StagingDirectory&& other) noexcept;
    StagingDirectory(const StagingDirectory&) = delete;
    StagingDirectory& operator=(const StagingDirectory&) = delete;
    ~StagingDirectory();

    const std::string& path() const { return path_; }
    const std::string& final_path() const { return final_; }
    bool committed() const { return committed_; }

    Expected<void> commit(const DirectoryCommitOptions& options = {});
    // Deletes the staging directory now (also done by the destructor).
    void discard() noexcept;

private:
    StagingDirectory(std::string path, std::string final_dir) : path_(std::move(path)), final_(std::move(final_dir)) {}
    std::string path_;
    std::string final_;
    bool committed_ = false;
};

}  // namespace lancet
