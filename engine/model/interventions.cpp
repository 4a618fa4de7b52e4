#include "model/interventions.h"

namespace lancet {

void Interventions::capture(Site site, int layer) { captures_[key(site, layer)] = true; }

void Interventions::capture_all_layers(Site site, int n_layer) {
    for (int l = 0; l < n_layer; ++l) capture(site, l);
}

void Interventions::replace(Site site, int layer, torch::Tensor rows, torch::Tensor positions, torch::Tensor values) {
    actions_[key(site, layer)].push_back({Action::Kind::Replace, std::move(rows), std::move(positions), std::move(values), {}});
}

void Interventions::add(Site site, int layer, torch::Tensor rows, torch::Tensor positions, torch::Tensor delta) {
    actions_[key(site, layer)].push_back({Action::Kind::Add, std::move(rows), std::move(positions), std::move(delta), {}});
}

void Interventions::hook(Site site, int layer, SiteHook h) {
    actions_[key(site, layer)].push_back({Action::Kind::Hook, {}, {}, {}, std::move(h)});
}

bool Interventions::has_captured(Site site, int layer) const { return captured_.count(key(site, layer)) > 0; }

const torch::Tensor& Interventions::captured(Site site, int layer) const {
    auto it = captured_.find(key(site, layer));
    if (it == captured_.end())
        fail(ErrorCode::NotFound, std::string("nothing captured at ") + site_name(site) + " layer " + std::to_string(layer));
    return it->second;
}

void Interventions::clear_captures() { captured_.clear(); }

bool Interventions::wants(Site site, int layer) const {
    auto k = key(site, layer);
    return actions_.count(k) > 0 || captures_.count(k) > 0;
}

void Interventions::apply_patch(const Action& a, torch::Tensor& x) {
    if (a.kind == Action::Kind::Replace) {
        // In place when no gradient flows (tracing); out of place otherwise
        // so autograd sees the write.
        if (torch::GradMode::is_enabled() && (x.requires_grad() || a.values.requires_grad()))
            x = x.index_put({a.rows, a.positions}, a.values.to(x.dtype()));
        else
            x.index_put_({a.rows, a.positions}, a.values.to(x.dtype()));
    } else {
        auto current = x.index({a.rows, a.positions});
        x = x.index_put({a.rows, a.positions}, current + a.values.to(x.dtype()));
    }
}

void Interventions::apply(Site site, int layer, torch::Tensor& x, torch::Device home) {
    auto k = key(site, layer);
    const torch::Device here = x.device();
    auto it = actions_.find(k);
    if (it != actions_.end()) {
        for (auto& a : it->second) {
            if (a.kind == Action::Kind::Hook) {
                if (here == home) {
                    a.hook(site, layer, x);
                } else {
                    // Hooks are written against the model's device; what they
                    // leave (a rewrite or an in-place change) goes back to the site's.
                    torch::Tensor at_home = x.to(home);
                    a.hook(site, layer, at_home);
                    x = at_home.to(here);
                }
                continue;
            }
            if (a.rows.device() != here || a.positions.device() != here) {
                a.rows = a.rows.to(here);
                a.positions = a.positions.to(here);
            }
            if (a.values.device() != here) {
                // A site on another stage of a placed model: the patch moves to
                // the site's tensor, kept there for the next pass, except values
                // that need a gradient (a kept copy would tie passes' graphs together).
                if (a.values.requires_grad()) {
                    Action moved{a.kind, a.rows, a.positions, a.values.to(here), {}};
                    apply_patch(moved, x);
                    continue;
                }
                a.values = a.values.to(here);
            }
            apply_patch(a, x);
        }
    }
    if (captures_.count(k)) captured_[k] = here == home ? x : x.to(home);
}

}  // namespace lancet
