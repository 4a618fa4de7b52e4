// Layer placement: which device holds each part of a model whose layers are
// split across several devices of one host (pipeline placement, for models
// larger than one GPU). The embeddings and the first blocks sit on the first
// stage, the next blocks on the next stage, ..., the final norm and the
// unembedding on the last; the forward pass moves the residual stream at the
// boundaries. See docs/design/placement.md.
//
// A stage is one entry of the device list; a device may appear twice (the
// tests place a model over [cpu, cpu] so that the boundary code runs where
// LibTorch has one CPU device).
#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <map>
#include <string>
#include <vector>

namespace lancet {

struct ModelWeights;

struct Placement {
    std::vector<torch::Device> stages;  // in pipeline order
    std::vector<int> layer_stage;       // block l runs on stages[layer_stage[l]]
    int embed_stage = 0;                // token and position embeddings: the input device
    int head_stage = 0;                 // final norm and unembedding

    torch::Device stage_device(int stage) const { return stages.at(static_cast<size_t>(stage)); }
    torch::Device input_device() const { return stage_device(embed_stage); }
    torch::Device layer_device(int layer) const { return stage_device(layer_stage.at(static_cast<size_t>(layer))); }
    torch::Device head_device() const { return stage_device(head_stage); }
    // More than one stage: the forward pass crosses at least one boundary
    // (even when both sides are the same device, as in the CPU tests).
    bool is_split() const { return stages.size() > 1; }
    // Two stages on different devices (CUDA graphs cannot span them).
    bool spans_devices() const;

    // The layer list in the syntax parse_placement reads back: "0-15:cuda:0,16-31:cuda:1".
    std::string layer_list() const;
    nlohmann::json to_json() const;
};

// Everything on one device (what a model loaded with --device gets).
Placement single_device_placement(torch::Device device, int n_layer);

// "cuda:0,cuda:1" -> devices; each entry as parse_device reads it (cpu, cuda, cuda:N).
Expected<std::vector<torch::Device>> parse_device_list(const std::string& text);

// Equal numbers of layers per device, in order; the first devices take one
// more where the layers do not divide evenly.
Expected<Placement> balanced_placement(const std::vector<torch::Device>& devices, int n_layer);

// The LIST syntax: comma-separated "FIRST-LAST:DEVICE" or "LAYER:DEVICE"
// items, each a range of blocks (inclusive, 0-based) and the device that holds
// them, e.g. "0-15:cuda:0,16-31:cuda:1". Every block must be placed exactly
// once. When `allowed` is not empty (--devices was given) every device named
// must be one of them. Each item is a stage, in the order written; the
// embeddings go with block 0 and the head with the last block.
Expected<Placement> parse_layer_list(const std::string& text, const std::vector<torch::Device>& allowed, int n_layer);

// What each part of a model takes in its working dtype, for auto placement.
struct PlacementSizes {
    int64_t embed_bytes = 0;          // token and position embeddings
    std::vector<int64_t> layer_bytes; // one per block
    int64_t head_bytes = 0;           // final norm and unembedding (0 extra when tied to the embeddings)
};
PlacementSizes placement_sizes(const ModelWeights& weights, torch::ScalarType dtype, bool tied_embeddings);

// Layers in order to the devices in proportion to their free bytes, the
// embeddings counted on the first and the head on the last. OutOfMemory when
// the parts cannot fit the free bytes at all.
Expected<Placement> placement_by_free_memory(const std::vector<torch::Device>& devices,
                                             const std::vector<int64_t>& free_bytes, const PlacementSizes& sizes);

// The stage each checkpoint tensor belongs to, from the slots `weights` binds
// it to (bound from `tensors`); tensors no slot holds go with the embeddings.
// A tensor in two parts' slots (tied embeddings) goes with the first: the
// embeddings, then the layers in order, then the head.
std::map<std::string, int> tensor_stages(const ModelWeights& weights, const Placement& placement,
                                         const std::map<std::string, torch::Tensor>& tensors);

// Free bytes on a device now: CUDA's figure where LibTorch was built with
// CUDA, MemAvailable for the CPU; -1 when unknown.
int64_t free_device_bytes(torch::Device device);

// --devices and --placement together: "auto", "balanced" or a LIST. An empty
// `devices` with a LIST takes the devices the list names; auto and balanced need devices.
Expected<Placement> plan_placement(const std::string& devices, const std::string& placement,
                                   const PlacementSizes& sizes);

}  // namespace lancet
