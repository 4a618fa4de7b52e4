#include "ttt/adapt_params.h"

#include <torch/torch.h>

#include <set>
#include <sstream>

namespace lancet {

namespace ttt_params_detail {

std::string name_of(const Model& model, const torch::Tensor& t, const std::string& fallback) {
    for (const auto& kv : model.tensors())
        if (kv.second.is_same(t)) return kv.first;
    return fallback;
}

std::vector<int> parse_layers(const std::string& text, int n_layer) {
    std::vector<int> out;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        int l = 0;
        try {
            size_t used = 0;
            l = std::stoi(item, &used);
            if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::exception&) {
            fail(ErrorCode::InvalidArgument, "\"" + item + "\" is not a layer number");
        }
        if (l < 0) l += n_layer;
        if (l < 0 || l >= n_layer) fail(ErrorCode::InvalidArgument, "layer " + item + " is outside the model (0.." + std::to_string(n_layer - 1) + ")");
        out.push_back(l);
    }
    if (out.empty()) fail(ErrorCode::InvalidArgument, "no layers given in \"" + text + "\"");
    return out;
}

// Every norm of a layer (the attention and MLP norms, Gemma's post norms, q/k norms), with a name each.
std::vector<std::pair<std::string, torch::Tensor>> layer_norm_tensors(const Model& model, int layer, bool weights, bool biases) {
    const LayerWeights& l = model.weights().layers.at(static_cast<size_t>(layer));
    std::vector<std::pair<std::string, torch::Tensor>> out;
    const std::pair<const char*, const Norm*> norms[] = {{"ln_attn", &l.ln_attn},         {"ln_mlp", &l.ln_mlp},
                                                         {"ln_post_attn", &l.ln_post_attn}, {"ln_post_mlp", &l.ln_post_mlp},
                                                         {"q_norm", &l.q_norm},             {"k_norm", &l.k_norm}};
    for (const auto& [label, n] : norms) {
        const std::string fb = "layers." + std::to_string(layer) + "." + label;
        if (weights && n->weight.defined()) out.emplace_back(name_of(model, n->weight, fb + ".weight"), n->weight);
        if (biases && n->bias.defined()) out.emplace_back(name_of(model, n->bias, fb + ".bias"), n->bias);
    }
    return out;
}

}  // namespace ttt_params_detail

using namespace ttt_params_detail;

AdaptedParams AdaptedParams::select(const Model& model, const std::string& spec) {
    AdaptedParams out;
    const int n_layer = static_cast<int>(model.config().n_layer);
    std::set<const c10::TensorImpl*> seen;
    auto add_tensor = [&](const std::string& name, const torch::Tensor& t, AdaptParam::Kind kind, int layer) {
        if (!t.defined() || !seen.insert(t.unsafeGetTensorImpl()).second) return;  // shared norms (GPT-J) once
        AdaptParam p;
        p.name = name;
        p.kind = kind;
        p.layer = layer;
        p.base = t.detach().to(torch::kFloat).clone();
        p.value = p.base.clone().requires_grad_(true);
        out.params_.push_back(std::move(p));
    };
    auto add_layer_norms = [&](int layer) {
        for (auto& [name, t] : layer_norm_tensors(model, layer, true, false)) add_tensor(name, t, AdaptParam::Kind::NormWeight, layer);
        for (auto& [name, t] : layer_norm_tensors(model, layer, false, true)) add_tensor(name, t, AdaptParam::Kind::NormBias, layer);
    };
    auto add_final = [&] {
        const Norm& f = model.weights().ln_final;
        add_tensor(name_of(model, f.weight, "ln_final.weight"), f.weight, AdaptParam::Kind::NormWeight, -1);
        add_tensor(name_of(model, f.bias, "ln_final.bias"), f.bias, AdaptParam::Kind::NormBias, -1);
    };
    auto add_linear = [&](const Linear& lin, int layer) {
        add_tensor(lin.weight_name, lin.weight, AdaptParam::Kind::LinearWeight, layer);
    };

    if (spec == "norms") {
        for (int l = 0; l < n_layer; ++l) add_layer_norms(l);
        add_final();
    } else if (spec == "final-norm") {
        add_final();
    } else if (spec.rfind("norms:", 0) == 0) {
        for (int l : parse_layers(spec.substr(6), n_layer)) add_layer_norms(l);
    } else if (spec.rfind("mlp_out:", 0) == 0) {
        for (int l : parse_layers(spec.substr(8), n_layer)) add_linear(model.weights().layers.at(static_cast<size_t>(l)).mlp_out, l);
    } else {
        std::istringstream in(spec);
        std::string name;
        while (std::getline(in, name, ',')) {
            if (name.empty()) continue;
            bool found = false;
            for (int l = 0; l < n_layer && !found; ++l) {
                const LayerWeights& lw = model.weights().layers[static_cast<size_t>(l)];
                for (const Linear* lin : {&lw.qkv, &lw.q, &lw.k, &lw.v, &lw.attn_out, &lw.mlp_in, &lw.mlp_gate, &lw.mlp_out})
                    if (lin->weight.defined() && lin->weight_name == name) add_linear(*lin, l), found = true;
                for (auto& [n, t] : layer_norm_tensors(model, l, true, true))
                    if (n == name && !found)
                        add_tensor(n, t, n.size() > 5 && n.compare(n.size() - 5, 5, ".bias") == 0 ? AdaptParam::Kind::NormBias : AdaptParam::Kind::NormWeight, l),
                            found = true;
            }
            const Norm& f = model.weights().ln_final;
            if (!found && f.weight.defined() && name == name_of(model, f.weight, "")) add_tensor(name, f.weight, AdaptParam::Kind::NormWeight, -1), found = true;
            if (!found && f.bias.defined() && name == name_of(model, f.bias, "")) add_tensor(name, f.bias, AdaptParam::Kind::NormBias, -1), found = true;
            if (!found)
                fail(ErrorCode::InvalidArgument, "\"" + name + "\" is not a norm or linear weight of the model (params: norms, final-norm, "
                                                               "norms:L1,L2, mlp_out:L1,L2 or tensor names)");
        }
    }
    if (out.params_.empty()) fail(ErrorCode::InvalidArgument, "the parameter set \"" + spec + "\" selects nothing");
    return out;
}

// Linear swaps and norm swaps restore themselves (members destroyed in reverse order).
AdaptedParams::Binding::~Binding() = default;

AdaptedParams::Binding AdaptedParams::bind(const Model& model) const {
    Binding b;
    // The tensor a norm parameter was copied from: its checkpoint tensor, or the
    // final norm's bound tensor (select() names it with a fallback when unnamed).
    auto current_of = [&](const AdaptParam& p) -> torch::Tensor {
        if (model.tensors().count(p.name)) return model.tensors().at(p.name);
        if (p.layer < 0) {
            const Norm& f = model.weights().ln_final;
            return p.kind == AdaptParam::Kind::NormBias ? f.bias : f.weight;
        }
        fail(ErrorCode::Internal, "no norm slot holds \"" + p.name + "\"");
    };
    for (const auto& p : params_) {
        torch::Tensor v = p.value.to(model.dtype());
        if (p.kind == AdaptParam::Kind::LinearWeight)
            b.linears_.push_back(model.swap_linear_weight(p.name, v).value());
        else
            b.norms_.push_back(model.swap_norm_tensor(current_of(p), v).value());
    }
    return b;
}

std::vector<torch::Tensor> AdaptedParams::leaves() const {
    std::vector<torch::Tensor> out;
    for (const auto& p : params_) out.push_back(p.value);
    return out;
}

std::vector<std::string> AdaptedParams::names() const {
    std::vector<std::string> out;
    for (const auto& p : params_) out.push_back(p.name);
    return out;
}

int64_t AdaptedParams::count() const {
    int64_t n = 0;
    for (const auto& p : params_) n += p.base.numel();
    return n;
}

void AdaptedParams::reset() {
    torch::NoGradGuard no_grad;
    for (auto& p : params_) {
        p.value.copy_(p.base);
        if (p.value.grad().defined()) p.value.mutable_grad() = torch::Tensor();
    }
}

std::vector<torch::Tensor> AdaptedParams::snapshot() const {
    std::vector<torch::Tensor> out;
    for (const auto& p : params_) out.push_back(p.value.detach().clone());
    return out;
}

void AdaptedParams::load(const std::vector<torch::Tensor>& values) {
    torch::NoGradGuard no_grad;
    if (values.size() != params_.size()) fail(ErrorCode::Internal, "a snapshot of the wrong parameter set");
    for (size_t i = 0; i < params_.size(); ++i) params_[i].value.copy_(values[i]);
}

double AdaptedParams::delta_norm() const {
    torch::NoGradGuard no_grad;
    double s = 0;
    for (const auto& p : params_) s += (p.value - p.base).pow(2).sum().item<double>();
    return std::sqrt(s);
}

bool AdaptedParams::at_base() const {
    for (const auto& p : params_)
        if (!torch::equal(p.value.detach(), p.base)) return false;
    return true;
}

bool AdaptedParams::finite() const {
    // One reduction and one host sync: a NaN or infinity anywhere makes the sum non-finite
    // (so does a sum past double's range, which is divergence too).
    if (params_.empty()) return true;
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> sums;
    for (const auto& p : params_) sums.push_back(p.value.sum().to(torch::kDouble));
    return std::isfinite(torch::stack(sums).sum().item<double>());
}

bool slots_restored(const Model& model) {
    auto held = [&](const torch::Tensor& t) {
        if (!t.defined()) return true;
        for (const auto& kv : model.tensors())
            if (kv.second.is_same(t)) return true;
        return false;
    };
    const ModelWeights& w = model.weights();
    for (const auto& l : w.layers) {
        for (const Norm* n : {&l.ln_attn, &l.ln_mlp, &l.ln_post_attn, &l.ln_post_mlp, &l.q_norm, &l.k_norm})
            if (!held(n->weight) || !held(n->bias)) return false;
        for (const Linear* lin : {&l.qkv, &l.q, &l.k, &l.v, &l.attn_out, &l.mlp_in, &l.mlp_gate, &l.mlp_out})
            if (!held(lin->weight)) return false;
    }
    return held(w.ln_final.weight) && held(w.ln_final.bias);
}

}  // namespace lancet
