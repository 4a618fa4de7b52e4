#include "edit/rome.h"

#include "core/cuda_autocast.h"
#include "core/cuda_graph.h"
#include "edit/context_templates.h"
#include "edit/detail.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/prefix_cache.h"

#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <cmath>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

namespace lancet {

using edit_detail::seconds_since;

// ---- request and hyperparameters --------------------------------------------

nlohmann::json RomeRequest::to_json() const {
    nlohmann::json j{{"prompt", prompt}, {"subject", subject}, {"target_new", target_new}};
    j["target_true"] = target_true ? nlohmann::json(*target_true) : nlohmann::json(nullptr);
    if (!keep_prompts.empty()) j["keep_prompts"] = keep_prompts;
    return j;
}

Expected<RomeRequest> RomeRequest::from_json(const nlohmann::json& j) {
    return capture([&] {
        if (!j.is_object()) fail(ErrorCode::InvalidArgument, "an edit request must be a JSON object");
        auto str = [&](const char* k) -> std::string {
            if (!j.contains(k) || !j[k].is_string())
                fail(ErrorCode::InvalidArgument, std::string("the edit request needs a string \"") + k + "\"");
            return j[k].get<std::string>();
        };
        RomeRequest r;
        r.prompt = str("prompt");
        r.subject = str("subject");
        r.target_new = str("target_new");
        if (j.contains("target_true") && j["target_true"].is_string()) r.target_true = j["target_true"].get<std::string>();
        if (j.contains("keep_prompts")) {
            const auto& k = j["keep_prompts"];
            if (!k.is_array()) fail(ErrorCode::InvalidArgument, "the edit request's \"keep_prompts\" must be a list of strings");
            for (const auto& p : k) {
                if (!p.is_string())
                    fail(ErrorCode::InvalidArgument, "the edit request's \"keep_prompts\" must be a list of strings");
                r.keep_prompts.push_back(p.get<std::string>());
            }
        }
        return r;
    });
}

VPrecision resolve_v_precision(VPrecision p, bool cuda) {
    if (p != VPrecision::Auto) return p;
    return cuda ? VPrecision::Tf32 : VPrecision::Float32;
}

const char* v_precision_name(VPrecision p) {
    switch (p) {
        case VPrecision::Auto: return "auto";
        case VPrecision::Float32: return "fp32";
        case VPrecision::Tf32: return "tf32";
        case VPrecision::Bf16: return "bf16";
    }
    return "?";
}

std::optional<VPrecision> parse_v_precision(const std::string& name) {
    if (name == "auto") return VPrecision::Auto;
    if (name == "fp32" || name == "float32") return VPrecision::Float32;
    if (name == "tf32") return VPrecision::Tf32;
    if (name == "bf16" || name == "bfloat16") return VPrecision::Bf16;
    return std::nullopt;
}

const char* rome_key_mode_name(RomeKeyMode mode) {
    switch (mode) {
        case RomeKeyMode::PrefixMean: return "prefix_mean";
        case RomeKeyMode::Original: return "original";
        case RomeKeyMode::PromptKeys: return "prompt_keys";
    }
    return "prefix_mean";
}

std::optional<RomeKeyMode> parse_rome_key_mode(const std::string& name) {
    if (name == "prefix_mean" || name == "r-rome" || name == "rrome") return RomeKeyMode::PrefixMean;
    if (name == "original" || name == "rome") return RomeKeyMode::Original;
    if (name == "prompt_keys" || name == "prompt") return RomeKeyMode::PromptKeys;
    return std::nullopt;
}

nlohmann::json RomeHyperParams::to_json() const {
    nlohmann::json lp = nlohmann::json::array();
    for (const auto& p : context_template_length_params) lp.push_back({p.first, p.second});
    return {{"layer", layer},
            {"v_num_grad_steps", v_num_grad_steps},
            {"v_lr", v_lr},
            {"v_weight_decay", v_weight_decay},
            {"clamp_norm_factor", clamp_norm_factor},
            {"kl_factor", kl_factor},
            {"keep_factor", keep_factor},
            {"early_stop_loss", early_stop_loss},
            {"mom2_adjustment", mom2_adjustment},
            {"mom2_n_samples", mom2_n_samples},
            {"mom2_sample_unit", "token positions"},
            {"mom2_dtype", mom2_dtype},
            {"ridge_lambda", ridge_lambda},
            {"key_mode", rome_key_mode_name(key_mode)},
            {"fact_token", "subject_last"},
            {"context_template_length_params", lp},
            {"seed", seed},
            {"source", source}};
}

Expected<RomeHyperParams> RomeHyperParams::from_json(const nlohmann::json& j) {
    return capture([&] {
        if (!j.is_object()) fail(ErrorCode::InvalidArgument, "hyperparameters must be a JSON object");
        RomeHyperParams h;
        try {
            if (j.contains("layer")) h.layer = j["layer"].get<int>();
            if (j.contains("v_num_grad_steps")) h.v_num_grad_steps = j["v_num_grad_steps"].get<int>();
            if (j.contains("v_lr")) h.v_lr = j["v_lr"].get<double>();
            if (j.contains("v_weight_decay")) h.v_weight_decay = j["v_weight_decay"].get<double>();
            if (j.contains("clamp_norm_factor")) h.clamp_norm_factor = j["clamp_norm_factor"].get<double>();
            if (j.contains("kl_factor")) h.kl_factor = j["kl_factor"].get<double>();
            if (j.contains("keep_factor")) h.keep_factor = j["keep_factor"].get<double>();
            if (j.contains("early_stop_loss")) h.early_stop_loss = j["early_stop_loss"].get<double>();
            if (j.contains("mom2_adjustment")) h.mom2_adjustment = j["mom2_adjustment"].get<bool>();
            if (j.contains("mom2_n_samples")) h.mom2_n_samples = j["mom2_n_samples"].get<int64_t>();
            if (j.contains("mom2_dtype")) h.mom2_dtype = j["mom2_dtype"].get<std::string>();
            if (j.contains("ridge_lambda")) h.ridge_lambda = j["ridge_lambda"].get<double>();
            if (j.contains("key_mode")) {
                auto m = parse_rome_key_mode(j["key_mode"].get<std::string>());
                if (!m) fail(ErrorCode::InvalidArgument, "unknown key_mode \"" + j["key_mode"].get<std::string>() + "\"");
                h.key_mode = *m;
            }
            if (j.contains("context_template_length_params")) {
                h.context_template_length_params.clear();
                for (const auto& p : j["context_template_length_params"])
                    h.context_template_length_params.emplace_back(p.at(0).get<int>(), p.at(1).get<int>());
            }
            if (j.contains("seed")) h.seed = j["seed"].get<uint64_t>();
            if (j.contains("source")) h.source = j["source"].get<std::string>();
        } catch (const nlohmann::json::exception& e) {
            fail(ErrorCode::InvalidArgument, std::string("bad hyperparameters: ") + e.what());
        }
        return h;
    });
}

namespace {

struct Published {
    int layer;
    int steps;
    double weight_decay;
    double clamp;
    const char* source;
};

std::optional<Published> published_for(const ModelConfig& c) {
    const std::string& f = c.family;
    if (f == "gpt2") {
        if (c.n_layer == 24 && c.d_model == 1024) return Published{8, 20, 0.5, 3.0, "rome hparams/ROME/gpt2-medium.json"};
        if (c.n_layer == 36 && c.d_model == 1280) return Published{12, 20, 0.5, 4.0, "rome hparams/ROME/gpt2-large.json"};
        if (c.n_layer == 48 && c.d_model == 1600) return Published{17, 20, 0.5, 4.0, "rome hparams/ROME/gpt2-xl.json"};
        return std::nullopt;
    }
    if ((f == "gptj" || f == "gpt_j") && c.n_layer == 28 && c.d_model == 4096)
        return Published{5, 20, 0.5, 4.0, "rome hparams/ROME/EleutherAI_gpt-j-6B.json"};
    if ((f == "gpt_neox" || f == "gptneox") && c.n_layer == 44 && c.d_model == 6144)
        return Published{15, 20, 0.5, 4.0, "memit hparams/ROME/EleutherAI_gpt-neox-20b.json"};
    if ((f == "llama" || f == "mistral") && c.n_layer == 32 && c.d_model == 4096)
        return Published{5, 25, 1e-3, 4.0, "EasyEdit hparams/ROME/llama-7b.yaml (also llama3-8b, mistral-7b)"};
    if ((f == "qwen2" || f == "qwen") && c.n_layer == 28 && c.d_model == 3584)
        return Published{5, 25, 1e-3, 4.0, "EasyEdit hparams/ROME/qwen2.5-7b.yaml"};
    return std::nullopt;
}

}  // namespace

std::optional<int> published_default_layer(const ModelConfig& config) {
    auto p = published_for(config);
    if (!p) return std::nullopt;
    return p->layer;
}

RomeHyperParams default_rome_hparams(const ModelConfig& config) {
    RomeHyperParams h;
    if (auto p = published_for(config)) {
        h.layer = p->layer;
        h.v_num_grad_steps = p->steps;
        h.v_weight_decay = p->weight_decay;
        h.clamp_norm_factor = p->clamp;
        h.source = p->source;
    } else {
        h.source = "no published setting for this model: GPT-2 XL values, layer chosen by the caller";
    }
    return h;
}

// ---- prompt handling --------------------------------------------------------

namespace {

size_t count_placeholders(const std::string& s) {
    size_t n = 0;
    for (size_t p = s.find("{}"); p != std::string::npos; p = s.find("{}", p + 2)) ++n;
    return n;
}

struct EncodedRow {
    std::vector<int64_t> ids;
    int64_t lookup = 0;  // subject-last token
};

EncodedRow encode_subject_row(const Tokenizer& tok, const FormattedPrompt& f) {
    auto enc = tok.encode(f.text);
    auto span = Tokenizer::tokens_covering(enc, f.subject_begin, f.subject_end);
    if (span.first >= span.second)
        fail(ErrorCode::InvalidArgument, "the subject covers no token of \"" + f.text + "\"");
    EncodedRow r;
    r.ids = std::move(enc.ids);
    r.lookup = static_cast<int64_t>(span.second) - 1;
    if (auto bos = tok.bos_id()) {
        r.ids.insert(r.ids.begin(), *bos);
        r.lookup += 1;
    }
    return r;
}

struct PaddedBatch {
    torch::Tensor ids, mask;  // [B, T] on the device, right padded
    int64_t T = 0;
};

PaddedBatch pad_right(const std::vector<std::vector<int64_t>>& rows, const Model& model) {
    PaddedBatch b;
    for (const auto& r : rows) b.T = std::max<int64_t>(b.T, static_cast<int64_t>(r.size()));
    if (b.T > model.config().n_positions)
        fail(ErrorCode::InvalidArgument, "a prompt of " + std::to_string(b.T) + " tokens is longer than the model's " +
                                             std::to_string(model.config().n_positions) + " positions");
    const int64_t B = static_cast<int64_t>(rows.size());
    auto ids = torch::zeros({B, b.T}, torch::kLong);
    auto mask = torch::zeros({B, b.T}, torch::kLong);
    auto ia = ids.accessor<int64_t, 2>();
    auto ma = mask.accessor<int64_t, 2>();
    for (int64_t i = 0; i < B; ++i) {
        const auto& r = rows[static_cast<size_t>(i)];
        for (size_t t = 0; t < r.size(); ++t) {
            ia[i][static_cast<int64_t>(t)] = r[t];
            ma[i][static_cast<int64_t>(t)] = 1;
        }
    }
    b.ids = ids.to(model.device());
    b.mask = mask.to(model.device());
    return b;
}

torch::Tensor long_tensor(const std::vector<int64_t>& v, torch::Device device) {
    return torch::tensor(v, torch::kLong).to(device);
}

void check_layer(const Model& model, int layer) {
    if (layer < 0 || layer >= model.config().n_layer)
        fail(ErrorCode::InvalidArgument, "layer " + std::to_string(layer) + " is out of range (the model has " +
                                             std::to_string(model.config().n_layer) + " layers)");
}

void check_request(const RomeRequest& r) {
    if (count_placeholders(r.prompt) != 1)
        fail(ErrorCode::InvalidArgument, "the prompt must contain \"{}\" exactly once, where the subject goes: \"" +
                                             r.prompt + "\"");
    if (r.subject.empty()) fail(ErrorCode::InvalidArgument, "the subject is empty");
    if (r.target_new.empty()) fail(ErrorCode::InvalidArgument, "the new target is empty");
}

void check_not_inference_mode() {
    if (c10::InferenceMode::is_enabled())
        fail(ErrorCode::InvalidArgument, "ROME needs autograd: do not call it under torch::InferenceMode");
}

}  // namespace

Expected<FormattedPrompt> format_prompt(const std::string& context_template, const std::string& prompt,
                                        const std::string& subject) {
    if (count_placeholders(context_template) != 1)
        return Error{ErrorCode::InvalidArgument,
                     "a context template must contain \"{}\" exactly once: \"" + context_template + "\""};
    if (count_placeholders(prompt) != 1)
        return Error{ErrorCode::InvalidArgument,
                     "the prompt must contain \"{}\" exactly once, where the subject goes: \"" + prompt + "\""};
    const size_t i = context_template.find("{}");
    const size_t j = prompt.find("{}");
    FormattedPrompt f;
    f.text = context_template.substr(0, i) + prompt.substr(0, j) + subject + prompt.substr(j + 2) +
             context_template.substr(i + 2);
    f.subject_begin = i + j;
    f.subject_end = f.subject_begin + subject.size();
    return f;
}

Expected<std::vector<int64_t>> rome_target_ids(const Model& model, const std::string& target) {
    if (target.empty()) return Error{ErrorCode::InvalidArgument, "the target is empty"};
    std::string t = target[0] == ' ' ? target : " " + target;
    auto ids = model.tokenizer().encode(t).ids;
    if (ids.empty()) return Error{ErrorCode::InvalidArgument, "the target \"" + target + "\" tokenizes to nothing"};
    return ids;
}

// ---- compute_u --------------------------------------------------------------

Expected<RomeKeys> rome_keys(const Model& model, int layer, const RomeRequest& request,
                             const std::vector<std::string>& templates) {
    return capture([&] {
        check_layer(model, layer);
        check_request(request);
        if (templates.empty()) fail(ErrorCode::InvalidArgument, "no context templates");
        const Tokenizer& tok = model.tokenizer();
        std::vector<std::vector<int64_t>> rows;
        std::vector<int64_t> lookup;
        int64_t prompt_row = -1;
        for (size_t i = 0; i < templates.size(); ++i) {
            auto f = format_prompt(templates[i], request.prompt, request.subject);
            if (!f) throw EngineException(f.error());
            auto r = encode_subject_row(tok, f.value());
            rows.push_back(std::move(r.ids));
            lookup.push_back(r.lookup);
            if (prompt_row < 0 && templates[i] == "{}") prompt_row = static_cast<int64_t>(i);
        }
        const int64_t n_templates = static_cast<int64_t>(templates.size());
        if (prompt_row < 0) {  // caller's templates without the bare prompt: add it, outside the mean
            auto r = encode_subject_row(tok, format_prompt("{}", request.prompt, request.subject).value());
            rows.push_back(std::move(r.ids));
            lookup.push_back(r.lookup);
            prompt_row = n_templates;
        }
        torch::NoGradGuard no_grad;
        auto batch = pad_right(rows, model);
        Interventions iv;
        iv.capture(Site::MlpKey, layer);
        iv.capture(Site::MlpOut, layer);
        ForwardInput in;
        in.input_ids = batch.ids;
        in.attention_mask = batch.mask;
        in.stop_after_layer = layer;
        forward(model, in, &iv);
        auto r_idx = torch::arange(static_cast<int64_t>(rows.size()), torch::TensorOptions().dtype(torch::kLong).device(model.device()));
        auto p_idx = long_tensor(lookup, model.device());
        auto K = iv.captured(Site::MlpKey, layer).index({r_idx, p_idx}).to(torch::kFloat);
        auto V = iv.captured(Site::MlpOut, layer).index({r_idx, p_idx}).to(torch::kFloat);
        RomeKeys out;
        out.keys = K.slice(0, 0, n_templates);
        out.values = V.slice(0, 0, n_templates);
        out.k_prompt = K[prompt_row].clone();
        out.v_prompt = V[prompt_row].clone();
        out.k_mean = out.keys.mean(0);
        out.v_mean = out.values.mean(0);
        out.lookup.assign(lookup.begin(), lookup.begin() + n_templates);
        return out;
    });
}

torch::Tensor rome_left_vector(const torch::Tensor& k, const torch::Tensor& inv_cov) {
    torch::NoGradGuard no_grad;
    auto kk = k.to(torch::kFloat);
    auto u = inv_cov.defined() ? torch::matmul(inv_cov.to(kk.device(), torch::kFloat), kk) : kk.clone();
    return u / u.norm();
}

// ---- compute_v --------------------------------------------------------------

Expected<ComputeVResult> compute_v(const Model& model, int layer, const RomeRequest& request,
                                   const RomeHyperParams& hp, const std::vector<std::string>& templates,
                                   const ComputeVOptions& o, const JobContext& job) {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        check_not_inference_mode();
        check_layer(model, layer);
        check_request(request);
        if (templates.empty()) fail(ErrorCode::InvalidArgument, "no context templates");
        const bool cuda = model.device().is_cuda();
        const VPrecision precision = resolve_v_precision(o.precision, cuda);
        if (precision != VPrecision::Float32 && !cuda)
            fail(ErrorCode::InvalidArgument, std::string("compute_v precision ") + v_precision_name(precision) +
                                                 " needs a CUDA device (use fp32 on the CPU)");
        // The TF32 switch is process-wide: set it for this call only.
        struct Tf32Scope {
            bool saved = at::globalContext().allowTF32CuBLAS();
            explicit Tf32Scope(bool on) { at::globalContext().setAllowTF32CuBLAS(on); }
            ~Tf32Scope() { at::globalContext().setAllowTF32CuBLAS(saved); }
        } tf32(precision == VPrecision::Tf32);
        // A CUDA graph cannot be recorded on the default stream: the whole call runs on a side stream.
        CudaSideStream side_stream(o.cuda_graph && cuda && cuda_graphs_available());
        if (hp.v_num_grad_steps < 1) fail(ErrorCode::InvalidArgument, "v_num_grad_steps must be at least 1");
        // A negative weight would reward moving the kept predictions.
        if (!std::isfinite(hp.keep_factor) || hp.keep_factor < 0)
            fail(ErrorCode::InvalidArgument, "keep_factor must be a finite number >= 0");
        const Tokenizer& tok = model.tokenizer();
        const torch::Device dev = model.device();
        const int64_t d = model.config().d_model;

        auto tgt_r = rome_target_ids(model, request.target_new);
        if (!tgt_r) throw EngineException(tgt_r.error());
        const std::vector<int64_t> tgt = tgt_r.value();
        const int64_t n = static_cast<int64_t>(tgt.size());
        const int64_t R = static_cast<int64_t>(templates.size());

        // Rewriting prompts: template(prompt)(subject) + target[:-1]; then the KL prompt.
        std::vector<std::vector<int64_t>> rows;
        std::vector<int64_t> lookup, prompt_len;
        for (const auto& t : templates) {
            auto f = format_prompt(t, request.prompt, request.subject);
            if (!f) throw EngineException(f.error());
            auto r = encode_subject_row(tok, f.value());
            prompt_len.push_back(static_cast<int64_t>(r.ids.size()));
            r.ids.insert(r.ids.end(), tgt.begin(), tgt.end() - 1);
            rows.push_back(std::move(r.ids));
            lookup.push_back(r.lookup);
        }
        {
            auto kr = encode_subject_row(tok, format_prompt("{}", "{} is a", request.subject).value());
            rows.push_back(std::move(kr.ids));
            lookup.push_back(kr.lookup);
        }
        // Keep prompts (Lancet's extension): δ at their subject-last token too, KL at their last token.
        const int64_t K = static_cast<int64_t>(request.keep_prompts.size());
        for (const auto& p : request.keep_prompts) {
            auto f = format_prompt("{}", p, request.subject);
            if (!f) fail(ErrorCode::InvalidArgument, "keep prompt \"" + p + "\": " + f.error().message);
            auto kr = encode_subject_row(tok, f.value());
            rows.push_back(std::move(kr.ids));
            lookup.push_back(kr.lookup);
        }

        // Positions whose logits are read: every target token of every rewriting
        // prompt (logits at p predict p + 1), then the KL prompt's subject-last token,
        // then each keep prompt's last token (where its fact is predicted).
        std::vector<int64_t> sel_rows, sel_pos, tgt_flat;
        for (int64_t i = 0; i < R; ++i)
            for (int64_t j = 0; j < n; ++j) {
                sel_rows.push_back(i);
                sel_pos.push_back(prompt_len[static_cast<size_t>(i)] - 1 + j);
                tgt_flat.push_back(tgt[static_cast<size_t>(j)]);
            }
        sel_rows.push_back(R);
        sel_pos.push_back(lookup[static_cast<size_t>(R)]);
        for (int64_t i = R + 1; i < R + 1 + K; ++i) {
            sel_rows.push_back(i);
            sel_pos.push_back(static_cast<int64_t>(rows[static_cast<size_t>(i)].size()) - 1);
        }
        auto tgt_t = long_tensor(tgt_flat, dev).unsqueeze(1);
        auto delta_rows = torch::arange(R + 1 + K, torch::TensorOptions().dtype(torch::kLong).device(dev));

        // Nothing before a row's subject-last token depends on δ: not the layers
        // below `layer` (cached: start_hidden), and, under causal attention, not
        // the earlier positions of any layer (suffix mode: their keys and values
        // are cached once, and each step runs only the tokens from δ's position
        // on: 154 of 462 positions for the XL benchmark). Same arithmetic, fewer rows.
        ComputeVResult res;
        const bool suffix_mode =
            o.cache_lower_layers && o.recompute_suffix_only && prefix_cache_fits(model, rows, lookup);
        PrefixCachedBatch suffixes;  // suffix mode
        PaddedBatch batch;           // otherwise: the rows whole
        torch::Tensor start_hidden;
        size_t longest = 0;
        for (const auto& r : rows) longest = std::max(longest, r.size());
        res.positions_whole = static_cast<int64_t>(rows.size() * longest);
        if (suffix_mode) {
            suffixes = cache_prefixes(model, rows, lookup);
            start_hidden = suffix_hidden_entering(model, suffixes, layer);
            for (size_t i = 0; i < sel_pos.size(); ++i) sel_pos[i] -= lookup[static_cast<size_t>(sel_rows[i])];
            res.positions_per_step = suffixes.suffix_ids.numel();
        } else {
            batch = pad_right(rows, model);
            res.positions_per_step = batch.ids.numel();
        }
        // δ sits at each row's subject-last token: position 0 of every suffix.
        auto delta_pos = suffix_mode ? torch::zeros({R + 1 + K}, torch::TensorOptions().dtype(torch::kLong).device(dev))
                                     : long_tensor(lookup, dev);
        const int64_t v_init_pos = suffix_mode ? 0 : lookup[0];
        auto sel_rows_t = long_tensor(sel_rows, dev), sel_pos_t = long_tensor(sel_pos, dev);

        // The layers below `layer` do not depend on δ: run them once.
        if (o.cache_lower_layers && !suffix_mode) {
            torch::NoGradGuard no_grad;
            if (layer == 0) {
                start_hidden = embed(model, batch.ids, positions_from_mask(batch.mask, batch.T));
            } else {
                ForwardInput in;
                in.input_ids = batch.ids;
                in.attention_mask = batch.mask;
                in.stop_after_layer = layer - 1;
                start_hidden = forward(model, in).hidden;
            }
        }

        torch::AutoGradMode grad_mode(true);
        const auto f32 = torch::TensorOptions().dtype(torch::kFloat).device(dev);
        auto delta = torch::zeros({d}, f32).requires_grad_(true);
        // Adam as torch.optim.Adam (betas 0.9/0.999, eps 1e-8, no weight decay),
        // with its step count on the device so that a step can be a CUDA graph.
        constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEps = 1e-8;
        auto adam_m = torch::zeros({d}, f32), adam_v = torch::zeros({d}, f32), adam_t = torch::zeros({}, f32);
        auto delta_before = torch::zeros({d}, f32);  // δ the step's loss was computed at
        auto stats_dev = torch::zeros({8}, f32);     // loss, nll, kl, weight decay, avg prob, ‖δ‖, keep kl, steps taken
        torch::Tensor kl_init, keep_init, v_init_sq;
        double max_norm = 0;

        // One step: the loss at the current δ (its figures into stats_dev), then
        // the Adam update and the norm clamp. The step that stops the loop is
        // undone from delta_before, so δ is always the one the last loss saw
        // (the reference stops before updating). Device work only after step 0.
        auto step = [&](bool first) {
            Interventions iv;
            iv.add(Site::MlpOut, layer, delta_rows, delta_pos, delta);
            if (first) iv.capture(Site::MlpOut, layer);
            KVCache scratch;
            ForwardInput in;
            if (suffix_mode) {
                in = suffixes.input(scratch);
            } else {
                in.input_ids = batch.ids;
                in.attention_mask = batch.mask;
            }
            in.logits = LogitsMode::None;
            if (o.cache_lower_layers) {
                in.start_layer = layer;
                in.start_hidden = start_hidden;
            }
            // bf16: the layers and the unembedding under autocast; the loss below in fp32.
            torch::Tensor logits;
            {
                CudaAutocastScope autocast(precision == VPrecision::Bf16);
                auto out = forward(model, in, &iv);
                logits = unembed(model, out.hidden.index({sel_rows_t, sel_pos_t}));
            }
            if (first) {
                // v_init: MLP output at the bare prompt's subject-last token (row 0), before δ
                // (δ is zero on the first pass, so the captured value is the clean one).
                res.v_init = iv.captured(Site::MlpOut, layer)[0][v_init_pos].detach().to(torch::kFloat).clone();
                v_init_sq = res.v_init.norm().pow(2);
                max_norm = hp.clamp_norm_factor * res.v_init.norm().item<double>();
            }
            auto lp = torch::log_softmax(logits.to(torch::kFloat), -1);
            auto tok_lp = lp.slice(0, 0, R * n).gather(1, tgt_t).view({R, n});
            auto nll_each = -tok_lp.sum(1) / static_cast<double>(n);
            auto nll = nll_each.mean();
            auto kl_lp = lp.slice(0, R * n, R * n + 1);
            if (first) kl_init = kl_lp.detach().clone();
            // KL(P_δ ‖ P_0), batchmean over the single KL row (torch kl_div(init, cur, log_target=True)).
            auto kl = hp.kl_factor * (kl_lp.exp() * (kl_lp - kl_init)).sum() / static_cast<double>(kl_lp.size(0));
            auto wd = hp.v_weight_decay * (delta.norm() / v_init_sq);
            auto loss = nll + kl + wd;
            auto keep = torch::zeros({}, f32);
            if (K > 0) {
                auto keep_lp = lp.slice(0, R * n + 1, R * n + 1 + K);
                if (first) keep_init = keep_lp.detach().clone();
                keep = hp.keep_factor * (keep_lp.exp() * (keep_lp - keep_init)).sum() / static_cast<double>(K);
                loss = loss + keep;
            }
            auto grad = torch::autograd::grad({loss}, {delta})[0];
            torch::NoGradGuard no_grad;
            stats_dev.slice(0, 0, 7).copy_(
                torch::stack({loss, nll, kl, wd, torch::exp(-nll_each).mean(), delta.norm(), keep.detach()}));
            delta_before.copy_(delta);
            adam_t.add_(1.0);
            stats_dev[7].copy_(adam_t);
            adam_m.mul_(kBeta1).add_(grad, 1.0 - kBeta1);
            adam_v.mul_(kBeta2).addcmul_(grad, grad, 1.0 - kBeta2);
            auto bias1 = 1.0 - torch::pow(kBeta1, adam_t);
            auto bias2 = 1.0 - torch::pow(kBeta2, adam_t);
            auto denom = (adam_v.sqrt() / bias2.sqrt()).add_(kEps);
            delta.sub_(adam_m / denom * (hp.v_lr / bias1));
            // Project δ back into the ball of radius max_norm.
            delta.mul_((max_norm / (delta.norm() + 1e-30)).clamp_max(1.0));
        };

        // On CUDA the step is launch-bound (thousands of small kernels): after
        // the eager step 0 (which also warms up cuBLAS, autograd and the
        // allocator on this stream), one step is recorded as a CUDA graph and replayed.
        const bool use_graph = o.cuda_graph && cuda && cuda_graphs_available() && hp.v_num_grad_steps > 2;
        CudaStepGraph graph;
        bool replaying = false;
        res.cuda_graph = "off";
        for (int it = 0; it < hp.v_num_grad_steps; ++it) {
            job.check_cancelled();
            if (use_graph && it == 1) {
                std::string why = graph.capture([&] { step(false); });
                replaying = why.empty() && graph.ready();
                res.cuda_graph = why.empty() ? "captured at step 1" : "capture failed, eager: " + why;
            }
            if (replaying) graph.replay();
            else step(it == 0);
            // One host sync per step: the diagnostics travel together.
            auto stats = stats_dev.to(torch::kCPU, torch::kDouble);
            if (replaying && stats[7].item<double>() != it + 1) {
                // The replay did not take the step (a capture can come back empty
                // without an error): take it eagerly, and every later one too.
                replaying = false;
                res.cuda_graph = "captured at step 1, but a replay did not run the step; eager from step " +
                                 std::to_string(it);
                step(false);
                stats = stats_dev.to(torch::kCPU, torch::kDouble);
            }
            const double* sv = stats.data_ptr<double>();
            const double loss_v = sv[0], nll_v = sv[1];
            if (!std::isfinite(loss_v)) fail(ErrorCode::Internal, "compute_v diverged: the loss is not finite");
            res.loss_curve.push_back({{"step", it},
                                      {"loss", loss_v},
                                      {"nll", nll_v},
                                      {"kl", sv[2]},
                                      {"weight_decay", sv[3]},
                                      {"avg_prob", sv[4]},
                                      {"delta_norm", sv[5]},
                                      {"keep_kl", sv[6]}});
            if (it == 0) res.nll_first = nll_v;
            res.nll_last = nll_v;
            res.steps = it + 1;
            job.report(static_cast<double>(it + 1) / hp.v_num_grad_steps,
                       "optimising v*: step " + std::to_string(it + 1) + " of " + std::to_string(hp.v_num_grad_steps));
            const bool stop_early = o.early_stop && loss_v < hp.early_stop_loss;
            if (stop_early || it == hp.v_num_grad_steps - 1) {
                res.early_stopped = stop_early;
                torch::NoGradGuard no_grad;
                delta.copy_(delta_before);
                break;
            }
        }
        res.delta = delta.detach().clone();
        res.target = res.v_init + res.delta;
        if (dev.is_cuda()) torch::cuda::synchronize();
        res.seconds = seconds_since(t0);
        return res;
    });
}

// ---- scoring ----------------------------------------------------------------

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
            auto t = rome_target_ids(model, target);
            if (!t) throw EngineException(t.error());
            auto row = prompt;
            row.insert(row.end(), t->begin(), t->end() - 1);
            rows.push_back(std::move(row));
            tgts.push_back(t.value());
        }
        std::vector<TargetScore> out;
        if (rows.empty()) return out;
        auto batch = pad_right(rows, model);
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
            auto tok_lp = lp.gather(1, long_tensor(tgt, model.device()).unsqueeze(1)).squeeze(1).to(torch::kCPU, torch::kDouble);
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

// ---- the inverse second moment, memoised ---------------------------------------

namespace {

struct InverseEntry {
    InverseSecondMoment inv;
    nlohmann::json info;
};

std::mutex g_inv_mutex;
std::deque<std::pair<std::string, std::shared_ptr<const InverseEntry>>>& inverse_cache() {
    static std::deque<std::pair<std::string, std::shared_ptr<const InverseEntry>>> cache;
    return cache;
}
constexpr size_t kInverseCacheSize = 4;

JobContext sub_job(const JobContext& job, double from, double to) {
    JobContext j;
    j.cancel = job.cancel;
    if (job.progress) {
        auto p = job.progress;
        j.progress = [p, from, to](double f, const std::string& stage) { p(from + (to - from) * f, stage); };
    }
    return j;
}

std::shared_ptr<const InverseEntry> cached_inverse(const Model& model, int layer, const RomeHyperParams& hp,
                                                   const RomeStatsSource& stats, const JobContext& job) {
    // A model folder may ship text like its own training data as
    // stats-corpus.txt (ROME takes C from text of the model's training
    // distribution: Wikipedia for GPT-2); otherwise Lancet's default corpus.
    std::vector<std::string> files = stats.corpus_files;
    if (files.empty() && !model.path().empty()) {
        std::error_code ec;
        const auto own = std::filesystem::path(model.path()) / "stats-corpus.txt";
        if (std::filesystem::is_regular_file(own, ec)) files.push_back(own.string());
    }
    Expected<TextCorpus> corpus = files.empty() ? default_corpus() : TextCorpus::from_files(files);
    if (!corpus) throw EngineException(corpus.error().with_context("second-moment statistics"));
    const std::string stats_key = second_moment_cache_key(model, layer, corpus->hash, hp.mom2_n_samples);
    std::ostringstream key;
    key << stats_key << "|" << model.device().str() << "|" << hp.ridge_lambda;
    {
        std::lock_guard<std::mutex> lock(g_inv_mutex);
        for (const auto& e : inverse_cache())
            if (e.first == key.str()) {
                auto copy = std::make_shared<InverseEntry>(*e.second);
                copy->info["from_memory"] = true;
                return copy;
            }
    }
    SecondMomentOptions so;
    so.layers = {layer};
    so.samples = hp.mom2_n_samples;
    so.cache_dir = stats.cache_dir;
    so.read_cache = stats.use_disk_cache;
    so.write_cache = stats.use_disk_cache;
    auto res = compute_second_moments(model, corpus.value(), so, job);
    if (!res) throw EngineException(res.error().with_context("second-moment statistics"));
    const LayerSecondMoment& m = res->layers.at(0);
    auto inv = invert_second_moment(m.mom2, m.count, hp.ridge_lambda);
    if (!inv) throw EngineException(inv.error().with_context("inverting the second moment"));
    auto entry = std::make_shared<InverseEntry>();
    entry->inv = inv.value();
    entry->info = {{"used", true},
                   {"count", m.count},
                   {"samples_requested", hp.mom2_n_samples},
                   {"sample_unit", "token positions"},
                   {"corpus", corpus->name},
                   {"corpus_hash", corpus->hash},
                   {"cache_key", m.cache_key},
                   {"cache_file", m.cache_file},
                   {"from_disk_cache", m.from_cache},
                   {"from_memory", false},
                   {"tokens_per_second", res->tokens_per_second},
                   {"ridge", entry->inv.ridge},
                   {"ridge_lambda", entry->inv.ridge_lambda},
                   {"ridge_note", entry->inv.note},
                   {"warnings", res->warnings}};
    std::lock_guard<std::mutex> lock(g_inv_mutex);
    auto& cache = inverse_cache();
    cache.emplace_back(key.str(), entry);
    while (cache.size() > kInverseCacheSize) cache.pop_front();
    return entry;
}

double dot_f(const torch::Tensor& a, const torch::Tensor& b) { return torch::dot(a.to(torch::kFloat), b.to(torch::kFloat)).item<double>(); }

nlohmann::json score_json(const TargetScore& s) {
    return {{"nll", s.nll}, {"prob", s.prob}, {"first_token_prob", s.first_token_prob}, {"tokens", s.tokens}};
}

}  // namespace

void clear_rome_caches() {
    std::lock_guard<std::mutex> lock(g_inv_mutex);
    inverse_cache().clear();
}

// ---- compute_rome -------------------------------------------------------------

torch::Tensor RomeEdit::delta_matrix(torch::Device device) const {
    torch::NoGradGuard no_grad;
    auto uu = u.to(device, torch::kFloat), vv = v.to(device, torch::kFloat);
    return in_out_layout ? torch::outer(uu, vv) : torch::outer(vv, uu);
}

Expected<RomeEdit> compute_rome(const Model& model, const RomeRequest& request, const RomeOptions& options,
                                const JobContext& job) {
    return capture([&] {
        const auto t_total = std::chrono::steady_clock::now();
        check_not_inference_mode();
        check_request(request);
        const ModelConfig& cfg = model.config();
        RomeHyperParams hp = options.hparams;

        // Which layer, and why.
        int layer = -1;
        std::string reason;
        if (options.layer) {
            layer = *options.layer;
            reason = options.layer_reason.empty() ? "requested by the caller" : options.layer_reason;
        } else if (hp.layer >= 0) {
            layer = hp.layer;
            reason = !options.layer_reason.empty() ? options.layer_reason
                     : published_default_layer(cfg) == hp.layer
                         ? "published ROME setting (" + hp.source + ")"
                         : "from the hyperparameters";
        } else if (auto p = published_default_layer(cfg)) {
            layer = *p;
            reason = "published ROME setting (" + default_rome_hparams(cfg).source + ")";
        } else {
            fail(ErrorCode::InvalidArgument,
                 "there is no published ROME layer for this model (" + cfg.family + ", " + std::to_string(cfg.n_layer) +
                     " layers): choose one, e.g. from a causal trace (the layer with the peak MLP effect at the "
                     "last subject token)");
        }
        check_layer(model, layer);
        hp.layer = layer;
        // Refuse a CUDA-only precision before the statistics pass, not after it.
        if (resolve_v_precision(options.v_precision, model.device().is_cuda()) != VPrecision::Float32 &&
            !model.device().is_cuda())
            fail(ErrorCode::InvalidArgument, std::string("compute_v precision ") + v_precision_name(options.v_precision) +
                                                 " needs a CUDA device (use fp32 on the CPU)");

        const Linear& down = model.weights().layers[static_cast<size_t>(layer)].mlp_out;
        if (!down.weight.defined()) fail(ErrorCode::Unsupported, "the model has no MLP down projection at layer " + std::to_string(layer));
        RomeEdit edit;
        edit.request = request;
        edit.layer = layer;
        edit.layer_reason = reason;
        edit.weight_name = down.weight_name;
        edit.in_out_layout = down.in_out_layout;
        edit.weight_shape = down.weight.sizes().vec();
        nlohmann::json timings;

        // Context templates.
        auto t = std::chrono::steady_clock::now();
        job.report(0.0, "context templates");
        std::string templates_source;
        if (options.context_templates) {
            edit.context_templates = *options.context_templates;
            templates_source = "caller";
        } else {
            ContextTemplateOptions co;
            co.length_params = hp.context_template_length_params;
            co.seed = hp.seed;
            auto tr = context_templates(model, co, sub_job(job, 0.0, 0.05));
            if (!tr) throw EngineException(tr.error());
            edit.context_templates = tr.value();
            templates_source = "generated by the model (top-k 5, seeded)";
        }
        timings["templates_s"] = seconds_since(t);

        // C⁻¹.
        t = std::chrono::steady_clock::now();
        torch::Tensor inv_cov;
        nlohmann::json mom2_info = {{"used", false}};
        if (hp.mom2_adjustment) {
            if (options.mom2.defined()) {
                auto inv = invert_second_moment(options.mom2.to(model.device()), options.mom2_count, hp.ridge_lambda);
                if (!inv) throw EngineException(inv.error());
                inv_cov = inv->inv;
                mom2_info = {{"used", true},
                             {"source", "caller"},
                             {"count", options.mom2_count},
                             {"ridge", inv->ridge},
                             {"ridge_lambda", inv->ridge_lambda},
                             {"ridge_note", inv->note}};
            } else {
                job.report(0.05, "second-moment statistics");
                auto entry = cached_inverse(model, layer, hp, options.stats, sub_job(job, 0.05, 0.5));
                inv_cov = entry->inv.inv;
                mom2_info = entry->info;
            }
        }
        timings["stats_s"] = seconds_since(t);

        // compute_u.
        t = std::chrono::steady_clock::now();
        job.report(0.5, "computing u");
        auto keys = rome_keys(model, layer, request, edit.context_templates);
        if (!keys) throw EngineException(keys.error());
        const torch::Tensor k_star = hp.key_mode == RomeKeyMode::PromptKeys ? keys->k_prompt : keys->k_mean;
        torch::Tensor u = rome_left_vector(k_star, inv_cov);
        if (model.device().is_cuda()) torch::cuda::synchronize();
        timings["compute_u_s"] = seconds_since(t);

        // compute_v.
        ComputeVOptions vo;
        vo.cache_lower_layers = options.cache_lower_layers;
        vo.precision = options.v_precision;
        vo.cuda_graph = options.cuda_graph;
        auto cv = compute_v(model, layer, request, hp, edit.context_templates, vo, sub_job(job, 0.52, 0.95));
        if (!cv) throw EngineException(cv.error());
        timings["compute_v_s"] = cv->seconds;

        // The rank-one update.
        torch::NoGradGuard no_grad;
        const bool consistent = hp.key_mode == RomeKeyMode::PrefixMean;
        const torch::Tensor k_upd = consistent ? keys->k_mean : keys->k_prompt;
        const torch::Tensor v_upd = consistent ? keys->v_mean : keys->v_prompt;
        const double division = dot_f(k_upd, u);
        if (!std::isfinite(division) || division == 0.0)
            fail(ErrorCode::Internal, "the division factor k·u is zero or not finite; the edit is undefined");
        torch::Tensor right = (cv->target - v_upd.to(cv->target.device())) / division;

        const torch::Device cpu(torch::kCPU);
        edit.u = u.to(cpu).contiguous();
        edit.v = right.to(cpu).contiguous();
        edit.k_star = k_star.to(cpu);
        edit.k_update = k_upd.to(cpu);
        edit.v_update = v_upd.to(cpu);
        edit.v_init = cv->v_init.to(cpu);
        edit.delta = cv->delta.to(cpu);
        edit.target = cv->target.to(cpu);
        edit.hparams = hp;

        const double w_norm = down.weight.to(torch::kFloat).norm().item<double>();
        const double dw_norm = edit.u.norm().item<double>() * edit.v.norm().item<double>();
        const double ratio = w_norm > 0 ? dw_norm / w_norm : INFINITY;
        const double div_prompt = dot_f(keys->k_prompt, u), div_mean = dot_f(keys->k_mean, u);

        nlohmann::json diag;
        diag["method"] = "rome";
        diag["variant"] = hp.key_mode == RomeKeyMode::PrefixMean ? "r-ROME (template-mean keys)"
                          : hp.key_mode == RomeKeyMode::Original ? "ROME (original: bare-prompt key in the update)"
                                                                 : "r-ROME (prompt keys)";
        diag["key_mode"] = rome_key_mode_name(hp.key_mode);
        diag["layer"] = layer;
        diag["layer_reason"] = reason;
        diag["module"] = model.architecture().module_path(Site::MlpOut, layer);
        diag["weight_name"] = edit.weight_name;
        diag["weight_layout"] = edit.in_out_layout ? "[d_ff, d] (Conv1D): ΔW = u vᵀ" : "[d, d_ff] (Linear): ΔW = v uᵀ";
        diag["division_factor"] = division;
        diag["division_factor_prompt"] = div_prompt;
        diag["division_factor_mean"] = div_mean;
        diag["delta_norm_ratio"] = ratio;
        diag["delta_norm"] = dw_norm;
        diag["weight_norm"] = w_norm;
        diag["u_norm"] = edit.u.norm().item<double>();
        diag["v_norm"] = edit.v.norm().item<double>();
        diag["v_init_norm"] = edit.v_init.norm().item<double>();
        diag["target_norm"] = edit.target.norm().item<double>();
        diag["delta_v_norm"] = edit.delta.norm().item<double>();
        if (!request.keep_prompts.empty())
            diag["keep"] = {{"prompts", request.keep_prompts},
                            {"factor", hp.keep_factor},
                            {"why", "Lancet's extension: KL at each keep prompt's last token (the subject's other facts)"}};
        diag["loss_curve"] = cv->loss_curve;
        diag["steps_run"] = cv->steps;
        diag["early_stopped"] = cv->early_stopped;
        diag["cache_lower_layers"] = options.cache_lower_layers;
        diag["v_precision"] = v_precision_name(resolve_v_precision(options.v_precision, model.device().is_cuda()));
        diag["cuda_graph"] = cv->cuda_graph;
        diag["v_positions_per_step"] = cv->positions_per_step;
        diag["v_positions_whole_rows"] = cv->positions_whole;
        diag["mom2"] = mom2_info;
        diag["context_templates"] = {{"count", edit.context_templates.size()},
                                     {"source", templates_source},
                                     {"seed", hp.seed},
                                     {"templates", edit.context_templates}};
        diag["subject_token_rule"] =
            "subject_last: the last token overlapping the subject's bytes in the tokenisation of the whole "
            "formatted prompt (the reference tokenises prefix, subject and suffix separately)";
        {
            auto tgt = rome_target_ids(model, request.target_new).value();
            nlohmann::json toks = nlohmann::json::array();
            for (auto id : tgt) toks.push_back({{"id", id}, {"text", sanitize_utf8(model.tokenizer().token_bytes(id))}});
            diag["target_tokens"] = toks;
        }

        // Before / after (after simulated by a rank-one hook; the weights are untouched).
        t = std::chrono::steady_clock::now();
        const std::string bare = format_prompt("{}", request.prompt, request.subject).value().text;
        diag["prompt_text"] = bare;
        // Both targets in one forward pass; before, then after.
        std::vector<std::string> targets{request.target_new};
        if (request.target_true) targets.push_back(*request.target_true);
        auto score = [&](bool after) {
            Interventions iv;
            if (after) add_rank_one_hook(iv, layer, edit.u.to(model.device()), edit.v.to(model.device()));
            auto s = score_targets(model, bare, targets, after ? &iv : nullptr);
            if (!s) throw EngineException(s.error());
            return s.value();
        };
        nlohmann::json scores;
        const auto before = score(false);
        scores["target_new"]["before"] = score_json(before[0]);
        if (request.target_true) scores["target_true"]["before"] = score_json(before[1]);
        if (options.predict_after) {
            const auto after = score(true);
            scores["target_new"]["after"] = score_json(after[0]);
            if (request.target_true) scores["target_true"]["after"] = score_json(after[1]);
        }
        diag["scores"] = scores;
        diag["scores_after_method"] = "rank-one hook on the MLP output of the unedited model (equal to the applied edit up to float rounding)";
        diag["nll_before"] = scores["target_new"]["before"]["nll"];
        diag["prob_before"] = scores["target_new"]["before"]["prob"];
        if (options.predict_after) {
            diag["nll_after"] = scores["target_new"]["after"]["nll"];
            diag["prob_after"] = scores["target_new"]["after"]["prob"];
        }
        timings["scores_s"] = seconds_since(t);

        nlohmann::json warnings = nlohmann::json::array();
        if (ratio > 0.5)
            warnings.push_back("the update is large relative to the weight (‖ΔW‖/‖W‖ = " + std::to_string(ratio) +
                               "): this edit may disable the model");
        if (hp.key_mode == RomeKeyMode::Original && std::fabs(div_prompt) < 0.1 * std::fabs(div_mean))
            warnings.push_back("the bare-prompt key is nearly orthogonal to u (division factor " + std::to_string(div_prompt) +
                               " vs " + std::to_string(div_mean) +
                               " for the template mean): the original formulation's disabling-edit case; the default "
                               "r-ROME formulation avoids it");
        if (cv->nll_last >= cv->nll_first - 1e-6) {
            std::string w = "optimising v* did not lower the target NLL (" + std::to_string(cv->nll_first) + " -> " +
                            std::to_string(cv->nll_last) + ")";
            if (layer == cfg.n_layer - 1)
                w += ": layer " + std::to_string(layer) +
                     " is the last one, so δ added at the subject cannot reach the later target positions";
            warnings.push_back(w);
        }
        if (!mom2_info.value("ridge_note", std::string()).empty())
            warnings.push_back("a ridge was added to C: " + mom2_info["ridge_note"].get<std::string>());
        diag["warnings"] = warnings;
        timings["total_s"] = seconds_since(t_total);
        diag["timings"] = timings;
        if (model.device().is_cuda()) {
            // Why: a long session of edits must not grow the GPU's footprint (each
            // edit's CUDA graph has its own memory pool).
            const CudaMemoryStats mem = cuda_memory_stats();
            diag["cuda_memory_mib"] = {{"allocated", mem.allocated / 1048576.0},
                                       {"reserved", mem.reserved / 1048576.0},
                                       {"peak_allocated", mem.peak_allocated / 1048576.0}};
        }
        edit.diagnostics = std::move(diag);
        job.report(1.0, "edit computed");
        return edit;
    });
}

}  // namespace lancet
