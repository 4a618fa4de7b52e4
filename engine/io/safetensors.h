// Reading and writing safetensors checkpoints, the only weight format Lancet
// accepts (it never unpickles PyTorch .bin files).
//
// Format (https://github.com/huggingface/safetensors): an 8-byte little-endian
// header length N, N bytes of UTF-8 JSON
//   {"__metadata__": {"k": "v"}, "name": {"dtype": "F32", "shape": [2, 3],
//                                         "data_offsets": [begin, end]}, ...}
// then the data area; offsets are relative to the start of the data area.
//
// Reading maps the file with mmap(PROT_READ | PROT_WRITE, MAP_PRIVATE): tensors
// returned by tensor() are zero-copy views of the mapping, and an in-place edit
// of one (a ROME update, say) turns the touched pages into private
// copy-on-write copies. The user's file is never written through the mapping;
// export writes new files. Everything in the header is validated before any
// of it is trusted; errors name the file and, where there is one, the tensor.
//
// Caveat inherent to mmap: if another process truncates the file while it is
// mapped, touching the lost pages raises SIGBUS. Lancet's own writers replace
// files by rename (io/atomic_file.h), which leaves open mappings intact.
//
// Tensors use at::Tensor (the same type as torch::Tensor); this header only
// forward-declares it, so include <torch/types.h> (engine .cpp files get it
// from the precompiled header) to use the results.
#pragma once

#include "core/result.h"
#include "io/safetensors_header.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace at {
class Tensor;
}

namespace lancet {

namespace detail {
struct SafetensorsFileState;
struct TensorSourceState;
}  // namespace detail

// Whether tensor() can load the dtype, i.e. LibTorch has a matching type:
// F32 F16 BF16 F64 I64 I32 I16 I8 U8 BOOL (not U16/U32/U64 or the F8 types).
bool safetensors_dtype_loadable(const std::string& dtype);

class SafetensorsFile {
public:
    // An empty handle: no tensors; tensor() fails. Use open().
    SafetensorsFile() = default;

    // Maps and validates the whole header:
    //   NotFound     the file does not exist;
    //   InvalidFile  shorter than 8 bytes; header length > file size - 8 or
    //                > 100 MB; header not UTF-8, not JSON, not an object;
    //                duplicate names; an entry without a valid dtype, shape
    //                (non-negative integers, element count must not overflow)
    //                or data_offsets [begin, end] (begin <= end <= data area
    //                size, end - begin == numel * dtype size); overlapping byte
    //                ranges (gaps between ranges are allowed); __metadata__
    //                not a string -> string object;
    //   Unsupported  a dtype string Lancet does not know (e.g. "F4").
    static Expected<SafetensorsFile> open(const std::string& path);

    bool is_open() const { return state_ != nullptr; }
    const std::string& path() const;
    const std::vector<TensorInfo>& tensors() const;              // sorted by name
    std::vector<std::string> names() const;                      // sorted
    bool contains(const std::string& name) const;
    const TensorInfo* find(const std::string& name) const;       // nullptr when absent
    Expected<TensorInfo> info(const std::string& name) const;    // NotFound naming file and tensor
    const std::map<std::string, std::string>& metadata() const;  // "__metadata__", may be empty

    // A CPU tensor over the mapping (F16 -> kHalf, BF16 -> kBFloat16, F32 ->
    // kFloat, I64 -> kLong, ...), zero-copy when the data is aligned to the
    // element size (always, for files written by the reference library or by
    // write_safetensors); otherwise, and for BOOL (normalised to 0/1), a copy. It keeps the mapping alive on its
    // own and may outlive this object. Writable: edits stay private to the
    // process. Two calls for the same name give views of the same memory.
    //   NotFound     no such tensor (message names file and tensor);
    //   Unsupported  a dtype LibTorch lacks (U16, U32, U64, F8_E4M3, F8_E5M2).
    Expected<at::Tensor> tensor(const std::string& name) const;

    // Byte offset of the data area in the file (8 + header length).
    uint64_t data_offset() const;
    // The mapped file, for checks that a tensor is a view of it.
    const void* mapping_data() const;
    uint64_t mapping_size() const;

private:
    std::shared_ptr<const detail::SafetensorsFileState> state_;
};

// The tensors of a Hugging Face model folder: model.safetensors, or the shards
// listed in model.safetensors.index.json ("weight_map": tensor name -> shard
// file). A path to a single .safetensors file (or to an index file) works too.
class TensorSource {
public:
    TensorSource() = default;

    // Checks everything up front:
    //   NotFound     no such path; neither model.safetensors nor
    //                model.safetensors.index.json in the folder; a shard the
    //                index names does not exist;
    //   InvalidFile  index not JSON / no weight_map object / not name -> string;
    //                a shard path that is absolute or leaves the folder ("..");
    //                a shard that lacks the tensor mapped to it; any error of
    //                SafetensorsFile::open for a shard;
    //   Unsupported  only PyTorch pickles (pytorch_model.bin, *.pt, ...) present:
    //                Lancet never unpickles them; the message says how to convert.
    // Tensors present in a shard but absent from weight_map are ignored (as
    // transformers does).
    static Expected<TensorSource> open(const std::string& path);

    const std::string& path() const;                    // the folder (or the single file)
    std::vector<std::string> names() const;             // sorted
    bool contains(const std::string& name) const;
    Expected<TensorInfo> info(const std::string& name) const;
    Expected<at::Tensor> tensor(const std::string& name) const;  // as SafetensorsFile::tensor
    // The shard holding a tensor (path), NotFound when absent.
    Expected<std::string> file_of(const std::string& name) const;
    // Every tensor, zero-copy where possible (see SafetensorsFile::tensor).
    Expected<std::map<std::string, at::Tensor>> load_all() const;

    const std::vector<SafetensorsFile>& files() const;  // the opened shards
    uint64_t total_bytes() const;                       // sum of the tensors' nbytes()
    // Every path that holds this model's data (the folder or file, and each
    // shard, symlinks as given): pass them to DirectoryCommitOptions::protected_paths.
    std::vector<std::string> source_paths() const;

private:
    std::shared_ptr<const detail::TensorSourceState> state_;
};

using SafetensorsFolder = TensorSource;

using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

// Writes a safetensors file atomically (io/atomic_file.h: temp file, fsync,
// rename), readable by the reference library. Tensors may live on any device
// and be non-contiguous; each is copied to contiguous CPU memory one at a time
// while writing. The output is what the reference writer (Python
// safetensors.torch.save_file) produces for the same tensors, byte for byte:
// the header (compact JSON, __metadata__ first) is padded with spaces to a
// multiple of 8 bytes, and tensors are laid out by dtype, wider types first
// (the reference's dtype order: I64/F64, F32/I32, BF16/F16/I16, I8/U8/BOOL),
// then by name, so every tensor is aligned to its element size. The order of
// `tensors` does not matter.
// dtypes: float, double, half, bfloat16, int64/32/16/8, uint8, bool.
//   InvalidArgument  an undefined or sparse tensor, an empty, duplicate, or
//                    "__metadata__" name, a name or metadata string not UTF-8;
//   Unsupported      another dtype (complex, quantized, ...).
Expected<void> write_safetensors(const std::string& path, const NamedTensors& tensors,
                                 const std::map<std::string, std::string>& metadata = {});

// Writes tensors into the existing directory `dir` the way transformers'
// save_pretrained does: everything in "model.safetensors" when it fits in
// max_shard_bytes, else "model-00001-of-0000N.safetensors" shards (filled in
// the given order, a tensor larger than the limit gets a shard of its own)
// plus "model.safetensors.index.json" ({"metadata": {"total_size": bytes},
// "weight_map": {...}}), written last. `metadata` goes into every shard.
// Write into a staging directory (StagingDirectory) and commit it to publish
// the export atomically. Returns the file names written (index last).
Expected<std::vector<std::string>> write_safetensors_sharded(const std::string& dir, const NamedTensors& tensors,
                                                             uint64_t max_shard_bytes = 5ull << 30,
                                                             const std::map<std::string, std::string>& metadata = {});

}  // namespace lancet
