// Jobs on the loaded model: load, next-token prediction, generation.
#include "engine_worker.h"

#include "model/forward.h"
#include "model/generate.h"
#include "tokenizer/token_labels.h"

namespace lancet::app {

// result: lancet-cli info --json (path, architecture{...}, device, dtype, fingerprint, tensors[], warnings[]).
quint64 EngineBridge::loadModel(const QString& path, const QString& device, const QString& dtype,
                                const QString& devices, const QString& placement) {
    return submit(JobKind::LoadModel, [path, device, dtype, devices, placement](EngineWorker& w, const JobContext& job,
                                                                                quint64) {
        LoadOptions o;
        o.device = device.toStdString();
        o.dtype = dtype.toStdString();
        o.devices = devices.trimmed().toStdString();
        o.placement = placement.trimmed().toStdString();
        auto m = Model::load(path.toStdString(), o, job).value();
        // The old model (and its edit history) goes only once the new one loaded.
        w.model = m;
        w.history = std::make_shared<EditHistory>();
        return toQt(w.model->summary());
    });
}

// result: {prompt, tokens[{id, text}], top[{id, text, label, prob}]} as lancet-cli predict --json,
// plus each candidate's label: a byte piece of a character as \xNN, where its text is U+FFFD.
quint64 EngineBridge::predict(const QString& prompt, int topK) {
    const quint64 mine = nextId_.load();
    latestPredict_.store(mine);
    return submit(JobKind::Predict, [this, prompt, topK](EngineWorker& w, const JobContext&, quint64 id) {
        // Latest wins: a prediction the user has already typed past is skipped.
        if (id < latestPredict_.load()) fail(ErrorCode::Cancelled, "superseded by a newer prompt");
        Model& model = w.requireModel();
        torch::InferenceMode guard;
        auto enc = model.encode(prompt.toStdString());
        if (enc.ids.empty()) fail(ErrorCode::InvalidArgument, "the prompt is empty");
        if (static_cast<int64_t>(enc.ids.size()) > model.config().n_positions)
            fail(ErrorCode::InvalidArgument, "the prompt is longer than the model's context");
        ForwardInput in;
        in.input_ids = torch::tensor(enc.ids, torch::kLong).view({1, -1}).to(model.device());
        in.logits = LogitsMode::Last;
        auto probs = torch::softmax(forward(model, in).logits[0], -1);
        auto top = probs.topk(std::min<int64_t>(topK, probs.size(0)));
        auto p = std::get<0>(top).cpu(), idx = std::get<1>(top).cpu();
        nlohmann::json out;
        out["prompt"] = prompt.toStdString();
        out["tokens"] = nlohmann::json::array();
        for (auto t : enc.ids) out["tokens"].push_back({{"id", t}, {"text", model.tokenizer().token_bytes(t)}});
        out["top"] = nlohmann::json::array();
        for (int64_t i = 0; i < p.size(0); ++i) {
            int64_t tid = idx[i].item<int64_t>();
            const std::string bytes = model.tokenizer().token_bytes(tid);
            out["top"].push_back({{"id", tid}, {"text", bytes}, {"label", token_label(bytes)}, {"prob", p[i].item<double>()}});
        }
        return toQt(out);
    });
}

// result: {prompt, text, new_ids[]} (greedy).
quint64 EngineBridge::generate(const QString& prompt, int maxNewTokens) {
    return submit(JobKind::Generate, [prompt, maxNewTokens](EngineWorker& w, const JobContext& job, quint64) {
        GenerateOptions o;
        o.max_new_tokens = maxNewTokens;
        o.greedy = true;
        auto g = generate_text(w.requireModel(), prompt.toStdString(), o, job).value();
        return toQt({{"prompt", prompt.toStdString()}, {"text", g.text}, {"new_ids", g.new_ids}});
    });
}

}  // namespace lancet::app
