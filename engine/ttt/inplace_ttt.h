// In-Place TTT (Feng, Luo et al. 2026; docs/design/ttt-and-continual-eval.md §1.5, §3.4):
// the MLP down projections of chosen layers are fast weights, updated chunk by
// chunk with a next-token-aligned target, so a model keeps what it read after
// the text has left its attention window.
//
// For chunk i (positions j of the chunk only):
//   h_j   the down projection's input at layer l (ROME's key; Site::MlpKey)
//   s_j   the target stream: the token embedding of x_j ("next-embedding") or the
//         layer's own residual output ("hidden")
//   t_j   = P · Σ_{o=−2..2} k_o ⊙ s_{j+o}  (depthwise conv, kernel 5, zero outside the chunk)
//   ΔW_i  = η · Σ_j t_j h_jᵀ,  η = lr / mean_j ‖h_j‖²  (in the weight's own layout)
// Chunk i runs with W_i = W_0 + Σ_{k<i} ΔW_k and only then adds ΔW_i: chunk i
// sees exactly the updates of the chunks before it.
//
// The paper's conv and projection are trained (zero-initialised conv, so an
// untrained model gets ΔW = 0). Without an add-on Lancet fixes the conv to one
// kernel for every channel, by default a pure shift (k_{+1} = 1: the target of
// position j is the NEXT token's stream), and P = identity, a [deviation] the
// results carry. With an add-on (ttt/inplace_addon.h, trained by
// ttt/inplace_training.h) each TTT layer has its own per-channel taps and P.
// Applying the rule to GPT-2's ungated MLP is a [deviation] either way.
#pragma once

#include "core/job.h"
#include "ttt/adapt_params.h"
#include "ttt/method.h"

#include <torch/types.h>

#include <array>
#include <memory>
#include <vector>

namespace lancet {

class Model;
struct InplaceAddon;

struct InplaceOptions {
    std::vector<int> layers;                           // empty: every layer of the upper half
    double lr = 1.0;                                   // η·mean‖h‖² (see above)
    std::string target = "next-embedding";             // next-embedding | hidden
    std::array<double, 5> kernel{0, 0, 0, 1, 0};       // taps at offsets −2..+2 (default: the next position)
    int64_t chunk = 64;                                // document mode: tokens per chunk
    // Trained taps and projections per layer; when set, `layers` must be the
    // add-on's layers (inplace_options_with_addon fills them) and `kernel` is unused.
    std::shared_ptr<const InplaceAddon> addon;
};

// options with the add-on's layers, target, lr and chunk (the settings it was trained with).
InplaceOptions inplace_options_with_addon(InplaceOptions options, std::shared_ptr<const InplaceAddon> addon);

// One layer's update for a chunk, in the down projection's own layout
// ([d_ff, d] when in_out, else [d, d_ff]), differentiable in `taps` and `proj`:
//   t = proj · conv(s) with taps [5] (one kernel) or [5, d] (per channel),
//   ΔW = lr / mean_j ‖h_j‖² · Σ_j t_j h_jᵀ.
// h [c, d_ff] and s [c, d] are treated as constants. An undefined proj is the
// identity. Zero when every h is zero.
torch::Tensor inplace_delta(const torch::Tensor& h, const torch::Tensor& s, const torch::Tensor& taps, const torch::Tensor& proj,
                            double lr, bool in_out);

// The layers an empty list means for this model.
std::vector<int> inplace_default_layers(const Model& model);

// Fast weights for the options' layers (AdaptedParams over their down projections).
AdaptedParams inplace_fast_weights(const Model& model, const InplaceOptions& options);

// One forward pass over `window` [1, L] with the fast weights bound; the last
// `chunk_len` positions are the chunk. Returns the logits [L, V]; with `update`,
// then adds the chunk's ΔW to the fast weights.
torch::Tensor inplace_chunk(const Model& model, AdaptedParams& fast, const InplaceOptions& options, const torch::Tensor& window,
                            int64_t chunk_len, bool update);

// How a document of n tokens is read in chunks of `chunk` with a context of
// `context`: chunk [at, end) runs with the tokens [begin, end) that fit the
// context as its window. One definition for test time and for training the
// add-on, which must read a document exactly as test time does.
struct DocumentChunk {
    int64_t at = 0, end = 0, begin = 0;
    int64_t length() const { return end - at; }
    int64_t window() const { return end - begin; }
};
std::vector<DocumentChunk> document_chunks(int64_t n, int64_t chunk, int64_t context);

struct InplaceDocumentRun {
    std::vector<torch::Tensor> chunk_logits;  // per chunk [c, V] (kept when asked)
    std::vector<double> chunk_nll;            // per chunk: mean NLL of its next tokens inside the chunk
};

// A document longer than the context: chunks of options.chunk tokens, each run with
// the previous tokens that fit the context as its attention prefix, each with the
// fast weights of the chunks before it. `update` false gives the frozen model's
// view of the same windows.
InplaceDocumentRun inplace_document(const Model& model, AdaptedParams& fast, const InplaceOptions& options,
                                    const std::vector<int64_t>& ids, bool update, bool keep_logits, const JobContext& job);

// The stream method: each input is one chunk (no prefix), scored before its update.
class InplaceStreamMethod : public TttMethod {
public:
    InplaceStreamMethod(const Model& model, const TttMethodSpec& spec);
    AdaptReport process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict, const JobContext& job) override;

private:
    InplaceOptions options_;
};

InplaceOptions inplace_options_from(const Model& model, const TttMethodSpec& spec);

}  // namespace lancet
