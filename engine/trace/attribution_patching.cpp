// Attribution patching: the first-order Taylor estimate of every patch at once.
// For a site activation a of the receiving run and the source run's a', patching
// changes the metric by about (a' − a) · ∂m/∂a; one backward pass gives ∂m/∂a at
// every layer and position (and, summed over a head's features, for every head).
#include "trace/patching.h"

#include "model/forward.h"
#include "model/model.h"
#include "trace/patching_internal.h"

#include <chrono>

namespace lancet {

using namespace patching_detail;

Expected<PatchResult> attribution_patching(const Model& model, const PatchRequest& req, const JobContext& job) {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        PatchSetup s = prepare(model, req);
        PatchResult r = s.base;
        r.method = "attribution";
        r.protocol = "attribution-" + r.protocol;
        r.forward_passes = 2;
        job.check_cancelled();

        // The receiving run with a graph: the embeddings become the leaf every site depends on,
        // and each site's tensor keeps its gradient.
        torch::AutoGradMode grad(true);
        std::map<std::pair<int, int>, torch::Tensor> kept;
        Interventions iv;
        iv.hook(Site::Embed, 0, [](Site, int, torch::Tensor& x) { x = x.detach().requires_grad_(true); });
        for (Site site : s.captured_sites)
            for (int l = 0; l < s.n_layer; ++l)
                iv.hook(site, l, [&kept](Site at, int layer, torch::Tensor& x) {
                    x.retain_grad();
                    kept[{static_cast<int>(at), layer}] = x;
                });
        ForwardInput in;
        in.input_ids = torch::tensor(s.receive_ids, torch::kLong).view({1, -1}).to(model.device());
        in.logits = LogitsMode::Last;
        auto m = metric_of(req, r, forward(model, in, &iv).logits);
        ++r.forward_passes;
        const double receiving = m.item<double>();
        m.sum().backward();
        ++r.backward_passes;

        // m_patched ≈ m_receiving + Δ, normalised like an exact patch.
        auto contribution = [&](Site site, int layer) {
            const torch::Tensor& a = kept.at({static_cast<int>(site), layer});
            if (!a.grad().defined()) return torch::zeros_like(a[0], torch::kDouble);  // nothing downstream reads it
            auto diff = (s.source.at({static_cast<int>(site), layer}).to(torch::kDouble) - a[0].detach().to(torch::kDouble));
            return diff * a.grad()[0].to(torch::kDouble);  // [T, width]
        };
        for (PatchSite p : req.sites) {
            PatchMap map{p, std::vector<std::vector<double>>(static_cast<size_t>(s.T), std::vector<double>(static_cast<size_t>(s.n_layer)))};
            for (int l = 0; l < s.n_layer; ++l) {
                auto delta = contribution(site_of(p), l).sum(-1).to(torch::kCPU).contiguous();
                for (int64_t t = 0; t < s.T; ++t)
                    map.scores[static_cast<size_t>(t)][static_cast<size_t>(l)] = normalised(r, receiving + delta[t].item<double>());
            }
            r.maps.push_back(std::move(map));
        }
        if (req.heads) {
            r.heads.assign(static_cast<size_t>(s.n_layer), std::vector<double>(static_cast<size_t>(s.n_head)));
            for (int l = 0; l < s.n_layer; ++l) {
                auto per_head = contribution(Site::AttnHeads, l).sum(0).view({s.n_head, s.d_head}).sum(-1).to(torch::kCPU).contiguous();
                for (int64_t h = 0; h < s.n_head; ++h)
                    r.heads[static_cast<size_t>(l)][static_cast<size_t>(h)] = normalised(r, receiving + per_head[h].item<double>());
            }
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return r;
    });
}

}  // namespace lancet
