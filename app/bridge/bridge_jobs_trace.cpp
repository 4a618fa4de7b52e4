// Causal tracing on the engine thread, streamed to the GUI chunk by chunk.
#include "engine_worker.h"

#include "tokenizer/token_labels.h"
#include "trace/causal_trace.h"

namespace lancet::app {

int defaultTraceWindow(int layers) { return default_trace_window(layers); }

QString guessSubject(const QString& prompt) {
    return QString::fromStdString(guess_subject(prompt.toStdString()));
}

QStringList tokenLabels(const std::vector<std::string>& pieces) {
    QStringList out;
    for (const std::string& label : token_labels(pieces)) out << QString::fromStdString(label);
    return out;
}

QString tokenLabel(const std::string& piece) { return QString::fromStdString(token_label(piece)); }

// Signals: traceSetup (tokens, subject range, answer, low/high scores), then
// traceChunk per finished chunk; result: lancet-cli trace --json.
quint64 EngineBridge::trace(const TraceParams& params) {
    return submit(JobKind::Trace, [this, params](EngineWorker& w, const JobContext& job, quint64 id) {
        TraceRequest req;
        req.prompt = params.prompt.toStdString();
        req.subject = params.subject.toStdString();
        req.target = params.target.toStdString();
        req.kinds.clear();
        for (const auto& k : params.kinds) {
            auto kind = parse_trace_kind(k.toStdString());
            if (!kind) fail(ErrorCode::InvalidArgument, "unknown trace kind " + k.toStdString());
            req.kinds.push_back(*kind);
        }
        req.samples = params.samples;
        req.noise_multiplier = params.noiseMultiplier;
        if (params.window > 0) req.window = params.window;
        req.seed = params.seed;
        req.max_cells_per_chunk = params.maxCellsPerChunk;
        TraceCallbacks cb;
        cb.on_setup = [this, id](const TraceSetup& s) {
            nlohmann::json j;
            j["tokens"] = s.tokens;
            // What the maps' rows show: split characters joined (tokens stay
            // the bytes, where ill-formed UTF-8 arrives as U+FFFD).
            j["labels"] = token_labels(s.tokens);
            j["subject"] = {{"text", s.subject}, {"range", {s.subject_begin, s.subject_end}}, {"guessed", s.subject_guessed}};
            j["answer"] = {{"id", s.answer_id}, {"text", s.answer}, {"correct_prediction", s.correct_prediction}};
            j["low_score"] = s.low_score;
            j["high_score"] = s.high_score;
            j["noise"] = {{"std", s.noise_std}, {"source", s.noise_std_source}};
            j["n_layer"] = s.n_layer;
            j["window"] = s.window;
            emitOnOwnThread([this, id, setup = toQt(j)] { Q_EMIT traceSetup(id, setup); });
        };
        cb.on_chunk = [this, id](const TraceChunk& c) {
            emitOnOwnThread([this, id, kind = QString::fromLatin1(trace_kind_name(c.kind)),
                             tokens = QVector<int>(c.tokens.begin(), c.tokens.end()),
                             layers = QVector<int>(c.layers.begin(), c.layers.end()),
                             probs = QVector<double>(c.probs.begin(), c.probs.end())] {
                Q_EMIT traceChunk(id, kind, tokens, layers, probs);
            });
        };
        auto r = causal_trace(w.requireModel(), req, cb, job).value();
        return toQt(r.to_json());
    });
}

}  // namespace lancet::app
