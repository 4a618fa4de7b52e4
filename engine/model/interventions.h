// Intervention points: the one mechanism causal tracing, ROME, MEMIT and the
// logit lens are built on. A forward pass calls Interventions::apply() at every
// site (see Site in architecture.h); registered actions then run in order:
//
//   replace  : x[rows[i], positions[i]] = values[i]
//   add      : x[rows[i], positions[i]] += delta  (out of place, so a delta that
//              requires grad is optimised through it, as ROME's v* is)
//   hook     : any callable that may rewrite x
//   capture  : keeps x (after the writes above) for the caller
//
// Tensors given here must be on the model's device (Model::device(), the
// input device). On a model whose layers are placed across devices
// (model/placement.h) a site's tensor lives on its layer's device: replace and
// add move their rows, positions and values there (once, unless the values
// need a gradient); a hook sees the tensor moved to the model's device (and
// what it leaves is moved back), and a capture is kept on the model's device,
// so callers never meet a second device.
#pragma once

#include "model/architecture.h"

#include <torch/types.h>

#include <functional>
#include <map>
#include <utility>
#include <vector>

namespace lancet {

using SiteHook = std::function<void(Site site, int layer, torch::Tensor& x)>;

class Interventions {
public:
    void capture(Site site, int layer);
    void capture_all_layers(Site site, int n_layer);
    void replace(Site site, int layer, torch::Tensor rows, torch::Tensor positions, torch::Tensor values);
    void add(Site site, int layer, torch::Tensor rows, torch::Tensor positions, torch::Tensor delta);
    void hook(Site site, int layer, SiteHook hook);

    bool has_captured(Site site, int layer) const;
    const torch::Tensor& captured(Site site, int layer) const;  // throws NotFound when absent
    void clear_captures();

    bool empty() const { return actions_.empty() && captures_.empty(); }

    // Called by the forward pass.
    bool wants(Site site, int layer) const;
    // `home`: the model's device, where hooks run and captures are kept.
    void apply(Site site, int layer, torch::Tensor& x, torch::Device home);

private:
    struct Action {
        enum class Kind { Replace, Add, Hook } kind;
        torch::Tensor rows, positions, values;
        SiteHook hook;
    };
    static void apply_patch(const Action& a, torch::Tensor& x);  // replace or add
    using Key = std::pair<int, int>;  // (site, layer)
    static Key key(Site site, int layer) { return {static_cast<int>(site), layer}; }

    std::map<Key, std::vector<Action>> actions_;
    std::map<Key, bool> captures_;
    std::map<Key, torch::Tensor> captured_;
};

}  // namespace lancet
