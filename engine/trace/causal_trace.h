// Causal tracing (Meng et al. 2022, "Locating and Editing Factual Associations
// in GPT"), with the reference code's choices (docs/design/rome-spec.md §1):
// Gaussian noise on the subject's token embeddings, the same seeded draws for
// the low score and every cell, restoration of one clean state per cell
// (hidden) or of a window of MLP/attention outputs, the clean answer's
// probability averaged over the corrupted samples.
//
// The fast path computes many cells per forward pass: each cell's rows join the
// batch at the first layer they restore, starting from the cached corrupted
// residual stream there, so no layer below a restoration is recomputed. The
// literal cell-by-cell loop is kept (TraceRequest::reference_loop) as the
// reference the fast path is tested against.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lancet {

class Model;

enum class TraceKind { Hidden, Mlp, Attn };
enum class NoiseKind { Gaussian, Uniform };
enum class SeverKind { None, Mlp, Attn };

const char* trace_kind_name(TraceKind kind);
std::optional<TraceKind> parse_trace_kind(const std::string& text);

struct TraceRequest {
    std::string prompt;
    std::string subject;              // empty: guessed from the prompt (first capitalised phrase)
    std::string target;               // empty: the clean model's top-1 next token
    std::vector<TraceKind> kinds = {TraceKind::Hidden, TraceKind::Mlp, TraceKind::Attn};
    int samples = 10;
    std::optional<double> noise_std;  // absolute std; default noise_multiplier × σ(subject embeddings)
    double noise_multiplier = 3.0;
    NoiseKind noise = NoiseKind::Gaussian;
    bool replace = false;             // replace the subject embeddings by the noise instead of adding it
    std::optional<int> window;        // layers restored per MLP/attention cell; default default_trace_window(layers)
    uint64_t seed = 1;
    SeverKind sever = SeverKind::None;  // hidden kind only: freeze the token's MLP/attn outputs downstream

    bool reference_loop = false;      // the literal cell-by-cell loop (slow; for checks and benchmarks)
    int64_t memory_budget_mb = 0;     // activations per forward pass; 0 = 1024 on CPU, 8192 on CUDA
    int64_t max_cells_per_chunk = 0;  // 0 = as many as the budget allows; small values stream more often
    // CPU: chunks of cells run side by side on this many single-threaded
    // workers (core/cpu_workers.h); 0 = one per core LibTorch uses, 1 = one
    // chunk at a time with each operation spread over the cores.
    int cpu_workers = 0;
};

struct TraceSetup {
    std::vector<int64_t> token_ids;
    std::vector<std::string> tokens;  // each token's text
    int subject_begin = 0, subject_end = 0;  // token span [begin, end)
    bool subject_guessed = false;
    std::string subject;
    int64_t answer_id = -1;
    std::string answer;
    double high_score = 0;  // clean p(answer)
    double low_score = 0;   // corrupted p(answer), mean over samples
    double noise_std = 0;
    std::string noise_std_source;  // "3 x std of subject-token embeddings over N subjects" or "given"
    int n_layer = 0;
    int window = 1;  // layers restored per MLP/attention cell (the request's, else default_trace_window)
    bool correct_prediction = true;  // target named: whether it is the clean top-1
};

// A batch of finished cells of one kind, delivered as soon as its chunk completes.
struct TraceChunk {
    TraceKind kind;
    std::vector<int> tokens;
    std::vector<int> layers;
    std::vector<double> probs;
};

struct TraceCallbacks {
    std::function<void(const TraceSetup&)> on_setup;  // before the first cell
    std::function<void(const TraceChunk&)> on_chunk;
};

struct TraceKindResult {
    TraceKind kind;
    int window = 1;                         // 1 for hidden
    std::vector<std::vector<double>> scores;  // [token][layer]; NaN for cells not computed (cancelled)
};

struct TraceResult {
    TraceSetup setup;
    std::vector<TraceKindResult> kinds;
    bool partial = false;     // cancelled before every cell was computed
    double seconds = 0;
    double setup_seconds = 0;  // tokenising, clean and corrupted runs (part of `seconds`)
    int64_t forward_passes = 0;
    int64_t cells = 0;
    // Chunks that ran out of memory and were run again as two halves (the
    // cells per pass then stay halved for the rest of the trace).
    int64_t out_of_memory_retries = 0;
    std::vector<std::string> notes;  // where Lancet deviates from the reference code, on purpose

    nlohmann::json to_json() const;
    std::string to_csv() const;
    // The largest |difference| between this trace's cell scores and `other`'s
    // (same kinds and shape; NaN cells are skipped): how two ways of tracing agree.
    double max_score_difference(const TraceResult& other) const;
};

// Runs a causal trace. Cancellation (job.cancel) stops within one block's
// forward pass and returns what was computed, with partial = true.
Expected<TraceResult> causal_trace(const Model& model, const TraceRequest& request, const TraceCallbacks& callbacks = {},
                                   const JobContext& job = {});

// σ used for the default noise level: the std of all elements of the token
// embeddings of `subjects` (each tokenised alone), as the reference's
// collect_embedding_std. Cached per model fingerprint. Empty list: a built-in
// list of well-known names.
Expected<double> subject_embedding_std(const Model& model, const std::vector<std::string>& subjects = {});

// The reference's fallback when no subject is given: the first capitalised
// phrase that is not a question word ("Wh(o|at|ere|en|ich|y) "), without a
// leading article or determiner ("The Space Needle" -> "Space Needle"; a lone
// "The" is skipped and the search goes on).
std::string guess_subject(const std::string& prompt);

// The MLP/attention window used when the request names none. The reference
// restores 10 layers around each cell on every model; it chose 10 for the
// 48-layer GPT-2 XL, about a fifth of the depth. On a shallow model 10 covers
// every layer, all columns restore the same modules and the map is flat. So
// the window keeps the paper's share of the depth, round(10 * layers / 48),
// with a floor of 3 (one MLP output alone is too small a part of the residual
// stream to show; the demo model card measured its early site with 3) and a
// ceiling of 10 (the reference's value, never exceeded), and never more than
// the model's layers: 8 layers -> 3, 12 -> 3, 24 -> 5, 28 -> 6, 36 -> 8, 48+ -> 10.
int default_trace_window(int n_layer);

}  // namespace lancet
