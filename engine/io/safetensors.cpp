#include "io/safetensors.h"

#include "io/atomic_file.h"

#include <torch/types.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <ostream>
#include <set>
#include <unordered_map>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace lancet {

namespace {

using safetensors_text::kMaxJsonDepth;
using safetensors_text::printable;
using safetensors_text::quoted;
using safetensors_text::valid_utf8;
// model.safetensors.index.json is a few hundred KB even for 100B-parameter models.
constexpr uint64_t kMaxIndexBytes = 100'000'000;

struct DtypeDesc {
    const char* name;
    // Position in the reference implementation's Dtype enum; its writer lays
    // tensors out by this rank, highest first, then by name. Ranks fall with
    // element size, so that order keeps every tensor aligned.
    int rank;
    bool has_torch;          // loadable and writable
    c10::ScalarType scalar;  // meaningful when has_torch
};

const DtypeDesc kDtypes[] = {
    {"BOOL", 0, true, torch::kBool},
    {"U8", 1, true, torch::kByte},
    {"I8", 2, true, torch::kChar},
    {"F8_E5M2", 3, false, torch::kFloat},  // parsed so that files holding them validate;
    {"F8_E4M3", 4, false, torch::kFloat},  // LibTorch 1.13 has no such types
    {"I16", 5, true, torch::kShort},
    {"U16", 6, false, torch::kFloat},
    {"F16", 7, true, torch::kHalf},
    {"BF16", 8, true, torch::kBFloat16},
    {"I32", 9, true, torch::kInt},
    {"U32", 10, false, torch::kFloat},
    {"F32", 11, true, torch::kFloat},
    {"F64", 12, true, torch::kDouble},
    {"I64", 13, true, torch::kLong},
    {"U64", 14, false, torch::kFloat},
};

const DtypeDesc* find_dtype(const std::string& name) {
    for (const auto& d : kDtypes)
        if (name == d.name) return &d;
    return nullptr;
}

const DtypeDesc* dtype_for_scalar(c10::ScalarType type) {
    for (const auto& d : kDtypes)
        if (d.has_torch && d.scalar == type) return &d;
    return nullptr;
}

bool host_is_little_endian() {
    const uint16_t probe = 1;
    unsigned char first;
    std::memcpy(&first, &probe, 1);
    return first == 1;
}

struct Mapping {
    void* data = nullptr;
    uint64_t size = 0;
    Mapping() = default;
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() {
        if (data != nullptr) ::munmap(data, size);
    }
    const unsigned char* bytes() const { return static_cast<const unsigned char*>(data); }
};

}  // namespace

// ----- dtype helpers -------------------------------------------------------

bool safetensors_dtype_loadable(const std::string& dtype) {
    const DtypeDesc* d = find_dtype(dtype);
    return d != nullptr && d->has_torch;
}


// ----- SafetensorsFile -----------------------------------------------------

struct detail::SafetensorsFileState {
    std::string path;
    std::shared_ptr<Mapping> mapping;
    uint64_t data_offset = 0;
    std::vector<TensorInfo> tensors;  // sorted by name
    std::map<std::string, std::string> metadata;
    std::unordered_map<std::string, size_t> index;
};

namespace {

// Parses and validates; throws EngineException naming the file (and tensor).
std::shared_ptr<detail::SafetensorsFileState> open_safetensors(const std::string& path) {
    auto bad = [&](const std::string& what) { fail(ErrorCode::InvalidFile, path + ": " + what); };

    if (!host_is_little_endian()) fail(ErrorCode::Unsupported, path + ": safetensors needs a little-endian host");

    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        fail(err == ENOENT || err == ENOTDIR ? ErrorCode::NotFound : ErrorCode::InvalidArgument,
             path + ": cannot open: " + std::strerror(err));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        int err = errno;
        ::close(fd);
        fail(ErrorCode::Internal, path + ": cannot stat: " + std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        bad("not a regular file");
    }
    const uint64_t file_size = static_cast<uint64_t>(st.st_size);
    if (file_size < 8) {
        ::close(fd);
        bad("file is " + std::to_string(file_size) + " bytes, too short for a safetensors file (truncated?)");
    }

    auto state = std::make_shared<detail::SafetensorsFileState>();
    state->path = path;
    state->mapping = std::make_shared<Mapping>();
    // Writable private mapping: in-place edits become copy-on-write pages,
    // never written back. MAP_NORESERVE: do not charge the whole file against
    // the commit limit (a 60 GB model on a 32 GB machine must still map).
    void* addr = ::mmap(nullptr, file_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, fd, 0);
    int map_err = errno;
    ::close(fd);
    if (addr == MAP_FAILED)
        fail(map_err == ENOMEM ? ErrorCode::OutOfMemory : ErrorCode::Internal,
             path + ": cannot map the file: " + std::strerror(map_err));
    state->mapping->data = addr;
    state->mapping->size = file_size;
    const unsigned char* base = state->mapping->bytes();

    auto header = parse_safetensors_header(base, file_size, path);
    if (!header) throw EngineException(header.error());
    state->data_offset = header->data_offset;
    state->tensors = std::move(header->tensors);
    state->metadata = std::move(header->metadata);
    for (size_t i = 0; i < state->tensors.size(); ++i) state->index.emplace(state->tensors[i].name, i);
    return state;
}

torch::Tensor load_tensor(const std::shared_ptr<const detail::SafetensorsFileState>& state, const std::string& name) {
    if (!state) fail(ErrorCode::InvalidArgument, "tensor " + quoted(name) + " requested from an unopened safetensors file");
    auto it = state->index.find(name);
    if (it == state->index.end())
        fail(ErrorCode::NotFound, state->path + ": no tensor " + quoted(printable(name)) + " in the file");
    const TensorInfo& info = state->tensors[it->second];
    const DtypeDesc* desc = find_dtype(info.dtype);
    if (desc == nullptr || !desc->has_torch)
        fail(ErrorCode::Unsupported, state->path + ": tensor " + quoted(printable(name)) + ": dtype " + info.dtype +
                                         " cannot be loaded (LibTorch has no matching type)");
    auto options = torch::TensorOptions().dtype(desc->scalar).device(torch::kCPU);
    if (info.nbytes() == 0) return torch::empty(info.shape, options);

    unsigned char* ptr = static_cast<unsigned char*>(state->mapping->data) + state->data_offset + info.data_begin;
    if (desc->scalar == torch::kBool) {
        // A hostile file may hold bytes other than 0 and 1, which kBool must
        // never see: normalise through a (small) copy.
        torch::Tensor bytes = torch::empty(info.shape, options.dtype(torch::kByte));
        std::memcpy(bytes.data_ptr(), ptr, info.nbytes());
        return bytes.ne(0);
    }
    if (reinterpret_cast<uintptr_t>(ptr) % static_cast<uintptr_t>(safetensors_dtype_size(desc->name)) != 0) {
        // Misaligned data area (not written by the reference writer): copy.
        torch::Tensor copy = torch::empty(info.shape, options);
        std::memcpy(copy.data_ptr(), ptr, info.nbytes());
        return copy;
    }
    std::shared_ptr<Mapping> keep = state->mapping;
    return torch::from_blob(ptr, info.shape, [keep](void*) mutable { keep.reset(); }, options);
}

}  // namespace

Expected<SafetensorsFile> SafetensorsFile::open(const std::string& path) {
    return capture([&] {
        SafetensorsFile file;
        file.state_ = open_safetensors(path);
        return file;
    });
}

const std::string& SafetensorsFile::path() const {
    static const std::string empty;
    return state_ ? state_->path : empty;
}

const std::vector<TensorInfo>& SafetensorsFile::tensors() const {
    static const std::vector<TensorInfo> empty;
    return state_ ? state_->tensors : empty;
}

std::vector<std::string> SafetensorsFile::names() const {
    std::vector<std::string> out;
    for (const auto& t : tensors()) out.push_back(t.name);
    return out;
}

bool SafetensorsFile::contains(const std::string& name) const { return find(name) != nullptr; }

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
    if (!state_) return nullptr;
    auto it = state_->index.find(name);
    return it == state_->index.end() ? nullptr : &state_->tensors[it->second];
}

Expected<TensorInfo> SafetensorsFile::info(const std::string& name) const {
    if (const TensorInfo* t = find(name)) return *t;
    return Error{ErrorCode::NotFound, path() + ": no tensor " + quoted(printable(name)) + " in the file"};
}

const std::map<std::string, std::string>& SafetensorsFile::metadata() const {
    static const std::map<std::string, std::string> empty;
    return state_ ? state_->metadata : empty;
}

Expected<at::Tensor> SafetensorsFile::tensor(const std::string& name) const {
    return capture([&] { return load_tensor(state_, name); });
}

uint64_t SafetensorsFile::data_offset() const { return state_ ? state_->data_offset : 0; }
const void* SafetensorsFile::mapping_data() const { return state_ ? state_->mapping->data : nullptr; }
uint64_t SafetensorsFile::mapping_size() const { return state_ ? state_->mapping->size : 0; }

// ----- TensorSource --------------------------------------------------------

struct detail::TensorSourceState {
    std::string path;
    std::vector<SafetensorsFile> files;
    std::map<std::string, size_t> file_of;  // tensor name -> index in files
    std::vector<std::string> source_paths;
};

namespace {

const char* kIndexName = "model.safetensors.index.json";
const char* kSingleName = "model.safetensors";

[[noreturn]] void fail_pickle_only(const std::string& where) {
    fail(ErrorCode::Unsupported,
         where + ": holds only PyTorch pickle weights (.bin/.pt). Lancet reads safetensors only; it never unpickles "
                 ".bin files, because unpickling can run arbitrary code. Convert a checkpoint you trust with Python: "
                 "python -c \"from transformers import AutoModelForCausalLM as M; "
                 "M.from_pretrained('IN_DIR').save_pretrained('OUT_DIR', safe_serialization=True)\"");
}

bool is_pickle_name(const std::string& name) {
    auto ends_with = [&](const char* suffix) {
        size_t n = std::strlen(suffix);
        return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
    };
    return ends_with(".bin") || ends_with(".bin.index.json") || ends_with(".pt") || ends_with(".pth") ||
           ends_with(".ckpt");
}

// A shard name from an index must stay inside the model folder.
bool safe_shard_name(const std::string& shard) {
    if (shard.empty()) return false;
    for (unsigned char c : shard)
        if (c < 0x20 || c == 0x7F || c == '\\') return false;
    fs::path p(shard);
    if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) return false;
    for (const auto& part : p)
        if (part == "..") return false;
    return p.has_filename();
}

std::string read_small_file(const std::string& path, uint64_t limit) {
    std::error_code ec;
    uint64_t size = fs::file_size(path, ec);
    if (ec) fail(ErrorCode::NotFound, path + ": cannot read: " + ec.message());
    if (size > limit) fail(ErrorCode::InvalidFile, path + ": " + std::to_string(size) + " bytes is too large for an index file");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorCode::NotFound, path + ": cannot open");
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<uint64_t>(in.gcount()) != size) fail(ErrorCode::InvalidFile, path + ": could not read the whole file");
    return text;
}

SafetensorsFile open_or_throw(const std::string& path) {
    auto file = SafetensorsFile::open(path);
    if (!file.ok()) throw EngineException(file.error());
    return std::move(file).value();
}

void add_single(detail::TensorSourceState& st, const std::string& file_path) {
    st.files.push_back(open_or_throw(file_path));
    st.source_paths.push_back(file_path);
    for (const auto& t : st.files.back().tensors()) st.file_of.emplace(t.name, 0);
}

void add_sharded(detail::TensorSourceState& st, const fs::path& dir, const std::string& index_path) {
    const std::string text = read_small_file(index_path, kMaxIndexBytes);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        fail(ErrorCode::InvalidFile, index_path + ": not valid JSON: " + e.what());
    }
    if (!j.is_object()) fail(ErrorCode::InvalidFile, index_path + ": not a JSON object");
    auto wm = j.find("weight_map");
    if (wm == j.end() || !wm->is_object())
        fail(ErrorCode::InvalidFile, index_path + ": no \"weight_map\" object (tensor name -> shard file)");
    if (wm->empty()) fail(ErrorCode::InvalidFile, index_path + ": \"weight_map\" lists no tensors");
    st.source_paths.push_back(index_path);

    std::map<std::string, size_t> shard_index;  // shard name as written -> files index
    for (auto it = wm->begin(); it != wm->end(); ++it) {
        const std::string& name = it.key();
        const std::string where = index_path + ": tensor " + quoted(printable(name));
        if (!it.value().is_string()) fail(ErrorCode::InvalidFile, where + ": shard is not a string");
        const std::string shard = it.value().get<std::string>();
        if (!safe_shard_name(shard))
            fail(ErrorCode::InvalidFile, where + ": shard path " + quoted(printable(shard)) +
                                             " is absolute or leaves the model folder; refusing it");
        auto found = shard_index.find(shard);
        if (found == shard_index.end()) {
            const std::string shard_path = (dir / shard).string();
            std::error_code ec;
            if (!fs::is_regular_file(shard_path, ec))  // follows symlinks (Hugging Face cache layout)
                fail(ErrorCode::NotFound, where + ": shard " + quoted(printable(shard)) + " (" + shard_path +
                                              ") does not exist or is not a file");
            st.files.push_back(open_or_throw(shard_path));
            st.source_paths.push_back(shard_path);
            found = shard_index.emplace(shard, st.files.size() - 1).first;
        }
        const SafetensorsFile& file = st.files[found->second];
        if (!file.contains(name))
            fail(ErrorCode::InvalidFile, where + ": mapped to shard " + quoted(printable(shard)) + ", but " +
                                             file.path() + " has no such tensor");
        st.file_of.emplace(name, found->second);
    }
}

std::shared_ptr<detail::TensorSourceState> open_source(const std::string& path) {
    auto st = std::make_shared<detail::TensorSourceState>();
    st->path = path;
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (!fs::exists(status)) fail(ErrorCode::NotFound, path + ": no such file or folder");

    if (fs::is_regular_file(status)) {
        const std::string name = fs::path(path).filename().string();
        const std::string index_suffix = ".safetensors.index.json";
        if (name.size() > index_suffix.size() &&
            name.compare(name.size() - index_suffix.size(), index_suffix.size(), index_suffix) == 0) {
            const fs::path parent = fs::path(path).parent_path();
            add_sharded(*st, parent.empty() ? fs::path(".") : parent, path);
        } else if (is_pickle_name(name)) {
            fail_pickle_only(path);
        } else {
            add_single(*st, path);
        }
        return st;
    }
    if (!fs::is_directory(status)) fail(ErrorCode::InvalidArgument, path + ": not a file or folder");

    st->source_paths.push_back(path);
    const fs::path dir(path);
    const fs::path single = dir / kSingleName;
    const fs::path index = dir / kIndexName;
    if (fs::exists(single, ec)) {
        add_single(*st, single.string());
    } else if (fs::exists(index, ec)) {
        add_sharded(*st, dir, index.string());
    } else {
        bool has_pickle = false;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (is_pickle_name(entry.path().filename().string())) has_pickle = true;
        if (has_pickle) fail_pickle_only(path);
        fail(ErrorCode::NotFound, path + ": no " + std::string(kSingleName) + " or " + kIndexName + " in the folder");
    }
    return st;
}

}  // namespace

Expected<TensorSource> TensorSource::open(const std::string& path) {
    return capture([&] {
        TensorSource source;
        source.state_ = open_source(path);
        return source;
    });
}

const std::string& TensorSource::path() const {
    static const std::string empty;
    return state_ ? state_->path : empty;
}

std::vector<std::string> TensorSource::names() const {
    std::vector<std::string> out;
    if (state_)
        for (const auto& [name, _] : state_->file_of) out.push_back(name);
    return out;
}

bool TensorSource::contains(const std::string& name) const { return state_ && state_->file_of.count(name) != 0; }

Expected<TensorInfo> TensorSource::info(const std::string& name) const {
    auto file = file_of(name);
    if (!file.ok()) return file.error();
    return state_->files[state_->file_of.at(name)].info(name);
}

Expected<std::string> TensorSource::file_of(const std::string& name) const {
    if (state_) {
        auto it = state_->file_of.find(name);
        if (it != state_->file_of.end()) return state_->files[it->second].path();
    }
    return Error{ErrorCode::NotFound, path() + ": no tensor " + quoted(printable(name)) + " in the model"};
}

Expected<at::Tensor> TensorSource::tensor(const std::string& name) const {
    auto file = file_of(name);
    if (!file.ok()) return file.error();
    return state_->files[state_->file_of.at(name)].tensor(name);
}

Expected<std::map<std::string, at::Tensor>> TensorSource::load_all() const {
    return capture([&] {
        std::map<std::string, at::Tensor> out;
        if (!state_) return out;
        for (const auto& [name, file] : state_->file_of) {
            auto t = state_->files[file].tensor(name);
            if (!t.ok()) throw EngineException(t.error());
            out.emplace(name, std::move(t).value());
        }
        return out;
    });
}

const std::vector<SafetensorsFile>& TensorSource::files() const {
    static const std::vector<SafetensorsFile> empty;
    return state_ ? state_->files : empty;
}

uint64_t TensorSource::total_bytes() const {
    uint64_t total = 0;
    if (state_)
        for (const auto& [name, file] : state_->file_of) total += state_->files[file].find(name)->nbytes();
    return total;
}

std::vector<std::string> TensorSource::source_paths() const { return state_ ? state_->source_paths : std::vector<std::string>{}; }

// ----- writing -------------------------------------------------------------

namespace {

struct PlannedTensor {
    const std::string* name;
    const torch::Tensor* tensor;
    const DtypeDesc* dtype;
    uint64_t nbytes;
    uint64_t begin = 0;
};

// Validates the inputs and returns them in the reference writer's layout order.
std::vector<PlannedTensor> plan(const std::string& path, const NamedTensors& tensors,
                                const std::map<std::string, std::string>& metadata) {
    std::set<std::string> names;
    std::vector<PlannedTensor> out;
    for (const auto& [name, t] : tensors) {
        const std::string where = path + ": tensor " + quoted(printable(name));
        if (name.empty()) fail(ErrorCode::InvalidArgument, path + ": a tensor has an empty name");
        if (name == "__metadata__") fail(ErrorCode::InvalidArgument, where + ": the name is reserved");
        if (!valid_utf8(name)) fail(ErrorCode::InvalidArgument, where + ": the name is not valid UTF-8");
        if (!names.insert(name).second) fail(ErrorCode::InvalidArgument, where + ": the name appears twice");
        if (!t.defined()) fail(ErrorCode::InvalidArgument, where + ": undefined tensor");
        if (t.layout() != torch::kStrided) fail(ErrorCode::InvalidArgument, where + ": only dense tensors can be saved");
        if (t.is_quantized()) fail(ErrorCode::Unsupported, where + ": quantized tensors cannot be saved");
        const DtypeDesc* d = dtype_for_scalar(t.scalar_type());
        if (d == nullptr)
            fail(ErrorCode::Unsupported, where + ": dtype " + std::string(c10::toString(t.scalar_type())) +
                                             " cannot be saved as safetensors by Lancet");
        out.push_back({&name, &t, d, static_cast<uint64_t>(t.numel()) * static_cast<uint64_t>(safetensors_dtype_size(d->name))});
    }
    for (const auto& [k, v] : metadata)
        if (!valid_utf8(k) || !valid_utf8(v))
            fail(ErrorCode::InvalidArgument, path + ": metadata entry " + quoted(printable(k)) + " is not valid UTF-8");
    std::stable_sort(out.begin(), out.end(), [](const PlannedTensor& a, const PlannedTensor& b) {
        return a.dtype->rank != b.dtype->rank ? a.dtype->rank > b.dtype->rank : *a.name < *b.name;
    });
    uint64_t offset = 0;
    for (auto& p : out) {
        p.begin = offset;
        offset += p.nbytes;
    }
    return out;
}

// The reference writer's header byte for byte: __metadata__ first, tensors in
// layout order, fields in the order dtype, shape, data_offsets, no whitespace.
std::string build_header(const std::vector<PlannedTensor>& planned, const std::map<std::string, std::string>& metadata) {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) {
        nlohmann::ordered_json meta = nlohmann::ordered_json::object();
        for (const auto& [k, v] : metadata) meta[k] = v;
        header["__metadata__"] = std::move(meta);
    }
    for (const auto& p : planned) {
        nlohmann::ordered_json entry = nlohmann::ordered_json::object();
        entry["dtype"] = p.dtype->name;
        entry["shape"] = p.tensor->sizes().vec();
        entry["data_offsets"] = {p.begin, p.begin + p.nbytes};
        header[*p.name] = std::move(entry);
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    return text;
}

void write_one(const std::string& path, const NamedTensors& tensors, const std::map<std::string, std::string>& metadata) {
    if (!host_is_little_endian()) fail(ErrorCode::Unsupported, path + ": safetensors needs a little-endian host");
    std::vector<PlannedTensor> planned = plan(path, tensors, metadata);
    const std::string header = build_header(planned, metadata);
    auto result = write_file_atomically(path, [&](std::ostream& os) {
        unsigned char len[8];
        uint64_t n = header.size();
        for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
        os.write(reinterpret_cast<const char*>(len), 8);
        os.write(header.data(), static_cast<std::streamsize>(header.size()));
        for (const auto& p : planned) {
            if (p.nbytes == 0) continue;
            // One tensor at a time on the CPU, so a GPU model needs no second full copy in host memory.
            torch::Tensor cpu = p.tensor->detach().to(torch::kCPU).contiguous();
            if (static_cast<uint64_t>(cpu.nbytes()) != p.nbytes)
                fail(ErrorCode::Internal, path + ": tensor " + quoted(*p.name) + " changed size while being written");
            os.write(static_cast<const char*>(cpu.data_ptr()), static_cast<std::streamsize>(p.nbytes));
            if (!os) return;  // write_file_atomically reports the I/O error
        }
    });
    if (!result.ok()) {
        // Errors from LibTorch (a failed device copy) do not name the file.
        if (result.error().message.find(path) == std::string::npos) throw EngineException(result.error().with_context(path));
        throw EngineException(result.error());
    }
}

std::string shard_name(size_t i, size_t n) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "model-%05zu-of-%05zu.safetensors", i + 1, n);
    return buf;
}

std::vector<std::string> write_sharded(const std::string& dir, const NamedTensors& tensors, uint64_t max_shard_bytes,
                                       const std::map<std::string, std::string>& metadata) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) fail(ErrorCode::NotFound, dir + ": not an existing directory");
    if (max_shard_bytes == 0) fail(ErrorCode::InvalidArgument, "max_shard_bytes must be positive");
    plan(dir, tensors, metadata);  // validate everything before writing anything

    std::vector<NamedTensors> shards(1);
    uint64_t current = 0, total = 0;
    for (const auto& nt : tensors) {
        uint64_t bytes = static_cast<uint64_t>(nt.second.numel()) * static_cast<uint64_t>(nt.second.element_size());
        if (!shards.back().empty() && current + bytes > max_shard_bytes) {
            shards.emplace_back();
            current = 0;
        }
        shards.back().push_back(nt);
        current += bytes;
        total += bytes;
    }

    std::vector<std::string> written;
    if (shards.size() == 1) {
        write_one((fs::path(dir) / kSingleName).string(), shards[0], metadata);
        written.push_back(kSingleName);
        return written;
    }
    nlohmann::json weight_map = nlohmann::json::object();
    for (size_t i = 0; i < shards.size(); ++i) {
        const std::string name = shard_name(i, shards.size());
        write_one((fs::path(dir) / name).string(), shards[i], metadata);
        for (const auto& nt : shards[i]) weight_map[nt.first] = name;
        written.push_back(name);
    }
    nlohmann::json index = {{"metadata", {{"total_size", total}}}, {"weight_map", weight_map}};
    auto result = write_bytes_atomically((fs::path(dir) / kIndexName).string(), index.dump(2) + "\n");
    if (!result.ok()) throw EngineException(result.error());
    written.push_back(kIndexName);
    return written;
}

}  // namespace

Expected<void> write_safetensors(const std::string& path, const NamedTensors& tensors,
                                 const std::map<std::string, std::string>& metadata) {
    return capture([&] { write_one(path, tensors, metadata); });
}

Expected<std::vector<std::string>> write_safetensors_sharded(const std::string& dir, const NamedTensors& tensors,
                                                             uint64_t max_shard_bytes,
                                                             const std::map<std::string, std::string>& metadata) {
    return capture([&] { return write_sharded(dir, tensors, max_shard_bytes, metadata); });
}

}  // namespace lancet
