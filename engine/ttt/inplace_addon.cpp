#include "ttt/inplace_addon.h"

#include "io/safetensors.h"
#include "model/model.h"
#include "ttt/inplace_ttt.h"

#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <regex>
#include <sstream>

namespace lancet {

const InplaceAddonLayer* InplaceAddon::find(int layer) const {
    for (const auto& l : layers)
        if (l.layer == layer) return &l;
    return nullptr;
}

std::vector<int> InplaceAddon::layer_ids() const {
    std::vector<int> out;
    for (const auto& l : layers) out.push_back(l.layer);
    return out;
}

int64_t InplaceAddon::parameter_count() const {
    int64_t n = 0;
    for (const auto& l : layers) n += l.taps.numel() + l.proj.numel();
    return n;
}

InplaceAddon initial_inplace_addon(const Model& model, const InplaceOptions& options, const std::string& init) {
    if (init != "shift" && init != "zero") fail(ErrorCode::InvalidArgument, "the add-on starts from \"shift\" or \"zero\", not \"" + init + "\"");
    const int64_t d = model.config().d_model;
    InplaceAddon a;
    a.target = options.target;
    a.lr = options.lr;
    a.chunk = options.chunk;
    a.base_fingerprint = model.fingerprint();
    std::vector<int> layers = options.layers.empty() ? inplace_default_layers(model) : options.layers;
    std::sort(layers.begin(), layers.end());
    layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
    for (int l : layers) {
        if (l < 0 || l >= model.config().n_layer) fail(ErrorCode::InvalidArgument, "layer " + std::to_string(l) + " is outside the model");
        InplaceAddonLayer x;
        x.layer = l;
        auto kernel = torch::tensor(std::vector<double>(options.kernel.begin(), options.kernel.end()), torch::kFloat);
        x.taps = init == "zero" ? torch::zeros({5, d}) : kernel.unsqueeze(1).expand({5, d}).contiguous();
        x.proj = torch::eye(d);
        a.layers.push_back(x);
    }
    return a;
}

Expected<InplaceAddon> load_inplace_addon(const std::string& path, const Model& model) {
    return capture([&] {
        auto bad = [&](const std::string& why) { fail(ErrorCode::InvalidFile, path + ": " + why); };
        SafetensorsFile f = SafetensorsFile::open(path).value();
        const auto& meta = f.metadata();
        auto get = [&](const char* k) -> std::string {
            auto it = meta.find(k);
            return it == meta.end() ? std::string() : it->second;
        };
        if (get("format") != kInplaceAddonFormat)
            bad(std::string("not an In-Place TTT add-on (metadata \"format\" is not \"") + kInplaceAddonFormat + "\")");
        InplaceAddon a;
        a.target = get("target");
        if (a.target != "next-embedding" && a.target != "hidden") bad("target \"" + a.target + "\" (next-embedding or hidden)");
        try {
            a.lr = std::stod(get("lr"));
            a.chunk = std::stoll(get("chunk"));
        } catch (const std::exception&) {
            bad("the metadata's lr and chunk must be numbers");
        }
        if (!(a.lr > 0) || !std::isfinite(a.lr) || a.lr > 1e6) bad("lr must be positive and finite");
        if (a.chunk < 2 || a.chunk > model.config().n_positions)
            bad("chunk " + std::to_string(a.chunk) + " is outside 2.." + std::to_string(model.config().n_positions) + " (the model's context)");
        a.base_fingerprint = get("base_fingerprint");
        if (!get("training").empty()) {
            a.training = nlohmann::json::parse(get("training"), nullptr, /*allow_exceptions=*/false);
            if (a.training.is_discarded()) a.training = nlohmann::json::object();
        }
        // Every shape is checked from the header before any tensor's data is read.
        const int64_t d = model.config().d_model;
        const std::regex name_re(R"(layers\.(\d{1,6})\.(taps|proj))");
        std::map<int, int> seen;  // layer -> bit 1 taps, bit 2 proj
        for (const TensorInfo& t : f.tensors()) {
            std::smatch m;
            if (!std::regex_match(t.name, m, name_re)) bad("unexpected tensor \"" + t.name + "\" (layers.N.taps, layers.N.proj)");
            const int layer = std::stoi(m[1].str());
            if (layer >= model.config().n_layer)
                bad("layer " + std::to_string(layer) + " is outside the model (" + std::to_string(model.config().n_layer) + " layers)");
            const bool taps = m[2].str() == "taps";
            const std::vector<int64_t> want = taps ? std::vector<int64_t>{5, d} : std::vector<int64_t>{d, d};
            if (t.shape != want)
                bad(t.name + " has shape " + nlohmann::json(t.shape).dump() + ", the model needs " + nlohmann::json(want).dump());
            if (t.dtype != "F32" && t.dtype != "F16" && t.dtype != "BF16") bad(t.name + " is " + t.dtype + " (F32, F16 or BF16)");
            seen[layer] |= taps ? 1 : 2;
        }
        if (seen.empty()) bad("no layers");
        torch::NoGradGuard no_grad;
        for (const auto& [layer, bits] : seen) {
            if (bits != 3) bad("layer " + std::to_string(layer) + " needs both taps and proj");
            InplaceAddonLayer x;
            x.layer = layer;
            x.taps = f.tensor("layers." + std::to_string(layer) + ".taps").value().to(torch::kFloat).clone();
            x.proj = f.tensor("layers." + std::to_string(layer) + ".proj").value().to(torch::kFloat).clone();
            if (!torch::isfinite(x.taps).all().item<bool>() || !torch::isfinite(x.proj).all().item<bool>())
                bad("layer " + std::to_string(layer) + " holds values that are not finite");
            a.layers.push_back(x);
        }
        return a;
    });
}

Expected<void> save_inplace_addon(const InplaceAddon& addon, const std::string& path) {
    return capture([&] {
        if (addon.layers.empty()) fail(ErrorCode::InvalidArgument, "an add-on without layers");
        NamedTensors tensors;
        for (const auto& l : addon.layers) {
            tensors.emplace_back("layers." + std::to_string(l.layer) + ".taps", l.taps.detach().to(torch::kCPU, torch::kFloat));
            tensors.emplace_back("layers." + std::to_string(l.layer) + ".proj", l.proj.detach().to(torch::kCPU, torch::kFloat));
        }
        std::ostringstream lr;
        lr.precision(17);
        lr << addon.lr;
        std::map<std::string, std::string> meta = {{"format", kInplaceAddonFormat},
                                                   {"target", addon.target},
                                                   {"lr", lr.str()},
                                                   {"chunk", std::to_string(addon.chunk)},
                                                   {"base_fingerprint", addon.base_fingerprint},
                                                   {"training", addon.training.dump()}};
        write_safetensors(path, tensors, meta).value();
    });
}

std::string inplace_addon_beside(const Model& model) {
    if (model.path().empty()) return {};
    std::error_code ec;
    const auto p = std::filesystem::path(model.path()) / kInplaceAddonFile;
    return std::filesystem::is_regular_file(p, ec) ? p.string() : std::string();
}

}  // namespace lancet
