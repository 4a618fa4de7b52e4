// The sample filters of ETA (EATA without its Fisher regulariser), which RDumb
// (Press et al. 2023) pairs with a periodic hard reset. For a language model a
// "sample" is one position's next-token distribution p over the vocabulary V:
//   entropy filter     keep positions with H(p) < E0, E0 = ln(V)/2 − 1 by default
//   redundancy filter  keep positions with |cos(p, m)| < 0.05, m a running mean of
//                      the kept positions' p (off until m exists)
//   weights            a kept position's entropy counts 1/exp(H − E0) times (constant)
// m ← ema·m + (1 − ema)·mean(p of this step's kept positions), ema = 0.9, the
// exponential moving average of EATA's code; a step that keeps nothing leaves m.
// docs/design/ttt-and-continual-eval.md §1.3 and §3.3.
#pragma once

#include <torch/types.h>

#include <cstdint>

namespace lancet {

struct EtaOptions {
    double e0 = 0;             // entropy threshold in nats; ≤ 0: ln(V)/2 − 1
    double redundancy = 0.05;  // keep |cos(p, m)| below this
    double ema = 0.9;          // weight of the old running mean
};

// RDumb's threshold for a vocabulary of V tokens: ln(V)/2 − 1.
double eta_default_e0(int64_t vocab);

struct EtaSelection {
    torch::Tensor keep;       // bool [N]
    torch::Tensor weights;    // [N] 1/exp(H − E0) where kept, 0 elsewhere; no gradient
    torch::Tensor probs;      // [N, V] detached softmax, for the running mean
    double e0 = 0;            // the threshold used
    int64_t positions = 0;    // N
    int64_t kept = 0;
    int64_t dropped_entropy = 0;    // H ≥ E0
    int64_t dropped_redundant = 0;  // passed the entropy filter, |cos| ≥ the redundancy margin
};

class EtaFilter {
public:
    explicit EtaFilter(EtaOptions options = {});

    // Which of the positions' logits [N, V] a step learns from, and their weights.
    // Reads the running mean, does not change it.
    EtaSelection select(const torch::Tensor& logits) const;
    // Folds the kept positions of `s` into the running mean.
    void update(const EtaSelection& s);
    // Forgets the running mean (a hard reset forgets it with the weights).
    void reset() { mean_ = torch::Tensor(); }
    const torch::Tensor& running_mean() const { return mean_; }
    const EtaOptions& options() const { return options_; }

private:
    EtaOptions options_;
    torch::Tensor mean_;  // [V] float32, undefined until the first kept position
};

// The filtered objective: Σ_kept w·H / (number kept), differentiable in the
// logits [N, V]. Undefined when nothing is kept (the caller takes no step).
torch::Tensor eta_weighted_entropy(const torch::Tensor& logits, const EtaSelection& s);

}  // namespace lancet
