#include "merge/tensor_names.h"

#include <array>
#include <string_view>
#include <vector>

namespace lancet {

namespace {

std::vector<std::string_view> segments_of(const std::string& name) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        const size_t dot = name.find('.', start);
        out.emplace_back(name.data() + start, (dot == std::string::npos ? name.size() : dot) - start);
        if (dot == std::string::npos) return out;
        start = dot + 1;
    }
}

bool is_container(std::string_view s) { return s == "h" || s == "layers" || s == "layer" || s == "blocks"; }

// A decimal index of 1 to 9 digits (no sign, no overflow), else -1.
int64_t index_of(std::string_view s) {
    if (s.empty() || s.size() > 9) return -1;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

// Offset of segment i in the name (segments are views into it).
size_t offset_of(const std::string& name, std::string_view segment) {
    return static_cast<size_t>(segment.data() - name.data());
}

}  // namespace

std::optional<LayerName> split_layer_name(const std::string& name) {
    const auto seg = segments_of(name);
    for (size_t i = seg.size(); i-- > 0;) {
        if (i + 2 >= seg.size() || !is_container(seg[i])) continue;
        const int64_t layer = index_of(seg[i + 1]);
        if (layer < 0) continue;
        const size_t rest = offset_of(name, seg[i + 2]);
        if (rest >= name.size()) continue;  // "h.3." has no rest
        const size_t prefix_end = offset_of(name, seg[i]) + seg[i].size();
        return LayerName{name.substr(0, prefix_end), layer, name.substr(rest)};
    }
    return std::nullopt;
}

int64_t layer_of_tensor(const std::string& name) {
    const auto seg = segments_of(name);
    for (size_t i = 0; i + 2 < seg.size(); ++i)
        if (is_container(seg[i]))
            if (const int64_t layer = index_of(seg[i + 1]); layer >= 0) return layer;
    return -1;
}

bool is_post_weight(const std::string& name) {
    static constexpr std::array<std::string_view, 6> kPost = {"lm_head",         "ln_f", "final_layer_norm",
                                                              "final_layernorm", "norm", "embed_out"};
    const auto seg = segments_of(name);
    for (size_t i = 0; i + 1 < seg.size(); ++i)
        for (auto p : kPost)
            if (seg[i] == p) return true;
    return false;
}

}  // namespace lancet
