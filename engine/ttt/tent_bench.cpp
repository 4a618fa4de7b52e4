#include "ttt/tent_bench.h"

#include "model/model.h"
#include "ttt/adapt_params.h"
#include "ttt/tent.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>

namespace lancet {

namespace ttt_bench_detail {

// GPT-2 in plain LibTorch ops: its own leaves for every LayerNorm γ and β,
// everything else read from the checkpoint's tensors.
struct PlainGpt2 {
    const Model* m = nullptr;
    std::vector<torch::Tensor> ln;  // per layer: ln_1 w, b, ln_2 w, b; then ln_f w, b

    explicit PlainGpt2(const Model& model) : m(&model) {
        for (const auto& l : model.weights().layers)
            for (const torch::Tensor* t : {&l.ln_attn.weight, &l.ln_attn.bias, &l.ln_mlp.weight, &l.ln_mlp.bias})
                ln.push_back(t->detach().to(torch::kFloat).clone().requires_grad_(true));
        ln.push_back(model.weights().ln_final.weight.detach().to(torch::kFloat).clone().requires_grad_(true));
        ln.push_back(model.weights().ln_final.bias.detach().to(torch::kFloat).clone().requires_grad_(true));
    }

    static torch::Tensor conv1d(const torch::Tensor& x, const Linear& lin) {
        return torch::addmm(lin.bias, x, lin.weight);  // GPT-2 keeps [in, out]
    }

    torch::Tensor logits(const torch::Tensor& ids) const {
        const auto& c = m->config();
        const auto& w = m->weights();
        const int64_t T = ids.size(0), H = c.n_head, D = c.d_model / c.n_head;
        auto x = w.tok_embed.index_select(0, ids) + w.pos_embed.slice(0, 0, T);
        auto causal = torch::ones({T, T}, torch::TensorOptions().dtype(torch::kBool).device(ids.device())).triu(1);
        for (size_t i = 0; i < w.layers.size(); ++i) {
            const auto& l = w.layers[i];
            auto a = torch::layer_norm(x, {c.d_model}, ln[4 * i], ln[4 * i + 1], c.norm_eps);
            auto qkv = conv1d(a, l.qkv).view({T, 3, H, D}).permute({1, 2, 0, 3});  // [3, H, T, D]
            auto scores = torch::matmul(qkv[0], qkv[1].transpose(-1, -2)) / std::sqrt(static_cast<double>(D));
            scores = scores.masked_fill(causal, -1e9);
            auto ctx = torch::matmul(torch::softmax(scores, -1), qkv[2]).permute({1, 0, 2}).reshape({T, c.d_model});
            x = x + conv1d(ctx, l.attn_out);
            auto b = torch::layer_norm(x, {c.d_model}, ln[4 * i + 2], ln[4 * i + 3], c.norm_eps);
            x = x + conv1d(torch::gelu(conv1d(b, l.mlp_in), "tanh"), l.mlp_out);
        }
        x = torch::layer_norm(x, {c.d_model}, ln[ln.size() - 2], ln[ln.size() - 1], c.norm_eps);
        return torch::matmul(x, w.tok_embed.t());
    }
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace ttt_bench_detail

using ttt_bench_detail::PlainGpt2;

Expected<nlohmann::json> bench_tent(const Model& model, const TentBenchOptions& options) {
    return capture([&] {
        if (options.steps < 1 || options.tokens < 2) fail(ErrorCode::InvalidArgument, "steps ≥ 1 and tokens ≥ 2");
        const int64_t T = std::min<int64_t>(options.tokens, model.config().n_positions);
        // A fixed input: English text, tokenised and cut or repeated to T tokens.
        std::vector<int64_t> ids = model.tokenizer().encode(
            "The committee met on a grey morning to discuss the bridge, the budget and the long winter ahead of them all.").ids;
        while (static_cast<int64_t>(ids.size()) < T) ids.insert(ids.end(), ids.begin(), ids.end());
        ids.resize(static_cast<size_t>(T));
        const auto input = torch::tensor(ids, torch::kLong).to(model.device());
        using clock = std::chrono::steady_clock;
        auto secs = [](clock::time_point a) { return std::chrono::duration<double>(clock::now() - a).count(); };

        nlohmann::json out;
        out["model"] = model.path().empty() ? "in memory" : model.path();
        out["device"] = model.device().str();
        out["dtype"] = dtype_name(model.dtype());
        out["threads"] = torch::get_num_threads();
        out["tokens"] = T;
        out["positions"] = options.positions;
        out["optimizer"] = "adam lr 1e-3";
        out["steps_timed"] = options.steps;

        AdaptedParams params = AdaptedParams::select(model, options.params);
        out["params"] = options.params;
        out["param_count"] = params.count();
        auto opt = make_ttt_optimizer(params, "adam", 1e-3);
        const auto batch = input.unsqueeze(0);
        double lancet_first = 0;
        for (int i = 0; i < 3; ++i) {
            const double l = tent_step(model, params, *opt, batch, options.positions);
            if (i == 0) lancet_first = l;
        }
        const bool gpt2 = model.config().family == "gpt2" && options.params == "norms" && model.weights().layers.size() > 0 &&
                          model.weights().layers[0].qkv.weight.defined() && model.dtype() == torch::kFloat;
        const bool with_ref = options.reference && gpt2;
        std::unique_ptr<PlainGpt2> ref;
        std::unique_ptr<torch::optim::Adam> ropt;
        auto ref_step = [&] {
            torch::AutoGradMode grad(true);
            ropt->zero_grad();
            auto logits = ref->logits(input);
            auto lp = torch::log_softmax(options.positions == "last" ? logits[T - 1] : logits, -1);
            auto loss = (-(lp.exp() * lp).sum(-1)).mean();
            const double v = loss.item<double>();
            loss.backward();
            ropt->step();
            return v;
        };
        double ref_first = 0;
        if (with_ref) {
            ref = std::make_unique<PlainGpt2>(model);
            ropt = std::make_unique<torch::optim::Adam>(ref->ln, torch::optim::AdamOptions(1e-3));
            for (int i = 0; i < 3; ++i) {
                const double l = ref_step();
                if (i == 0) ref_first = l;
            }
        }
        // Interleaved, so that load from other processes falls on both alike.
        std::vector<double> times, ref_times;
        for (int i = 0; i < options.steps; ++i) {
            auto t0 = clock::now();
            tent_step(model, params, *opt, batch, options.positions);
            times.push_back(secs(t0));
            if (with_ref) {
                t0 = clock::now();
                ref_step();
                ref_times.push_back(secs(t0));
            }
        }
        const double lancet_s = ttt_bench_detail::median(times);
        out["lancet_step_ms"] = lancet_s * 1e3;
        out["lancet_steps_per_s"] = 1.0 / lancet_s;
        out["lancet_first_entropy"] = lancet_first;
        if (with_ref) {
            const double ref_s = ttt_bench_detail::median(ref_times);
            out["plain_libtorch_step_ms"] = ref_s * 1e3;
            out["plain_libtorch_steps_per_s"] = 1.0 / ref_s;
            out["plain_libtorch_first_entropy"] = ref_first;
            out["first_entropy_abs_diff"] = std::fabs(ref_first - lancet_first);
            out["lancet_vs_plain_speed"] = ref_s / lancet_s;  // > 1: Lancet faster
        } else {
            out["plain_libtorch"] = "skipped (the reference is GPT-2 in float32 with params=norms only)";
        }
        if (!slots_restored(model)) fail(ErrorCode::Internal, "the benchmark left a slot bound");
        return out;
    });
}

}  // namespace lancet
