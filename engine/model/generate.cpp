#include "model/generate.h"

#include "model/forward.h"
#include "model/model.h"

#include <random>

namespace lancet {

namespace {

// Picks the next token of each row. Sampling uses the row's own generator so
// a batch gives each prompt the same continuation it would get alone.
std::vector<int64_t> pick_next(const torch::Tensor& logits, const GenerateOptions& o, std::vector<std::mt19937_64>& rngs) {
    const int64_t B = logits.size(0);
    std::vector<int64_t> next(B);
    if (o.greedy) {
        auto ids = logits.argmax(-1).to(torch::kCPU);
        for (int64_t b = 0; b < B; ++b) next[b] = ids[b].item<int64_t>();
        return next;
    }
    auto scaled = logits / std::max(1e-6, o.temperature);
    auto top = scaled.topk(std::max(1, o.top_k), -1);
    auto probs = torch::softmax(std::get<0>(top), -1).to(torch::kCPU, torch::kDouble).contiguous();
    auto idx = std::get<1>(top).to(torch::kCPU).contiguous();
    for (int64_t b = 0; b < B; ++b) {
        auto p = probs[b];
        std::vector<double> w(p.data_ptr<double>(), p.data_ptr<double>() + p.numel());
        std::discrete_distribution<int64_t> dist(w.begin(), w.end());
        next[b] = idx[b][dist(rngs[b])].item<int64_t>();
    }
    return next;
}

}  // namespace

Expected<std::vector<Generation>> generate(const Model& model, const std::vector<std::vector<int64_t>>& prompts,
                                           const GenerateOptions& o, const JobContext& job) {
    return capture([&] {
        torch::InferenceMode guard;
        if (prompts.empty()) return std::vector<Generation>{};
        const int64_t B = static_cast<int64_t>(prompts.size());
        size_t max_len = 0;
        for (const auto& p : prompts) {
            if (p.empty()) fail(ErrorCode::InvalidArgument, "generate: empty prompt");
            max_len = std::max(max_len, p.size());
        }
        const int64_t room = model.config().n_positions - static_cast<int64_t>(max_len);
        if (room <= 0) fail(ErrorCode::InvalidArgument, "generate: the prompt already fills the model's context");
        const int steps = static_cast<int>(std::min<int64_t>(o.max_new_tokens, room));

        // Left padding keeps every row's last token at the same position.
        auto ids = torch::zeros({B, static_cast<int64_t>(max_len)}, torch::kLong);
        auto mask = torch::zeros({B, static_cast<int64_t>(max_len)}, torch::kLong);
        for (int64_t b = 0; b < B; ++b) {
            const auto& p = prompts[b];
            int64_t off = static_cast<int64_t>(max_len - p.size());
            for (size_t i = 0; i < p.size(); ++i) ids[b][off + static_cast<int64_t>(i)] = p[i];
            mask.slice(1, off, static_cast<int64_t>(max_len)).select(0, b).fill_(1);
        }
        ids = ids.to(model.device());
        mask = mask.to(model.device());

        std::vector<std::mt19937_64> rngs;
        for (int64_t b = 0; b < B; ++b) rngs.emplace_back(o.seed + static_cast<uint64_t>(b) * 0x9E3779B97F4A7C15ull);
        std::vector<Generation> out(B);
        for (int64_t b = 0; b < B; ++b) out[b].prompt_ids = prompts[b];
        std::vector<bool> done(B, false);
        const int64_t eos = model.tokenizer().eos_id().value_or(-1);

        KVCache cache;
        ForwardInput in;
        in.input_ids = ids;
        in.attention_mask = mask;
        in.logits = LogitsMode::Last;
        in.cache = &cache;
        for (int step = 0; step < steps; ++step) {
            job.check_cancelled();
            auto logits = forward(model, in).logits;
            auto next = pick_next(logits, o, rngs);
            bool all_done = true;
            for (int64_t b = 0; b < B; ++b) {
                if (!done[b]) {
                    if (o.stop_at_eos && next[b] == eos) done[b] = true;
                    else out[b].new_ids.push_back(next[b]);
                }
                all_done = all_done && done[b];
            }
            if (all_done) break;
            auto next_t = torch::tensor(next, torch::kLong).view({B, 1}).to(model.device());
            mask = torch::cat({mask, torch::ones({B, 1}, mask.options())}, 1);
            in.input_ids = next_t;
            in.attention_mask = mask;
            in.position_ids = positions_from_mask(mask, 1);
            job.report(double(step + 1) / steps, "generating");
        }
        for (auto& g : out) g.text = model.tokenizer().decode(g.new_ids);
        return out;
    });
}

Expected<Generation> generate_text(const Model& model, const std::string& prompt, const GenerateOptions& options,
                                   const JobContext& job) {
    auto enc = model.encode(prompt);
    if (enc.ids.empty()) return Error{ErrorCode::InvalidArgument, "empty prompt"};
    auto r = generate(model, {enc.ids}, options, job);
    if (!r) return r.error();
    return std::move(r.value()[0]);
}

}  // namespace lancet
