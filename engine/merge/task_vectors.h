// Task vectors: tau_i = theta_i - theta_base, per tensor, in float32.
//
// A task checkpoint must share the base model's architecture and shapes. The
// check runs on config.json and the safetensors headers only (TensorSource
// infos), before any tensor data is read, and reports every mismatch in words
// naming the tensor.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "model/architecture.h"

#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct TaskVector {
    std::string name;   // display name (folder name by default)
    std::string path;   // the checkpoint folder, empty when built in memory
    TensorMap delta;    // float32, on the base model's device; same names as the base
};

// Checks a checkpoint folder against the base without loading tensor data:
// config family, vocab size, every tensor name and shape. InvalidArgument
// listing the mismatches (naming each tensor) when they differ.
Expected<void> check_task_compatible(const Model& base, const std::string& dir);

// check_task_compatible, then loads the checkpoint and subtracts the base.
Expected<TaskVector> load_task_vector(const Model& base, const std::string& dir, const JobContext& job = {});

// tau = task - base for tensors already in memory (names and shapes must match).
Expected<TaskVector> task_vector_from(const TensorMap& base, const TensorMap& task, const std::string& name = "task");

}  // namespace lancet
