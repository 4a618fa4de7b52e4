// Where a tensor sits in the layer stack, read from its name
// ("transformer.h.3.attn.c_attn.weight": layer 3). Names come from the headers
// of downloaded safetensors files, so they are scanned segment by segment:
// std::regex recursed per character (a stack overflow on a long name) and
// std::stoll threw on an index beyond int64.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lancet {

// A name split around its layer index: {"transformer.h", 3, "attn.c_attn.weight"}.
struct LayerName {
    std::string prefix;
    int64_t layer = -1;
    std::string suffix;
};

// The last "<container>.<index>.<rest>" in the name, container one of h, layers,
// layer, blocks, index decimal (at most 9 digits: a longer one is no layer), rest
// non-empty; nullopt when there is none.
std::optional<LayerName> split_layer_name(const std::string& name);

// The first such layer index in the name, or -1 (the rest may be empty: "h.3.").
int64_t layer_of_tensor(const std::string& name);

// True for tensors after the layer stack: a segment, not the last, named lm_head,
// ln_f, final_layer_norm, final_layernorm, norm or embed_out.
bool is_post_weight(const std::string& name);

}  // namespace lancet
