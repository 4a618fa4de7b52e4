// The test-time training lab on the engine thread (engine ttt/runner.h): each
// method over the same stream with one shared forgetting probe, as
// compare_ttt does, but with every record and probe point streamed to the GUI
// as it is measured (tttRecord, tttForgetting) and each run handed over when it
// ends (tttMethodDone).
#include "engine_worker.h"

#include "eval/general_ability.h"
#include "ttt/adapt_params.h"
#include "ttt/demo_shift.h"
#include "ttt/inplace_addon.h"
#include "ttt/inplace_demo.h"
#include "ttt/runner.h"
#include "ttt/stream.h"

#include <torch/torch.h>

#include <QDir>

namespace lancet::app {

namespace {

std::unique_ptr<InputStream> ttt_open_stream(const Model& model, const TttParams& p) {
    if (!p.streamFile.trimmed().isEmpty()) {
        TextStreamOptions to;
        to.mode = p.paragraphs ? "paragraphs" : "lines";
        return std::move(open_text_stream(p.streamFile.trimmed().toStdString(), to).value());
    }
    if (model.path().empty())
        fail(ErrorCode::InvalidArgument, "the demo shift needs a model folder with a facts.json");
    DemoShiftOptions o;
    o.facts_path = QDir(QString::fromStdString(model.path())).filePath(QStringLiteral("facts.json")).toStdString();
    o.per_phase = static_cast<size_t>(std::max(1, p.perPhase));
    o.cycles = static_cast<size_t>(std::max(1, p.cycles));
    o.seed = p.seed;
    return std::move(demo_shift_stream(o).value());
}

}  // namespace

Job<TttComparison> EngineBridge::runTtt(const TttParams& params) {
    return submitTypedWithId<TttComparison>(JobKind::Ttt, [params](EngineWorker& w, const JobContext& job, quint64 id) {
        const Model& model = w.requireModel();
        if (params.methods.empty()) fail(ErrorCode::InvalidArgument, "no method to run");
        std::unique_ptr<InputStream> stream = ttt_open_stream(model, params);
        EngineBridge* bridge = w.bridge();
        TttRunOptions o;
        o.max_inputs = static_cast<size_t>(std::max(0, params.maxInputs));
        o.every = static_cast<size_t>(std::max(0, params.every));
        o.probe.text_tokens = params.probeTokens;
        o.probe.facts = static_cast<size_t>(std::max(0, params.probeFacts));
        GeneralAbilityProbe probe;
        if (o.every > 0) {
            probe = make_general_probe(model, o.probe).value();
            o.shared_probe = &probe;
        }
        TttComparison out;
        const size_t n = params.methods.size();
        for (size_t i = 0; i < n; ++i) {
            const int method = static_cast<int>(i);
            stream->rewind();
            bridge->emitOnOwnThread([bridge, id, method, name = QString::fromStdString(stream->describe())] {
                Q_EMIT bridge->tttMethodStarted(id, method, name);
            });
            o.on_record = [bridge, id, method](const TttRecord& r) {
                bridge->emitOnOwnThread([bridge, id, method, r] { Q_EMIT bridge->tttRecord(id, method, r); });
            };
            o.on_forgetting = [bridge, id, method](const TttForgettingPoint& p) {
                bridge->emitOnOwnThread([bridge, id, method, p] { Q_EMIT bridge->tttForgetting(id, method, p); });
            };
            JobContext sub;
            sub.cancel = job.cancel;
            if (job.progress)
                sub.progress = [&job, i, n](double f, const std::string& stage) {
                    job.progress((static_cast<double>(i) + f) / static_cast<double>(n), stage);
                };
            TttRun run = run_ttt(model, *stream, params.methods[i], o, sub).value();
            bridge->emitOnOwnThread([bridge, id, method, run] { Q_EMIT bridge->tttMethodDone(id, method, run); });
            const bool stop = run.status == TttStatus::Cancelled;
            out.runs.push_back(std::move(run));
            if (stop) fail(ErrorCode::Cancelled, "cancelled: the runs so far are kept; the weights are the base again");
        }
        return out;
    });
}

Job<QString> EngineBridge::weightDigest() {
    return submitTyped<QString>(JobKind::WeightDigest, [](EngineWorker& w, const JobContext&) {
        const Model& model = w.requireModel();
        uint64_t h = 1469598103934665603ull;
        auto mix = [&](const void* data, size_t n) {
            auto p = static_cast<const unsigned char*>(data);
            for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
        };
        torch::NoGradGuard no_grad;
        auto mix_tensor = [&](const std::string& name, const torch::Tensor& t) {
            mix(name.data(), name.size());
            if (!t.defined()) return;
            auto c = t.to(torch::kCPU).contiguous();
            mix(c.data_ptr(), static_cast<size_t>(c.numel()) * c.element_size());
        };
        for (const auto& kv : model.tensors()) mix_tensor(kv.first, kv.second);
        if (!slots_restored(model)) mix("slots-bound", 11);
        return QString::number(h, 16);
    });
}

Job<InplaceDemoResult> EngineBridge::runInplaceDemo(int facts, int seed, int finetuneEpochs, bool useAddon) {
    return submitTyped<InplaceDemoResult>(JobKind::Ttt, [facts, seed, finetuneEpochs, useAddon](EngineWorker& w, const JobContext& job) {
        const Model& model = w.requireModel();
        InplaceDemoOptions o;
        o.facts = static_cast<size_t>(std::max(1, facts));
        o.seed = static_cast<uint64_t>(std::max(0, seed));
        o.finetune_epochs = std::max(0, finetuneEpochs);
        if (useAddon) attach_inplace_addon(o, model).value();
        return run_inplace_demo(model, o, job).value();
    });
}

}  // namespace lancet::app
