// Edit records: what was edited, how, with which result, and the delta itself
// as rank-one factors; applying them with a bit-exact undo/redo history; and
// edit files (<name>.lancet-edit.json + <name>.lancet-edit.safetensors) that
// replay onto the base model.
//
// Undo is exact, not arithmetic: applying an edit keeps a copy of the edited
// matrix's pre-edit values (on the CPU) and undo copies them back, so
// W + uvᵀ − uvᵀ round-off never accumulates. Memory: one matrix per edit in
// the history (GPT-2 XL's c_proj: 41 MB in float32). Redo recomputes W + ΔW
// from the identical pre-edit values with the identical operations, which is
// deterministic, so it reproduces the first application bit for bit.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/rome.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <string>
#include <vector>

namespace lancet {

class Model;

struct EditRecord {
    std::string id;                  // unique within a process ("rome-<time>-<n>")
    std::string method = "rome";
    RomeRequest request;
    int layer = -1;
    std::string layer_reason;
    nlohmann::json hparams;          // RomeHyperParams::to_json()
    nlohmann::json diagnostics;      // RomeEdit::diagnostics
    std::string weight_name;         // the edited tensor
    bool in_out_layout = true;       // [d_ff, d] (GPT-2 Conv1D): ΔW = u vᵀ; [d, d_ff] (Linear): ΔW = v uᵀ
    std::vector<int64_t> weight_shape;
    torch::Tensor u;                 // [d_ff] float32, CPU
    torch::Tensor v;                 // [d] float32, CPU
    std::string base_fingerprint;    // Model::fingerprint() of the model the edit was computed on
    std::string created_at;          // UTC, ISO 8601

    // ΔW in the weight's layout (float32) on `device`.
    torch::Tensor delta(torch::Device device = torch::kCPU) const;
    nlohmann::json to_json() const;  // everything but u and v
};

EditRecord make_edit_record(const RomeEdit& edit, const Model& model);

// W ← W + ΔW in place (in float32, rounded once to the weight's dtype).
// Returns the exact pre-edit values of W (a CPU copy). InvalidArgument when
// the tensor is missing or its shape differs from the record's.
Expected<torch::Tensor> apply_edit_delta(Model& model, const EditRecord& record);
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
        torch::Tensor original;  // pre-edit values of record.weight_name (CPU)
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
