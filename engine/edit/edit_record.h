// Edit records: what was edited, how, with which result, and the delta itself
// (weight_delta.h: factored where the method allows); applying them with a bit-exact undo/redo history; and
// edit files (<name>.lancet-edit.json + <name>.lancet-edit.safetensors) that
// replay onto the base model.
//
// Undo is exact, not arithmetic: applying an edit keeps a copy of each edited
// matrix's pre-edit values (on the CPU) and undo copies them back, so
// W + uvᵀ − uvᵀ round-off never accumulates. Memory: one matrix per edit in
// the history (GPT-2 XL's c_proj: 41 MB in float32). Redo recomputes W + ΔW
// from the identical pre-edit values with the identical operations, which is
// deterministic, so it reproduces the first application bit for bit.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/edit_method.h"
#include "edit/edit_spec.h"
#include "edit/weight_delta.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <string>
#include <vector>

namespace lancet {

class Model;
struct RomeEdit;

// One applied (or appliable) edit, whatever the method: the request, the
// method's report and the weight delta itself.
struct EditRecord {
    std::string id;                  // unique within a process ("rome-<time>-<n>")
    std::string method = "rome";
    EditSpec spec;                   // the request, its layers as used
    std::vector<int> layers;         // the layers the delta touches
    std::string layer_reason;
    nlohmann::json hparams;          // as used (EditResult::hparams)
    nlohmann::json diagnostics;      // EditResult::diagnostics
    WeightDelta delta;               // per tensor, factored where the method allows
    std::string base_fingerprint;    // Model::fingerprint() of the model the edit was computed on
    std::string created_at;          // UTC, ISO 8601

    int layer() const { return layers.empty() ? -1 : layers.front(); }
    nlohmann::json to_json() const;  // everything but the delta's tensors (described instead)
};

EditRecord make_edit_record(const EditResult& result, const EditSpec& spec, const Model& model);
// A ROME edit computed with compute_rome directly (benchmarks, tests, the eval loop).
EditRecord make_edit_record(const RomeEdit& edit, const Model& model);

// W ← W + ΔW in place for every tensor of the delta (in float32, rounded once to
// each weight's dtype). Returns the exact pre-edit values of each (CPU copies, in
// the delta's order). InvalidArgument when a tensor is missing or its shape
// differs from the delta's; then nothing is changed.
Expected<std::vector<torch::Tensor>> apply_weight_delta(Model& model, const WeightDelta& delta);
// Copies `original` back into the named weight (bit for bit).
Expected<void> restore_weight(Model& model, const std::string& weight_name, const torch::Tensor& original);

// The applied edits of one model, in order, with undo/redo. All calls must
// pass the same Model (checked).
class EditHistory {
public:
    Expected<void> apply(Model& model, EditRecord record);  // clears the redo stack
    Expected<void> undo(Model& model);                      // InvalidArgument when nothing to undo
    Expected<void> redo(Model& model);                      // InvalidArgument when nothing to redo
    bool can_undo() const { return !applied_.empty(); }
    bool can_redo() const { return !undone_.empty(); }
    size_t size() const { return applied_.size(); }

    std::vector<EditRecord> applied() const;  // oldest first
    std::vector<EditRecord> undone() const;   // next redo first
    // [{index, id, applied, request, layer, division_factor, delta_norm_ratio, created_at}]
    nlohmann::json list() const;
    // Forgets everything (the weights stay as they are).
    void clear();

private:
    struct Entry {
        EditRecord record;
        std::vector<torch::Tensor> originals;  // pre-edit values of each tensor of record.delta (CPU)
    };
    Expected<void> check_model(const Model& model);
    const Model* model_ = nullptr;
    std::vector<Entry> applied_;
    std::vector<EditRecord> undone_;  // back() is the next redo
};

// ---- edit files ---------------------------------------------------------------

struct EditFilePaths {
    std::string json;     // <name>.lancet-edit.json
    std::string tensors;  // <name>.lancet-edit.safetensors
};
// Accepts "<name>", "<name>.lancet-edit.json" or "<name>.lancet-edit.safetensors".
EditFilePaths edit_file_paths(const std::string& path);

struct EditFile {
    std::string base_fingerprint;
    nlohmann::json base_model;       // path, family, layers, ... of the base model (informational)
    std::vector<EditRecord> edits;   // in application order
    EditFilePaths paths;
};

// Writes the factors (safetensors) then the JSON, each atomically. The JSON
// names the tensors and carries a checksum of each so a mismatched pair is
// detected on load. InvalidArgument when an edit was computed on another base.
Expected<EditFilePaths> save_edit_file(const std::string& path, const Model& base, const std::vector<EditRecord>& edits);
Expected<EditFile> load_edit_file(const std::string& path);

// Applies the file's edits through `history` (so each can be undone). Refuses
// (InvalidArgument) a model whose fingerprint is not the file's base, naming
// both, and a model that already carries edits in `history`.
Expected<void> replay_edit_file(Model& model, EditHistory& history, const EditFile& file, const JobContext& job = {});

}  // namespace lancet
