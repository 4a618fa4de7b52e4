#include "edit/memit.h"
#include "core/device_sync.h"

#include "edit/context_templates.h"
#include "edit/detail.h"
#include "edit/rome_internal.h"
#include "edit/second_moment.h"
#include "edit/stats_import.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/prefix_cache.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <sstream>

namespace lancet {

using edit_detail::seconds_since;

namespace {

// Requests × templates, encoded, with the subject's last token of each row.
struct PromptRows {
    std::vector<std::vector<int64_t>> ids;
    std::vector<int64_t> lookup;
};

PromptRows subject_rows(const Model& model, const std::vector<RomeRequest>& requests,
                        const std::vector<std::string>& templates) {
    PromptRows rows;
    for (const auto& r : requests)
        for (const auto& t : templates) {
            auto row = rome_detail::encode_subject_row(model.tokenizer(), format_prompt(t, r.prompt, r.subject).value());
            rows.ids.push_back(std::move(row.ids));
            rows.lookup.push_back(row.lookup);
        }
    return rows;
}

// One forward pass stopped at `layer`, reading `site` at each row's lookup: [rows, width] float32.
torch::Tensor read_at_lookup(const Model& model, const PromptRows& rows, Site site, int layer) {
    torch::NoGradGuard no_grad;
    auto batch = rome_detail::pad_right(rows.ids, model);
    Interventions iv;
    iv.capture(site, layer);
    ForwardInput in;
    in.input_ids = batch.ids;
    in.attention_mask = batch.mask;
    in.stop_after_layer = layer;
    in.logits = LogitsMode::None;
    forward(model, in, &iv);
    auto r = torch::arange(static_cast<int64_t>(rows.ids.size()), torch::TensorOptions().dtype(torch::kLong).device(model.device()));
    return iv.captured(site, layer).index({r, rome_detail::long_tensor(rows.lookup, model.device())}).to(torch::kFloat);
}

// Block L's output at each request's bare prompt: H of the spread, and h0.
torch::Tensor bare_outputs(const Model& model, int layer, const std::vector<RomeRequest>& requests) {
    return read_at_lookup(model, subject_rows(model, requests, {"{}"}), Site::BlockOut, layer);
}

// The keys' second moments and AlphaEdit's projectors cost a corpus pass and an
// eigendecomposition: a sequential run of a thousand batches reuses them.
std::mutex g_memit_mutex;
std::deque<std::pair<std::string, torch::Tensor>>& memit_memo() {
    static std::deque<std::pair<std::string, torch::Tensor>> m;
    return m;
}
constexpr size_t kMemoSize = 16;

torch::Tensor memit_memo_get(const std::string& key) {
    std::lock_guard<std::mutex> lock(g_memit_mutex);
    for (const auto& e : memit_memo())
        if (e.first == key) return e.second;
    return {};
}
void memit_memo_put(const std::string& key, const torch::Tensor& t) {
    std::lock_guard<std::mutex> lock(g_memit_mutex);
    memit_memo().emplace_back(key, t);
    while (memit_memo().size() > kMemoSize) memit_memo().pop_front();
}

struct LayerStats {
    std::map<int, torch::Tensor> C;    // E[k kᵀ], float32, the model's device
    std::map<int, std::string> key;    // the memo key of each C (statistics cache key + device)
    nlohmann::json info = nlohmann::json::object();
};

// C for every edited layer in one pass (second_moment.h), from the model folder's
// stats-corpus.txt when it has one (as ROME does), else the given or default corpus.
LayerStats layer_stats(const Model& model, const std::vector<int>& layers, const MemitHyperParams& hp,
                       const RomeStatsSource& stats, const JobContext& job) {
    std::vector<std::string> files = stats.corpus_files;
    if (files.empty() && !model.path().empty()) {
        std::error_code ec;
        const auto own = std::filesystem::path(model.path()) / "stats-corpus.txt";
        if (std::filesystem::is_regular_file(own, ec)) files.push_back(own.string());
    }
    TextCorpus corpus = files.empty() ? default_corpus().value() : TextCorpus::from_files(files).value();
    LayerStats out;
    std::vector<int> missing;
    nlohmann::json imported = nlohmann::json::object();
    for (int l : layers)
        if (auto it = stats.npz.find(l); it != stats.npz.end()) {
            // Statistics the reference code saved (edit/stats_import.h).
            const std::string key = "npz|" + it->second + "|" + model.device().str();
            torch::Tensor C = memit_memo_get(key);
            if (!C.defined()) {
                auto s = import_layer_stats_npz(it->second, model.config().d_ff);
                if (!s) throw EngineException(s.error().with_context("imported statistics"));
                C = s->mom2.to(model.device());
                memit_memo_put(key, C);
            }
            out.C[l] = C;
            out.key[l] = key;
            imported[std::to_string(l)] = it->second;
        }
    for (int l : layers) {
        if (out.C.count(l)) continue;
        const std::string key = "C|" + second_moment_cache_key(model, l, corpus.hash, hp.mom2_n_samples) + "|" +
                                model.device().str();
        if (auto t = memit_memo_get(key); t.defined()) {
            out.C[l] = t;
            out.key[l] = key;
        } else {
            missing.push_back(l);
        }
    }
    out.info = {{"corpus", corpus.name}, {"samples_requested", hp.mom2_n_samples}, {"sample_unit", "token positions"},
                {"from_memory", missing.empty()}, {"imported", imported}};
    if (missing.empty()) return out;
    SecondMomentOptions so;
    so.layers = missing;
    so.samples = hp.mom2_n_samples;
    so.cache_dir = stats.cache_dir;
    so.read_cache = stats.use_disk_cache;
    so.write_cache = stats.use_disk_cache;
    SecondMomentResult res = compute_second_moments(model, corpus, so, job).value();
    for (const auto& m : res.layers) {
        out.C[m.layer] = m.mom2;
        out.key[m.layer] = "C|" + m.cache_key + "|" + model.device().str();
        memit_memo_put(out.key[m.layer], m.mom2);
        out.info["count"] = m.count;
    }
    out.info["warnings"] = res.warnings;
    return out;
}

void check_hparams(const Model& model, const MemitHyperParams& hp) {
    if (hp.layers.empty()) fail(ErrorCode::InvalidArgument, "MEMIT needs at least one layer");
    for (size_t i = 0; i < hp.layers.size(); ++i) {
        rome_detail::check_layer(model, hp.layers[i]);
        if (i > 0 && hp.layers[i] <= hp.layers[i - 1])
            fail(ErrorCode::InvalidArgument, "MEMIT's layers must be distinct and ascending");
    }
    if (hp.v_num_grad_steps < 1) fail(ErrorCode::InvalidArgument, "v_num_grad_steps must be at least 1");
    if (!(hp.v_lr > 0) || !std::isfinite(hp.v_lr)) fail(ErrorCode::InvalidArgument, "v_lr must be positive");
    if (!(hp.clamp_norm_factor > 0)) fail(ErrorCode::InvalidArgument, "clamp_norm_factor must be positive");
    if (hp.mom2_update_weight < 0 || hp.l2 < 0 || hp.nullspace_threshold < 0)
        fail(ErrorCode::InvalidArgument, "mom2_update_weight, l2 and nullspace_threshold must not be negative");
}

}  // namespace

// ---- hyperparameters -------------------------------------------------------------------

nlohmann::json MemitHyperParams::to_json() const {
    return {{"layers", layers},
            {"v_num_grad_steps", v_num_grad_steps},
            {"v_lr", v_lr},
            {"v_weight_decay", v_weight_decay},
            {"clamp_norm_factor", clamp_norm_factor},
            {"kl_factor", kl_factor},
            {"early_stop_loss", early_stop_loss},
            {"mom2_update_weight", mom2_update_weight},
            {"mom2_n_samples", mom2_n_samples},
            {"nullspace_threshold", nullspace_threshold},
            {"L2", l2},
            {"seed", seed},
            {"source", source}};
}

Expected<MemitHyperParams> MemitHyperParams::from_json(const nlohmann::json& j) {
    return capture([&] {
        if (!j.is_object()) fail(ErrorCode::InvalidArgument, "MEMIT hyperparameters must be a JSON object");
        MemitHyperParams h;
        auto get = [&](const char* key, auto& into) {
            auto it = j.find(key);
            if (it == j.end() || it->is_null()) return;
            try {
                it->get_to(into);
            } catch (const std::exception&) {
                fail(ErrorCode::InvalidArgument, std::string("hyperparameter ") + key + " has the wrong type");
            }
        };
        get("layers", h.layers);
        get("v_num_grad_steps", h.v_num_grad_steps);
        get("v_lr", h.v_lr);
        get("v_weight_decay", h.v_weight_decay);
        get("clamp_norm_factor", h.clamp_norm_factor);
        get("kl_factor", h.kl_factor);
        get("early_stop_loss", h.early_stop_loss);
        get("mom2_update_weight", h.mom2_update_weight);
        get("mom2_n_samples", h.mom2_n_samples);
        get("nullspace_threshold", h.nullspace_threshold);
        get("L2", h.l2);
        get("l2", h.l2);
        get("seed", h.seed);
        get("source", h.source);
        return h;
    });
}

MemitHyperParams default_memit_hparams(const ModelConfig& c, MemitVariant variant) {
    MemitHyperParams h;
    const std::string& f = c.family;
    const char* what = variant == MemitVariant::AlphaEdit ? "AlphaEdit" : "MEMIT";
    auto range = [](int a, int b) {
        std::vector<int> v;
        for (int l = a; l <= b; ++l) v.push_back(l);
        return v;
    };
    if (f == "gpt2" && c.n_layer == 48 && c.d_model == 1600) {
        h.layers = range(13, 17);
        h.source = std::string(what) + ": memit hparams/MEMIT/gpt2-xl.json";
    } else if ((f == "gptj" || f == "gpt_j") && c.n_layer == 28 && c.d_model == 4096) {
        h.layers = range(3, 8);
        h.v_num_grad_steps = 25;
        h.mom2_update_weight = 15000;
        h.source = std::string(what) + ": memit hparams/MEMIT/EleutherAI_gpt-j-6B.json";
    } else if ((f == "llama" || f == "mistral") && c.n_layer == 32 && c.d_model == 4096) {
        h.layers = range(4, 8);
        h.v_num_grad_steps = 25;
        h.v_lr = 0.1;
        h.mom2_update_weight = 15000;
        h.source = std::string(what) + ": AlphaEdit hparams Llama3-8B.json (MEMIT and AlphaEdit)";
    } else if ((f == "qwen2" || f == "qwen") && c.n_layer == 28 && c.d_model == 3584) {
        h.layers = range(4, 8);
        h.v_num_grad_steps = 25;
        h.v_weight_decay = 1e-3;
        h.clamp_norm_factor = 4;
        h.mom2_update_weight = 15000;
        h.l2 = 1;
        h.source = std::string(what) + ": EasyEdit hparams qwen2.5-7b.yaml";
    } else {
        h.source = std::string(what) + ": no published setting for this model: GPT-2 XL values, layers chosen by the caller";
    }
    return h;
}

std::vector<int> memit_layers_around(int rome_layer, int n_layer) {
    std::vector<int> out;
    if (rome_layer < 0 || rome_layer >= n_layer) return out;
    if (rome_layer == 0) {
        out.push_back(0);
        if (n_layer > 1) out.push_back(1);
        return out;
    }
    for (int l = std::max(0, rome_layer - 4); l <= rome_layer; ++l) out.push_back(l);
    return out;
}

// ---- building blocks -------------------------------------------------------------------

torch::Tensor null_space_projector(const torch::Tensor& C, double threshold, int64_t* dim) {
    torch::NoGradGuard no_grad;
    // eigh of the symmetric C (ascending eigenvalues): the reference's SVD of a PSD
    // matrix gives the same subspace. float64 on the CPU, where values near the
    // threshold are the ones a float32 decomposition could flip; on a GPU float32,
    // as the reference computes it (a float64 decomposition of a 14336² matrix
    // costs seconds per layer there).
    // ATen's linalg ops: the C++ frontend's torch/linalg.h is not in PyTorch 2.11's wheel.
    const auto dtype = C.is_cuda() ? torch::kFloat : torch::kDouble;
    auto [values, vectors] = torch::linalg_eigh(C.to(dtype), "L");
    auto keep = values.lt(threshold);
    const int64_t n = keep.sum().item<int64_t>();
    if (dim) *dim = n;
    auto U0 = vectors.index({torch::indexing::Slice(), keep});
    return torch::matmul(U0, U0.t()).to(torch::kFloat);
}

namespace {
// Solves S X = B for a symmetric S that is positive definite in all but
// degenerate cases: Cholesky, or LU where the factorisation fails.
torch::Tensor solve_spd(const torch::Tensor& S, const torch::Tensor& B) {
    auto [L, info] = torch::linalg_cholesky_ex(S);
    if (info.item<int64_t>() == 0) return torch::cholesky_solve(B, L);
    return torch::linalg_solve(S, B, true);
}
}  // namespace

torch::Tensor memit_solve(const torch::Tensor& K, const torch::Tensor& C, double lambda) {
    torch::NoGradGuard no_grad;
    const auto Kd = K.to(torch::kDouble), Cd = C.to(Kd.device(), torch::kDouble);
    // λC + K Kᵀ is symmetric, and positive definite for λ > 0 and C's usual rank;
    // the rank-deficient λ = 0 falls back to the general solve.
    return solve_spd(lambda * Cd + Kd.mm(Kd.t()), Kd);
}

torch::Tensor alphaedit_solve(const torch::Tensor& K, const torch::Tensor& P, const torch::Tensor& projected_previous,
                              double alpha) {
    torch::NoGradGuard no_grad;
    // The reference solves (P (K Kᵀ + C_p) + αI) X = P K, an unsymmetric system.
    // Its solution also solves the symmetric positive definite
    //   (P (K Kᵀ + C_p) P + αI) X = P K
    // (applying I − P to it gives α (I − P) X = 0, so X = P X, and then the two
    // systems coincide), whose matrix is αI + Σ (P Kᵢ)(P Kᵢ)ᵀ over this batch and
    // the earlier ones: Cholesky, and no d_ff³ product by P per batch.
    const auto PK = P.to(K.device(), K.scalar_type()).mm(K);
    auto S = PK.mm(PK.t());
    if (projected_previous.defined()) S = S + projected_previous.to(K.device(), K.scalar_type());
    S.diagonal().add_(alpha);
    return solve_spd(S, PK);
}

Expected<torch::Tensor> memit_keys(const Model& model, int layer, const std::vector<RomeRequest>& requests,
                                   const std::vector<std::string>& templates) {
    return capture([&] {
        rome_detail::check_layer(model, layer);
        if (templates.empty() || templates.front() != "{}")
            fail(ErrorCode::InvalidArgument, "MEMIT's templates start with the bare prompt \"{}\"");
        const auto K = read_at_lookup(model, subject_rows(model, requests, templates), Site::MlpKey, layer);
        const int64_t n = static_cast<int64_t>(requests.size()), t = static_cast<int64_t>(templates.size());
        auto per = K.view({n, t, K.size(-1)});
        if (t == 1) return per.select(1, 0).contiguous();
        // The reference averages within each template group, then across the groups.
        return (0.5 * per.select(1, 0) + 0.5 * per.slice(1, 1, t).mean(1)).contiguous();
    });
}

Expected<MemitTargets> memit_targets(const Model& model, int layer, const std::vector<RomeRequest>& requests,
                                     const std::vector<std::string>& templates, const MemitHyperParams& hp,
                                     const JobContext& job, bool prefix_cache, bool bucket_suffixes,
                                     bool fused_kernels, bool read_positions_only) {
    return capture([&] {
        rome_detail::check_not_inference_mode();
        rome_detail::check_layer(model, layer);
        if (requests.empty()) fail(ErrorCode::InvalidArgument, "no requests");
        if (templates.empty() || templates.front() != "{}")
            fail(ErrorCode::InvalidArgument, "MEMIT's templates start with the bare prompt \"{}\"");
        const Tokenizer& tok = model.tokenizer();
        const torch::Device dev = model.device();
        const int64_t n = static_cast<int64_t>(requests.size());

        // Rows: per request its rewriting prompts (template + target but its last
        // token), then its KL prompt. Labels: (row, position, token, weight).
        std::vector<std::vector<int64_t>> rows;
        std::vector<int64_t> lookup, bare_row(static_cast<size_t>(n)), kl_row(static_cast<size_t>(n));
        std::vector<int64_t> label_flat_row, label_pos, label_tok, label_owner;
        std::vector<double> label_weight;
        for (int64_t i = 0; i < n; ++i) {
            const RomeRequest& r = requests[static_cast<size_t>(i)];
            rome_detail::check_request(r);
            const std::vector<int64_t> t = rome_target_ids(model, r.target_new).value();
            for (size_t j = 0; j < templates.size(); ++j) {
                auto row = rome_detail::encode_subject_row(tok, format_prompt(templates[j], r.prompt, r.subject).value());
                const int64_t n_prompt = static_cast<int64_t>(row.ids.size());
                row.ids.insert(row.ids.end(), t.begin(), t.end() - 1);
                if (j == 0) bare_row[static_cast<size_t>(i)] = static_cast<int64_t>(rows.size());
                for (size_t k = 0; k < t.size(); ++k) {
                    label_flat_row.push_back(static_cast<int64_t>(rows.size()));
                    label_pos.push_back(n_prompt - 1 + static_cast<int64_t>(k));
                    label_tok.push_back(t[k]);
                    label_owner.push_back(i);
                    // nll_i = mean over its prompts of the per-token mean
                    label_weight.push_back(1.0 / (static_cast<double>(t.size()) * static_cast<double>(templates.size())));
                }
                rows.push_back(std::move(row.ids));
                lookup.push_back(row.lookup);
            }
            auto kl = rome_detail::encode_subject_row(tok, format_prompt("{}", "{} is a", r.subject).value());
            kl_row[static_cast<size_t>(i)] = static_cast<int64_t>(rows.size());
            rows.push_back(std::move(kl.ids));
            lookup.push_back(kl.lookup);
        }
        // Nothing up to block L depends on δ, and under causal attention nothing
        // before a row's subject-last token does either (δ is added there). The
        // prefixes' keys and values are cached once and each step runs only the
        // suffixes from block L+1 on, as compute_v does (model/prefix_cache.h);
        // rows too long for the model's positions with a cache run whole.
        const bool suffix_mode = prefix_cache && prefix_cache_fits(model, rows, lookup);
        PrefixCachedBatch prefixed;       // suffix mode
        rome_detail::PaddedBatch whole;   // otherwise
        std::vector<int64_t> offset(rows.size(), 0);  // row position of each row's first column
        torch::Tensor base;               // block L's output at those columns
        {
            torch::NoGradGuard no_grad;
            if (suffix_mode) {
                prefixed = cache_prefixes(model, rows, lookup);
                base = suffix_hidden_entering(model, prefixed, layer + 1).detach();
                offset = lookup;
                // The blocks up to L never run again: their cached prefixes can go.
                if (layer + 1 < model.config().n_layer)
                    for (int l = 0; l <= layer && l < static_cast<int>(prefixed.prefix.keys.size()); ++l)
                        prefixed.prefix.keys[static_cast<size_t>(l)] = prefixed.prefix.values[static_cast<size_t>(l)] =
                            torch::Tensor();
            } else {
                whole = rome_detail::pad_right(rows, model);
                ForwardInput in;
                in.input_ids = whole.ids;
                in.attention_mask = whole.mask;
                in.stop_after_layer = layer;
                in.logits = LogitsMode::None;
                base = forward(model, in).hidden.detach();
            }
        }
        std::vector<int64_t> real_len(rows.size());  // positions a row really has from its first column on
        for (size_t r = 0; r < rows.size(); ++r) real_len[r] = static_cast<int64_t>(rows[r].size()) - offset[r];
        for (size_t k = 0; k < label_pos.size(); ++k) label_pos[k] -= offset[static_cast<size_t>(label_flat_row[k])];
        for (size_t r = 0; r < lookup.size(); ++r) lookup[r] -= offset[r];
        const int64_t T = base.size(1);
        const auto dtype = base.scalar_type();
        const auto base_f = base.to(torch::kFloat);
        std::vector<int64_t> kl_pos;
        for (int64_t i = 0; i < n; ++i) kl_pos.push_back(lookup[static_cast<size_t>(kl_row[static_cast<size_t>(i)])]);

        // The columns each row's loss reads (its target tokens, or its KL
        // position): with read_positions_only the last block runs only there, and
        // a step's outputs are [rows, C, d] instead of [rows, T, d].
        int64_t C = T;  // columns per row in a step's output
        torch::Tensor columns;  // read_positions_only: [rows, C]
        std::vector<int64_t> label_col(label_pos), kl_col(kl_pos);  // where each read sits among the output columns
        if (read_positions_only) {
            std::vector<int64_t> read_rows(label_flat_row), read_pos(label_pos);
            for (int64_t i = 0; i < n; ++i) {
                read_rows.push_back(kl_row[static_cast<size_t>(i)]);
                read_pos.push_back(kl_pos[static_cast<size_t>(i)]);
            }
            auto rc = rome_detail::read_columns(rows.size(), read_rows, read_pos, dev);
            C = rc.width;
            columns = rc.columns;
            std::copy(rc.index.begin(), rc.index.begin() + static_cast<int64_t>(label_pos.size()), label_col.begin());
            std::copy(rc.index.begin() + static_cast<int64_t>(label_pos.size()), rc.index.end(), kl_col.begin());
            // Nothing reads a row after its last read column (causal attention): the
            // KL prompt's suffix is its subject's last token alone, not " is a" too.
            if (suffix_mode)
                for (size_t r = 0; r < rows.size(); ++r)
                    if (rc.last[r] >= 0) real_len[r] = std::min(real_len[r], rc.last[r] + 1);
        }

        MemitTargets out;
        {  // h0: block L's output at each bare prompt's subject token
            std::vector<int64_t> bare_look;
            for (int64_t b : bare_row) bare_look.push_back(lookup[static_cast<size_t>(b)]);
            out.h0 = base_f.index({rome_detail::long_tensor(bare_row, dev), rome_detail::long_tensor(bare_look, dev)}).clone();
        }
        const auto h0_norm = out.h0.norm(2, 1);

        // Each step runs only the rows of requests still optimising: most meet the
        // stopping rule in a few steps, and the vocabulary projection of their
        // target positions is what a step costs on a small model.
        const int64_t R = static_cast<int64_t>(templates.size()) + 1;  // rows per request, contiguous
        std::vector<std::vector<int64_t>> label_of(static_cast<size_t>(n));  // label indices per request
        for (size_t k = 0; k < label_owner.size(); ++k) label_of[static_cast<size_t>(label_owner[k])].push_back(static_cast<int64_t>(k));

        auto delta = torch::zeros({n, base.size(-1)}, torch::TensorOptions().dtype(torch::kFloat).device(dev)).requires_grad_(true);
        torch::optim::Adam opt({delta}, torch::optim::AdamOptions(hp.v_lr));
        torch::Tensor kl_init;  // [n, V]: P_0 at each KL prompt, from the first step (all requests active)
        std::vector<int64_t> act(static_cast<size_t>(n));
        std::iota(act.begin(), act.end(), int64_t{0});
        out.steps_run.assign(static_cast<size_t>(n), 0);
        struct Bucket {
            PrefixCachedBatch batch;  // its rows, suffixes cut to `length`
            torch::Tensor local;      // their indices among the step's rows
            int64_t length = 0;
        };
        std::vector<Bucket> buckets;  // suffix mode: the rows of `selected_for`, grouped by length
        torch::Tensor bucket_inverse;  // concatenated bucket rows back to the step's order
        std::vector<int64_t> selected_for;
        torch::AutoGradMode grad_mode(true);
        for (int it = 0; it < hp.v_num_grad_steps; ++it) {
            job.check_cancelled();
            const int64_t A = static_cast<int64_t>(act.size());
            std::vector<int64_t> rows_sub, look_sub, owner_sub, lab_flat, lab_tok, lab_owner, kl_flat;
            std::vector<float> lab_w;
            for (int64_t k = 0; k < A; ++k) {
                const int64_t a = act[static_cast<size_t>(k)];
                for (int64_t r = 0; r < R; ++r) {
                    rows_sub.push_back(a * R + r);
                    look_sub.push_back(lookup[static_cast<size_t>(a * R + r)]);
                    owner_sub.push_back(a);
                }
                for (int64_t li : label_of[static_cast<size_t>(a)]) {
                    const int64_t local_row = k * R + (label_flat_row[static_cast<size_t>(li)] - a * R);
                    lab_flat.push_back(local_row * C + label_col[static_cast<size_t>(li)]);
                    lab_tok.push_back(label_tok[static_cast<size_t>(li)]);
                    lab_owner.push_back(k);
                    lab_w.push_back(static_cast<float>(label_weight[static_cast<size_t>(li)]));
                }
                kl_flat.push_back((k * R + R - 1) * C + kl_col[static_cast<size_t>(a)]);
            }
            const auto rows_t = rome_detail::long_tensor(rows_sub, dev);
            const auto act_t = rome_detail::long_tensor(act, dev);
            auto x = base_f.index_select(0, rows_t)
                         .index_put({torch::arange(A * R, torch::TensorOptions().dtype(torch::kLong).device(dev)),
                                     rome_detail::long_tensor(look_sub, dev)},
                                    delta.index_select(0, rome_detail::long_tensor(owner_sub, dev)), /*accumulate=*/true);
            const int64_t blocks = model.config().n_layer - layer - 1;
            for (int64_t r : rows_sub) out.position_blocks_unpadded += real_len[static_cast<size_t>(r)] * blocks;
            torch::Tensor hidden;  // [A R C, d]
            if (suffix_mode) {
                // The suffixes differ in length (a prompt's words after the subject; the KL prompt's
                // is shorter) and one batch pads them all to the longest: on the demo facts 2.5
                // times the positions the rows hold. Rows of similar length run together instead,
                // each group padded to its own longest, and the outputs go back into one [A R, T, d]
                // block (padding columns zero: no label reads them).
                if (selected_for != act) {  // requests dropped out: their rows and cached prefixes go
                    buckets.clear();
                    std::vector<int64_t> lens;
                    for (int64_t r : rows_sub) lens.push_back(real_len[static_cast<size_t>(r)]);
                    std::vector<int64_t> order;
                    for (const auto& g : group_rows_by_length(lens, bucket_suffixes ? 4 : 1)) {
                        std::vector<int64_t> global;
                        int64_t longest = 1;
                        for (int64_t j : g) {
                            global.push_back(rows_sub[static_cast<size_t>(j)]);
                            longest = std::max(longest, lens[static_cast<size_t>(j)]);
                        }
                        if (!bucket_suffixes) longest = T;
                        buckets.push_back({prefixed.rows(rome_detail::long_tensor(global, dev)).truncated(longest),
                                           rome_detail::long_tensor(g, dev), longest});
                        order.insert(order.end(), g.begin(), g.end());
                    }
                    std::vector<int64_t> inverse(order.size());
                    for (size_t k = 0; k < order.size(); ++k) inverse[static_cast<size_t>(order[k])] = static_cast<int64_t>(k);
                    bucket_inverse = rome_detail::long_tensor(inverse, dev);
                    selected_for = act;
                }
                std::vector<torch::Tensor> outs;
                for (const auto& b : buckets) {
                    KVCache scratch;
                    ForwardInput in = b.batch.input(scratch);
                    in.start_layer = layer + 1;
                    in.start_hidden = x.index_select(0, b.local).slice(1, 0, b.length).to(dtype);
                    in.logits = LogitsMode::None;
                    in.fused_kernels = fused_kernels;
                    if (columns.defined()) in.last_block_columns = columns.index_select(0, rows_t.index_select(0, b.local));
                    auto h = forward(model, in).hidden;
                    out.position_blocks += h.size(0) * b.length * blocks;
                    outs.push_back(h.size(1) < C ? torch::constant_pad_nd(h, {0, 0, 0, C - h.size(1)}) : h);
                }
                hidden = torch::cat(outs).index_select(0, bucket_inverse).reshape({A * R * C, -1});
            } else {
                ForwardInput in;
                in.input_ids = whole.ids.index_select(0, rows_t);
                in.attention_mask = whole.mask.index_select(0, rows_t);
                in.start_layer = layer + 1;
                in.start_hidden = x.to(dtype);
                in.logits = LogitsMode::None;
                in.fused_kernels = fused_kernels;
                if (columns.defined()) in.last_block_columns = columns.index_select(0, rows_t);
                hidden = forward(model, in).hidden.reshape({A * R * C, -1});
                out.position_blocks += A * R * T * blocks;
            }
            auto logp = torch::log_softmax(unembed(model, hidden.index_select(0, rome_detail::long_tensor(lab_flat, dev))), -1)
                            .gather(1, rome_detail::long_tensor(lab_tok, dev).unsqueeze(1))
                            .squeeze(1);
            auto nll = torch::zeros({A}, logp.options())
                           .index_add(0, rome_detail::long_tensor(lab_owner, dev), -logp * torch::tensor(lab_w).to(dev));
            auto kl_logp = torch::log_softmax(unembed(model, hidden.index_select(0, rome_detail::long_tensor(kl_flat, dev))), -1);
            if (!kl_init.defined()) kl_init = kl_logp.detach().clone();
            auto kl = hp.kl_factor * (kl_logp.exp() * (kl_logp - kl_init.index_select(0, act_t))).sum(1);
            auto wd = hp.v_weight_decay * delta.index_select(0, act_t).norm(2, 1) / h0_norm.index_select(0, act_t).pow(2);
            auto loss = nll + kl + wd;

            const auto loss_cpu = loss.detach().to(torch::kCPU, torch::kDouble).contiguous();
            const double* lv = loss_cpu.data_ptr<double>();
            std::vector<int64_t> still;
            std::vector<float> step_mask(static_cast<size_t>(A));
            for (int64_t k = 0; k < A; ++k) {
                const bool keep = !(lv[k] < hp.early_stop_loss);
                step_mask[static_cast<size_t>(k)] = keep ? 1.f : 0.f;
                if (keep) still.push_back(act[static_cast<size_t>(k)]);
            }
            out.loss_curve.push_back({{"loss", loss_cpu.mean().item<double>()},
                                      {"nll", nll.detach().mean().item<double>()},
                                      {"kl", kl.detach().mean().item<double>()},
                                      {"active", static_cast<int64_t>(still.size())}});
            job.report(static_cast<double>(it + 1) / hp.v_num_grad_steps,
                       "targets: step " + std::to_string(it + 1) + ", " + std::to_string(still.size()) + " of " +
                           std::to_string(n) + " requests still optimising");
            if (still.empty() || it == hp.v_num_grad_steps - 1) break;

            const auto before = delta.detach().clone();
            opt.zero_grad();
            (loss * torch::tensor(step_mask).to(dev)).sum().backward();
            opt.step();
            torch::NoGradGuard no_grad;
            // Only the requests still optimising move (Adam's momentum would move
            // the others); they are projected back into the clamp ball.
            auto moving = torch::zeros({n}, delta.options());
            moving.index_fill_(0, rome_detail::long_tensor(still, dev), 1.0);
            const auto m = moving.unsqueeze(1);
            delta.copy_(delta * m + before * (1 - m));
            const auto limit = hp.clamp_norm_factor * h0_norm;
            const auto norms = delta.norm(2, 1);
            const auto scale = torch::where(norms > limit, limit / norms, torch::ones_like(norms));
            delta.mul_(scale.unsqueeze(1));
            for (int64_t a : still) out.steps_run[static_cast<size_t>(a)] += 1;
            act = std::move(still);
        }
        out.z = (out.h0 + delta.detach()).contiguous();
        return out;
    });
}

// ---- the edit --------------------------------------------------------------------------

Expected<MemitEdit> compute_memit(const Model& model, const std::vector<RomeRequest>& requests,
                                  const MemitOptions& options, const JobContext& job) {
    return capture([&] {
        const auto started = std::chrono::steady_clock::now();
        rome_detail::check_not_inference_mode();
        if (requests.empty()) fail(ErrorCode::InvalidArgument, "MEMIT needs at least one request");
        for (const auto& r : requests) rome_detail::check_request(r);
        const MemitHyperParams& hp = options.hparams;
        check_hparams(model, hp);
        const bool alpha = options.variant == MemitVariant::AlphaEdit;
        const auto& layers = hp.layers;
        const int L = layers.back();
        nlohmann::json timings;

        auto t = std::chrono::steady_clock::now();
        job.report(0.0, "context templates");
        std::vector<std::string> templates;
        if (options.context_templates) {
            templates = *options.context_templates;
        } else {
            // memit: one bare template and five "<prefix>. {}" of at most 10 tokens.
            ContextTemplateOptions co;
            co.length_params = {{10, 5}};
            co.seed = hp.seed;
            templates = context_templates(model, co, rome_detail::sub_job(job, 0.0, 0.02)).value();
        }
        timings["templates_s"] = seconds_since(t);

        t = std::chrono::steady_clock::now();
        job.report(0.02, "second-moment statistics");
        LayerStats stats = layer_stats(model, layers, hp, options.stats, rome_detail::sub_job(job, 0.02, 0.3));
        timings["stats_s"] = seconds_since(t);

        t = std::chrono::steady_clock::now();
        job.report(0.3, "optimising the targets");
        MemitTargets targets =
            memit_targets(model, L, requests, templates, hp, rome_detail::sub_job(job, 0.3, 0.85), options.prefix_cache,
                          options.bucket_suffixes, options.fused_kernels, options.read_positions_only)
                .value();
        timings["targets_s"] = seconds_since(t);

        t = std::chrono::steady_clock::now();
        job.report(0.85, "spreading the change over the layers");
        MemitEdit edit;
        edit.layers = layers;
        edit.context_templates = templates;
        edit.targets = targets.z.to(torch::kCPU);
        nlohmann::json per_layer = nlohmann::json::array();
        std::vector<Model::WeightSwap> swaps;  // the layers done so far, visible to the ones above
        std::map<int, torch::Tensor> projectors;  // AlphaEdit: P per layer
        double projector_s = 0;                   // of which computing projectors not memoised yet
        // Where the spreading's time goes: the keys (a forward pass per layer, on
        // the model with the layers below already changed), the solves, and
        // writing each layer's change. Each part waits for the device, so the
        // parts add up to the stage.
        double keys_s = 0, solve_s = 0, write_s = 0;
        torch::NoGradGuard no_grad;
        const int64_t m = static_cast<int64_t>(layers.size());
        for (int64_t i = 0; i < m; ++i) {
            job.check_cancelled();
            const int l = layers[static_cast<size_t>(i)];
            const Linear& down = model.weights().layers[static_cast<size_t>(l)].mlp_out;
            if (!down.weight.defined())
                fail(ErrorCode::Unsupported, "the model has no MLP down projection at layer " + std::to_string(l));
            // MEMIT's solve in float64 as its reference; AlphaEdit's in float32 on a
            // GPU as its reference (float64 on the CPU, where tests hold it tight).
            const auto solve_dtype = alpha && model.device().is_cuda() ? torch::kFloat : torch::kDouble;
            auto tk = std::chrono::steady_clock::now();
            const auto K = memit_keys(model, l, requests, templates).value().to(solve_dtype).t();  // [d_ff, n]
            const auto H = bare_outputs(model, L, requests);
            synchronize_device(model.device());
            keys_s += seconds_since(tk);
            tk = std::chrono::steady_clock::now();
            const auto R = ((targets.z - H) / static_cast<double>(m - i)).to(torch::kDouble).t();  // [d, n]
            const auto& C = stats.C.at(l);
            const int64_t d_ff = C.size(0);
            torch::Tensor A;  // [d_ff, n]: Δ (Linear layout) = R Aᵀ
            nlohmann::json info = {{"layer", l}, {"residual_norm", R.norm().item<double>()}};
            if (!alpha) {
                A = memit_solve(K, C, hp.mom2_update_weight);
            } else {
                std::ostringstream key_os;
                key_os << "P|" << stats.key.at(l) << "|" << hp.nullspace_threshold;
                const std::string key = key_os.str();
                torch::Tensor P = memit_memo_get(key);
                int64_t dim = -1;
                if (!P.defined()) {
                    const auto tp = std::chrono::steady_clock::now();
                    P = null_space_projector(stats.C.at(l).to(model.device()), hp.nullspace_threshold, &dim);
                    memit_memo_put(key, P);
                    memit_memo_put(key + "|dim", torch::tensor(dim));
                    projector_s += seconds_since(tp);
                } else {
                    dim = memit_memo_get(key + "|dim").item<int64_t>();
                }
                projectors[l] = P;
                torch::Tensor previous;
                if (options.preserved_gram)
                    if (auto it = options.preserved_gram->find(l); it != options.preserved_gram->end()) previous = it->second;
                A = alphaedit_solve(K, P, previous, hp.l2);
                info["null_space_dim"] = dim;
                info["null_space_share"] = static_cast<double>(dim) / static_cast<double>(d_ff);
            }
            const auto Rf = R.to(torch::kCPU, torch::kFloat), Af = A.to(torch::kCPU, torch::kFloat);
            solve_s += seconds_since(tk);  // the copy to the host waited for the solve
            tk = std::chrono::steady_clock::now();
            const std::vector<int64_t> shape = down.weight.sizes().vec();
            TensorDelta td = down.in_out_layout ? TensorDelta::low_rank(down.weight_name, shape, Af, Rf)
                                                : TensorDelta::low_rank(down.weight_name, shape, Rf, Af);
            const double w_norm = down.weight.to(torch::kFloat).norm().item<double>();
            info["delta_norm"] = td.norm();
            info["relative"] = td.norm() / std::max(w_norm, 1e-30);
            info["weight"] = down.weight_name;
            per_layer.push_back(info);
            auto updated = (down.weight.to(torch::kFloat) + td.materialize(down.weight.device())).to(down.weight.scalar_type());
            swaps.push_back(model.swap_linear_weight(down.weight_name, updated).value());
            edit.delta.push_back(std::move(td));
            synchronize_device(model.device());
            write_s += seconds_since(tk);
        }
        auto tg = std::chrono::steady_clock::now();
        if (options.key_gram && alpha)
            for (int l : layers) {
                // On the edited model, as the reference accumulates them; projected
                // (alphaedit_solve's symmetric form), and left on the model's device.
                const auto PK = projectors.at(l).mm(memit_keys(model, l, requests, templates).value().t());
                edit.key_gram[l] = PK.mm(PK.t());
            }
        // What the edit reached, on the edited model (the swaps are still in place).
        const auto z_reached = bare_outputs(model, L, requests);
        const double z_error = (z_reached - targets.z).norm().item<double>() / std::max(targets.z.norm().item<double>(), 1e-30);
        swaps.clear();
        timings["spread_s"] = seconds_since(t);
        timings["spread_keys_s"] = keys_s;
        timings["spread_solve_s"] = solve_s;  // AlphaEdit's includes computing projectors (projector_s)
        timings["spread_write_s"] = write_s;
        timings["spread_after_s"] = seconds_since(tg);  // AlphaEdit's key grams and the reached targets
        if (alpha) timings["projector_s"] = projector_s;
        timings["total_s"] = seconds_since(started);

        std::vector<int> steps = targets.steps_run;
        edit.diagnostics = {{"method", alpha ? "alphaedit" : "memit"},
                            {"requests", static_cast<int64_t>(requests.size())},
                            {"layers", layers},
                            {"target_layer", L},
                            {"per_layer", per_layer},
                            {"loss_curve", targets.loss_curve},
                            {"target_steps", steps},
                            {"target_reached_relative_error", z_error},
                            {"mom2", stats.info},
                            {"context_templates", templates},
                            {"hparams", hp.to_json()},
                            {"timings", timings},
                            {"work",
                             {{"target_position_blocks", targets.position_blocks},
                              {"target_position_blocks_unpadded", targets.position_blocks_unpadded}}}};
        return edit;
    });
}

}  // namespace lancet
