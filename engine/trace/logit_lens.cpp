#include "trace/logit_lens.h"

#include "model/forward.h"
#include "model/model.h"
#include "tokenizer/continuation.h"
#include "tokenizer/token_labels.h"

#include <chrono>

namespace lancet {

nlohmann::json LensResult::to_json() const {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& row : cells) {
        nlohmann::json positions = nlohmann::json::array();
        for (const auto& c : row)
            positions.push_back({{"top_ids", c.top_ids}, {"top_tokens", c.top_tokens}, {"top_probs", c.top_probs},
                                 {"answer_prob", c.answer_prob}, {"answer_rank", c.answer_rank}});
        layers.push_back(positions);
    }
    return {{"protocol", protocol}, {"ids", ids},         {"tokens", tokens},   {"labels", token_labels(tokens)},
            {"answer_id", answer_id}, {"answer", answer}, {"layers", layers}, {"seconds", seconds}};
}

Expected<LensResult> logit_lens(const Model& model, const LensRequest& req, const JobContext& job) {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        torch::NoGradGuard no_grad;
        const ModelConfig& c = model.config();
        const Tokenizer& tok = model.tokenizer();
        LensResult r;
        r.ids = model.encode(req.prompt).ids;
        if (r.ids.empty()) fail(ErrorCode::InvalidArgument, "the prompt is empty");
        if (static_cast<int64_t>(r.ids.size()) > c.n_positions)
            fail(ErrorCode::InvalidArgument, "the prompt is longer than the model's context");
        if (req.top_k < 1 || req.top_k > 100) fail(ErrorCode::InvalidArgument, "top-k must be between 1 and 100");
        for (auto id : r.ids) r.tokens.push_back(tok.token_bytes(id));
        Interventions iv;
        iv.capture_all_layers(Site::BlockOut, static_cast<int>(c.n_layer));
        ForwardInput in;
        in.input_ids = torch::tensor(r.ids, torch::kLong).view({1, -1}).to(model.device());
        in.logits = LogitsMode::Last;
        auto out = forward(model, in, &iv).logits[0];
        if (req.answer_id >= 0) {
            if (req.answer_id >= out.size(-1)) fail(ErrorCode::InvalidArgument, "the answer token is not in the vocabulary");
            r.answer_id = req.answer_id;
        } else if (req.answer.empty()) {
            r.answer_id = out.argmax(-1).item<int64_t>();
        } else {
            auto ids = continuation_ids(tok, req.answer.front() == ' ' ? req.answer : " " + req.answer);
            if (ids.empty()) fail(ErrorCode::InvalidArgument, "the answer tokenizes to nothing");
            r.answer_id = ids.front();
        }
        r.answer = tok.token_bytes(r.answer_id);
        for (int l = 0; l < c.n_layer; ++l) {
            job.check_cancelled();
            // The same final norm and unembedding as the model's output (Gemma's soft-cap included).
            auto probs = torch::softmax(unembed(model, iv.captured(Site::BlockOut, l)[0]), -1).to(torch::kCPU);  // [T, V]
            auto top = probs.topk(req.top_k, -1);
            auto answer_p = probs.select(1, r.answer_id);
            auto ranks = (probs > answer_p.unsqueeze(1)).sum(-1);
            std::vector<LensCell> row(r.ids.size());
            for (size_t t = 0; t < r.ids.size(); ++t) {
                LensCell& cell = row[t];
                for (int j = 0; j < req.top_k; ++j) {
                    const int64_t id = std::get<1>(top)[static_cast<int64_t>(t)][j].item<int64_t>();
                    cell.top_ids.push_back(id);
                    cell.top_tokens.push_back(tok.token_bytes(id));
                    cell.top_probs.push_back(std::get<0>(top)[static_cast<int64_t>(t)][j].item<double>());
                }
                cell.answer_prob = answer_p[static_cast<int64_t>(t)].item<double>();
                cell.answer_rank = ranks[static_cast<int64_t>(t)].item<int64_t>();
            }
            r.cells.push_back(std::move(row));
            job.report(static_cast<double>(l + 1) / static_cast<double>(c.n_layer), "layer " + std::to_string(l + 1));
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return r;
    });
}

}  // namespace lancet
