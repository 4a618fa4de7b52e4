// Attribution patching checked against the truth: its strongest cells patched
// exactly, and how well the estimate orders them. The workbench's "Check top N
// exactly" and lancet-cli patch --check share this use case.
#include "trace/patching.h"

#include "model/model.h"
#include "trace/patching_bench.h"

#include <chrono>
#include <cmath>
#include <limits>

namespace lancet {

nlohmann::json EstimateCheck::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : cells)
        list.push_back({{"site", c.site}, {"layer", c.layer}, {"index", c.index}, {"estimate", c.estimate}, {"exact", c.exact}});
    // JSON has no NaN: an undefined correlation is null.
    const nlohmann::json rho = std::isfinite(rank_correlation) ? nlohmann::json(rank_correlation) : nlohmann::json();
    return {{"cells", list}, {"rank_correlation", rho}, {"seconds", seconds}};
}

Expected<EstimateCheck> check_estimate(const Model& model, const PatchRequest& request, const PatchResult& estimate,
                                       int k, const JobContext& job) {
    return capture([&]() -> EstimateCheck {
        const auto t0 = std::chrono::steady_clock::now();
        if (k < 1 || k > 10000) fail(ErrorCode::InvalidArgument, "the number of cells to check must be between 1 and 10000");
        if (estimate.maps.empty() && estimate.heads.empty())
            fail(ErrorCode::InvalidArgument, "there is no estimate to check: run attribution patching first");
        // The estimate must be of these prompts on this model: its cells are positions of them.
        if (model.encode(request.clean_prompt).ids != estimate.clean_ids ||
            model.encode(request.corrupted_prompt).ids != estimate.corrupted_ids)
            fail(ErrorCode::InvalidArgument,
                 "the estimate was made for other prompts (or another model): run attribution patching again");
        // The sites to capture are the estimate's, whatever the request's check boxes say now.
        PatchRequest req = request;
        req.sites.clear();
        for (const auto& m : estimate.maps) req.sites.push_back(m.site);
        req.heads = !estimate.heads.empty();
        EstimateCheck out;
        out.cells = check_top_cells(model, req, estimate, k, job).value();
        std::vector<double> est, exact;
        for (const auto& c : out.cells) {
            est.push_back(c.estimate);
            exact.push_back(c.exact);
        }
        out.rank_correlation = out.cells.size() < 2 ? std::numeric_limits<double>::quiet_NaN()
                                                    : spearman_rank_correlation(est, exact);
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return out;
    });
}

}  // namespace lancet
