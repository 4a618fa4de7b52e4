// Second-moment statistics C = E[k kᵀ] of the MLP keys (the input of the MLP
// down projection, Site::MlpKey), the matrix ROME's update is whitened with
// (rome: rome/layer_stats.py, docs/design/rome-spec.md §2.4).
//
// Reference semantics kept: uncentred second moment, every non-padding token
// position of every text chunk contributes one key, chunks are at most
// n_positions tokens, the forward pass stops at the deepest requested layer,
// float32 accumulation. Differences, documented:
//   * the sample size counts TOKEN POSITIONS (the reference's mom2_n_samples
//     counts Wikipedia articles, ~44 M tokens for 100,000 articles); the
//     sample is the first `samples` positions of the corpus's documents taken
//     in a fixed pseudo-random order (seed 1), the last chunk truncated;
//   * all requested layers are collected in ONE pass over the text;
//   * documents longer than n_positions are split into consecutive chunks
//     instead of truncated;
//   * the result is symmetrised ((C + Cᵀ)/2) to remove GEMM round-off asymmetry.
// The corpus is plain UTF-8 text: documents are separated by blank lines.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct TextCorpus {
    std::string name;                    // display name ("wordnet-glosses.txt", "a.txt+b.txt", ...)
    std::vector<std::string> files;      // where it was read from (empty when built in memory)
    std::vector<std::string> documents;  // non-empty documents in file order
    std::string hash;                    // 16 hex digits (FNV-1a 64 over the files' sizes and bytes)
    uint64_t bytes = 0;

    // Reads one or more text files; NotFound / InvalidArgument (no text at all).
    static Expected<TextCorpus> from_files(const std::vector<std::string>& paths);
    // In-memory corpus (tests); the hash covers the documents.
    static TextCorpus from_documents(std::string name, std::vector<std::string> documents);
};

// Lancet's shipped corpus, resources/corpus/wordnet-glosses.txt (WordNet 3.0
// glosses; see resources/corpus/LICENSE-NOTES.md). Looked up, in order, in
// $LANCET_CORPUS_DIR, $LANCET_RESOURCES/corpus, an installation's
// bin/../share/lancet/corpus, the build's resources folder
// (LANCET_RESOURCES_DIR), resources/corpus beside the executable and up to
// three parent folders, and the source tree this file was compiled from. NotFound lists the places tried.
Expected<std::string> default_corpus_path();
Expected<TextCorpus> default_corpus();

// $LANCET_CACHE_DIR/stats, else $XDG_CACHE_HOME/lancet/stats, else ~/.cache/lancet/stats.
std::string default_stats_cache_dir();

struct SecondMomentOptions {
    std::vector<int> layers;          // MLP layers whose keys to collect (all in one pass)
    int64_t samples = 100000;         // token positions; 0 = the whole corpus
    std::string cache_dir;            // "" = default_stats_cache_dir()
    bool read_cache = true;
    bool write_cache = true;
    int64_t batch_tokens = 4096;      // padded tokens per forward pass (at least one chunk)
};

struct LayerSecondMoment {
    int layer = 0;
    torch::Tensor mom2;        // [d_ff, d_ff] float32 on the model's device: Σ k kᵀ / count
    int64_t count = 0;         // token positions averaged over
    std::string cache_key;
    std::string cache_file;    // where it is (or would be) cached
    bool from_cache = false;
    bool cached = false;       // cache_file holds this result: read from it, or written by this call
};

struct SecondMomentResult {
    std::vector<LayerSecondMoment> layers;  // in the order requested
    int64_t tokens = 0;             // token positions run through the model by this call (0: all cached)
    double seconds = 0;             // wall time of the forward/accumulate pass
    double tokens_per_second = 0;
    double tokenize_seconds = 0;    // tokenising and chunking the corpus (not in `seconds`)
    std::string corpus_name;
    std::string corpus_hash;
    int64_t samples_requested = 0;
    std::vector<std::string> warnings;

    const LayerSecondMoment* find(int layer) const;
    nlohmann::json to_json() const;  // everything but the tensors
};

// The cache key of one layer's statistics: model fingerprint, layer, corpus
// hash, requested sample count and accumulation dtype (float32).
std::string second_moment_cache_key(const Model& model, int layer, const std::string& corpus_hash, int64_t samples);

// Computes (or loads from the cache, or both) C for every requested layer.
// Progress per batch; cancellation (ErrorCode::Cancelled) between batches.
Expected<SecondMomentResult> compute_second_moments(const Model& model, const TextCorpus& corpus,
                                                    const SecondMomentOptions& options, const JobContext& job = {});

struct InverseSecondMoment {
    torch::Tensor inv;        // (C + ridge·I)⁻¹, float32, on C's device
    double ridge = 0;         // added to the diagonal; 0 when C was used as is
    double ridge_lambda = 0;  // ridge = ridge_lambda · mean(diag C)
    std::string note;         // why a ridge was added
};

// Inverts C in float64 (then casts to float32), as the reference's
// torch.inverse(C).float(). When C is singular or not positive definite
// (Cholesky fails; always when count < d_ff: fewer samples than dimensions,
// e.g. tiny models on tiny corpora) a ridge λ·mean(diag C)·I is added with
// λ = `lambda` (1e-4), multiplied by 10 until Cholesky succeeds (at most 1e-1).
Expected<InverseSecondMoment> invert_second_moment(const torch::Tensor& mom2, int64_t count, double lambda = 1e-4);

}  // namespace lancet
