// The test-time training lab's requests and results as typed values.
// Free of LibTorch on purpose (like edit/sequential_types.h): a workbench panel
// can take them as they are, and the CLI prints their to_json() / to_csv().
// docs/design/ttt-and-continual-eval.md §3 describes the methods and protocols.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace lancet {

// Protocol labels carried by every score of a TTT run.
inline constexpr const char* kProtocolTttStream = "ttt-stream";   // per-input scores, before or after adapting (see order)
inline constexpr const char* kProtocolTttChunk = "ttt-inplace-chunk";

// What the adaptation touches and how. Parsed from the CLI's --method list, or
// built by a panel; every field has the default the CLI uses.
struct TttMethodSpec {
    // none | tent | episodic | continual | reset | suta | fastslow | inplace
    //   tent      = continual TENT (the name the literature uses for the online method)
    //   episodic  = TENT, weights reset to the base after every input (SUTA's protocol)
    //   continual = TENT, never reset
    //   reset     = TENT, reset every reset_every inputs (RDumb, with filter = "eta")
    //   suta      = episodic with SUTA's loss (loss = "suta")
    //   fastslow  = fast weights per input from slow weights, slow ← EMA every slow_every inputs,
    //               shift-triggered reset of the slow weights (Dynamic-SUTA, simplified)
    //   inplace   = In-Place TTT: the MLP down projections of `layers` as fast weights, one chunk per input
    std::string kind = "none";
    std::string label;                  // the name shown ("reset:50"); default: kind
    int steps = 1;                      // optimiser steps per input
    double lr = 1e-3;
    std::string optimizer = "adam";     // adam | adamw | sgd
    double sgd_momentum = 0.0;          // sgd: heavy-ball momentum (RDumb's recipe: 0.9 with lr 2.5e-4)
    std::string params = "norms";       // norms | final-norm | norms:L1,L2 | mlp_out:L1,L2 | a checkpoint weight name list
    std::string positions = "last";     // last | all: where the next-token entropy is minimised
    // "predict-then-adapt" (TENT: the scores of input i come before its update) or
    // "adapt-then-predict" (SUTA: adapt on the input, then answer it). "" = the kind's default.
    std::string order;
    int reset_every = 0;                // reset: N inputs between resets
    // The TENT family's objective (tent, continual, episodic, reset, suta, fastslow):
    //   entropy  mean next-token entropy at `positions` (TENT)
    //   suta     α·entropy + (1 − α)·MCC on logits / T at every position (SUTA, ttt/suta_loss.h);
    //            MCC over the union of each position's top-k tokens [deviation]
    std::string loss = "entropy";
    double em_coef = 0.3;               // suta: α
    double temperature = 2.5;           // suta: T
    int mcc_topk = 8;                   // suta: k of the MCC candidate set
    bool mcc_reweight = true;           // suta: MCC position weights 1 + exp(−H)
    // "" | "eta": ETA's entropy and redundancy filters on the entropy objective
    // (ttt/eta_filter.h); with kind reset this is RDumb.
    std::string filter;
    double eta_e0 = 0;                  // eta: entropy threshold (nats); ≤ 0 = ln(V)/2 − 1
    double eta_redundancy = 0.05;       // eta: keep |cos(p, running mean)| below this
    double eta_ema = 0.9;               // eta: running mean ← ema·mean + (1 − ema)·mean(p kept)
    int slow_every = 5;                 // fastslow: inputs between slow updates
    double slow_momentum = 0.5;         // fastslow: slow ← (1 − m)·slow + m·mean(fast of the last slow_every inputs)
    double shift_z = 2.0;               // fastslow: z-score of the base entropy that counts as a shift
    int shift_patience = 2;             // fastslow: consecutive detections before the slow weights reset
    int shift_warmup = 10;              // fastslow: inputs after a reset before detection starts
    // inplace
    std::vector<int> layers;            // TTT layers; empty = the model's upper half, every other layer
    double inplace_lr = 0.0;            // lr of the update (η = lr / mean‖h‖², inplace_ttt.h); 0 = InplaceOptions' default
    std::string inplace_target = "next-embedding";  // next-embedding | hidden
    int inplace_chunk = 0;              // document mode: chunk size in tokens (0 = a quarter of the context)
    std::string inplace_addon;          // a trained conv and projection (ttt/inplace_addon.h); "" = the fixed rule

    std::string display() const { return label.empty() ? kind : label; }
    nlohmann::json to_json() const;
};

// Parses "none,tent,episodic,continual,reset:50,fastslow,inplace" into specs, each
// with the shared settings in `base` (steps, lr, params, ...). Throws nothing:
// an unknown name comes back in `error`.
struct TttMethodList {
    std::vector<TttMethodSpec> methods;
    std::string error;
};
TttMethodList parse_ttt_methods(const std::string& list, const TttMethodSpec& base);

struct TttRecord {
    size_t index = 0;                   // 0-based position in the stream
    std::string segment;                // the stream's phase ("held-out", "register", ...), "" for files
    std::string input;                  // the text (cut to 200 characters)
    std::string prediction;             // the argmax next token after the input, decoded
    std::string label;                  // "" when unlabelled
    bool has_label = false;
    bool correct = false;               // every label token is the teacher-forced argmax
    double label_nll = std::numeric_limits<double>::quiet_NaN();  // mean NLL per label token (nats)
    double entropy = std::numeric_limits<double>::quiet_NaN();    // mean next-token entropy at the method's positions (nats)
    double adapt_loss = std::numeric_limits<double>::quiet_NaN(); // the objective at the input's last step
    double delta_norm = 0;              // ‖θ − θ₀‖ over the adapted parameters, after this input
    bool reset = false;                 // the weights were reset to the base at this input
    // filter "eta": positions per step and how many of them each step kept (0 = no step taken)
    int64_t filter_positions = 0;
    std::vector<int64_t> filter_kept;
    int64_t mcc_candidates = 0;         // loss "suta": the MCC candidate set's size at the first step
    double seconds = 0;
    nlohmann::json to_json() const;
};

struct TttForgettingPoint {
    size_t inputs = 0;                  // inputs seen when measured
    double fact_recall = std::numeric_limits<double>::quiet_NaN();
    double perplexity = std::numeric_limits<double>::quiet_NaN();
    double delta_norm = 0;
    nlohmann::json to_json() const;
};

enum class TttStatus { Completed, Cancelled, Diverged };
const char* ttt_status_name(TttStatus s);

struct TttRun {
    TttMethodSpec method;
    std::string stream;                 // the stream's description
    std::string order;                  // the order actually used
    std::vector<std::string> params;    // the adapted tensors' names
    int64_t param_count = 0;
    std::vector<TttRecord> records;
    std::vector<TttForgettingPoint> forgetting;
    std::string probe_source;
    TttStatus status = TttStatus::Completed;
    std::string message;                // why it stopped (diverged: at which input and step)
    double seconds = 0;
    bool weights_restored = true;       // the model's weights are the base again (checked bit for bit on the adapted set)

    // Summaries over the labelled records.
    double accuracy() const;
    double mean_nll() const;
    double mean_entropy() const;
    // Accuracy per consecutive window of `window` inputs (the lecture's curve).
    std::vector<double> windowed_accuracy(size_t window) const;
    nlohmann::json to_json() const;
    std::string to_csv(bool header = true) const;  // one row per input
};

struct TttComparison {
    std::vector<TttRun> runs;
    nlohmann::json to_json() const;
    std::string to_csv() const;
};

// In-Place TTT demonstration: a long invented document, questions after it.
struct InplaceQuestion {
    std::string prompt;
    std::string answer;
};
struct InplaceDemoRow {
    std::string setting;                // "no adaptation", "in-place TTT", "fine-tune on the document"
    double recall = 0;                  // fraction of questions whose every answer token is the argmax
    double mean_nll = 0;                // mean NLL per answer token
    double mean_rank = 0;               // mean rank of the answer's first token (1 = argmax)
    double seconds = 0;
    std::string note;
    nlohmann::json to_json() const;
};
struct InplaceDemoResult {
    int64_t document_tokens = 0;
    int64_t context = 0;
    int64_t chunk = 0;
    size_t facts = 0;
    std::vector<int> layers;
    double inplace_lr = 0;
    std::string target;
    std::vector<InplaceDemoRow> rows;
    std::vector<double> chunk_nll_base;    // per chunk: mean next-token NLL, frozen model
    std::vector<double> chunk_nll_inplace; // per chunk: with the fast weights of chunks before it
    std::vector<double> delta_norms;       // ‖W_down − W_down,0‖_F per TTT layer at the end
    // With a trained add-on (empty without): its file, layers and chunk, per-chunk NLL and ‖ΔW‖.
    std::string addon_path;
    std::vector<int> addon_layers;
    int64_t addon_chunk = 0;
    std::vector<double> chunk_nll_base_addon;   // the frozen model over the add-on's chunks
    std::vector<double> chunk_nll_addon;
    std::vector<double> delta_norms_addon;
    nlohmann::json addon_training;              // how it was trained (InplaceAddon::training)
    bool weights_restored = true;
    nlohmann::json to_json() const;
};

}  // namespace lancet
