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
// Tensors given here must be on the model's device.
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
    void apply(Site site, int layer, torch::Tensor& x);

private:
    struct Action {
        enum class Kind { Replace, Add, Hook } kind;
        torch::Tensor rows, positions, values;
        SiteHook hook;
    };
    using Key = std::pair<int, int>;  // (site, layer)
    static Key key(Site site, int layer) { return {static_cast<int>(site), layer}; }

    std::map<Key, std::vector<Action>> actions_;
    std::map<Key, bool> captures_;
    std::map<Key, torch::Tensor> captured_;
};

}  // namespace lancet
