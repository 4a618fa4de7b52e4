// Comparing two states of the edit history, on the engine thread: the
// scorecard of an edit request at both, the next-token distribution of a
// prompt at both, and how much each edited weight matrix differs between them.
//
// The engine holds one set of weights, so the job walks the history (undo and
// redo are exact: they copy saved values back) to the first state, measures,
// walks to the second, measures, and walks back to where the user was, also
// when it fails or is cancelled half way.
#include "bridge_scoring.h"
#include "engine_worker.h"

#include "edit/layer_choice.h"
#include "model/forward.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace lancet::app {

namespace {

// Moves the weights to history position `pos` (0 .. applied + undone).
void move_to(EditHistory& h, Model& model, size_t pos) {
    while (h.size() > pos)
        if (auto r = h.undo(model); !r) throw EngineException(r.error());
    while (h.size() < pos)
        if (auto r = h.redo(model); !r) throw EngineException(r.error());
}

// Every edit of the history in order: applied ones, then the redo stack.
std::vector<EditRecord> all_records(const EditHistory& h) {
    std::vector<EditRecord> out = h.applied();
    for (auto& r : h.undone()) out.push_back(std::move(r));
    return out;
}

// Softmax of the last position's logits, on the CPU.
torch::Tensor next_token_probs(const Model& model, const std::vector<int64_t>& ids) {
    torch::InferenceMode guard;
    ForwardInput in;
    in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1}).to(model.device());
    in.logits = LogitsMode::Last;
    return torch::softmax(forward(model, in).logits[0].to(torch::kFloat), -1).cpu();
}

// "transformer.h.5.mlp.c_proj.weight" -> {5, "mlp.c_proj"}; layer -1 when none.
std::pair<int, std::string> layer_and_matrix(const std::string& name) {
    static const QRegularExpression re(QStringLiteral("^(?:.*\\.)?(?:h|layers|blocks)\\.(\\d+)\\.(.+?)(?:\\.weight)?$"));
    const auto m = re.match(QString::fromStdString(name));
    if (!m.hasMatch()) return {-1, name};
    return {m.captured(1).toInt(), m.captured(2).toStdString()};
}

}  // namespace

// result: {from, to, positions,
//          weights[{name, layer, matrix, relative_change, frobenius}],   // every matrix an edit of the history touches
//          next_token{prompt, tokens[{id, text, from, to, role}]} (with a prompt; role: "new target",
//                     "old target" for the scored edit's targets, which are always listed),
//          scorecard{rows[{key, label, protocol, before (= from), after (= to), ...}]} (with a score request)}
quint64 EngineBridge::compare(const CompareParams& params) {
    return submit(JobKind::Compare, [params](EngineWorker& w, const JobContext& job, quint64) {
        Model& model = w.requireModel();
        EditHistory& h = history_of(w);
        const std::vector<EditRecord> records = all_records(h);
        const int positions = static_cast<int>(records.size());
        if (params.from < 0 || params.to < 0 || params.from > positions || params.to > positions)
            fail(ErrorCode::InvalidArgument, "the history has states 0 to " + std::to_string(positions) +
                                                 "; cannot compare " + std::to_string(params.from) + " with " +
                                                 std::to_string(params.to));
        const size_t home = h.size();

        // Prepared before any weight moves, so a bad request changes nothing.
        std::vector<int64_t> ids;
        if (!params.prompt.trimmed().isEmpty()) {
            ids = model.tokenizer().encode(params.prompt.toStdString()).ids;
            if (static_cast<int64_t>(ids.size()) > model.config().n_positions)
                fail(ErrorCode::InvalidArgument, "the prompt is longer than the model's context");
        }
        const bool scoring = !params.scoreRequest.isEmpty();
        EditParams sp;
        if (scoring) {
            sp = score_params_from_request(fromQt(params.scoreRequest));
            if (sp.promptTemplate.isEmpty() || sp.subject.isEmpty() || sp.target.isEmpty())
                fail(ErrorCode::InvalidArgument, "the request to score needs a prompt, a subject and a target");
        }
        std::set<std::string> matrices;
        for (const auto& r : records) matrices.insert(r.weight_name);

        struct State {
            std::map<std::string, torch::Tensor> weights;  // float32 CPU copies
            torch::Tensor probs;
            std::optional<MetricSet> scores;
        };
        auto measure = [&](int pos, State& s, EditCase* c, LocalityReference& ref, const std::string& timing,
                           double f0) {
            job.check_cancelled();
            job.report(f0, "moving to state " + std::to_string(pos));
            move_to(h, model, static_cast<size_t>(pos));
            torch::NoGradGuard no_grad;
            for (const auto& name : matrices) s.weights[name] = model.tensor(name).to(torch::kCPU, torch::kFloat, false, true);
            if (!ids.empty()) s.probs = next_token_probs(model, ids);
            if (c) {
                job.report(f0 + 0.1, "scoring state " + std::to_string(pos));
                EvalOptions eo;
                eo.protocols = {kProtocolCounterFact, kProtocolEasyEdit};
                auto m = score_case(model, *c, eo, timing, ref, 0, nullptr, job);
                if (!m) throw EngineException(m.error());
                s.scores = std::move(m.value());
            }
        };

        State a, b;
        try {
            std::optional<EditCase> c;
            LocalityReference ref;
            if (scoring) {
                move_to(h, model, static_cast<size_t>(params.from));
                // Locality answers the request lacks come from the first state: the reference.
                c = make_case(model, sp, templates_for(model, rome_hparams_for_model(model)));
            }
            measure(params.from, a, c ? &*c : nullptr, ref, kTimingPre, 0.05);
            measure(params.to, b, c ? &*c : nullptr, ref, kTimingAfterAll, 0.5);
            move_to(h, model, home);
        } catch (...) {
            // Back where the user was, whatever happened; then report the first failure.
            try {
                move_to(h, model, home);
            } catch (...) {
            }
            throw;
        }

        nlohmann::json out;
        out["from"] = params.from;
        out["to"] = params.to;
        out["positions"] = positions;
        out["n_layer"] = model.config().n_layer;
        nlohmann::json weights = nlohmann::json::array();
        for (const auto& name : matrices) {
            const torch::Tensor& wa = a.weights.at(name);
            const torch::Tensor& wb = b.weights.at(name);
            const double diff = (wb - wa).norm().item<double>();
            const double base = wa.norm().item<double>();
            auto [layer, matrix] = layer_and_matrix(name);
            weights.push_back({{"name", name}, {"layer", layer}, {"matrix", matrix}, {"frobenius", diff},
                               {"relative_change", base > 0 ? diff / base : 0.0}});
        }
        out["weights"] = weights;
        if (!ids.empty()) {
            // The union of both states' top-k: a token that rose into the top
            // and one that fell out of it both matter.
            const int64_t k = std::min<int64_t>(std::max(1, params.topK), a.probs.size(0));
            std::vector<int64_t> tokens;
            // The scored edit's targets are always listed: an edit that moves
            // its target without reaching the top-k still shows.
            std::map<int64_t, std::string> roles;
            if (scoring) {
                for (const auto& [text, role] : {std::pair{sp.target, "new target"}, std::pair{sp.targetTrue, "old target"}}) {
                    if (text.isEmpty()) continue;
                    auto t = model.tokenizer().encode(text.toStdString()).ids;
                    if (t.empty() || roles.count(t.front())) continue;
                    roles[t.front()] = role;
                    tokens.push_back(t.front());
                }
            }
            for (const auto* p : {&a.probs, &b.probs}) {
                const torch::Tensor top = std::get<1>(p->topk(k)).contiguous();
                for (int64_t i = 0; i < k; ++i) {
                    const int64_t id = top[i].item<int64_t>();
                    if (std::find(tokens.begin(), tokens.end(), id) == tokens.end()) tokens.push_back(id);
                }
            }
            const float* pa = a.probs.data_ptr<float>();
            const float* pb = b.probs.data_ptr<float>();
            std::stable_sort(tokens.begin(), tokens.end(), [&](int64_t x, int64_t y) {
                return std::abs(pb[x] - pa[x]) > std::abs(pb[y] - pa[y]);
            });
            nlohmann::json rows = nlohmann::json::array();
            for (int64_t id : tokens)
                rows.push_back({{"id", id}, {"text", model.tokenizer().token_bytes(id)}, {"from", pa[id]}, {"to", pb[id]},
                                {"role", roles.count(id) ? roles[id] : std::string()}});
            out["next_token"] = {{"prompt", params.prompt.toStdString()}, {"tokens", rows}};
        }
        if (a.scores && b.scores)
            out["scorecard"] = {{"rows", scorecard_rows(*a.scores, *b.scores)}, {"timing", kTimingAfterAll}};
        return toQt(out);
    });
}

}  // namespace lancet::app
