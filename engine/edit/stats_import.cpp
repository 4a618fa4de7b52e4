#include "edit/stats_import.h"

#include "io/npz.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>

namespace lancet {

namespace {

// The array's bytes as a tensor of its dtype, byte order and memory order fixed.
torch::Tensor to_tensor(const NpyArray& a) {
    torch::ScalarType t;
    if (a.kind == 'f' && a.itemsize == 4) t = torch::kFloat;
    else if (a.kind == 'f' && a.itemsize == 8) t = torch::kDouble;
    else if (a.kind == 'f' && a.itemsize == 2) t = torch::kHalf;
    else if (a.kind == 'i' && a.itemsize == 8) t = torch::kLong;
    else if (a.kind == 'i' && a.itemsize == 4) t = torch::kInt;
    else if (a.kind == 'u' && a.itemsize == 8) t = torch::kLong;  // counts: never above 2^63 in practice
    else fail(ErrorCode::Unsupported, "dtype " + a.descr + " is not a statistics dtype");
    std::vector<uint8_t> bytes = a.data;
    if (a.big_endian && a.itemsize > 1)
        for (size_t i = 0; i + static_cast<size_t>(a.itemsize) <= bytes.size(); i += static_cast<size_t>(a.itemsize))
            std::reverse(bytes.begin() + static_cast<std::ptrdiff_t>(i), bytes.begin() + static_cast<std::ptrdiff_t>(i) + a.itemsize);
    std::vector<int64_t> shape = a.shape;
    if (a.fortran_order) std::reverse(shape.begin(), shape.end());
    auto out = torch::empty(shape, torch::TensorOptions().dtype(t));
    if (!bytes.empty()) std::memcpy(out.data_ptr(), bytes.data(), bytes.size());
    if (a.fortran_order && shape.size() > 1) {
        std::vector<int64_t> perm(shape.size());
        for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<int64_t>(perm.size() - 1 - i);
        out = out.permute(perm).contiguous();
    }
    return out;
}

}  // namespace

Expected<torch::Tensor> npy_to_tensor(const NpyArray& array) {
    return capture([&] { return to_tensor(array); });
}

Expected<ImportedSecondMoment> import_layer_stats_npz(const std::string& path, int64_t d_ff) {
    return capture([&] {
        const NpzFile f = NpzFile::open(path).value();
        // CombinedStat keys ("mom2.mom2"), or a bare SecondMoment's ("mom2", "count").
        const bool combined = f.has("mom2.mom2");
        const std::string mom2_key = combined ? "mom2.mom2" : "mom2", count_key = combined ? "mom2.count" : "count";
        const NpyArray m = f.array(mom2_key).value();
        const NpyArray c = f.array(count_key).value();
        if (m.shape.size() != 2 || m.shape[0] != m.shape[1])
            fail(ErrorCode::InvalidArgument, path + ": " + mom2_key + " is not a square matrix");
        if (d_ff > 0 && m.shape[0] != d_ff)
            fail(ErrorCode::InvalidArgument, path + ": the statistics are " + std::to_string(m.shape[0]) + " x " +
                                                 std::to_string(m.shape[0]) + ", this layer's keys have " +
                                                 std::to_string(d_ff) + " dimensions (another model?)");
        const auto count_t = to_tensor(c);
        if (count_t.numel() != 1) fail(ErrorCode::InvalidFile, path + ": " + count_key + " is not a single number");
        const int64_t count = count_t.to(torch::kLong).item<int64_t>();
        if (count <= 0) fail(ErrorCode::InvalidFile, path + ": the sample count is not positive");
        torch::NoGradGuard no_grad;
        ImportedSecondMoment out;
        out.count = count;
        out.mom2 = (to_tensor(m).to(torch::kDouble) / static_cast<double>(count)).to(torch::kFloat);
        if (!torch::isfinite(out.mom2).all().item<bool>()) fail(ErrorCode::InvalidFile, path + ": the matrix has NaN or Inf");
        out.source = path;
        return out;
    });
}

}  // namespace lancet
