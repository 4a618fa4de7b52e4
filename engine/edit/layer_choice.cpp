#include "edit/layer_choice.h"

#include "edit/rome.h"
#include "model/model.h"
#include "trace/causal_trace.h"

#include <algorithm>

namespace lancet {

Expected<LayerChoice> choose_edit_layer(const Model& model, const RomeRequest& request, const JobContext& job) {
    if (auto published = published_default_layer(model.config()))
        return LayerChoice{*published, "layer " + std::to_string(*published) + " from the published ROME hyperparameters for this model"};
    return capture([&] {
        auto at = request.prompt.find("{}");
        if (at == std::string::npos) fail(ErrorCode::InvalidArgument, "the prompt has no {} for the subject");
        TraceRequest tr;
        tr.prompt = request.prompt.substr(0, at) + request.subject + request.prompt.substr(at + 2);
        tr.subject = request.subject;
        tr.kinds = {TraceKind::Mlp};
        // The reference window of 10 layers suits GPT-2 XL's 48; on a shallow
        // model it restores nearly every layer at once and flattens the peak.
        // A quarter of the depth keeps the window local (GPT-2 small: 3).
        tr.window = std::max(1, std::min(10, static_cast<int>(model.config().n_layer) / 4));
        auto r = causal_trace(model, tr, {}, job);
        if (!r) throw EngineException(r.error());
        if (r->partial) fail(ErrorCode::Cancelled, "cancelled");
        const auto& row = r->kinds[0].scores[r->setup.subject_end - 1];
        int best = 0;
        for (int l = 1; l < static_cast<int>(row.size()); ++l)
            if (row[l] > row[best]) best = l;
        return LayerChoice{best, "layer " + std::to_string(best) +
                                     ": peak MLP effect at the last subject token in a causal trace of this prompt (window " +
                                     std::to_string(*tr.window) + ") "
                                     "(no published ROME settings for this model)"};
    });
}

}  // namespace lancet
