// A general causal-language-model trainer for a Model held in memory: a fresh
// random GPT-2 (model/random_init.h) or a loaded checkpoint being fine-tuned.
//
//   * AdamW (decoupled weight decay, the update of torch.optim.AdamW) written
//     here on plain tensors, so its moments are our own tensors and are saved
//     as safetensors (never pickles); weight decay applies to matrices and
//     embeddings, never to biases or norm weights;
//   * linear warm-up then cosine decay to min_lr;
//   * global gradient-norm clipping;
//   * bf16 autocast on CUDA (float32 master weights), plain float32 on the CPU;
//   * seeded: every batch is a pure function of (seed, step), so a resumed run
//     sees exactly the batches the uninterrupted run would have seen;
//   * resumable: a checkpoint is a Hugging Face folder (config.json,
//     model.safetensors in float32, the tokenizer files) plus
//     trainer_state.json and optimizer.safetensors, published atomically
//     (io/atomic_file.h), so a crash or a cancel never leaves a torn one;
//   * progress (loss, learning rate, tokens/s) and cancel through JobContext.
//     A cancel stops at the next step with ErrorCode::Cancelled; the last
//     complete checkpoint stays, nothing half-written is published.
//
// The training curve goes to OUT/curve.csv (rewritten atomically at each log
// point) and, with evaluations, OUT/evals.jsonl.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct TrainBatch {
    torch::Tensor tokens;     // [batch, seq_len + 1] int64 on the CPU; the model reads [:, :-1], predicts [:, 1:]
    torch::Tensor loss_mask;  // optional [batch, seq_len]: 1 where the target counts in the loss
};

// Where training sequences come from. batch() must be deterministic in
// (step, batch_size, seq_len) for the source's own seed: resuming relies on
// it. The trainer calls it from one background thread at a time (it builds
// the next batch while the device runs the current step).
class BatchSource {
public:
    virtual ~BatchSource() = default;
    virtual TrainBatch batch(int64_t step, int64_t batch_size, int64_t seq_len) = 0;
    // A short description for trainer_state.json.
    virtual nlohmann::json describe() const { return nlohmann::json::object(); }
};

// A 64-bit seed derived from a base seed and up to two indices (splitmix64):
// batch rows draw from std::mt19937_64(derive_seed(seed, step, row)).
uint64_t derive_seed(uint64_t seed, uint64_t a, uint64_t b = 0);

// A source over fixed token sequences (tests, fine-tuning on a small set):
// each row of a batch is a window of the concatenated stream, chosen by a
// generator seeded with (seed, step, row).
class TokenStreamSource : public BatchSource {
public:
    TokenStreamSource(std::vector<int64_t> stream, uint64_t seed) : stream_(std::move(stream)), seed_(seed) {}
    TrainBatch batch(int64_t step, int64_t batch_size, int64_t seq_len) override;
    nlohmann::json describe() const override;

private:
    std::vector<int64_t> stream_;
    uint64_t seed_;
};

struct TrainOptions {
    int64_t steps = 1000;         // optimiser steps in the schedule
    int64_t seq_len = 256;
    int64_t batch_size = 32;      // sequences per optimiser step
    int64_t micro_batch = 0;      // sequences per forward/backward (0 = batch_size); gradients accumulate
    double lr = 1e-3;             // peak learning rate
    double min_lr = 1e-4;         // cosine floor
    int64_t warmup = 100;         // linear warm-up steps from 0 to lr
    double weight_decay = 0.1;
    double beta1 = 0.9;
    double beta2 = 0.95;
    double eps = 1e-8;
    double grad_clip = 1.0;       // global L2 norm; <= 0 disables
    uint64_t seed = 0;            // recorded; the BatchSource carries its own
    std::string precision = "auto";  // "auto" (bf16 autocast on CUDA, fp32 on CPU), "bf16", "fp32"
    bool allow_tf32 = true;       // fp32 matrix products on CUDA use TF32

    int64_t log_every = 10;       // curve points and progress reports
    int64_t checkpoint_every = 0; // 0 = only at the end
    int64_t eval_every = 0;       // calls TrainHooks::evaluate; 0 = only at the end
    int64_t stop_after = 0;       // > 0: stop (with a checkpoint, no export) after this step; the schedule still spans `steps`

    // Fine-tuning a part of the model: ECMAScript regexes searched in tensor
    // names; a tensor none matches stays frozen (no gradient, no optimiser
    // state, written back unchanged). Empty = every floating tensor trains.
    // Task vectors stay small when only a few layers move (merge/task_vectors.h).
    std::vector<std::string> trainable;

    std::string out_dir;          // required: OUT/checkpoint, OUT/final, OUT/curve.csv
    bool resume = false;          // continue from OUT/checkpoint
    std::string export_dtype = "float32";  // dtype of OUT/final/model.safetensors
    std::string tokenizer_dir;    // vocab.json + merges.txt (or tokenizer.json) copied into every folder
    nlohmann::json recipe = nlohmann::json::object();  // stored in trainer_state.json, compared on resume
};

struct TrainPoint {
    int64_t step = 0;             // optimiser steps done
    double loss = 0.0;            // mean training loss over the steps since the last point
    double lr = 0.0;
    double grad_norm = 0.0;       // before clipping, at the last step
    double tokens_per_s = 0.0;
    double elapsed_s = 0.0;       // training time, resumed runs included
    int64_t tokens = 0;           // tokens seen so far
};

struct TrainHooks {
    // Called at eval points and at the end, with the model in its current
    // state (gradients off). Whatever it returns goes to OUT/evals.jsonl and
    // into TrainResult::final_eval.
    std::function<nlohmann::json(const Model& model, int64_t step)> evaluate;
    // Called at each log point (after progress has been reported).
    std::function<void(const TrainPoint& point)> on_log;
};

struct TrainResult {
    int64_t steps_done = 0;
    bool finished = false;            // false when stopped by stop_after
    std::vector<TrainPoint> curve;    // this run's points and, when resumed, the earlier ones
    nlohmann::json final_eval;        // the last evaluate() result (null without a hook)
    std::string checkpoint_dir;       // OUT/checkpoint
    std::string final_dir;            // OUT/final ("" when not finished)
    double train_seconds = 0.0;
};

// Learning rate at step (0-based) under warm-up + cosine.
double scheduled_lr(const TrainOptions& options, int64_t step);

// Trains `model` in place. The model must hold float32 weights (load it with
// dtype float32) on the device training should use; its tensors are replaced
// by owned copies that require gradients while training and are left as plain
// tensors (no grad) afterwards.
Expected<TrainResult> train(Model& model, BatchSource& data, const TrainOptions& options, const TrainHooks& hooks = {},
                            const JobContext& job = {});

// Writes `model` as a Hugging Face folder at `dir` (atomically: staging folder
// + rename; an existing folder is replaced): config.json (torch_dtype set),
// model.safetensors in `dtype`, the tokenizer files from tokenizer_dir and
// any extra files given (name -> contents).
Expected<void> export_hf_folder(const Model& model, const std::string& dir, torch::ScalarType dtype,
                                const std::string& tokenizer_dir,
                                const std::map<std::string, std::string>& extra_files = {});

}  // namespace lancet
