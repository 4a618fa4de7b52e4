#include "edit/methods/finetune_method.h"

#include "edit/detail.h"
#include "edit/fisher.h"
#include "edit/layer_choice.h"
#include "edit/rome.h"
#include "edit/surgery.h"
#include "model/forward.h"
#include "model/generate.h"
#include "model/model.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>

namespace lancet {

using edit_detail::seconds_since;

namespace {

ParamInfo choice(std::string name, std::string label, std::string tooltip, std::vector<std::string> choices,
                 std::string def, bool advanced = false) {
    ParamInfo p = make_param(std::move(name), std::move(label), std::move(tooltip), ParamType::Choice, 0, 0, def, advanced);
    p.choices = std::move(choices);
    return p;
}

// The weights a scope names at one layer: GPT-2's c_fc/c_proj, LLaMA's up/gate/down, ...
std::vector<std::string> scoped_weights(const Model& model, int layer, const std::string& scope) {
    const LayerWeights& l = model.weights().layers.at(static_cast<size_t>(layer));
    std::vector<const Linear*> picked;
    if (scope == "mlp_out") picked = {&l.mlp_out};
    else if (scope == "mlp") picked = {&l.mlp_in, &l.mlp_gate, &l.mlp_out};
    else if (scope == "attn_out") picked = {&l.attn_out};
    else picked = {&l.qkv, &l.q, &l.k, &l.v, &l.attn_out, &l.mlp_in, &l.mlp_gate, &l.mlp_out};  // "block"
    std::vector<std::string> out;
    for (const Linear* lin : picked)
        if (lin->weight.defined()) out.push_back(lin->weight_name);
    return out;
}

// Rows of token ids, right padded, with the positions whose next token is scored.
struct Batch {
    std::vector<std::vector<int64_t>> rows;
    // Per scored position: row, position, the token that should follow, and which term it belongs to.
    std::vector<int64_t> sel_row, sel_pos, sel_token;
    std::vector<int> sel_term;  // 0 edit, 1 replay
    std::vector<int64_t> last_row;  // locality rows: their last position is compared with the base model
};

std::vector<int64_t> encode(const Model& model, const std::string& text) {
    return model.encode(text).ids;
}

// prompt ids + answer ids; the answer's tokens scored (or, with whole_sequence, every token after the first).
void add_pair(Batch& b, const std::vector<int64_t>& prompt, const std::vector<int64_t>& answer, int term,
              bool whole_sequence) {
    std::vector<int64_t> row = prompt;
    row.insert(row.end(), answer.begin(), answer.end());
    const int64_t r = static_cast<int64_t>(b.rows.size());
    const int64_t first = whole_sequence ? 1 : static_cast<int64_t>(prompt.size());
    for (int64_t p = first; p < static_cast<int64_t>(row.size()); ++p) {
        b.sel_row.push_back(r);
        b.sel_pos.push_back(p - 1);  // logits at p-1 predict token p
        b.sel_token.push_back(row[static_cast<size_t>(p)]);
        b.sel_term.push_back(term);
    }
    b.rows.push_back(std::move(row));
}

struct Padded {
    torch::Tensor ids, mask;
};

Padded pad(const Model& model, const std::vector<std::vector<int64_t>>& rows) {
    size_t T = 0;
    for (const auto& r : rows) T = std::max(T, r.size());
    if (static_cast<int64_t>(T) > model.config().n_positions)
        fail(ErrorCode::InvalidArgument, "a training row of " + std::to_string(T) + " tokens is longer than the model's context");
    auto ids = torch::zeros({static_cast<int64_t>(rows.size()), static_cast<int64_t>(T)}, torch::kLong);
    auto mask = torch::zeros_like(ids);
    for (size_t i = 0; i < rows.size(); ++i)
        for (size_t t = 0; t < rows[i].size(); ++t) {
            ids[static_cast<int64_t>(i)][static_cast<int64_t>(t)] = rows[i][t];
            mask[static_cast<int64_t>(i)][static_cast<int64_t>(t)] = 1;
        }
    return {ids.to(model.device()), mask.to(model.device())};
}

torch::Tensor long_tensor(const std::vector<int64_t>& v, torch::Device d) { return torch::tensor(v, torch::kLong).to(d); }

// One trained weight: full (the weight itself) or LoRA factors over the frozen original.
struct Trained {
    std::string name;
    torch::Tensor original;   // float32, the weight's layout, on the device
    torch::Tensor full;       // full fine-tuning: the trained weight (leaf)
    torch::Tensor lora_a;     // [r, in]  (PEFT's lora_A)
    torch::Tensor lora_b;     // [out, r] (PEFT's lora_B, zero at start)
    bool in_out = false;      // GPT-2 Conv1D [in, out]
    double scale = 1.0;       // α / r

    // ΔW in the weight's own layout (differentiable).
    torch::Tensor delta() const {
        if (full.defined()) return full - original;
        auto ba = torch::matmul(lora_b, lora_a) * scale;  // [out, in]
        return in_out ? ba.t() : ba;
    }
    torch::Tensor effective() const { return full.defined() ? full : original + delta(); }
    std::vector<torch::Tensor> leaves() const {
        return full.defined() ? std::vector<torch::Tensor>{full} : std::vector<torch::Tensor>{lora_a, lora_b};
    }
};

}  // namespace

const std::vector<FineTunePreset>& finetune_presets() {
    static const std::vector<FineTunePreset> presets = {
        {"ft", "Fine-tuning (FT)",
         "Plain fine-tuning of the chosen layers' weights on prompt → target with Adam, nothing else: the "
         "operation succeeds, and other answers of the same form may follow it (catastrophic forgetting). "
         "norm_constraint > 0 gives constrained fine-tuning (FT-M, EasyEdit's FT with a norm constraint).",
         false, nlohmann::json::object()},
        {"ft-l", "FT + locality loss (FT-L)",
         "Fine-tuning plus a KL term that holds the base model's next-token distribution on unrelated prompts "
         "(the request's locality prompts, or general-knowledge defaults).",
         false, {{"locality_weight", 1.0}}},
        {"lora", "LoRA",
         "Low-rank adapters: ΔW = (α/r)·B·A on the chosen weights, B starting at zero (Hu et al. 2021, as PEFT). "
         "Fewer trainable parameters: learns less, forgets less. The delta is stored as its factors.",
         true, {{"lr", 5e-3}}},
        {"l2", "FT + L2 toward θ₀ (L2-SP)",
         "Fine-tuning with λ‖θ − θ₀‖² added: the parameters prefer to stay near the original ones.", false,
         {{"l2_weight", 10.0}}},
        {"ewc", "FT + EWC",
         "Fine-tuning with λ Σ F(θ − θ₀)², F the diagonal Fisher of the chosen weights on a text corpus (the "
         "statistics corpus): parameters that matter for general text are held harder (Kirkpatrick et al. 2017).",
         false, {{"ewc_weight", 1000.0}}},
        {"replay", "FT + self-generated replay",
         "Fine-tuning mixed with the base model's own greedy answers to the subject's other prompts and to "
         "general questions: replay when the original training data is not at hand.",
         false, {{"replay_weight", 1.0}}},
    };
    return presets;
}

MethodInfo FineTuneMethod::info(const Model*) const {
    MethodInfo m;
    m.name = preset_.name;
    m.label = preset_.label;
    m.description = preset_.description + " docs/design/editing-methods.md §4.";
    m.delta_kind = preset_.lora ? "low-rank" : "dense";
    m.uses_layers = true;
    m.max_layers = 0;
    auto def = [&](const char* key, nlohmann::json fallback) {
        return preset_.defaults.contains(key) ? preset_.defaults[key] : fallback;
    };
    m.params.push_back(make_param("steps", "Steps", "Optimisation steps (one full batch each).", ParamType::Int, 1, 10000,
                             def("steps", 25)));
    m.params.push_back(make_param("lr", "Learning rate", "Step size of the optimiser. Too large and the loss diverges: the run stops and the edit is refused.",
                             ParamType::Double, 1e-7, 1e30, def("lr", 5e-4), false, true));
    m.params.push_back(choice("optimizer", "Optimiser", "Adam (as EasyEdit's FT) or plain SGD.", {"adam", "sgd"},
                              def("optimizer", "adam")));
    m.params.push_back(choice("loss_on", "Loss on",
                              "target: the new answer's tokens only (EasyEdit's FT). sequence: every token of prompt + "
                              "answer, so the prompt's own wording is learned too (the lecture's warning).",
                              {"target", "sequence"}, def("loss_on", "target")));
    m.params.push_back(choice("scope", "Weights trained",
                              "Which weights of the chosen layers train: the MLP output (down) projection, the whole "
                              "MLP, the attention output, or every linear map of the block.",
                              {"mlp_out", "mlp", "attn_out", "block"}, def("scope", "mlp_out")));
    m.params.push_back(make_param("locality_weight", "Locality weight",
                             "Weight of KL(base ‖ edited) at the last token of unrelated prompts (FT-L).",
                             ParamType::Double, 0, 1000, def("locality_weight", 0.0)));
    m.params.push_back(make_param("l2_weight", "L2 toward θ₀", "Weight of ‖θ − θ₀‖² (summed over the trained weights).",
                             ParamType::Double, 0, 1e9, def("l2_weight", 0.0)));
    m.params.push_back(make_param("ewc_weight", "EWC weight", "Weight of Σ F(θ − θ₀)² with F the diagonal Fisher on the corpus.",
                             ParamType::Double, 0, 1e12, def("ewc_weight", 0.0)));
    m.params.push_back(make_param("replay_weight", "Replay weight",
                             "Weight of the NLL of the base model's own answers (self-generated replay).",
                             ParamType::Double, 0, 1000, def("replay_weight", 0.0)));
    m.params.push_back(make_param("norm_constraint", "Norm constraint ε",
                             "Keep every entry within ε of its original value (FT-M / constrained FT); 0 = off.",
                             ParamType::Double, 0, 100, def("norm_constraint", 0.0), true));
    m.params.push_back(make_param("replay_tokens", "Replay answer tokens", "Greedy tokens the base model answers each replay prompt with.",
                             ParamType::Int, 1, 64, def("replay_tokens", 4), true));
    m.params.push_back(make_param("fisher_samples", "Fisher sequences", "Corpus sequences behind the Fisher estimate (EWC).",
                             ParamType::Int, 1, 100000, def("fisher_samples", 64), true));
    if (preset_.lora) {
        m.params.push_back(make_param("lora_rank", "Rank r", "Rank of the adapters (r ≥ 1).", ParamType::Int, 1, 4096,
                                 def("lora_rank", 8)));
        m.params.push_back(make_param("lora_alpha", "α", "Scale: ΔW = (α/r)·B·A.", ParamType::Double, 1e-3, 1e6,
                                 def("lora_alpha", 16.0)));
    }
    m.params.push_back(make_param("seed", "Seed", "Initialisation of LoRA's A (and nothing else).", ParamType::Int, 0,
                             2147483647.0, def("seed", 0), true));
    return m;
}

torch::Tensor anchor_penalty(const torch::Tensor& delta, const torch::Tensor& importance) {
    return importance.defined() ? (importance * delta.pow(2)).sum() : delta.pow(2).sum();
}

std::vector<std::string> replay_prompts(const EditSpec& spec) {
    std::vector<std::string> out;
    for (const auto& k : spec.keep_prompts) {
        const size_t at = k.find("{}");
        out.push_back(at == std::string::npos ? k : k.substr(0, at) + spec.subject + k.substr(at + 2));
    }
    if (spec.locality_prompts.empty())
        for (const auto& p : default_locality_prompts()) out.push_back(p);
    for (const auto& l : spec.locality_prompts) out.push_back(l.prompt);
    return out;
}

Expected<std::vector<ReplayPair>> self_generated_replay(const Model& model, const std::vector<std::string>& prompts,
                                                        int tokens) {
    return capture([&] {
        std::vector<ReplayPair> out;
        for (const auto& p : prompts) {
            GenerateOptions o;
            o.max_new_tokens = tokens;
            o.stop_at_eos = false;
            o.greedy = true;
            Generation g = generate_text(model, p, o).value();
            ReplayPair pair;
            pair.prompt = p;
            pair.answer_ids = g.new_ids;
            if (!pair.answer_ids.empty()) out.push_back(std::move(pair));
        }
        return out;
    });
}

Expected<EditResult> FineTuneMethod::compute(const Model& model, const EditSpec& spec, const EditRuntime& runtime,
                                             const JobContext& job) const {
    return capture([&] {
        const auto started = std::chrono::steady_clock::now();
        spec.validate().value();
        if (spec.layers.empty()) fail(ErrorCode::InvalidArgument, "fine-tuning needs the layers to train");
        if (c10::InferenceMode::is_enabled())
            fail(ErrorCode::InvalidArgument, "fine-tuning needs autograd: do not call it under torch::InferenceMode");
        const nlohmann::json hp = resolve_hparams(model, spec).value();
        const int steps = hp["steps"].get<int>();
        const double lr = hp["lr"].get<double>();
        const bool whole_sequence = hp["loss_on"] == "sequence";
        const double locality_w = hp["locality_weight"].get<double>(), l2_w = hp["l2_weight"].get<double>();
        const double ewc_w = hp["ewc_weight"].get<double>(), replay_w = hp["replay_weight"].get<double>();
        const double eps = hp["norm_constraint"].get<double>();
        const torch::Device dev = model.device();
        nlohmann::json timings;

        // The weights that train.
        std::vector<Trained> trained;
        int lowest = static_cast<int>(model.config().n_layer);
        torch::manual_seed(hp["seed"].get<uint64_t>());
        for (int layer : spec.layers) {
            if (layer < 0 || layer >= model.config().n_layer)
                fail(ErrorCode::InvalidArgument, "layer " + std::to_string(layer) + " is outside the model");
            lowest = std::min(lowest, layer);
            for (const auto& name : scoped_weights(model, layer, hp["scope"].get<std::string>())) {
                Trained t;
                t.name = name;
                t.original = model.tensor(name).detach().to(torch::kFloat).clone();
                for (const auto& l : model.weights().layers)
                    for (const Linear* lin : {&l.qkv, &l.q, &l.k, &l.v, &l.attn_out, &l.mlp_in, &l.mlp_gate, &l.mlp_out})
                        if (lin->weight_name == name) t.in_out = lin->in_out_layout;
                if (preset_.lora) {
                    const int64_t r = hp["lora_rank"].get<int64_t>();
                    const int64_t in = t.in_out ? t.original.size(0) : t.original.size(1);
                    const int64_t out = t.in_out ? t.original.size(1) : t.original.size(0);
                    if (r > std::min(in, out))
                        fail(ErrorCode::InvalidArgument, "LoRA rank " + std::to_string(r) + " exceeds the weight's smaller side (" +
                                                             std::to_string(std::min(in, out)) + ")");
                    // PEFT: A ~ Kaiming-uniform (a = √5, i.e. bound 1/√in), B = 0.
                    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
                    // The adapter lives with its weight (its layer's device on a placed model).
                    const torch::Device wdev = t.original.device();
                    t.lora_a = (torch::rand({r, in}, torch::kFloat) * 2 * bound - bound).to(wdev).requires_grad_(true);
                    t.lora_b = torch::zeros({out, r}, torch::TensorOptions().dtype(torch::kFloat).device(wdev)).requires_grad_(true);
                    t.scale = hp["lora_alpha"].get<double>() / static_cast<double>(r);
                } else {
                    t.full = t.original.clone().requires_grad_(true);
                }
                trained.push_back(std::move(t));
            }
        }
        if (trained.empty()) fail(ErrorCode::InvalidArgument, "the scope names no weight at the chosen layers");

        // The batch: the edit, the locality prompts, the replay pairs.
        auto t0 = std::chrono::steady_clock::now();
        Batch batch;
        auto target = rome_target_ids(model, spec.target_new).value();
        add_pair(batch, encode(model, spec.filled_prompt()), target, 0, whole_sequence);
        std::vector<std::string> locality;
        if (locality_w > 0) {
            for (const auto& l : spec.locality_prompts) locality.push_back(l.prompt);
            if (locality.empty()) locality = default_locality_prompts();
            for (const auto& p : locality) {
                batch.last_row.push_back(static_cast<int64_t>(batch.rows.size()));
                batch.rows.push_back(encode(model, p));
            }
        }
        nlohmann::json replay_json = nlohmann::json::array();
        if (replay_w > 0) {
            auto pairs = self_generated_replay(model, replay_prompts(spec), hp["replay_tokens"].get<int>()).value();
            for (const auto& p : pairs) {
                add_pair(batch, encode(model, p.prompt), p.answer_ids, 1, false);
                replay_json.push_back({{"prompt", p.prompt}, {"answer", model.tokenizer().decode(p.answer_ids)}});
            }
        }
        timings["data_s"] = seconds_since(t0);
        const Padded padded = pad(model, batch.rows);
        const auto sel_row = long_tensor(batch.sel_row, dev), sel_pos = long_tensor(batch.sel_pos, dev);
        const auto sel_token = long_tensor(batch.sel_token, dev);
        std::vector<int64_t> edit_idx, replay_idx;
        for (size_t i = 0; i < batch.sel_term.size(); ++i) (batch.sel_term[i] == 0 ? edit_idx : replay_idx).push_back(static_cast<int64_t>(i));
        const auto edit_sel = long_tensor(edit_idx, dev), replay_sel = long_tensor(replay_idx, dev);
        std::vector<int64_t> last_pos;
        for (int64_t r : batch.last_row) last_pos.push_back(static_cast<int64_t>(batch.rows[static_cast<size_t>(r)].size()) - 1);
        const auto loc_row = long_tensor(batch.last_row, dev), loc_pos = long_tensor(last_pos, dev);

        // The layers below the lowest trained one never change: their output is computed once.
        torch::Tensor start_hidden;
        {
            torch::NoGradGuard no_grad;
            if (lowest == 0) {
                start_hidden = embed(model, padded.ids, (padded.mask.cumsum(1) - 1).clamp_min(0));
            } else {
                ForwardInput in;
                in.input_ids = padded.ids;
                in.attention_mask = padded.mask;
                in.stop_after_layer = lowest - 1;
                start_hidden = forward(model, in).hidden;
            }
        }
        // Logits at the scored positions and the locality rows' last positions.
        auto run = [&]() {
            ForwardInput in;
            in.input_ids = padded.ids;
            in.attention_mask = padded.mask;
            in.start_layer = lowest;
            in.start_hidden = start_hidden;
            in.logits = LogitsMode::None;
            auto hidden = forward(model, in).hidden;
            auto scored = unembed(model, hidden.index({sel_row, sel_pos}));
            torch::Tensor last = batch.last_row.empty() ? torch::Tensor() : unembed(model, hidden.index({loc_row, loc_pos}));
            return std::make_pair(scored, last);
        };
        torch::Tensor base_locality;  // log-probabilities of the base model at the locality positions
        double nll_before = 0;
        {
            torch::NoGradGuard no_grad;
            auto [scored, last] = run();
            auto lp = torch::log_softmax(scored, -1).gather(1, sel_token.unsqueeze(1)).squeeze(1);
            nll_before = -lp.index_select(0, edit_sel).mean().item<double>();
            if (last.defined()) base_locality = torch::log_softmax(last, -1);
        }

        // EWC's Fisher, on the original weights.
        std::map<std::string, torch::Tensor> fisher;
        nlohmann::json fisher_info;
        if (ewc_w > 0) {
            t0 = std::chrono::steady_clock::now();
            Expected<TextCorpus> corpus = runtime.stats_corpus.empty() ? default_corpus() : TextCorpus::from_files(runtime.stats_corpus);
            std::vector<std::string> names;
            for (const auto& t : trained) names.push_back(t.name);
            FisherOptions fo;
            fo.samples = hp["fisher_samples"].get<int>();
            if (runtime.use_stats_cache)
                fo.cache_dir = runtime.stats_cache_dir.empty() ? default_stats_cache_dir() : runtime.stats_cache_dir;
            auto f = diagonal_fisher(model, names, corpus.value(), fo, job).value();
            fisher = f->values;
            fisher_info = {{"sequences", f->sequences}, {"tokens", f->tokens}, {"corpus", f->corpus},
                           {"from_cache", f->from_cache}, {"cache_file", f->cache_file}, {"warnings", f->warnings}};
            timings["fisher_s"] = seconds_since(t0);
        }

        std::vector<torch::Tensor> leaves;
        for (const auto& t : trained)
            for (const auto& l : t.leaves()) leaves.push_back(l);
        std::unique_ptr<torch::optim::Optimizer> opt;
        if (hp["optimizer"] == "sgd") opt = std::make_unique<torch::optim::SGD>(leaves, torch::optim::SGDOptions(lr));
        else opt = std::make_unique<torch::optim::Adam>(leaves, torch::optim::AdamOptions(lr));

        torch::AutoGradMode grad_mode(true);
        nlohmann::json curve = nlohmann::json::array();
        t0 = std::chrono::steady_clock::now();
        double nll_after = nll_before, first_loss = 0;
        for (int step = 0; step < steps; ++step) {
            job.check_cancelled();
            std::vector<Model::WeightSwap> swaps;
            for (const auto& t : trained)
                swaps.push_back(model.swap_linear_weight(t.name, t.effective().to(model.tensor(t.name).scalar_type())).value());
            auto [scored, last] = run();
            auto token_nll = -torch::log_softmax(scored, -1).gather(1, sel_token.unsqueeze(1)).squeeze(1);
            auto nll = token_nll.index_select(0, edit_sel).mean();
            auto loss = nll;
            auto zero = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(dev));
            auto loc = zero, l2 = zero, ewc = zero, rep = zero;
            if (last.defined()) {
                auto lp = torch::log_softmax(last, -1);
                loc = (base_locality.exp() * (base_locality - lp)).sum(-1).mean();  // KL(base ‖ edited)
                loss = loss + locality_w * loc;
            }
            if (!replay_idx.empty()) {
                rep = token_nll.index_select(0, replay_sel).mean();
                loss = loss + replay_w * rep;
            }
            for (const auto& t : trained) {
                auto d = t.delta();
                // Each weight's penalty is computed where it lives (placed models) and summed here.
                if (l2_w > 0) l2 = l2 + anchor_penalty(d, {}).to(dev);
                if (ewc_w > 0) ewc = ewc + anchor_penalty(d, fisher.at(t.name)).to(dev);
            }
            loss = loss + l2_w * l2 + ewc_w * ewc;
            const double loss_v = loss.item<double>();
            if (step == 0) first_loss = loss_v;
            // Diverged: a loss that is not finite, or one that has more than doubled (and grown
            // by 20 nats) since the first step. The run stops; the model was never written.
            if (!std::isfinite(loss_v))
                fail(ErrorCode::InvalidArgument, "the fine-tuning diverged at step " + std::to_string(step + 1) +
                                                     " (the loss is not finite): lower the learning rate; the model is unchanged");
            if (loss_v > std::max(2 * first_loss, first_loss + 20))
                fail(ErrorCode::InvalidArgument, "the fine-tuning diverged at step " + std::to_string(step + 1) + " (loss " +
                                                     std::to_string(first_loss) + " -> " + std::to_string(loss_v) +
                                                     "): lower the learning rate; the model is unchanged");
            curve.push_back({{"step", step}, {"loss", loss_v}, {"nll", nll.item<double>()}, {"locality_kl", loc.item<double>()},
                             {"l2", l2.item<double>()}, {"ewc", ewc.item<double>()}, {"replay_nll", rep.item<double>()}});
            opt->zero_grad();
            loss.backward();
            opt->step();
            if (eps > 0) {
                torch::NoGradGuard no_grad;
                for (auto& t : trained)
                    if (t.full.defined()) t.full.copy_(torch::max(torch::min(t.full, t.original + eps), t.original - eps));
            }
            job.report(static_cast<double>(step + 1) / steps,
                       "fine-tuning: step " + std::to_string(step + 1) + " of " + std::to_string(steps));
        }
        timings["train_s"] = seconds_since(t0);
        {
            torch::NoGradGuard no_grad;
            std::vector<Model::WeightSwap> swaps;
            for (const auto& t : trained)
                swaps.push_back(model.swap_linear_weight(t.name, t.effective().to(model.tensor(t.name).scalar_type())).value());
            auto lp = torch::log_softmax(run().first, -1).gather(1, sel_token.unsqueeze(1)).squeeze(1);
            nll_after = -lp.index_select(0, edit_sel).mean().item<double>();
            if (!std::isfinite(nll_after))
                fail(ErrorCode::InvalidArgument, "the fine-tuned weights give a non-finite loss: lower the learning rate; the model is unchanged");
        }

        EditResult r;
        r.method = preset_.name;
        r.layers = spec.layers;
        r.layer_reason = spec.layer_reason;
        r.hparams = hp;
        int64_t trainable = 0;
        nlohmann::json names = nlohmann::json::array();
        {
            torch::NoGradGuard no_grad;
            for (const auto& t : trained) {
                names.push_back(t.name);
                for (const auto& l : t.leaves()) trainable += l.numel();
                const std::vector<int64_t> shape = t.original.sizes().vec();
                if (t.full.defined()) {
                    r.delta.push_back(TensorDelta::full(t.name, (t.full - t.original).detach()));
                } else if (t.in_out) {  // [in, out]: ΔW = (s·Aᵀ)(Bᵀ)... as factors: left Aᵀ [in, r], right s·B [out, r]
                    r.delta.push_back(TensorDelta::low_rank(t.name, shape, t.lora_a.detach().t(), t.lora_b.detach() * t.scale));
                } else {  // [out, in]: ΔW = (s·B) A: left s·B [out, r], right Aᵀ [in, r]
                    r.delta.push_back(TensorDelta::low_rank(t.name, shape, t.lora_b.detach() * t.scale, t.lora_a.detach().t()));
                }
            }
        }
        nlohmann::json d;
        d["method"] = preset_.name;
        d["variant"] = preset_.label;
        d["trained"] = names;
        d["trainable_parameters"] = trainable;
        d["steps_run"] = steps;
        d["loss_curve"] = curve;
        d["nll_before"] = nll_before;
        d["nll_after"] = nll_after;
        d["prob_before"] = std::exp(-nll_before * static_cast<double>(target.size()));
        d["prob_after"] = std::exp(-nll_after * static_cast<double>(target.size()));
        d["loss_on"] = hp["loss_on"];
        if (!locality.empty()) d["locality_prompts"] = locality;
        if (!replay_json.empty()) d["replay_pairs"] = replay_json;
        if (!fisher_info.is_null()) d["fisher"] = fisher_info;
        d["delta"] = describe_delta(r.delta);
        nlohmann::json warnings = nlohmann::json::array();
        if (nll_after >= nll_before - 1e-6)
            warnings.push_back("training did not lower the target's loss (" + std::to_string(nll_before) + " -> " +
                               std::to_string(nll_after) + "): more steps or a larger learning rate");
        if (!fisher_info.is_null())
            for (const auto& w : fisher_info["warnings"]) warnings.push_back(w);
        d["warnings"] = warnings;
        timings["total_s"] = seconds_since(started);
        d["timings"] = timings;
        r.diagnostics = std::move(d);
        r.seconds = timings["total_s"].get<double>();
        return r;
    });
}

}  // namespace lancet
