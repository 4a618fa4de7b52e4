// Counterfactual patching (and the check of its estimate), the logit lens (of
// one state, or before and after the edits) and tokenization on the engine
// thread. Results cross to the GUI as the engine's own torch-free structs
// (trace/patching.h, trace/logit_lens.h): nothing is parsed on the way.
#include "engine_worker.h"

#include "tokenizer/tokenizer.h"

namespace lancet::app {

Job<lancet::PatchResult> EngineBridge::patch(const lancet::PatchRequest& request, bool attribution) {
    return submitTyped<lancet::PatchResult>(JobKind::Patch, [request, attribution](EngineWorker& w, const JobContext& job) {
        const Model& model = w.requireModel();
        auto r = attribution ? attribution_patching(model, request, job) : activation_patching(model, request, job);
        return std::move(r).value();  // an error throws, and fails the job with its code
    });
}

Job<lancet::LensResult> EngineBridge::logitLens(const lancet::LensRequest& request) {
    return submitTyped<lancet::LensResult>(JobKind::LogitLens, [request](EngineWorker& w, const JobContext& job) {
        return logit_lens(w.requireModel(), request, job).value();
    });
}

Job<lancet::LensBeforeAfter> EngineBridge::logitLensBeforeAfter(const lancet::LensBeforeAfterRequest& request) {
    return submitTyped<lancet::LensBeforeAfter>(JobKind::LogitLens, [request](EngineWorker& w, const JobContext& job) {
        Model& model = w.requireModel();
        if (!w.history) w.history = std::make_shared<EditHistory>();
        return logit_lens_before_after(model, *w.history, request, job).value();
    });
}

Job<lancet::EstimateCheck> EngineBridge::checkEstimate(const lancet::PatchRequest& request,
                                                       const lancet::PatchResult& estimate, int cells) {
    return submitTyped<lancet::EstimateCheck>(JobKind::Patch, [request, estimate, cells](EngineWorker& w, const JobContext& job) {
        return check_estimate(w.requireModel(), request, estimate, cells, job).value();
    });
}

Job<EngineBridge::TokenLists> EngineBridge::tokenize(const QStringList& texts) {
    std::vector<std::string> plain;
    for (const QString& t : texts) plain.push_back(t.toStdString());
    return submitTyped<TokenLists>(JobKind::Tokenize, [plain](EngineWorker& w, const JobContext&) {
        const Model& model = w.requireModel();
        TokenLists out;
        for (const std::string& text : plain) {
            std::vector<std::string> tokens;
            for (int64_t id : model.encode(text).ids) tokens.push_back(model.tokenizer().token_bytes(id));
            out.push_back(std::move(tokens));
        }
        return out;
    });
}

}  // namespace lancet::app
