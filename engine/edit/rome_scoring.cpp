// Scoring a target after a prompt (teacher forced), and simulating a rank-one
// edit with a hook instead of changing the weights.
#include "edit/rome.h"
#include "edit/rome_internal.h"

#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

void add_rank_one_hook(Interventions& iv, int layer, torch::Tensor u, torch::Tensor v) {
    auto key = std::make_shared<torch::Tensor>();
    iv.hook(Site::MlpKey, layer, [key](Site, int, torch::Tensor& x) { *key = x; });
    iv.hook(Site::MlpOut, layer, [key, u, v](Site, int, torch::Tensor& x) {
        auto uu = u.to(x.device(), torch::kFloat);
        auto vv = v.to(x.device(), torch::kFloat);
        auto coef = torch::matmul(key->to(torch::kFloat), uu).unsqueeze(-1);
        x = (x.to(torch::kFloat) + coef * vv).to(x.scalar_type());
    });
}

Expected<std::vector<TargetScore>> score_targets(const Model& model, const std::string& prompt_text,
                                                 const std::vector<std::string>& targets, Interventions* iv) {
    return capture([&] {
        std::vector<int64_t> prompt = model.tokenizer().encode(prompt_text).ids;
        if (auto bos = model.tokenizer().bos_id()) prompt.insert(prompt.begin(), *bos);
        if (prompt.empty()) fail(ErrorCode::InvalidArgument, "the prompt is empty");
        const int64_t P = static_cast<int64_t>(prompt.size());
        // One row per target (prompt + target[:-1], right-padded): one forward pass for all.
        std::vector<std::vector<int64_t>> rows, tgts;
        for (const auto& target : targets) {
            auto t = rome_target_ids(model, target).value();
            auto row = prompt;
            row.insert(row.end(), t.begin(), t.end() - 1);
            rows.push_back(std::move(row));
            tgts.push_back(t);
        }
        std::vector<TargetScore> out;
        if (rows.empty()) return out;
        auto batch = rome_detail::pad_right(rows, model);
        torch::NoGradGuard no_grad;
        ForwardInput in;
        in.input_ids = batch.ids;
        in.attention_mask = batch.mask;
        in.logits = LogitsMode::None;
        auto hidden = forward(model, in, iv).hidden;
        for (size_t i = 0; i < tgts.size(); ++i) {
            const auto& tgt = tgts[i];
            const int64_t n = static_cast<int64_t>(tgt.size());
            auto h = hidden[static_cast<int64_t>(i)].slice(0, P - 1, P - 1 + n);
            auto lp = torch::log_softmax(unembed(model, h), -1);
            auto tok_lp = lp.gather(1, rome_detail::long_tensor(tgt, model.device()).unsqueeze(1)).squeeze(1).to(torch::kCPU, torch::kDouble);
            const double* v = tok_lp.data_ptr<double>();
            double sum = 0;
            for (int64_t j = 0; j < n; ++j) sum += v[j];
            TargetScore s;
            s.tokens = static_cast<int>(n);
            s.nll = -sum / static_cast<double>(n);
            s.prob = std::exp(sum);
            s.first_token_prob = std::exp(v[0]);
            out.push_back(s);
        }
        return out;
    });
}

Expected<TargetScore> score_target(const Model& model, const std::string& prompt_text, const std::string& target,
                                   Interventions* iv) {
    auto all = score_targets(model, prompt_text, {target}, iv);
    if (!all) return all.error();
    return all->front();
}

}  // namespace lancet
