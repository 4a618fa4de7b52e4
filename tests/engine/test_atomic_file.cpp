// Atomic file writes and staged directory commits: a failed write leaves the
// old file and no temporary; an export never replaces its source model.
#include "check.h"

#include "io/atomic_file.h"

#include <algorithm>
#include <cctype>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <stdexcept>
#include <string>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_atomic_file {

namespace fs = std::filesystem;
using namespace lancet;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_plain(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

LANCET_TEST(writes_new_file_without_leftovers) {
    auto dir = lancet::test::scratch_dir("atomic-new");
    auto path = dir + "/out.json";
    REQUIRE_OK(write_file_atomically(path, [](std::ostream& os) { os << "{\"a\": 1}\n"; }));
    CHECK_EQ(read_text(path), std::string("{\"a\": 1}\n"));
    CHECK(entries(dir) == std::vector<std::string>{"out.json"});
    REQUIRE_OK(write_bytes_atomically(path, std::string("x\0y", 3)));
    CHECK_EQ(read_text(path), std::string("x\0y", 3));
    CHECK(entries(dir) == std::vector<std::string>{"out.json"});
}

LANCET_TEST(large_write_goes_through) {
    auto dir = lancet::test::scratch_dir("atomic-large");
    auto path = dir + "/big.bin";
    std::string block(3 << 20, 'q');  // larger than the stream buffer
    REQUIRE_OK(write_file_atomically(path, [&](std::ostream& os) {
        os << "head";
        os.write(block.data(), static_cast<std::streamsize>(block.size()));
        os << "tail";
    }));
    CHECK_EQ(fs::file_size(path), block.size() + 8);
    std::string text = read_text(path);
    CHECK(text.compare(0, 4, "head") == 0);
    CHECK(text.compare(text.size() - 4, 4, "tail") == 0);
}

LANCET_TEST(replacing_keeps_permissions) {
    auto dir = lancet::test::scratch_dir("atomic-perm");
    auto path = dir + "/cfg";
    write_plain(path, "old");
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    REQUIRE_OK(write_bytes_atomically(path, "new"));
    CHECK_EQ(read_text(path), std::string("new"));
    CHECK(fs::status(path).permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
}

LANCET_TEST(failure_mid_write_keeps_old_file_and_removes_temp) {
    auto dir = lancet::test::scratch_dir("atomic-fail");
    auto path = dir + "/model.safetensors";
    write_plain(path, "the old contents");

    auto engine_error = write_file_atomically(path, [](std::ostream& os) {
        os << std::string(4 << 20, 'z');  // some data reaches the temp file first
        fail(ErrorCode::Cancelled, "cancelled by the user");
    });
    REQUIRE(!engine_error.ok());
    CHECK(engine_error.error().code == ErrorCode::Cancelled);
    CHECK_EQ(read_text(path), std::string("the old contents"));
    CHECK(entries(dir) == std::vector<std::string>{"model.safetensors"});

    auto other_error = write_file_atomically(path, [](std::ostream& os) {
        os << "partial";
        throw std::runtime_error("tensor conversion failed");
    });
    REQUIRE(!other_error.ok());
    CHECK(other_error.error().code == ErrorCode::Internal);
    CHECK(contains(other_error.error().message, "tensor conversion failed"));
    CHECK_EQ(read_text(path), std::string("the old contents"));
    CHECK(entries(dir) == std::vector<std::string>{"model.safetensors"});
}

LANCET_TEST(io_error_mid_write_is_reported) {
    // A real write failure: RLIMIT_FSIZE makes write() fail with EFBIG (the
    // signal it would raise is ignored for the duration).
    auto dir = lancet::test::scratch_dir("atomic-efbig");
    auto path = dir + "/out.bin";
    write_plain(path, "old");
    struct rlimit saved {};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = saved;
    small.rlim_cur = 64 * 1024;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
    auto result = write_file_atomically(path, [](std::ostream& os) { os << std::string(4 << 20, 'x'); });
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    REQUIRE(!result.ok());
    CHECK(contains(result.error().message, path));
    CHECK(contains(result.error().message, "too large"));  // strerror(EFBIG): "File too large"
    CHECK(result.error().code == ErrorCode::Io);           // a file-system failure, told apart by its code
    CHECK_EQ(read_text(path), std::string("old"));
    CHECK(entries(dir) == std::vector<std::string>{"out.bin"});
}

LANCET_TEST(refuses_bad_targets) {
    auto dir = lancet::test::scratch_dir("atomic-bad");
    auto missing = write_bytes_atomically(dir + "/no/such/dir/file", "x");
    REQUIRE(!missing.ok());
    CHECK(missing.error().code == ErrorCode::NotFound);
    CHECK(contains(missing.error().message, "no/such/dir/file"));
    fs::create_directories(dir + "/sub");
    auto onto_dir = write_bytes_atomically(dir + "/sub", "x");
    REQUIRE(!onto_dir.ok());
    CHECK(onto_dir.error().code == ErrorCode::InvalidArgument);
    CHECK(fs::is_directory(dir + "/sub"));
}

// ----- directories -------------------------------------------------------------

namespace {
std::string staged_with(const std::string& final_dir, const std::string& file, const std::string& text) {
    auto staging = make_staging_directory(final_dir);
    if (!staging.ok()) {
        lancet::test::record_failure(__FILE__, __LINE__, staging.error().message);
        throw lancet::test::RequireFailed{};
    }
    write_plain(*staging + "/" + file, text);
    return *staging;
}
}  // namespace

LANCET_TEST(commit_new_directory) {
    auto root = lancet::test::scratch_dir("atomic-commit");
    auto final_dir = root + "/exports/edited-model";  // parent created by make_staging_directory
    auto staging = staged_with(final_dir, "model.safetensors", "weights");
    CHECK(fs::path(staging).parent_path() == fs::path(final_dir).parent_path());
    CHECK(fs::path(staging).filename().string().rfind(".edited-model.staging-", 0) == 0);
    REQUIRE_OK(commit_directory_atomically(staging, final_dir));
    CHECK(!fs::exists(staging));
    CHECK_EQ(read_text(final_dir + "/model.safetensors"), std::string("weights"));
    CHECK(entries(root + "/exports") == std::vector<std::string>{"edited-model"});
}

LANCET_TEST(commit_refuses_existing_without_overwrite) {
    auto root = lancet::test::scratch_dir("atomic-exists");
    auto final_dir = root + "/out";
    fs::create_directories(final_dir);
    write_plain(final_dir + "/keep.txt", "precious");
    auto staging = staged_with(final_dir, "new.txt", "new");
    auto result = commit_directory_atomically(staging, final_dir);
    REQUIRE(!result.ok());
    CHECK(result.error().code == ErrorCode::InvalidArgument);
    CHECK(contains(result.error().message, final_dir));
    CHECK_EQ(read_text(final_dir + "/keep.txt"), std::string("precious"));
    CHECK(fs::exists(staging + "/new.txt"));  // left for the caller

    DirectoryCommitOptions overwrite;
    overwrite.overwrite = true;
    REQUIRE_OK(commit_directory_atomically(staging, final_dir, overwrite));
    CHECK(entries(final_dir) == std::vector<std::string>{"new.txt"});
    CHECK(entries(root) == std::vector<std::string>{"out"});  // old copy and staging gone
}

LANCET_TEST(commit_never_replaces_the_source_model) {
    auto root = lancet::test::scratch_dir("atomic-protect");
    auto model = root + "/gpt2";
    fs::create_directories(model);
    write_plain(model + "/model.safetensors", "original weights");
    DirectoryCommitOptions options;
    options.overwrite = true;
    options.protected_paths = {model};

    // Exporting over the source folder itself.
    auto staging = staged_with(model, "model.safetensors", "edited");
    auto same = commit_directory_atomically(staging, model, options);
    REQUIRE(!same.ok());
    CHECK(same.error().code == ErrorCode::InvalidArgument);
    CHECK(contains(same.error().message, "source"));
    CHECK_EQ(read_text(model + "/model.safetensors"), std::string("original weights"));

    // Over the folder that contains the source.
    auto staging2 = staged_with(root, "x", "y");
    CHECK(!commit_directory_atomically(staging2, root, options).ok());
    CHECK(fs::exists(model + "/model.safetensors"));
    fs::remove_all(staging2);

    // Through a symlink to the source, and with only a shard file protected.
    fs::create_directory_symlink(model, root + "/alias");
    CHECK(!commit_directory_atomically(staging, root + "/alias", options).ok());
    DirectoryCommitOptions shard_only;
    shard_only.overwrite = true;
    shard_only.protected_paths = {model + "/model.safetensors"};
    CHECK(!commit_directory_atomically(staging, model, shard_only).ok());
    CHECK_EQ(read_text(model + "/model.safetensors"), std::string("original weights"));

    // A new directory inside the source folder replaces nothing: allowed.
    REQUIRE_OK(commit_directory_atomically(staging, model + "/edited", options));
    CHECK_EQ(read_text(model + "/edited/model.safetensors"), std::string("edited"));
    CHECK_EQ(read_text(model + "/model.safetensors"), std::string("original weights"));
}

LANCET_TEST(commit_protects_symlinked_shards) {
    // The Hugging Face cache layout: snapshot/model.safetensors -> ../blobs/<hash>.
    auto root = lancet::test::scratch_dir("atomic-hfcache");
    fs::create_directories(root + "/blobs");
    fs::create_directories(root + "/snapshot");
    write_plain(root + "/blobs/abc123", "weights");
    fs::create_symlink("../blobs/abc123", root + "/snapshot/model.safetensors");
    DirectoryCommitOptions options;
    options.overwrite = true;
    options.protected_paths = {root + "/snapshot/model.safetensors"};
    auto staging = staged_with(root + "/snapshot", "model.safetensors", "edited");
    auto result = commit_directory_atomically(staging, root + "/snapshot", options);
    REQUIRE(!result.ok());
    CHECK(contains(result.error().message, "source"));
    CHECK(fs::is_symlink(root + "/snapshot/model.safetensors"));
    // Replacing the blob store is refused too.
    CHECK(!commit_directory_atomically(staging, root + "/blobs", options).ok());
    CHECK_EQ(read_text(root + "/blobs/abc123"), std::string("weights"));
}

LANCET_TEST(staging_directory_cleans_up) {
    auto root = lancet::test::scratch_dir("atomic-raii");
    std::string path;
    {
        auto staging = StagingDirectory::create(root + "/out");
        REQUIRE_OK(staging);
        path = staging->path();
        write_plain(path + "/partial.bin", "half an export");
        CHECK(fs::exists(path));
    }  // abandoned (an error or a cancel)
    CHECK(!fs::exists(path));
    CHECK(entries(root).empty());

    auto staging = StagingDirectory::create(root + "/out");
    REQUIRE_OK(staging);
    write_plain(staging->path() + "/done.bin", "all");
    REQUIRE_OK(staging->commit());
    CHECK(staging->committed());
    CHECK_EQ(read_text(root + "/out/done.bin"), std::string("all"));
    CHECK(entries(root) == std::vector<std::string>{"out"});
}

// A process killed mid-export leaves ".NAME.staging-HOST-PID-RANDOM" (a whole
// model's size) or a ".NAME.tmp-..." file; the next write of NAME removes those
// of dead processes on this machine, and nothing else.
LANCET_TEST(leftovers_of_a_dead_process_are_removed_before_the_next_write_and_nothing_else) {
    const std::string root = lancet::test::scratch_dir("atomic_leftovers");
    char host_raw[256] = {0};
    ::gethostname(host_raw, sizeof host_raw - 1);
    std::string host;
    for (const char* c = host_raw; *c && host.size() < 32; ++c)
        if (std::isalnum(static_cast<unsigned char>(*c))) host += *c;
    if (host.empty()) host = "host";
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    REQUIRE(child > 0);
    int status = 0;
    ::waitpid(child, &status, 0);  // reaped: its pid names no process now
    const std::string dead = std::to_string(child), live = std::to_string(::getpid());

    fs::create_directories(root + "/.out.staging-" + host + "-" + dead + "-00ff");
    write_plain(root + "/.out.staging-" + host + "-" + dead + "-00ff/model.safetensors", "half");
    fs::create_directories(root + "/.out.staging-" + host + "-" + live + "-0abc");      // this process's: alive
    fs::create_directories(root + "/.out.staging-elsewhere-" + dead + "-0def");          // another machine's
    fs::create_directories(root + "/.out.staging-1234-0123456789abcdef");                // an older version's name
    fs::create_directories(root + "/.other.staging-" + host + "-" + dead + "-0111");     // another target's
    write_plain(root + "/.f.txt.tmp-" + host + "-" + dead + "-0a0a", "torn");
    write_plain(root + "/.f.txt.tmp-" + host + "-" + live + "-0b0b", "in use");

    auto staging = make_staging_directory(root + "/out");
    REQUIRE_OK(staging);
    CHECK(!fs::exists(root + "/.out.staging-" + host + "-" + dead + "-00ff"));
    CHECK(fs::exists(root + "/.out.staging-" + host + "-" + live + "-0abc"));
    CHECK(fs::exists(root + "/.out.staging-elsewhere-" + dead + "-0def"));
    CHECK(fs::exists(root + "/.out.staging-1234-0123456789abcdef"));
    CHECK(fs::exists(root + "/.other.staging-" + host + "-" + dead + "-0111"));
    CHECK(fs::exists(*staging));
    // Its own name says which machine and process made it.
    CHECK(fs::path(*staging).filename().string().rfind(".out.staging-" + host + "-" + live + "-", 0) == 0);

    REQUIRE_OK(write_bytes_atomically(root + "/f.txt", "whole"));
    CHECK(!fs::exists(root + "/.f.txt.tmp-" + host + "-" + dead + "-0a0a"));
    CHECK(fs::exists(root + "/.f.txt.tmp-" + host + "-" + live + "-0b0b"));
    CHECK_EQ(read_text(root + "/f.txt"), std::string("whole"));
}

}  // namespace lancet_suite_atomic_file
