// Fuzz target: a NumPy .npz archive (zip of .npy members), the format the
// ROME/MEMIT/EasyEdit code saves layer statistics in; Lancet reads it without
// Python and without unpickling (engine/io/npz.h). The input is the file.
// Every member is read; an accepted array must hold exactly shape x itemsize bytes.
#include "io/npz.h"

#include "fuzz_check.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

using lancet::fuzz::violated;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/tmp/lancet-fuzz-npz-" + std::to_string(::getpid()) + ".npz";
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    // A small member limit: sizes the archive claims are refused before allocation.
    auto npz = lancet::NpzFile::open(path, uint64_t{1} << 24);
    if (!npz) return 0;
    for (const auto& member : npz->members()) {
        auto array = npz->array(member.name);
        if (!array) continue;
        const auto& a = array.value();
        int64_t numel = 1;
        for (int64_t d : a.shape) {
            if (d < 0) violated("a negative dimension");
            numel *= d;
        }
        if (numel != a.numel()) violated("numel() disagrees with the shape");
        if (a.kind != 'U' && a.kind != 'O' && static_cast<int64_t>(a.data.size()) != numel * a.itemsize)
            violated("data size is not shape x itemsize");
    }
    return 0;
}
