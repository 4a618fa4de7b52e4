#include "edit/compare_states.h"
#include "tokenizer/continuation.h"

#include "edit/surgery.h"
#include "eval/evaluate.h"
#include "eval/metrics.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <cctype>
#include <set>

namespace lancet {

namespace {

// Moves the weights to history position `pos` (0 .. applied + undone).
void move_to(EditHistory& h, Model& model, size_t pos) {
    while (h.size() > pos) h.undo(model).value();
    while (h.size() < pos) h.redo(model).value();
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
    for (const char* block : {"h.", "layers.", "blocks."}) {
        for (size_t at = name.find(block); at != std::string::npos; at = name.find(block, at + 1)) {
            if (at > 0 && name[at - 1] != '.') continue;
            size_t p = at + std::string(block).size(), digits = p;
            while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
            if (digits == p || digits >= name.size() || name[digits] != '.') continue;
            std::string matrix = name.substr(digits + 1);
            const std::string suffix = ".weight";
            if (matrix.size() > suffix.size() && matrix.compare(matrix.size() - suffix.size(), suffix.size(), suffix) == 0)
                matrix.resize(matrix.size() - suffix.size());
            return {std::stoi(name.substr(p, digits - p)), matrix};
        }
    }
    return {-1, name};
}

struct State {
    std::map<std::string, torch::Tensor> weights;  // float32 CPU copies
    torch::Tensor probs;
    std::optional<MetricSet> scores;
};

}  // namespace

Expected<CompareOutcome> compare_states(Model& model, EditHistory& h, const CompareRequest& request,
                                        const JobContext& job) {
    return capture([&] {
        std::vector<EditRecord> records = h.applied();
        for (auto& r : h.undone()) records.push_back(std::move(r));
        const int positions = static_cast<int>(records.size());
        if (request.from < 0 || request.to < 0 || request.from > positions || request.to > positions)
            fail(ErrorCode::InvalidArgument, "the history has states 0 to " + std::to_string(positions) +
                                                 "; cannot compare " + std::to_string(request.from) + " with " +
                                                 std::to_string(request.to));
        const size_t home = h.size();

        // Prepared before any weight moves, so a bad request changes nothing.
        std::vector<int64_t> ids;
        if (!request.prompt.empty()) {
            ids = model.encode(request.prompt).ids;
            if (static_cast<int64_t>(ids.size()) > model.config().n_positions)
                fail(ErrorCode::InvalidArgument, "the prompt is longer than the model's context");
        }
        if (request.score_request) request.score_request->validate().value();
        std::set<std::string> matrices;
        for (const auto& r : records)
            for (const auto& t : r.delta) matrices.insert(t.weight_name);

        auto measure = [&](int pos, State& s, EditCase* c, LocalityReference& ref, const std::string& timing, double f0) {
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
                s.scores = score_case(model, *c, eo, timing, ref, 0, nullptr, job).value();
            }
        };

        State a, b;
        try {
            std::optional<EditCase> c;
            LocalityReference ref;
            if (request.score_request) {
                move_to(h, model, static_cast<size_t>(request.from));
                // Locality answers the request lacks come from the first state: the reference.
                c = evaluation_case(model, *request.score_request).value();
            }
            measure(request.from, a, c ? &*c : nullptr, ref, kTimingPre, 0.05);
            measure(request.to, b, c ? &*c : nullptr, ref, kTimingAfterAll, 0.5);
            move_to(h, model, home);
        } catch (...) {
            // Back where the user was, whatever happened; then report the first failure.
            try {
                move_to(h, model, home);
            } catch (...) {
            }
            throw;
        }

        CompareOutcome out;
        out.from = request.from;
        out.to = request.to;
        out.positions = positions;
        out.n_layer = static_cast<int>(model.config().n_layer);
        for (const auto& name : matrices) {
            const torch::Tensor& wa = a.weights.at(name);
            const torch::Tensor& wb = b.weights.at(name);
            WeightChange w;
            w.name = name;
            std::tie(w.layer, w.matrix) = layer_and_matrix(name);
            w.frobenius = (wb - wa).norm().item<double>();
            const double base = wa.norm().item<double>();
            w.relative_change = base > 0 ? w.frobenius / base : 0.0;
            out.weights.push_back(std::move(w));
        }
        if (!ids.empty()) {
            out.prompt = request.prompt;
            // The union of both states' top-k: a token that rose into the top and
            // one that fell out of it both matter.
            const int64_t k = std::min<int64_t>(std::max(1, request.top_k), a.probs.size(0));
            std::vector<int64_t> tokens;
            // The scored edit's targets are always listed: an edit that moves its
            // target without reaching the top-k still shows.
            std::map<int64_t, std::string> roles;
            if (request.score_request) {
                const auto& spec = *request.score_request;
                for (const auto& [text, role] : {std::pair{spec.target_new, "new target"},
                                                  std::pair{spec.target_true.value_or(""), "old target"}}) {
                    if (text.empty()) continue;
                    const std::string spaced = text.front() == ' ' ? text : " " + text;
                    auto t = continuation_ids(model.tokenizer(), spaced);
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
            std::stable_sort(tokens.begin(), tokens.end(),
                             [&](int64_t x, int64_t y) { return std::abs(pb[x] - pa[x]) > std::abs(pb[y] - pa[y]); });
            for (int64_t id : tokens)
                out.next_token.push_back({id, model.tokenizer().token_bytes(id), pa[id], pb[id], roles.count(id) ? roles[id] : ""});
        }
        if (a.scores && b.scores) out.scorecard = make_edit_scorecard(*a.scores, *b.scores, kTimingAfterAll);
        return out;
    });
}

}  // namespace lancet
