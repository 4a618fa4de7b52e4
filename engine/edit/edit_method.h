// The editing-method interface: every method (ROME and r-ROME today; MEMIT,
// AlphaEdit and the fine-tuning family next) takes an EditSpec and a model and
// returns an EditResult: the weight delta, its diagnostics, loss curve and
// timing. It never changes the model: applying, scoring, recording and undo are
// the same for every method (surgery.h, edit_record.h).
//
// Adding a method: implement EditMethod in edit/methods/<name>_method.cpp and
// list it in edit_methods() (edit_method.cpp). The CLI (--method NAME) and the
// workbench (method list, generated parameter form) pick it up from there;
// docs/architecture.md walks through it.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/edit_spec.h"
#include "edit/method_info.h"
#include "edit/weight_delta.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

// How a method finds what it needs besides the request (same for every method).
struct EditRuntime {
    std::vector<std::string> stats_corpus;  // second-moment / Fisher statistics text; empty: the default corpus
    std::string stats_cache_dir;            // "": default_stats_cache_dir()
    bool use_stats_cache = true;
    bool predict_after = true;              // the method's own before/after target scores (cheap)
    std::string v_precision = "auto";       // ROME-family optimisation arithmetic (auto, fp32, tf32, bf16)
    std::map<int, std::string> stats_npz;   // per layer: the reference code's saved statistics (.npz) to use
    // Benchmarks' A/B only: MEMIT/AlphaEdit optimise their targets over whole
    // rows instead of re-running only the suffixes after the subject (memit.h).
    bool whole_rows = false;
    // ... and over suffixes all padded to the longest instead of in groups of similar length.
    bool padded_suffixes = false;
    // ... and ROME/MEMIT/AlphaEdit run their blocks without ForwardInput::fused_kernels.
    bool unfused_kernels = false;
    // ... and their target optimisation runs work no step reads: ROME's edited
    // block every step, the last block's queries and MLP at every position.
    bool all_positions = false;
    // AlphaEdit in sequential use: P C_p P per layer, C_p = Σ K Kᵀ of the edits
    // already made, which the next edit must not disturb (memit.h). The caller that keeps edits
    // (eval/sequential.h) owns it and adds each EditResult::key_gram after applying.
    std::shared_ptr<std::map<int, torch::Tensor>> preserved_gram;
};

struct EditResult {
    std::string method;
    std::vector<int> layers;      // the layers the delta touches
    std::string layer_reason;     // why those layers
    nlohmann::json hparams;       // as used (defaults filled in)
    WeightDelta delta;            // never applied by the method
    // Method-specific diagnostics. Always present: "method", "loss_curve" (array
    // of {loss, ...} per step), "timings" {"total_s", ...}, "delta" (describe_delta),
    // "warnings" (array of strings).
    nlohmann::json diagnostics = nlohmann::json::object();
    double seconds = 0;
    // AlphaEdit with EditRuntime::preserved_gram: (P K)(P K)ᵀ per layer of this
    // edit's keys on the edited model (float32, the model's device), to add to it once applied.
    std::map<int, torch::Tensor> key_gram;
};

class EditMethod {
public:
    virtual ~EditMethod() = default;
    // Description and parameters, with defaults for this model (a method's published
    // settings depend on the architecture); config-free defaults when model is null.
    virtual MethodInfo info(const Model* model) const = 0;
    // The request's hyperparameters over the defaults, validated (validate_hparams
    // plus the method's own cross-field rules).
    virtual Expected<nlohmann::json> resolve_hparams(const Model& model, const EditSpec& spec) const;
    // Layers are chosen before compute (surgery.h: choose_edit_site); a method that
    // needs them gets spec.layers non-empty.
    virtual Expected<EditResult> compute(const Model& model, const EditSpec& spec, const EditRuntime& runtime,
                                         const JobContext& job = {}) const = 0;
    // Several requests in one computation (MEMIT, AlphaEdit: one delta for the
    // batch). The layers and hyperparameters are the first spec's. The default
    // computes a batch of one and refuses larger ones (Unsupported): callers
    // then apply such a method's requests one after another.
    virtual bool batches() const { return false; }
    virtual Expected<EditResult> compute_batch(const Model& model, const std::vector<EditSpec>& specs,
                                               const EditRuntime& runtime, const JobContext& job = {}) const;
};

// Every method, in the order a method list shows them.
const std::vector<std::shared_ptr<const EditMethod>>& edit_methods();
// NotFound naming the methods there are.
Expected<std::shared_ptr<const EditMethod>> find_edit_method(const std::string& name);

}  // namespace lancet
