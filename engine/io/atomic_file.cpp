#include "io/atomic_file.h"

#include <cctype>
#include <cerrno>
#include <signal.h>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <random>
#include <streambuf>
#include <system_error>

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace fs = std::filesystem;

// renameat2(2) flags (linux/fs.h); called through syscall() so that older
// glibc without the wrapper builds too.
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

namespace lancet {

namespace {

// Maps an errno from a file operation to the engine's error codes: a missing
// path is NotFound; a path that cannot be what was asked (a directory, one that
// exists) InvalidArgument; what the file system refuses or fails at (permissions,
// a read-only folder, a full disk, EIO) Io; anything else Internal.
ErrorCode code_for_errno(int err) {
    switch (err) {
        case ENOENT:
        case ENOTDIR: return ErrorCode::NotFound;
        case EACCES:
        case EPERM:
        case EROFS:
        case ENOSPC:
        case EDQUOT:
        case EFBIG:
        case EIO: return ErrorCode::Io;
        case EISDIR:
        case EEXIST:
        case ENOTEMPTY:
        case EXDEV:
        case ENAMETOOLONG: return ErrorCode::InvalidArgument;
        case ENOMEM: return ErrorCode::OutOfMemory;
        default: return ErrorCode::Internal;
    }
}

[[noreturn]] void fail_errno(int err, const std::string& what) {
    fail(code_for_errno(err), what + ": " + std::strerror(err));
}

// This machine's name, letters and digits only: temporary names carry it with
// the process id, so a later run can tell a dead process's leftovers from a
// live one's, and never judges a process on another machine sharing the folder.
const std::string& host_tag() {
    static const std::string tag = [] {
        char host[256] = {0};
        ::gethostname(host, sizeof host - 1);
        std::string h;
        for (const char* c = host; *c && h.size() < 32; ++c)
            if (std::isalnum(static_cast<unsigned char>(*c))) h += *c;
        return h.empty() ? std::string("host") : h;
    }();
    return tag;
}

// "HOST-PID-RANDOM": see remove_dead_leftovers.
std::string random_suffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}() ^ (static_cast<uint64_t>(::getpid()) << 32)};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%ld-%016llx", static_cast<long>(::getpid()),
                  static_cast<unsigned long long>(rng()));
    return host_tag() + "-" + buf;
}

// Removes a directory tree (best effort; symbolic links are removed, never
// followed). Deliberately not std::filesystem::remove_all: PyTorch's pip
// LibTorch (libtorch.so) exports its own copy of that symbol, which wins symbol
// resolution over libstdc++'s and calls through a null pointer on CUDA builds
// (a segfault seen after every overwriting checkpoint in `lancet-cli train`).
void remove_tree(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return;
    if (!S_ISDIR(st.st_mode)) {
        ::unlink(path.c_str());
        return;
    }
    ::nftw(
        path.c_str(),
        [](const char* p, const struct stat*, int type, struct FTW*) -> int {
            if (type == FTW_DP) ::rmdir(p);
            else ::unlink(p);
            return 0;  // keep going: leftovers are harmless
        },
        32, FTW_DEPTH | FTW_PHYS);
}

// The directory part of a path ("." when there is none).
fs::path parent_of(const fs::path& p) {
    fs::path parent = p.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

// fsync on a directory makes a rename in it durable. Some filesystems refuse
// fsync on directories (EINVAL); that is not worth failing an export over.
void fsync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

bool write_all(int fd, const char* data, size_t size, int& err) {
    while (size > 0) {
        // Linux writes at most ~2 GiB per call; loop handles short writes.
        ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            return false;
        }
        if (n == 0) {
            err = EIO;
            return false;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

// A buffered output streambuf over a file descriptor that remembers the first
// errno, so the caller can report "No space left on device" instead of a
// generic stream failure.
class FdOutBuf : public std::streambuf {
public:
    explicit FdOutBuf(int fd) : fd_(fd), buffer_(1 << 20) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
    int error() const { return error_; }

protected:
    int_type overflow(int_type ch) override {
        if (!flush_buffer()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n < static_cast<std::streamsize>(buffer_.size() / 2)) return std::streambuf::xsputn(s, n);
        // Large blocks (tensor data) bypass the buffer.
        if (!flush_buffer()) return 0;
        if (!write_all(fd_, s, static_cast<size_t>(n), error_)) return 0;
        return n;
    }

    int sync() override { return flush_buffer() ? 0 : -1; }

private:
    bool flush_buffer() {
        if (error_ != 0) return false;
        size_t pending = static_cast<size_t>(pptr() - pbase());
        bool ok = write_all(fd_, pbase(), pending, error_);
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return ok;
    }

    int fd_;
    std::vector<char> buffer_;
    int error_ = 0;
};

// Removes the temporary on every path out unless released.
// A killed export or cache write leaves its staging folder (a whole model's
// size) or temporary file behind: ".NAME.staging-HOST-PID-RANDOM" or
// ".NAME.tmp-HOST-PID-RANDOM" beside the target. Before writing NAME again,
// those of this machine whose process no longer exists are removed. A live
// process's (this one's included) and another machine's are left alone, and so
// are names in another shape (older versions' leftovers: their owner is unknown).
// A process in another PID namespace sharing this host name and this folder
// would look dead; containers normally get a host name of their own.
void remove_dead_leftovers(const fs::path& dir, const std::string& name) {
    std::error_code ec;
    const std::string prefixes[] = {"." + name + ".staging-", "." + name + ".tmp-"};
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        for (const std::string& prefix : prefixes) {
            if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0) continue;
            const std::string rest = entry.substr(prefix.size());  // HOST-PID-RANDOM
            const size_t a = rest.find('-'), b = a == std::string::npos ? a : rest.find('-', a + 1);
            if (b == std::string::npos || rest.find('-', b + 1) != std::string::npos) continue;
            if (rest.substr(0, a) != host_tag()) continue;
            const std::string pid_text = rest.substr(a + 1, b - a - 1);
            if (pid_text.empty() || pid_text.size() > 9 || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
            const long pid = std::stol(pid_text);
            if (pid <= 0 || pid == static_cast<long>(::getpid())) continue;
            if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
            remove_tree(it->path().string());
        }
    }
}

struct TempFileGuard {
    std::string path;
    int fd = -1;
    ~TempFileGuard() {
        if (fd >= 0) ::close(fd);
        if (!path.empty()) ::unlink(path.c_str());
    }
};

void write_file_atomically_impl(const std::string& path, const std::function<void(std::ostream&)>& writer) {
    if (path.empty()) fail(ErrorCode::InvalidArgument, "write_file_atomically: empty path");
    const fs::path target(path);
    if (!target.has_filename()) fail(ErrorCode::InvalidArgument, path + ": not a file path");
    const fs::path dir = parent_of(target);

    struct stat existing {};
    bool have_existing = ::lstat(path.c_str(), &existing) == 0;
    if (have_existing && S_ISDIR(existing.st_mode)) fail(ErrorCode::InvalidArgument, path + ": is a directory");

    remove_dead_leftovers(dir, target.filename().string());
    TempFileGuard temp;
    for (int attempt = 0; temp.fd < 0; ++attempt) {
        std::string candidate = (dir / ("." + target.filename().string() + ".tmp-" + random_suffix())).string();
        int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            temp.fd = fd;
            temp.path = candidate;
        } else if (errno != EEXIST || attempt > 100) {
            fail_errno(errno, path + ": cannot create a temporary file in " + dir.string());
        }
    }
    if (have_existing && S_ISREG(existing.st_mode)) ::fchmod(temp.fd, existing.st_mode & 07777);

    {
        FdOutBuf buf(temp.fd);
        std::ostream os(&buf);
        writer(os);  // may throw; the guard removes the temporary
        os.flush();
        if (buf.error() != 0) fail_errno(buf.error(), path + ": writing " + temp.path);
        if (!os) fail(ErrorCode::Io, path + ": writing " + temp.path + " failed");
    }
    if (::fsync(temp.fd) != 0) fail_errno(errno, path + ": fsync of " + temp.path);
    int fd = temp.fd;
    temp.fd = -1;
    if (::close(fd) != 0) fail_errno(errno, path + ": closing " + temp.path);
    if (::rename(temp.path.c_str(), path.c_str()) != 0) fail_errno(errno, path + ": renaming " + temp.path + " into place");
    temp.path.clear();  // it is the target now
    fsync_directory(dir);
}

// ----- directories ---------------------------------------------------------

// Absolute, symlink-resolved (for the parts that exist), normalised path without
// a trailing separator.
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(fs::absolute(p), ec);
    if (ec) r = fs::absolute(p).lexically_normal();
    if (!r.has_filename() && r.has_parent_path() && r != r.root_path()) r = r.parent_path();
    return r;
}

// The ways a path can be spelled for comparison: fully resolved, and with only
// its parent resolved (so a symlink that is itself the model folder or a shard,
// as in the Hugging Face cache, is compared as a name too).
std::vector<fs::path> spellings(const fs::path& p) {
    std::vector<fs::path> out{resolved(p)};
    fs::path q = p;
    if (!q.has_filename()) q = q.parent_path();
    if (q.has_filename() && q.filename() != "." && q.filename() != "..") out.push_back(resolved(parent_of(q)) / q.filename());
    return out;
}

// True when `inner` is `outer` or lies inside it (component-wise).
bool is_within(const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin(), o = outer.begin();
    for (; o != outer.end(); ++o, ++i) {
        if (o->empty()) continue;  // trailing separator
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

void fsync_tree(const fs::path& root) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        auto status = it->symlink_status(ec);
        if (ec) break;
        if (fs::is_regular_file(status)) {
            int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) fail_errno(errno, "opening " + it->path().string() + " to sync it");
            int rc = ::fsync(fd);
            int err = errno;
            ::close(fd);
            if (rc != 0) fail_errno(err, "fsync of " + it->path().string());
        } else if (fs::is_directory(status)) {
            fsync_directory(it->path());
        }
    }
    if (ec) fail_errno(ec.value(), "listing " + root.string());
    fsync_directory(root);
}

// rename(2) variants from renameat2 where the kernel and filesystem have them.
// Returns 0, or -1 with errno; ENOSYS/EINVAL mean "not supported here".
int rename_flags(const char* from, const char* to, unsigned flags) {
#if defined(SYS_renameat2)
    return static_cast<int>(::syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags));
#else
    (void)from;
    (void)to;
    (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

bool flag_unsupported(int err) { return err == ENOSYS || err == EINVAL || err == ENOTSUP; }

void commit_impl(const std::string& staging_dir, const std::string& final_dir, const DirectoryCommitOptions& options) {
    if (staging_dir.empty() || final_dir.empty()) fail(ErrorCode::InvalidArgument, "commit_directory_atomically: empty path");
    std::error_code ec;
    auto staging_status = fs::symlink_status(staging_dir, ec);
    if (!fs::is_directory(staging_status))
        fail(ErrorCode::InvalidArgument, "staging directory " + staging_dir + " does not exist or is not a directory");

    const fs::path staging_r = resolved(staging_dir);
    fs::path final_p(final_dir);
    if (!final_p.has_filename()) final_p = final_p.parent_path();
    const fs::path final_r = resolved(final_p);
    if (final_p.filename() == "." || final_p.filename() == ".." || final_r == final_r.root_path())
        fail(ErrorCode::InvalidArgument, final_dir + ": not a usable target directory");
    if (is_within(final_r, staging_r) || is_within(staging_r, final_r))
        fail(ErrorCode::InvalidArgument, final_dir + ": target and staging directory " + staging_dir + " overlap");

    auto final_status = fs::symlink_status(final_p, ec);
    const bool final_exists = fs::exists(final_status);
    if (final_exists) {
        // Protection first: even with overwrite, never replace the source model.
        const std::vector<fs::path> final_forms = spellings(final_p);
        for (const auto& prot : options.protected_paths) {
            if (prot.empty()) continue;
            std::error_code eq_ec;
            bool overlap = fs::equivalent(final_p, prot, eq_ec);
            for (const auto& p : spellings(prot))
                for (const auto& f : final_forms) overlap = overlap || is_within(p, f) || is_within(f, p);
            if (overlap)
                fail(ErrorCode::InvalidArgument,
                     "refusing to replace " + final_dir + ": it is, contains or lies inside " + prot +
                         ", the source of the model being exported; choose another output directory");
        }
        if (!options.overwrite)
            fail(ErrorCode::InvalidArgument, final_dir + " already exists (allow overwriting to replace it)");
        if (!fs::is_directory(final_status))
            fail(ErrorCode::InvalidArgument, final_dir + " exists and is not a directory; refusing to replace it");
    }

    fsync_tree(staging_dir);

    const std::string final_s = final_p.string();
    if (!final_exists) {
        if (rename_flags(staging_dir.c_str(), final_s.c_str(), RENAME_NOREPLACE) != 0) {
            int err = errno;
            if (!flag_unsupported(err)) fail_errno(err, "moving " + staging_dir + " to " + final_dir);
            if (fs::exists(fs::symlink_status(final_p, ec)))
                fail(ErrorCode::InvalidArgument, final_dir + " appeared while exporting; not replacing it");
            if (::rename(staging_dir.c_str(), final_s.c_str()) != 0)
                fail_errno(errno, "moving " + staging_dir + " to " + final_dir);
        }
        fsync_directory(parent_of(final_p));
        return;
    }

    // Replace: swap atomically when possible; the old contents end up at staging_dir.
    if (rename_flags(staging_dir.c_str(), final_s.c_str(), RENAME_EXCHANGE) == 0) {
        fsync_directory(parent_of(final_p));
        remove_tree(staging_dir);  // the old directory; leftovers are harmless
        return;
    }
    int err = errno;
    if (!flag_unsupported(err)) fail_errno(err, "replacing " + final_dir + " with " + staging_dir);

    const std::string backup = (parent_of(final_p) / ("." + final_p.filename().string() + ".old-" + random_suffix())).string();
    if (::rename(final_s.c_str(), backup.c_str()) != 0) fail_errno(errno, "moving the old " + final_dir + " aside");
    if (::rename(staging_dir.c_str(), final_s.c_str()) != 0) {
        int rename_err = errno;
        if (::rename(backup.c_str(), final_s.c_str()) != 0)
            fail_errno(rename_err, "moving " + staging_dir + " to " + final_dir + " (and the old directory could not be "
                                   "restored; it is at " + backup + ")");
        fail_errno(rename_err, "moving " + staging_dir + " to " + final_dir);
    }
    fsync_directory(parent_of(final_p));
    remove_tree(backup);
}

std::string make_staging_impl(const std::string& final_dir) {
    if (final_dir.empty()) fail(ErrorCode::InvalidArgument, "make_staging_directory: empty path");
    fs::path final_p(final_dir);
    if (!final_p.has_filename()) final_p = final_p.parent_path();
    const std::string name = final_p.filename().string();
    if (name.empty() || name == "." || name == "..")
        fail(ErrorCode::InvalidArgument, final_dir + ": not a usable target directory");
    const fs::path parent = parent_of(final_p);
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) fail_errno(ec.value(), "creating " + parent.string());
    remove_dead_leftovers(parent, name);
    for (int attempt = 0;; ++attempt) {
        fs::path candidate = parent / ("." + name + ".staging-" + random_suffix());
        if (::mkdir(candidate.c_str(), 0777) == 0) return candidate.string();
        if (errno != EEXIST || attempt > 100) fail_errno(errno, "creating a staging directory in " + parent.string());
    }
}

}  // namespace

Expected<void> write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& writer) {
    return capture([&] { write_file_atomically_impl(path, writer); });
}

Expected<void> write_bytes_atomically(const std::string& path, std::string_view bytes) {
    return write_file_atomically(path, [&](std::ostream& os) { os.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

Expected<void> commit_directory_atomically(const std::string& staging_dir, const std::string& final_dir,
                                           const DirectoryCommitOptions& options) {
    return capture([&] { commit_impl(staging_dir, final_dir, options); });
}

Expected<std::string> make_staging_directory(const std::string& final_dir) {
    return capture([&] { return make_staging_impl(final_dir); });
}

// ----- StagingDirectory ----------------------------------------------------

Expected<StagingDirectory> StagingDirectory::create(const std::string& final_dir) {
    auto path = make_staging_directory(final_dir);
    if (!path.ok()) return path.error();
    return StagingDirectory(std::move(path).value(), final_dir);
}

StagingDirectory::StagingDirectory(StagingDirectory&& other) noexcept
    : path_(std::move(other.path_)), final_(std::move(other.final_)), committed_(other.committed_) {
    other.path_.clear();
    other.committed_ = true;
}

StagingDirectory& StagingDirectory::operator=(StagingDirectory&& other) noexcept {
    if (this != &other) {
        discard();
        path_ = std::move(other.path_);
        final_ = std::move(other.final_);
        committed_ = other.committed_;
        other.path_.clear();
        other.committed_ = true;
    }
    return *this;
}

StagingDirectory::~StagingDirectory() { discard(); }

void StagingDirectory::discard() noexcept {
    if (committed_ || path_.empty()) return;
    remove_tree(path_);
    path_.clear();
}

Expected<void> StagingDirectory::commit(const DirectoryCommitOptions& options) {
    if (committed_) return Error{ErrorCode::InvalidArgument, "staging directory for " + final_ + " already committed"};
    if (path_.empty()) return Error{ErrorCode::InvalidArgument, "staging directory for " + final_ + " was discarded"};
    auto result = commit_directory_atomically(path_, final_, options);
    if (result.ok()) committed_ = true;
    return result;
}

}  // namespace lancet
