#include "ttt/runner.h"

#include "model/forward.h"
#include "model/model.h"
#include "ttt/method.h"
#include "ttt/tent.h"

#include <torch/torch.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <sstream>

namespace lancet {

namespace ttt_runner_detail {

std::atomic<size_t> g_held{0}, g_max_held{0};

// Counts the inputs alive at once (the runner keeps only the current one).
struct HeldInput {
    HeldInput() {
        const size_t now = ++g_held;
        size_t prev = g_max_held.load();
        while (now > prev && !g_max_held.compare_exchange_weak(prev, now)) {}
    }
    ~HeldInput() { --g_held; }
};

struct Encoded {
    torch::Tensor input;         // [1, P] the unlabeled input
    torch::Tensor scored;        // [1, P + L] input + label, for scoring
    std::vector<int64_t> label;  // label token ids
    int64_t prompt_len = 0;
};

Encoded encode_item(const Model& model, const StreamItem& item) {
    const Tokenizer& tok = model.tokenizer();
    std::vector<int64_t> ids = tok.encode(item.text).ids;
    Encoded e;
    if (item.has_label) {
        const std::string lab = !item.label.empty() && item.label.front() == ' ' ? item.label : " " + item.label;
        e.label = tok.encode(lab).ids;
    }
    const auto bos = tok.bos_id();
    const int64_t room = model.config().n_positions - static_cast<int64_t>(e.label.size()) - (bos ? 1 : 0);
    if (room < 1) fail(ErrorCode::InvalidArgument, "a label longer than the model's context");
    // Longer inputs keep their last tokens (the ones next to the prediction).
    if (static_cast<int64_t>(ids.size()) > room) ids.erase(ids.begin(), ids.end() - room);
    if (bos) ids.insert(ids.begin(), *bos);
    if (ids.empty()) fail(ErrorCode::InvalidArgument, "an input with no tokens");
    e.prompt_len = static_cast<int64_t>(ids.size());
    e.input = torch::tensor(ids, torch::kLong).unsqueeze(0).to(model.device());
    std::vector<int64_t> all = ids;
    all.insert(all.end(), e.label.begin(), e.label.end());
    e.scored = torch::tensor(all, torch::kLong).unsqueeze(0).to(model.device());
    return e;
}

// Scores the input with the weights bound now: prediction, entropy at the method's positions, label NLL and correctness.
void score_item(const Model& model, const Encoded& e, const std::string& positions, TttRecord& r) {
    torch::NoGradGuard no_grad;
    ForwardInput in;
    in.input_ids = e.scored;
    in.logits = LogitsMode::All;
    auto logits = forward(model, in).logits[0];  // [P + L, V]
    const int64_t P = e.prompt_len;
    auto at_last = logits[P - 1];
    r.prediction = model.tokenizer().decode({at_last.argmax().item<int64_t>()});
    auto ent = positions == "all" ? next_token_entropy(logits.slice(0, 0, P)).mean() : next_token_entropy(at_last);
    r.entropy = ent.item<double>();
    if (!e.label.empty()) {
        const int64_t L = static_cast<int64_t>(e.label.size());
        auto lp = torch::log_softmax(logits.slice(0, P - 1, P - 1 + L), -1);
        auto lab = torch::tensor(e.label, torch::kLong).to(logits.device()).unsqueeze(1);
        r.label_nll = -lp.gather(1, lab).mean().item<double>();
        auto pred = lp.argmax(-1);
        r.correct = torch::equal(pred, lab.squeeze(1));
    }
}

std::string cut(const std::string& s, size_t n) { return s.size() <= n ? s : s.substr(0, n) + "…"; }

}  // namespace ttt_runner_detail

using namespace ttt_runner_detail;

size_t ttt_max_inputs_held() { return g_max_held.load(); }

Expected<TttRun> run_ttt(const Model& model, InputStream& stream, const TttMethodSpec& spec, const TttRunOptions& options,
                         const JobContext& job) {
    return capture([&]() -> TttRun {
        if (c10::InferenceMode::is_enabled())
            fail(ErrorCode::InvalidArgument, "test-time training needs autograd: do not call it under torch::InferenceMode");
        const auto started = std::chrono::steady_clock::now();
        auto method = make_ttt_method(model, spec);
        TttRun run;
        run.method = spec;
        run.stream = stream.describe();
        run.order = method->order();
        run.params = method->param_names();
        run.param_count = method->param_count();

        GeneralAbilityProbe own_probe;
        const GeneralAbilityProbe* probe = options.shared_probe;
        if (options.every > 0 && !probe) {
            own_probe = make_general_probe(model, options.probe).value();
            probe = &own_probe;
        }
        if (probe) run.probe_source = probe->text_source + "; " + probe->facts_source;
        auto measure = [&](size_t inputs) {
            TttForgettingPoint p;
            p.inputs = inputs;
            p.delta_norm = method->delta_norm();
            MetricSet m;
            {
                auto binding = method->bind(model);
                m = measure_general_ability(model, *probe, job).value();
            }
            if (const auto* v = m.find("fact_recall")) p.fact_recall = v->value;
            if (const auto* v = m.find("perplexity")) p.perplexity = v->value;
            run.forgetting.push_back(p);
            if (options.on_forgetting) options.on_forgetting(p);
        };

        const std::string positions = spec.kind == "none" || spec.kind == "inplace" ? "last" : spec.positions;
        try {
            if (probe) measure(0);
            size_t index = 0;
            for (;;) {
                if (options.max_inputs > 0 && index >= options.max_inputs) break;
                if (job.cancelled()) {
                    run.status = TttStatus::Cancelled;
                    run.message = "cancelled after " + std::to_string(index) + " inputs";
                    break;
                }
                std::optional<StreamItem> item = stream.next();
                if (!item) break;
                HeldInput held;
                const auto t0 = std::chrono::steady_clock::now();
                TttRecord r;
                r.index = index;
                r.segment = item->segment;
                r.input = cut(item->text, 200);
                r.label = item->label;
                r.has_label = item->has_label;
                const Encoded e = encode_item(model, *item);
                bool predicted = false;
                AdaptReport rep;
                try {
                    rep = method->process(model, e.input, [&] {
                        score_item(model, e, positions, r);
                        predicted = true;
                    }, job);
                } catch (const EngineException& ex) {
                    if (ex.error().code != ErrorCode::Cancelled) throw;
                    run.status = TttStatus::Cancelled;
                    run.message = "cancelled at input " + std::to_string(index);
                    break;
                }
                if (!predicted) fail(ErrorCode::Internal, "the method did not score the input");
                if (!std::isfinite(r.entropy)) throw TttDivergence{"the prediction's entropy is not finite"};
                r.adapt_loss = rep.loss;
                r.reset = rep.reset;
                r.filter_positions = rep.filter_positions;
                r.filter_kept = rep.filter_kept;
                r.mcc_candidates = rep.mcc_candidates;
                r.delta_norm = method->delta_norm();
                r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                run.records.push_back(r);
                if (options.on_record) options.on_record(r);
                ++index;
                job.report(options.max_inputs > 0 ? static_cast<double>(index) / static_cast<double>(options.max_inputs)
                                                  : stream.fraction_read(),
                           spec.display() + ": input " + std::to_string(index));
                if (probe && index % options.every == 0) measure(index);
            }
            if (index == 0 && run.status == TttStatus::Completed)
                fail(ErrorCode::InvalidArgument, "the stream is empty: " + stream.describe());
            if (probe && run.status == TttStatus::Completed && (run.forgetting.empty() || run.forgetting.back().inputs != index))
                measure(index);
        } catch (const TttDivergence& d) {
            run.status = TttStatus::Diverged;
            std::ostringstream lr;
            lr << spec.lr;
            run.message = "diverged at input " + std::to_string(run.records.size()) + " (lr " + lr.str() + "): " + d.message +
                          "; stopped, weights restored";
        }
        method->restore();
        run.weights_restored = method->at_base() && slots_restored(model);
        if (!slots_restored(model)) fail(ErrorCode::Internal, "a TTT run left a weight slot bound");
        run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return run;
    });
}

Expected<TttComparison> compare_ttt(const Model& model, InputStream& stream, const std::vector<TttMethodSpec>& methods,
                                    const TttRunOptions& options, const JobContext& job) {
    return capture([&] {
        if (methods.empty()) fail(ErrorCode::InvalidArgument, "no method to run");
        TttComparison out;
        GeneralAbilityProbe probe;
        TttRunOptions o = options;
        if (options.every > 0 && !options.shared_probe) {
            probe = make_general_probe(model, options.probe).value();
            o.shared_probe = &probe;
        }
        for (size_t i = 0; i < methods.size(); ++i) {
            stream.rewind();
            JobContext sub;
            sub.cancel = job.cancel;
            if (job.progress)
                sub.progress = [&, i](double f, const std::string& stage) {
                    job.progress((static_cast<double>(i) + f) / static_cast<double>(methods.size()), stage);
                };
            TttRun run = run_ttt(model, stream, methods[i], o, sub).value();
            const bool stop = run.status == TttStatus::Cancelled;
            out.runs.push_back(std::move(run));
            if (stop) break;
        }
        return out;
    });
}

}  // namespace lancet
