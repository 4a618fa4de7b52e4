// NumPy's .npz (a zip archive of .npy arrays) read without Python and without
// unpickling: the format the ROME, MEMIT, AlphaEdit and EasyEdit code saves its
// layer statistics in (np.savez of "mom2.mom2", "mom2.count", ...).
//
// Zip: the central directory (zip64 sizes and offsets included) locates each
// member; members are stored or deflated (raw deflate via zlib). .npy: format
// versions 1-3, the header dict's 'descr', 'fortran_order' and 'shape'.
// Numeric and boolean dtypes are read (little or big endian); unicode string
// arrays are listed but not read; object arrays ('O') would need pickle and are
// refused. Every size is checked against the file before anything is allocated.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lancet {

struct NpyArray {
    std::string descr;             // as written: "<f4", ">f8", "|b1", "<i8", "<U32", "|O"
    char kind = 0;                 // 'f', 'i', 'u', 'b', 'U', 'O', ...
    int itemsize = 0;              // bytes per element
    bool big_endian = false;
    bool fortran_order = false;
    std::vector<int64_t> shape;    // () for a scalar
    std::vector<uint8_t> data;     // raw element bytes, as stored (empty for 'U' and 'O')
    int64_t numel() const;
};

// One .npy member from its bytes. InvalidFile on a malformed header or a size
// mismatch; Unsupported for object arrays.
Expected<NpyArray> parse_npy(std::string_view bytes);

struct NpzMember {
    std::string name;              // without ".npy"
    uint64_t compressed = 0;
    uint64_t size = 0;
    int method = 0;                // 0 stored, 8 deflate
};

class NpzFile {
public:
    // Reads the archive's directory (not the arrays). NotFound / Io / InvalidFile.
    static Expected<NpzFile> open(const std::string& path, uint64_t max_member_bytes = 64ull << 30);
    const std::vector<NpzMember>& members() const { return members_; }
    bool has(const std::string& name) const;
    // One array by its name ("mom2.mom2"). NotFound names the members there are.
    Expected<NpyArray> array(const std::string& name) const;

private:
    std::string path_;
    std::vector<NpzMember> members_;
    std::map<std::string, uint64_t> local_offsets_;
    uint64_t file_size_ = 0;
    uint64_t max_member_bytes_ = 0;
};

}  // namespace lancet
