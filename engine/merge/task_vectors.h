// Task vectors: tau_i = theta_i - theta_base, per tensor, in float32.
//
// Two on-disk forms are accepted wherever a "task checkpoint" is asked for:
//
//   * a Hugging Face folder holding the whole fine-tuned model (config.json +
//     model.safetensors): tau = theta_ft - theta_base, every tensor present;
//   * a Lancet task vector: TASK_DIR/task_vector.safetensors (or a path to any
//     .safetensors file in this form) holding tau itself, ONLY for the tensors
//     the fine-tune changed (usually float16), with __metadata__
//       format          "lancet-task-vector/1"
//       config          the base model's config.json (compact JSON)
//       base_fingerprint Model::fingerprint() of the base it was taken from
//       name, description (optional)
//     Missing tensors mean "unchanged" (tau = 0). Storing tau rather than
//     theta_ft keeps the small deltas exact in float16 and the file small (the
//     demo's tasks change 4 MLPs: ~4 MB instead of 38 MB).
//
// A task must share the base model's architecture and shapes. The check runs
// on config.json (or the metadata) and the safetensors headers only, before
// any tensor data is read, and reports every mismatch in words naming the
// tensor. A task vector taken from another base (fingerprint differs) is
// refused too: its deltas would be applied to weights they were not learned on.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "model/architecture.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct TaskVector {
    std::string name;   // display name (folder name by default)
    std::string path;   // the checkpoint folder, empty when built in memory
    TensorMap delta;    // float32, on the base model's device; same names as the base (a subset for task vector files)
    std::map<std::string, std::string> metadata;  // a task vector file's __metadata__ (empty for folders)
};

inline constexpr const char* kTaskVectorFormat = "lancet-task-vector/1";
inline constexpr const char* kTaskVectorFile = "task_vector.safetensors";

// The task vector file behind a path (the path itself when it names a
// .safetensors file, else DIR/task_vector.safetensors when that exists), or ""
// when the path is a model folder.
std::string task_vector_file_of(const std::string& path);

struct TaskCheckOptions {
    bool same_base = true;  // refuse a task vector file whose base fingerprint differs from the base's
};

// Checks a checkpoint folder against the base without loading tensor data:
// config family, vocab size, every tensor name and shape. InvalidArgument
// listing the mismatches (naming each tensor) when they differ.
Expected<void> check_task_compatible(const Model& base, const std::string& dir, const TaskCheckOptions& options = {});

// check_task_compatible, then loads the checkpoint and subtracts the base.
Expected<TaskVector> load_task_vector(const Model& base, const std::string& dir, const JobContext& job = {},
                                      const TaskCheckOptions& options = {});

struct SaveTaskVectorOptions {
    std::string dtype = "float16";  // float16 | bfloat16 | float32
    double min_abs = 0.0;           // tensors whose largest |tau| is <= this are left out (unchanged)
    std::string description;
};

// Writes tv as a task vector file (atomically) for `base`: only the tensors
// that changed, in options.dtype, with the metadata above. Aliased base tensors
// (tied embeddings) are written once. Returns {file, tensors, left_out, bytes,
// max_abs_rounding} (the largest change the dtype rounding made to a delta).
Expected<nlohmann::json> save_task_vector(const Model& base, const TaskVector& tv, const std::string& path,
                                          const SaveTaskVectorOptions& options = {});

// tau = task - base for tensors already in memory (names and shapes must match).
Expected<TaskVector> task_vector_from(const TensorMap& base, const TensorMap& task, const std::string& name = "task");

}  // namespace lancet
