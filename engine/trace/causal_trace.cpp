#include "trace/causal_trace.h"
#include "tokenizer/continuation.h"
#include "core/cpu_workers.h"
#include "core/cuda_graph.h"
#include "core/numeric.h"
#include "core/out_of_memory.h"

#include "model/forward.h"
#include "model/model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

namespace lancet {

namespace {

// Not site_of: patching_internal.h declares that name for PatchSite, and a unity batch may hold both files.
Site site_of_kind(TraceKind kind) {
    switch (kind) {
        case TraceKind::Hidden: return Site::BlockOut;
        case TraceKind::Mlp: return Site::MlpOut;
        case TraceKind::Attn: return Site::AttnOut;
    }
    return Site::BlockOut;
}

// One heatmap cell: restore `site` at token `token` for layers [lo, hi).
struct Cell {
    int kind_index = 0;
    int token = 0;
    int layer = 0;
    Site site = Site::BlockOut;
    int lo = 0, hi = 0;
    SeverKind sever = SeverKind::None;
};

// What the clean and corrupted runs leave behind for the cells to start from.
struct TraceStates {
    int64_t S = 0, T = 0;
    torch::Tensor ids;                       // [1, T]
    std::vector<torch::Tensor> clean_block;  // [T, d] per layer
    std::vector<torch::Tensor> clean_mlp, clean_attn;
    std::vector<torch::Tensor> corrupted_in;  // residual entering layer l: [S, T, d]
    std::vector<torch::Tensor> corrupted_mlp, corrupted_attn;  // [S, T, d], severed traces only
    KVCache corrupted_kv;                     // every layer's keys and values of the corrupted run, [S, kv heads, T, d_head]
    torch::Tensor noise;                      // [S, subject tokens, d], already scaled
};

// The layer a cell's rows join the batch at. In block `lo`, the first one a
// cell restores, only the restored token's output differs from the corrupted
// run (attention is causal, and the restoration there is of an output, not of
// what attention reads). So a hidden-state cell's rows join at the next block,
// from the corrupted stream with the restored state written in; an MLP or
// attention cell's rows do the same after a prelude that runs block `lo` at
// that one token (when the chunk is one token's, and `lo` is not the last block).
int entry_layer(const Cell& c, int n_layer, bool prelude) {
    if (c.site == Site::BlockOut) return c.hi;
    return prelude && c.lo + 1 < n_layer ? c.lo + 1 : c.lo;
}

const torch::Tensor& clean_state(const TraceStates& st, Site site, int layer) {
    switch (site) {
        case Site::MlpOut: return st.clean_mlp[layer];
        case Site::AttnOut: return st.clean_attn[layer];
        default: return st.clean_block[layer];
    }
}

// Seeded draws made on the CPU with our own generator, so a trace gives the
// same cells on every device and LibTorch version. Box–Muller for Gaussians.
torch::Tensor make_noise(int64_t S, int64_t n, int64_t d, NoiseKind kind, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    auto out = torch::empty({S, n, d}, torch::kFloat);
    float* p = out.data_ptr<float>();
    const int64_t total = S * n * d;
    if (kind == NoiseKind::Uniform) {
        for (int64_t i = 0; i < total; ++i) p[i] = static_cast<float>(2.0 * uniform(rng) - 1.0);
        return out;
    }
    for (int64_t i = 0; i < total; i += 2) {
        double u1 = 1.0 - uniform(rng), u2 = uniform(rng);
        double r = std::sqrt(-2.0 * std::log(u1));
        p[i] = static_cast<float>(r * std::cos(2.0 * M_PI * u2));
        if (i + 1 < total) p[i + 1] = static_cast<float>(r * std::sin(2.0 * M_PI * u2));
    }
    return out;
}

// Adds (or writes) the noise into the subject's token embeddings of every row;
// row r is corrupted with sample r % S.
SiteHook corruption_hook(const torch::Tensor& noise, int b, int e, bool replace) {
    return [noise, b, e, replace](Site, int, torch::Tensor& x) {
        const int64_t S = noise.size(0);
        const int64_t R = x.size(0);
        auto n = noise.repeat({R / S, 1, 1});
        auto span = x.slice(1, b, e);
        if (replace) span.copy_(n);
        else span.add_(n);
    };
}

// p(answer) per row of logits [rows, V], as 1 / sum_j exp(logit_j - logit_answer).
// That is softmax's value, computed more accurately: on the demo model float32
// softmax is off from a float64 softmax by up to 1.3e-4 in a row's p(answer),
// this by at most 4e-7 (its terms are exact to an ulp and only the sum rounds).
// A sum that overflows means p below float's range, and gives 0. It also writes
// no second vocabulary-wide tensor: on a 256-wide model the 50,257-way
// unembedding is a third of a trace's arithmetic. Rows go in blocks of 256 on
// a CPU: the output matrix is read (and packed by the BLAS) once per block, and
// a block's logits stay about 50 MB for GPT-2's vocabulary (128 rows was some
// 3 % slower on the demo trace, 512 no faster).
torch::Tensor answer_probabilities(const torch::Tensor& logits, int64_t answer) {
    auto l = logits.to(torch::kFloat);
    return torch::exp(l - l.narrow(-1, answer, 1)).sum(-1).reciprocal();
}

double answer_prob(const torch::Tensor& last_logits, int64_t answer) {
    return answer_probabilities(last_logits, answer).mean().item<double>();
}

torch::Tensor row_answer_probs(const Model& model, const torch::Tensor& hidden_last, int64_t answer) {
    const int64_t rows = hidden_last.size(0);
    const int64_t block = hidden_last.is_cuda() ? rows : 256;
    std::vector<torch::Tensor> parts;
    for (int64_t i = 0; i < rows; i += block)
        parts.push_back(answer_probabilities(unembed(model, hidden_last.slice(0, i, std::min(rows, i + block))), answer));
    return parts.size() == 1 ? parts[0] : torch::cat(parts, 0);
}

class Tracer {
public:
    Tracer(const Model& m, const TraceRequest& r, const TraceCallbacks& cb, const JobContext& j)
        : model(m), req(r), callbacks(cb), job(j) {}

    TraceResult run();

private:
    void prepare_setup();
    void run_clean_and_corrupted();
    std::vector<Cell> make_cells();
    bool run_fast(std::vector<Cell>& cells);
    bool run_reference(std::vector<Cell>& cells);
    struct ChunkOutcome {
        std::vector<Cell> cells;  // in the order of `probs`
        std::vector<double> probs;
        bool complete = false;    // false: cancelled part-way
    };
    // Thread-safe (reads the states only): chunks may run side by side on CPU workers.
    ChunkOutcome compute_chunk(const std::vector<Cell>& chunk) const;
    void run_chunk(const std::vector<Cell>& chunk);
    void run_chunks_on_cpu_workers(const std::vector<std::vector<Cell>>& chunks, int workers, size_t& delivered);
    void deliver(const std::vector<Cell>& chunk, const std::vector<double>& probs);
    void add_patches(Interventions& iv, const std::vector<const Cell*>& active, int layer, int64_t first) const;
    int64_t cells_per_chunk() const;

    const Model& model;
    const TraceRequest& req;
    const TraceCallbacks& callbacks;
    const JobContext& job;
    TraceResult result;
    TraceStates st;
    int L = 0;
    int window = 10;
    int64_t total_cells = 0, done_cells = 0;
};

void Tracer::prepare_setup() {
    TraceSetup& s = result.setup;
    if (req.prompt.empty()) fail(ErrorCode::InvalidArgument, "the prompt is empty");
    if (req.samples <= 0) fail(ErrorCode::InvalidArgument, "samples must be at least 1");
    L = static_cast<int>(model.config().n_layer);
    if (req.window && (*req.window < 1 || *req.window > L))
        fail(ErrorCode::InvalidArgument, "window " + std::to_string(*req.window) + " is not between 1 and the model's " +
                                             std::to_string(L) + " layers");
    window = req.window.value_or(default_trace_window(L));
    if (!req.window && window < 10)
        result.notes.push_back("window " + std::to_string(window) + " instead of the reference's 10: the model has " +
                               std::to_string(L) + " layers, and the window keeps the reference's share of the depth "
                               "(10 of GPT-2 XL's 48)");
    if (req.kinds.empty()) fail(ErrorCode::InvalidArgument, "no trace kind requested");
    const Tokenizer& tok = model.tokenizer();
    auto enc = model.encode(req.prompt);
    if (enc.ids.empty()) fail(ErrorCode::InvalidArgument, "the prompt is empty");
    if (static_cast<int64_t>(enc.ids.size()) > model.config().n_positions)
        fail(ErrorCode::InvalidArgument, "the prompt is longer than the model's context");
    s.token_ids = enc.ids;
    for (auto id : enc.ids) s.tokens.push_back(tok.token_bytes(id));
    s.n_layer = L;
    s.window = window;

    s.subject = req.subject;
    if (s.subject.empty()) {
        s.subject = guess_subject(req.prompt);
        s.subject_guessed = true;
        if (s.subject.empty())
            fail(ErrorCode::InvalidArgument, "no subject given and none could be guessed (no capitalised phrase in the prompt)");
    }
    auto at = req.prompt.find(s.subject);
    if (at == std::string::npos)
        fail(ErrorCode::InvalidArgument, "the subject \"" + s.subject + "\" does not occur in the prompt");
    auto span = Tokenizer::tokens_covering(enc, at, at + s.subject.size());
    s.subject_begin = static_cast<int>(span.first);
    s.subject_end = static_cast<int>(span.second);
    if (s.subject_end <= s.subject_begin) fail(ErrorCode::InvalidArgument, "the subject covers no token");

    if (req.noise_std) {
        s.noise_std = *req.noise_std;
        s.noise_std_source = "given";
    } else {
        s.noise_std = req.noise_multiplier * subject_embedding_std(model).value();
        s.noise_std_source = std::to_string(req.noise_multiplier).substr(0, 4) +
                             " x std of subject-token embeddings over Lancet's built-in subject list";
    }
    if (!(s.noise_std >= 0)) fail(ErrorCode::InvalidArgument, "the noise level must be a non-negative number");
}

void Tracer::run_clean_and_corrupted() {
    TraceSetup& s = result.setup;
    const int64_t T = static_cast<int64_t>(s.token_ids.size());
    const int64_t S = req.samples;
    st.S = S;
    st.T = T;
    auto dev = model.device();
    st.ids = torch::tensor(s.token_ids, torch::kLong).view({1, T}).to(dev);

    // Clean run: every state a cell may restore.
    Interventions clean;
    for (int l = 0; l < L; ++l) {
        clean.capture(Site::BlockOut, l);
        clean.capture(Site::MlpOut, l);
        clean.capture(Site::AttnOut, l);
    }
    ForwardInput in;
    in.input_ids = st.ids;
    in.logits = LogitsMode::Last;
    auto clean_logits = forward(model, in, &clean).logits;
    ++result.forward_passes;
    const int64_t top1 = clean_logits[0].argmax().item<int64_t>();
    if (req.target.empty()) {
        s.answer_id = top1;
    } else {
        std::string t = req.target;
        if (t[0] != ' ') t = " " + t;  // the answer follows a space, as it would after the prompt
        Encoding enc;
        enc.ids = continuation_ids(model.tokenizer(), t);
        if (enc.ids.empty()) fail(ErrorCode::InvalidArgument, "the target is empty");
        s.answer_id = enc.ids[0];
        s.correct_prediction = (s.answer_id == top1);
    }
    s.answer = model.tokenizer().token_bytes(s.answer_id);
    s.high_score = answer_prob(clean_logits, s.answer_id);
    for (int l = 0; l < L; ++l) {
        st.clean_block.push_back(clean.captured(Site::BlockOut, l)[0]);
        st.clean_mlp.push_back(clean.captured(Site::MlpOut, l)[0]);
        st.clean_attn.push_back(clean.captured(Site::AttnOut, l)[0]);
    }

    // Corrupted run, once: the residual stream entering each layer is where
    // the rows of that layer's cells start.
    const int64_t d = model.config().d_model;
    const int b = s.subject_begin, e = s.subject_end;
    st.noise = (make_noise(S, e - b, d, req.noise, req.seed) * s.noise_std).to(dev, model.dtype());
    Interventions corrupt;
    corrupt.hook(Site::Embed, 0, corruption_hook(st.noise, b, e, req.replace));
    auto ids_s = st.ids.expand({S, T});
    auto pos = torch::arange(T, st.ids.options()).unsqueeze(0).expand({S, T});
    auto x0 = embed(model, ids_s, pos, &corrupt);
    Interventions record;
    for (int l = 0; l < L; ++l) {
        record.capture(Site::BlockOut, l);
        if (req.sever == SeverKind::Mlp) record.capture(Site::MlpOut, l);
        if (req.sever == SeverKind::Attn) record.capture(Site::AttnOut, l);
    }
    ForwardInput cin;
    cin.input_ids = ids_s;
    cin.start_layer = 0;
    cin.start_hidden = x0;
    cin.logits = LogitsMode::Last;
    cin.cache = &st.corrupted_kv;
    auto corrupted_logits = forward(model, cin, &record).logits;
    ++result.forward_passes;
    s.low_score = answer_prob(corrupted_logits, s.answer_id);
    st.corrupted_in.push_back(x0);
    for (int l = 0; l + 1 < L; ++l) st.corrupted_in.push_back(record.captured(Site::BlockOut, l));
    for (int l = 0; l < L; ++l) {
        if (req.sever == SeverKind::Mlp) st.corrupted_mlp.push_back(record.captured(Site::MlpOut, l));
        if (req.sever == SeverKind::Attn) st.corrupted_attn.push_back(record.captured(Site::AttnOut, l));
    }
}

std::vector<Cell> Tracer::make_cells() {
    std::vector<Cell> cells;
    const int T = static_cast<int>(st.T);
    for (size_t k = 0; k < req.kinds.size(); ++k) {
        TraceKind kind = req.kinds[k];
        TraceKindResult kr;
        kr.kind = kind;
        kr.window = kind == TraceKind::Hidden ? 1 : window;
        kr.scores.assign(T, std::vector<double>(L, kNaN));
        result.kinds.push_back(kr);
        for (int l = 0; l < L; ++l) {
            for (int t = 0; t < T; ++t) {
                Cell c;
                c.kind_index = static_cast<int>(k);
                c.token = t;
                c.layer = l;
                c.site = site_of_kind(kind);
                if (kind == TraceKind::Hidden) {
                    c.lo = l;
                    c.hi = l + 1;
                    c.sever = req.sever;
                } else {
                    // The reference's window: range(max(0, l - w//2), min(L, l - (-w//2))).
                    c.lo = std::max(0, l - window / 2);
                    c.hi = std::min(L, l + (window + 1) / 2);
                }
                cells.push_back(c);
            }
        }
    }
    return cells;
}

int64_t Tracer::cells_per_chunk() const {
    const auto& c = model.config();
    const int64_t el = torch::elementSize(model.dtype());
    // Peak activations of one row in one block: the residual stream and its
    // temporaries, the MLP's inner activations, attention scores; plus the
    // float32 logits row at the end.
    const int64_t per_row = st.T * (c.d_ff * 2 + c.d_model * 10) * el + c.n_head * st.T * st.T * el * 3 + c.vocab_size * 8;
    int64_t budget_mb = req.memory_budget_mb > 0 ? req.memory_budget_mb : (model.device().is_cuda() ? 8192 : 1024);
    int64_t rows = std::max<int64_t>(1, budget_mb * (int64_t(1) << 20) / std::max<int64_t>(per_row, 1));
    int64_t cells = std::max<int64_t>(1, rows / st.S);
    if (req.max_cells_per_chunk > 0) cells = std::min(cells, req.max_cells_per_chunk);
    return cells;
}

void Tracer::deliver(const std::vector<Cell>& chunk, const std::vector<double>& probs) {
    // Group by kind so each callback carries one heatmap's cells.
    for (size_t k = 0; k < result.kinds.size(); ++k) {
        TraceChunk out;
        out.kind = result.kinds[k].kind;
        for (size_t i = 0; i < chunk.size(); ++i) {
            if (chunk[i].kind_index != static_cast<int>(k)) continue;
            result.kinds[k].scores[chunk[i].token][chunk[i].layer] = probs[i];
            out.tokens.push_back(chunk[i].token);
            out.layers.push_back(chunk[i].layer);
            out.probs.push_back(probs[i]);
        }
        if (!out.tokens.empty() && callbacks.on_chunk) callbacks.on_chunk(out);
    }
    done_cells += static_cast<int64_t>(chunk.size());
    result.cells += static_cast<int64_t>(chunk.size());
    job.report(double(done_cells) / double(std::max<int64_t>(total_cells, 1)), "traced " + std::to_string(done_cells) + " of " +
                                                                                   std::to_string(total_cells) + " cells");
}

void Tracer::add_patches(Interventions& iv, const std::vector<const Cell*>& active, int layer, int64_t first) const {
    const int64_t S = st.S;
    for (Site site : {Site::BlockOut, Site::MlpOut, Site::AttnOut}) {
        std::vector<int64_t> rows, positions;
        for (size_t ci = 0; ci < active.size(); ++ci) {
            const Cell& c = *active[ci];
            if (c.site != site || layer < c.lo || layer >= c.hi || c.token < first) continue;
            for (int64_t s = 0; s < S; ++s) {
                rows.push_back(static_cast<int64_t>(ci) * S + s);
                positions.push_back(c.token);
            }
        }
        if (rows.empty()) continue;
        auto dev = model.device();
        auto pos = torch::tensor(positions, torch::kLong).to(dev);
        auto values = clean_state(st, site, layer).index_select(0, pos);
        iv.replace(site, layer, torch::tensor(rows, torch::kLong).to(dev), pos - first, values);
    }
    // Severed traces: the restored token's MLP (attention) outputs above the
    // restored layer keep their corrupted values, sample by sample.
    for (SeverKind sever : {SeverKind::Mlp, SeverKind::Attn}) {
        std::vector<int64_t> rows, positions, samples;
        for (size_t ci = 0; ci < active.size(); ++ci) {
            const Cell& c = *active[ci];
            if (c.sever != sever || layer <= c.layer || c.token < first) continue;
            for (int64_t s = 0; s < S; ++s) {
                rows.push_back(static_cast<int64_t>(ci) * S + s);
                positions.push_back(c.token);
                samples.push_back(s);
            }
        }
        if (rows.empty()) continue;
        auto dev = model.device();
        const auto& frozen = sever == SeverKind::Mlp ? st.corrupted_mlp[layer] : st.corrupted_attn[layer];
        auto pos = torch::tensor(positions, torch::kLong).to(dev);
        auto values = frozen.index({torch::tensor(samples, torch::kLong).to(dev), pos});
        iv.replace(sever == SeverKind::Mlp ? Site::MlpOut : Site::AttnOut, layer, torch::tensor(rows, torch::kLong).to(dev),
                   pos - first, values);
    }
}

// Runs a set of cells in one batched pass: rows join at the first layer their
// cell restores (cells are sorted by it), starting from the corrupted residual
// stream there; all rows leave together after the last layer.
//
// Only positions from the chunk's first restored token on are computed. A
// restored token changes nothing before it (attention is causal), so the
// earlier positions of every row are the corrupted run's, and their keys and
// values come from that run's cache, sample by sample.
void Tracer::run_chunk(const std::vector<Cell>& chunk) {
    ChunkOutcome out = compute_chunk(chunk);
    if (!out.complete) return;
    ++result.forward_passes;
    deliver(out.cells, out.probs);
}

Tracer::ChunkOutcome Tracer::compute_chunk(const std::vector<Cell>& chunk) const {
    ChunkOutcome outcome;
    const int64_t S = st.S, T = st.T;
    std::vector<const Cell*> order;
    for (const auto& c : chunk) order.push_back(&c);
    bool one_token = true;
    for (const auto& c : chunk) one_token = one_token && c.token == chunk.front().token;
    auto entry = [&](const Cell& c) { return entry_layer(c, L, one_token); };
    std::stable_sort(order.begin(), order.end(), [&](const Cell* a, const Cell* b) { return entry(*a) < entry(*b); });
    int64_t first = T - 1;
    for (const Cell* c : order) first = std::min<int64_t>(first, c->token);
    const int64_t Ts = T - first;
    auto dev = model.device();
    auto suffix_ids = st.ids.slice(1, first, T);
    auto suffix_pos = torch::arange(first, T, st.ids.options());
    torch::Tensor x;
    std::vector<const Cell*> active;
    size_t next = 0;
    for (int l = entry(*order.front()); l < L; ++l) {
        if (job.cancelled()) return outcome;
        std::vector<torch::Tensor> joining;
        std::vector<const Cell*> prelude;  // MLP and attention cells whose block l - 1 runs at their token alone
        while (next < order.size() && entry(*order[next]) == l) {
            const Cell& c = *order[next];
            if (c.site == Site::BlockOut) {
                auto rows = st.corrupted_in[l].slice(1, first, T).clone();
                rows.select(1, c.token - first).copy_(st.clean_block[c.lo][c.token]);
                joining.push_back(rows);
                active.push_back(&c);
            } else if (c.lo < l) {
                prelude.push_back(&c);
            } else {
                joining.push_back(st.corrupted_in[l].slice(1, first, T));
                active.push_back(&c);
            }
            ++next;
        }
        if (!prelude.empty()) {
            // Block l - 1 at the chunk's one token, with its restorations, from
            // the corrupted stream and the corrupted keys and values before it.
            const int p = l - 1;
            const int64_t G = static_cast<int64_t>(prelude.size());
            Interventions iv;
            add_patches(iv, prelude, p, first);
            KVCache past;
            if (first > 0) {
                past.keys.resize(p + 1);
                past.values.resize(p + 1);
                past.keys[p] = st.corrupted_kv.keys[p].slice(2, 0, first).repeat({G, 1, 1, 1});
                past.values[p] = st.corrupted_kv.values[p].slice(2, 0, first).repeat({G, 1, 1, 1});
            }
            ForwardInput in;
            in.input_ids = st.ids.slice(1, first, first + 1).expand({G * S, 1});
            in.position_ids = torch::full({G * S, 1}, first, st.ids.options());
            in.start_layer = p;
            in.start_hidden = st.corrupted_in[p].slice(1, first, first + 1).repeat({G, 1, 1});
            in.stop_after_layer = p;
            if (first > 0) in.cache = &past;
            auto restored = forward(model, in, &iv).hidden;  // [G S, 1, d]
            auto rows = st.corrupted_in[l].slice(1, first, T).repeat({G, 1, 1});
            rows.select(1, 0).copy_(restored.select(1, 0));
            joining.push_back(rows);
            active.insert(active.end(), prelude.begin(), prelude.end());
        }
        if (!joining.empty()) {
            if (x.defined()) joining.insert(joining.begin(), x);
            x = torch::cat(joining, 0);
        }
        const int64_t R = x.size(0);
        // The last block's outputs matter at the last position only; patches
        // there at earlier tokens feed nothing and are left out.
        const bool last_block = l == L - 1;
        Interventions iv;
        add_patches(iv, active, l, last_block ? T - 1 : first);
        KVCache past;
        if (first > 0) {
            past.keys.resize(l + 1);
            past.values.resize(l + 1);
            past.keys[l] = st.corrupted_kv.keys[l].slice(2, 0, first).repeat({R / S, 1, 1, 1});
            past.values[l] = st.corrupted_kv.values[l].slice(2, 0, first).repeat({R / S, 1, 1, 1});
        }
        ForwardInput in;
        in.input_ids = suffix_ids.expand({R, Ts});
        in.position_ids = suffix_pos.unsqueeze(0).expand({R, Ts}).to(dev);
        in.start_layer = l;
        in.start_hidden = x;
        in.stop_after_layer = l;
        if (last_block) in.last_block_queries = 1;
        if (first > 0) in.cache = &past;
        x = forward(model, in, &iv).hidden;
    }
    auto probs = row_answer_probs(model, x.select(1, x.size(1) - 1), result.setup.answer_id).view({-1, S}).mean(1).to(torch::kDouble).cpu();
    for (size_t i = 0; i < active.size(); ++i) {
        outcome.cells.push_back(*active[i]);
        outcome.probs.push_back(probs[static_cast<int64_t>(i)].item<double>());
    }
    outcome.complete = true;
    return outcome;
}

void Tracer::run_chunks_on_cpu_workers(const std::vector<std::vector<Cell>>& chunks, int workers, size_t& delivered) {
    SingleThreadedKernels single_threaded;
    std::vector<ChunkOutcome> outcomes(chunks.size());
    run_in_order_on_workers(
        static_cast<int>(chunks.size()), workers,
        [&](int i) { outcomes[static_cast<size_t>(i)] = compute_chunk(chunks[static_cast<size_t>(i)]); },
        [&](int i) {
            ChunkOutcome& out = outcomes[static_cast<size_t>(i)];
            if (!out.complete) return;
            ++result.forward_passes;
            deliver(out.cells, out.probs);
            out = ChunkOutcome();  // its tensors are gone already; this frees the cell lists
            delivered = static_cast<size_t>(i) + 1;
        },
        [&] { return job.cancelled(); });
}

bool Tracer::run_fast(std::vector<Cell>& cells) {
    const int last_token = static_cast<int>(st.T) - 1;
    const TraceSetup& setup = result.setup;
    // Cells known without a forward pass. Tokens before the subject are never
    // corrupted, so restoring them writes the values already there: the low
    // score. Restoring only the last layer at a token other than the last
    // changes nothing on the way to the answer: the low score too. The last
    // layer's output at the last token is the clean run's final state: the high score.
    auto known = [&](const Cell& c) -> std::optional<double> {
        if (c.token < setup.subject_begin) return setup.low_score;
        if (c.site == Site::BlockOut && c.lo == L - 1) return c.token == last_token ? setup.high_score : setup.low_score;
        if (c.token < last_token && c.lo >= L - 1 && c.sever == SeverKind::None) return setup.low_score;
        return std::nullopt;
    };
    std::vector<Cell> trivial, work;
    std::vector<double> trivial_values;
    for (const auto& c : cells) {
        if (auto v = known(c)) {
            trivial.push_back(c);
            trivial_values.push_back(*v);
        } else {
            work.push_back(c);
        }
    }
    if (!trivial.empty()) deliver(trivial, trivial_values);
    if (!trivial.empty())
        result.notes.push_back("cells of tokens before the subject, and cells restoring only the last layer at a token "
                               "before the last, are set to the low score without a forward pass: nothing on the way "
                               "to the answer reads what they restore; the last layer's state at the last token is the "
                               "clean run's, so that cell is the high score");
    // Chunks hold one token's cells, banded by starting layer: a chunk computes
    // only the positions from its token on (run_chunk), so a chunk that mixed
    // tokens would pay for its earliest one.
    std::stable_sort(work.begin(), work.end(), [](const Cell& a, const Cell& b) {
        return a.token != b.token ? a.token < b.token : a.layer < b.layer;
    });
    size_t per_chunk = static_cast<size_t>(cells_per_chunk());
    // On a CPU with several cores, chunks run side by side, one per core
    // (core/cpu_workers.h), each within its share of the memory budget.
    const int workers = !model.device().is_cpu() ? 1 : req.cpu_workers > 0 ? req.cpu_workers : cpu_worker_count();
    if (workers > 1) {
        per_chunk = std::max<size_t>(1, per_chunk / static_cast<size_t>(workers));
        std::vector<std::vector<Cell>> chunks;
        for (size_t i = 0; i < work.size();) {
            size_t end = i;
            while (end < work.size() && end - i < per_chunk && work[end].token == work[i].token) ++end;
            chunks.emplace_back(work.begin() + static_cast<std::ptrdiff_t>(i), work.begin() + static_cast<std::ptrdiff_t>(end));
            i = end;
        }
        if (chunks.size() > 1) {
            size_t delivered = 0;
            try {
                run_chunks_on_cpu_workers(chunks, workers, delivered);
                return !job.cancelled();
            } catch (const std::exception& e) {
                // Short of memory: the chunks not delivered yet go on one at a
                // time below, halving as they must.
                if (!is_out_of_memory(e)) throw;
                ++result.out_of_memory_retries;
                work.clear();
                for (size_t k = delivered; k < chunks.size(); ++k) work.insert(work.end(), chunks[k].begin(), chunks[k].end());
            }
        }
    }
    for (size_t i = 0; i < work.size();) {
        if (job.cancelled()) return false;
        size_t end = i;
        while (end < work.size() && end - i < per_chunk && work[end].token == work[i].token) ++end;
        try {
            run_chunk(std::vector<Cell>(work.begin() + static_cast<std::ptrdiff_t>(i), work.begin() + static_cast<std::ptrdiff_t>(end)));
        } catch (const std::exception& e) {
            // The memory estimate behind cells_per_chunk is a guess, and other
            // programs share the device: a chunk that does not fit is run again
            // as halves (nothing of it was delivered, so nothing is counted
            // twice), down to one cell, which fails with the allocator's
            // message naming the size it asked for.
            if (!is_out_of_memory(e) || end - i <= 1) throw;
            release_cached_cuda_memory();
            per_chunk = std::max<size_t>(1, (end - i) / 2);
            ++result.out_of_memory_retries;
            continue;
        }
        if (job.cancelled()) return false;
        i = end;
    }
    if (result.out_of_memory_retries > 0)
        result.notes.push_back("ran out of memory " + std::to_string(result.out_of_memory_retries) +
                               " time(s) and retried with fewer cells per pass (" + std::to_string(per_chunk) +
                               " at the end); the scores are those of an uninterrupted trace");
    return true;
}

bool Tracer::run_reference(std::vector<Cell>& cells) {
    // The literal reference loop: one forward pass of S corrupted rows per cell.
    const int64_t S = st.S, T = st.T;
    const int b = result.setup.subject_begin, e = result.setup.subject_end;
    auto all_rows = torch::arange(S, st.ids.options());
    for (const auto& c : cells) {
        if (job.cancelled()) return false;
        Interventions iv;
        iv.hook(Site::Embed, 0, corruption_hook(st.noise, b, e, req.replace));
        auto pos = torch::full({S}, c.token, st.ids.options());
        for (int l = c.lo; l < c.hi; ++l)
            iv.replace(c.site, l, all_rows, pos, clean_state(st, c.site, l)[c.token].unsqueeze(0).expand({S, -1}));
        if (c.sever != SeverKind::None) {
            for (int l = c.layer + 1; l < L; ++l) {
                const auto& frozen = c.sever == SeverKind::Mlp ? st.corrupted_mlp[l] : st.corrupted_attn[l];
                iv.replace(c.sever == SeverKind::Mlp ? Site::MlpOut : Site::AttnOut, l, all_rows, pos, frozen.select(1, c.token));
            }
        }
        ForwardInput in;
        in.input_ids = st.ids.expand({S, T});
        in.logits = LogitsMode::Last;
        auto logits = forward(model, in, &iv).logits;
        ++result.forward_passes;
        deliver({c}, {answer_prob(logits, result.setup.answer_id)});
    }
    return true;
}

TraceResult Tracer::run() {
    auto t0 = std::chrono::steady_clock::now();
    torch::InferenceMode guard;
    prepare_setup();
    run_clean_and_corrupted();
    result.setup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (callbacks.on_setup) callbacks.on_setup(result.setup);
    auto cells = make_cells();
    total_cells = static_cast<int64_t>(cells.size());
    bool complete = req.reference_loop ? run_reference(cells) : run_fast(cells);
    result.partial = !complete;
    result.notes.push_back("noise draws come from Lancet's own seeded generator (mt19937_64, Box-Muller), not numpy's "
                           "RandomState(1): the same draws are reused for every cell as in the reference, but the "
                           "values differ from the reference's");
    if (!req.reference_loop)
        result.notes.push_back("cells are computed many per forward pass, each starting from the cached corrupted state "
                               "at its first restored layer; this equals the reference loop to float round-off");
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

}  // namespace

int default_trace_window(int n_layer) {
    if (n_layer <= 0) return 1;
    const int proportional = static_cast<int>(std::lround(10.0 * n_layer / 48.0));
    return std::min(n_layer, std::clamp(proportional, 3, 10));
}

const char* trace_kind_name(TraceKind kind) {
    switch (kind) {
        case TraceKind::Hidden: return "hidden";
        case TraceKind::Mlp: return "mlp";
        case TraceKind::Attn: return "attn";
    }
    return "?";
}

std::optional<TraceKind> parse_trace_kind(const std::string& text) {
    if (text == "hidden" || text == "state") return TraceKind::Hidden;
    if (text == "mlp") return TraceKind::Mlp;
    if (text == "attn" || text == "attention") return TraceKind::Attn;
    return std::nullopt;
}

Expected<TraceResult> causal_trace(const Model& model, const TraceRequest& request, const TraceCallbacks& callbacks,
                                   const JobContext& job) {
    return capture([&] {
        Tracer tracer(model, request, callbacks, job);
        return tracer.run();
    });
}

}  // namespace lancet
