#include "model/placement.h"

#include "core/printable.h"
#include "model/model.h"
#include "model/weights.h"

#include <fstream>
#include <numeric>
#include <sstream>

#ifdef LANCET_HAVE_CUDA
#include <c10/cuda/CUDAGuard.h>
#include <cuda_runtime_api.h>
#endif

namespace lancet {

namespace {

// "cuda" and "cuda:0" are the same card once loaded; compare them as one.
torch::Device with_explicit_index(torch::Device d) {
    if (d.is_cuda() && !d.has_index()) return torch::Device(torch::kCUDA, 0);
    return d;
}

std::string trim_placement_item(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> placement_items(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ',')) out.push_back(trim_placement_item(item));
    if (!text.empty() && text.back() == ',') out.push_back("");
    return out;
}

// A device of a placement must be named outright: "auto" would resolve to
// different cards on different machines.
torch::Device placement_device(const std::string& text) {
    if (text != "cpu" && text.rfind("cuda", 0) != 0)
        fail(ErrorCode::InvalidArgument, "unknown device \"" + text + "\" (use cpu, cuda or cuda:N)");
    return with_explicit_index(parse_device(text).value());
}

std::string placement_device_names(const std::vector<torch::Device>& devices) {
    std::string s;
    for (const auto& d : devices) s += (s.empty() ? "" : ", ") + d.str();
    return s;
}

std::string placed_layer_range(int first, int last) {
    return first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
}

// Non-negative decimal layer index; -1 when `text` is not one.
int placed_layer_number(const std::string& text) {
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stoi(text);
}

void set_pipeline_ends(Placement& p) {
    p.embed_stage = p.layer_stage.empty() ? 0 : p.layer_stage.front();
    p.head_stage = p.layer_stage.empty() ? static_cast<int>(p.stages.size()) - 1 : p.layer_stage.back();
}

}  // namespace

bool Placement::spans_devices() const {
    for (const auto& d : stages)
        if (d != stages.front()) return true;
    return false;
}

std::string Placement::layer_list() const {
    std::string out;
    size_t l = 0;
    while (l < layer_stage.size()) {
        size_t end = l;
        while (end + 1 < layer_stage.size() && layer_stage[end + 1] == layer_stage[l]) ++end;
        out += (out.empty() ? "" : ",") + placed_layer_range(static_cast<int>(l), static_cast<int>(end)) + ":" +
               stage_device(layer_stage[l]).str();
        l = end + 1;
    }
    return out;
}

nlohmann::json Placement::to_json() const {
    nlohmann::json stage_list = nlohmann::json::array();
    for (size_t s = 0; s < stages.size(); ++s) {
        std::vector<int> layers;
        for (size_t l = 0; l < layer_stage.size(); ++l)
            if (layer_stage[l] == static_cast<int>(s)) layers.push_back(static_cast<int>(l));
        nlohmann::json parts = nlohmann::json::array();
        if (static_cast<int>(s) == embed_stage) parts.push_back("embeddings");
        if (!layers.empty())
            parts.push_back((layers.size() == 1 ? "layer " : "layers ") + placed_layer_range(layers.front(), layers.back()));
        if (static_cast<int>(s) == head_stage) parts.push_back("final norm + unembedding");
        stage_list.push_back({{"device", stages[s].str()}, {"holds", parts}});
    }
    return {{"layers", layer_list()}, {"stages", stage_list}};
}

Placement single_device_placement(torch::Device device, int n_layer) {
    Placement p;
    p.stages = {device};
    p.layer_stage.assign(static_cast<size_t>(std::max(n_layer, 0)), 0);
    return p;
}

Expected<std::vector<torch::Device>> parse_device_list(const std::string& text) {
    return capture([&] {
        std::vector<torch::Device> out;
        for (const auto& item : placement_items(text)) {
            if (item.empty()) fail(ErrorCode::InvalidArgument, "empty entry in the device list \"" + text + "\"");
            out.push_back(placement_device(item));
        }
        if (out.empty()) fail(ErrorCode::InvalidArgument, "no devices given");
        return out;
    });
}

Expected<Placement> balanced_placement(const std::vector<torch::Device>& devices, int n_layer) {
    if (devices.empty()) return Error{ErrorCode::InvalidArgument, "balanced placement needs a device list (--devices)"};
    if (n_layer < 1) return Error{ErrorCode::InvalidArgument, "a model without layers cannot be placed"};
    Placement p;
    p.stages = devices;
    const int D = static_cast<int>(devices.size());
    const int base = n_layer / D, extra = n_layer % D;
    for (int s = 0; s < D; ++s)
        for (int i = 0; i < base + (s < extra ? 1 : 0); ++i) p.layer_stage.push_back(s);
    set_pipeline_ends(p);
    return p;
}

Expected<Placement> parse_layer_list(const std::string& text, const std::vector<torch::Device>& allowed, int n_layer) {
    auto parsed = capture([&] {
        if (n_layer < 1) fail(ErrorCode::InvalidArgument, "a model without layers cannot be placed");
        Placement p;
        std::vector<int> owner(static_cast<size_t>(n_layer), -1);  // item index per layer
        std::vector<std::string> items = placement_items(text);
        for (size_t i = 0; i < items.size(); ++i) {
            const std::string& item = items[i];
            const auto colon = item.find(':');
            const std::string range = colon == std::string::npos ? "" : item.substr(0, colon);
            const auto dash = range.find('-');
            const int first = placed_layer_number(range.substr(0, dash));
            const int last = dash == std::string::npos ? first : placed_layer_number(range.substr(dash + 1));
            if (colon == std::string::npos || first < 0 || last < 0 || colon + 1 >= item.size())
                fail(ErrorCode::InvalidArgument, "placement item \"" + item +
                                                     "\" is not FIRST-LAST:DEVICE or LAYER:DEVICE (e.g. 0-15:cuda:0)");
            if (last < first)
                fail(ErrorCode::InvalidArgument, "placement item \"" + item + "\": the range runs backwards");
            if (last >= n_layer)
                fail(ErrorCode::InvalidArgument, "placement item \"" + item + "\": layer " + std::to_string(last) +
                                                     " is out of range (the model has " + std::to_string(n_layer) +
                                                     " layers, 0-" + std::to_string(n_layer - 1) + ")");
            torch::Device device = placement_device(item.substr(colon + 1));
            if (!allowed.empty()) {
                bool known = false;
                for (const auto& a : allowed) known = known || with_explicit_index(a) == device;
                if (!known)
                    fail(ErrorCode::InvalidArgument, "placement item \"" + item + "\": device " + device.str() +
                                                         " is not among --devices (" + placement_device_names(allowed) + ")");
            }
            for (int l = first; l <= last; ++l) {
                int& o = owner[static_cast<size_t>(l)];
                if (o >= 0)
                    fail(ErrorCode::InvalidArgument, "layer " + std::to_string(l) + " is placed twice (\"" +
                                                         items[static_cast<size_t>(o)] + "\" and \"" + item + "\")");
                o = static_cast<int>(i);
            }
            p.stages.push_back(device);
        }
        std::string missing;
        for (int l = 0; l < n_layer; ++l) {
            if (owner[static_cast<size_t>(l)] >= 0) continue;
            int end = l;
            while (end + 1 < n_layer && owner[static_cast<size_t>(end + 1)] < 0) ++end;
            missing += (missing.empty() ? "" : ", ") + placed_layer_range(l, end);
            l = end;
        }
        if (!missing.empty())
            fail(ErrorCode::InvalidArgument, "the placement leaves layers " + missing + " without a device (the model has " +
                                                 std::to_string(n_layer) + " layers, 0-" + std::to_string(n_layer - 1) + ")");
        p.layer_stage = owner;
        set_pipeline_ends(p);
        return p;
    });
    if (!parsed) return parsed.error().with_context("--placement \"" + text + "\"");
    return parsed;
}

PlacementSizes placement_sizes(const ModelWeights& w, torch::ScalarType dtype, bool tied_embeddings) {
    auto bytes = [&](const torch::Tensor& t) -> int64_t {
        if (!t.defined()) return 0;
        return t.numel() * static_cast<int64_t>(c10::elementSize(t.is_floating_point() ? dtype : t.scalar_type()));
    };
    PlacementSizes s;
    s.embed_bytes = bytes(w.tok_embed) + bytes(w.pos_embed);
    for (const auto& l : w.layers) {
        int64_t n = 0;
        for (const Norm* norm : {&l.ln_attn, &l.ln_mlp, &l.ln_post_attn, &l.ln_post_mlp, &l.q_norm, &l.k_norm})
            n += bytes(norm->weight) + bytes(norm->bias);
        for (const Linear* lin : {&l.qkv, &l.q, &l.k, &l.v, &l.attn_out, &l.mlp_in, &l.mlp_gate, &l.mlp_out})
            n += bytes(lin->weight) + bytes(lin->bias);
        s.layer_bytes.push_back(n);
    }
    s.head_bytes = bytes(w.ln_final.weight) + bytes(w.ln_final.bias) + bytes(w.unembed.bias) +
                   (tied_embeddings ? 0 : bytes(w.unembed.weight));
    return s;
}

Expected<Placement> placement_by_free_memory(const std::vector<torch::Device>& devices,
                                             const std::vector<int64_t>& free_bytes, const PlacementSizes& sizes) {
    return capture([&] {
        if (devices.empty()) fail(ErrorCode::InvalidArgument, "auto placement needs a device list (--devices)");
        if (free_bytes.size() != devices.size()) fail(ErrorCode::Internal, "auto placement: one free figure per device");
        if (sizes.layer_bytes.empty()) fail(ErrorCode::InvalidArgument, "a model without layers cannot be placed");
        int64_t free_total = 0;
        std::string free_list;
        for (size_t i = 0; i < devices.size(); ++i) {
            if (free_bytes[i] < 0)
                fail(ErrorCode::Unsupported, "the free memory of " + devices[i].str() +
                                                 " is unknown; use --placement balanced or a layer list");
            free_total += free_bytes[i];
            free_list += (free_list.empty() ? "" : ", ") + devices[i].str() + " " + format_gigabytes(free_bytes[i]);
        }
        const int64_t need = sizes.embed_bytes + sizes.head_bytes +
                             std::accumulate(sizes.layer_bytes.begin(), sizes.layer_bytes.end(), int64_t(0));
        if (need > free_total)
            fail(ErrorCode::OutOfMemory, "the weights need " + format_gigabytes(need) + " but the devices have " +
                                             format_gigabytes(free_total) + " free (" + free_list + ")");
        // Each device's share of the weights in proportion to what it has free;
        // a layer goes to the current device while its midpoint fits that share.
        Placement p;
        p.stages = devices;
        const int last_stage = static_cast<int>(devices.size()) - 1;
        std::vector<int64_t> used(devices.size(), 0);
        int stage = 0;
        used[0] = sizes.embed_bytes;
        for (int64_t layer : sizes.layer_bytes) {
            while (stage < last_stage) {
                const double share = static_cast<double>(free_bytes[static_cast<size_t>(stage)]) /
                                     static_cast<double>(free_total) * static_cast<double>(need);
                if (static_cast<double>(used[static_cast<size_t>(stage)]) + 0.5 * static_cast<double>(layer) <= share) break;
                ++stage;
            }
            used[static_cast<size_t>(stage)] += layer;
            p.layer_stage.push_back(stage);
        }
        set_pipeline_ends(p);
        used[static_cast<size_t>(p.head_stage)] += sizes.head_bytes;
        for (size_t i = 0; i < devices.size(); ++i)
            if (used[i] > free_bytes[i])
                fail(ErrorCode::OutOfMemory, "no split of whole layers fits: " + devices[i].str() + " would hold " +
                                                 format_gigabytes(used[i]) + " with " +
                                                 format_gigabytes(free_bytes[i]) +
                                                 " free; give a layer list with --placement");
        return p;
    });
}

std::map<std::string, int> tensor_stages(const ModelWeights& w, const Placement& p,
                                         const std::map<std::string, torch::Tensor>& tensors) {
    std::map<const c10::TensorImpl*, int> stage_of;
    auto note = [&](const torch::Tensor& t, int stage) {
        if (t.defined()) stage_of.emplace(t.unsafeGetTensorImpl(), stage);  // emplace: the first part keeps it
    };
    note(w.tok_embed, p.embed_stage);
    note(w.pos_embed, p.embed_stage);
    for (size_t l = 0; l < w.layers.size(); ++l) {
        const LayerWeights& lw = w.layers[l];
        const int stage = p.layer_stage.at(l);
        for (const Norm* n : {&lw.ln_attn, &lw.ln_mlp, &lw.ln_post_attn, &lw.ln_post_mlp, &lw.q_norm, &lw.k_norm}) {
            note(n->weight, stage);
            note(n->bias, stage);
        }
        for (const Linear* lin : {&lw.qkv, &lw.q, &lw.k, &lw.v, &lw.attn_out, &lw.mlp_in, &lw.mlp_gate, &lw.mlp_out}) {
            note(lin->weight, stage);
            note(lin->bias, stage);
        }
    }
    note(w.ln_final.weight, p.head_stage);
    note(w.ln_final.bias, p.head_stage);
    note(w.unembed.weight, p.head_stage);
    note(w.unembed.bias, p.head_stage);
    std::map<std::string, int> out;
    for (const auto& [name, t] : tensors) {
        auto it = stage_of.find(t.unsafeGetTensorImpl());
        out[name] = it == stage_of.end() ? p.embed_stage : it->second;
    }
    return out;
}

int64_t free_device_bytes(torch::Device device) {
    if (device.is_cpu()) {
        std::ifstream meminfo("/proc/meminfo");
        std::string key, unit;
        int64_t kb = 0;
        while (meminfo >> key >> kb >> unit)
            if (key == "MemAvailable:") return kb * 1024;
        return -1;
    }
#ifdef LANCET_HAVE_CUDA
    if (device.is_cuda()) {
        c10::cuda::CUDAGuard guard(device.has_index() ? device.index() : 0);
        size_t free = 0, total = 0;
        if (cudaMemGetInfo(&free, &total) != cudaSuccess) {
            cudaGetLastError();
            return -1;
        }
        return static_cast<int64_t>(free);
    }
#endif
    return -1;
}

Expected<Placement> plan_placement(const std::string& devices_text, const std::string& placement,
                                   const PlacementSizes& sizes) {
    const int n_layer = static_cast<int>(sizes.layer_bytes.size());
    std::vector<torch::Device> devices;
    if (!devices_text.empty()) {
        auto parsed = parse_device_list(devices_text);
        if (!parsed) return parsed.error().with_context("--devices \"" + devices_text + "\"");
        devices = *parsed;
    }
    const std::string mode = placement.empty() ? "balanced" : placement;
    if (mode == "balanced" || mode == "auto") {
        if (devices.empty())
            return Error{ErrorCode::InvalidArgument, "--placement " + mode + " needs --devices (e.g. cuda:0,cuda:1)"};
        if (mode == "balanced") return balanced_placement(devices, n_layer);
        std::vector<int64_t> free;
        for (const auto& d : devices) free.push_back(free_device_bytes(d));
        return placement_by_free_memory(devices, free, sizes);
    }
    return parse_layer_list(mode, devices, n_layer);
}

}  // namespace lancet
