// The torch-free half of reading a safetensors file: validating its 8-byte
// header length and JSON header against the file's size, before anything in
// them is trusted (io/safetensors.h maps the file and makes tensors of it).
// Kept free of LibTorch so that the fuzz target tests/fuzz/fuzz_safetensors_header
// runs it under libFuzzer, ASan and UBSan without building the engine.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lancet {

// Element size in bytes of a safetensors dtype string ("F32" -> 4), or 0 when
// the dtype is unknown. Known for validation: F64 F32 F16 BF16 I64 I32 I16 I8
// U64 U32 U16 U8 BOOL F8_E4M3 F8_E5M2.
int64_t safetensors_dtype_size(const std::string& dtype);

struct TensorInfo {
    std::string name;
    std::string dtype;            // as written in the file: "F32", "BF16", ...
    std::vector<int64_t> shape;   // empty for a 0-d tensor
    uint64_t data_begin = 0;      // byte range [data_begin, data_end) within the
    uint64_t data_end = 0;        // data area (the header's data_offsets)

    int64_t numel() const;        // 1 for a 0-d tensor
    uint64_t nbytes() const { return data_end - data_begin; }
};

struct SafetensorsHeader {
    uint64_t data_offset = 0;                     // 8 + header length: where the data area starts
    std::vector<TensorInfo> tensors;              // sorted by name
    std::map<std::string, std::string> metadata;  // "__metadata__", may be empty
};

// Validates the header of a safetensors file of `file_size` bytes whose bytes
// are at `bytes` (all of them, or at least the first 8 + header length):
//   InvalidFile  shorter than 8 bytes; header length > file size - 8 or
//                > 100 MB; header not UTF-8, not JSON, not an object, nested
//                deeper than 16; duplicate names; an entry without a valid
//                dtype, shape (non-negative integers, element count must not
//                overflow) or data_offsets [begin, end] (begin <= end <= data
//                area size, end - begin == numel * dtype size); overlapping byte
//                ranges (gaps are allowed); __metadata__ not string -> string;
//   Unsupported  a dtype string Lancet does not know (e.g. "F4").
// Messages name `path` and, where there is one, the tensor.
Expected<SafetensorsHeader> parse_safetensors_header(const unsigned char* bytes, uint64_t file_size,
                                                     const std::string& path);

// Helpers for messages about hostile files, shared with io/safetensors.cpp.
namespace safetensors_text {
std::string quoted(const std::string& s);
// Control bytes escaped, length capped at 200 bytes.
std::string printable(const std::string& s);
// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(const unsigned char* s, size_t n);
bool valid_utf8(const std::string& s);
// JSON nesting allowed in safetensors headers and index files.
constexpr int kMaxJsonDepth = 16;
}  // namespace safetensors_text

}  // namespace lancet
