// Fuzz target: a safetensors file's 8-byte header length and JSON header (the
// whole input is the file). Beyond "no crash", an accepted header must keep
// the promises engine/io/safetensors_header.h makes, since the loader then
// makes zero-copy tensors of those byte ranges without checking again. The
// accepted names then go through the layer-index scanner the merge uses.
#include "io/safetensors_header.h"
#include "merge/tensor_names.h"

#include "fuzz_check.h"

#include <cstdint>

using lancet::fuzz::violated;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto header = lancet::parse_safetensors_header(data, size, "fuzz-input.safetensors");
    if (!header) {
        if (header.error().message.empty()) violated("an error without a message");
        return 0;
    }
    const auto& h = header.value();
    if (h.data_offset < 8 || h.data_offset > size) violated("the data area starts outside the file");
    const uint64_t data_size = size - h.data_offset;
    const lancet::TensorInfo* previous = nullptr;
    for (const auto& t : h.tensors) {
        if (previous && !(previous->name < t.name)) violated("names not sorted and unique");
        previous = &t;
        if (t.data_begin > t.data_end || t.data_end > data_size) violated("a byte range outside the data area");
        const int64_t element = lancet::safetensors_dtype_size(t.dtype);
        if (element <= 0) violated("an accepted dtype of unknown size");
        uint64_t numel = 1;
        for (int64_t d : t.shape) {
            if (d < 0) violated("a negative dimension");
            numel *= static_cast<uint64_t>(d);  // cannot overflow: the parser checked
        }
        if (numel * static_cast<uint64_t>(element) != t.nbytes()) violated("byte range and shape disagree");
        const int64_t layer = lancet::layer_of_tensor(t.name);
        const auto split = lancet::split_layer_name(t.name);
        if (layer < -1 || layer > 999999999) violated("a layer index outside [-1, 1e9)");
        if (split && (split->layer < 0 || split->prefix.size() + split->suffix.size() >= t.name.size()))
            violated("a split that does not come from the name");
        if (split && layer < 0) violated("a name split at a layer that layer_of_tensor does not see");
        (void)lancet::is_post_weight(t.name);
    }
    // No two ranges overlap (checked pairwise on small inputs only: quadratic).
    if (h.tensors.size() <= 64)
        for (size_t i = 0; i < h.tensors.size(); ++i)
            for (size_t j = i + 1; j < h.tensors.size(); ++j) {
                const auto &a = h.tensors[i], &b = h.tensors[j];
                if (a.nbytes() && b.nbytes() && a.data_begin < b.data_end && b.data_begin < a.data_end)
                    violated("overlapping byte ranges accepted");
            }
    return 0;
}
