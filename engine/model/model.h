// A loaded model: config, tokenizer, the checkpoint's tensors under their own
// names, and the weight slots the forward pass uses. The engine thread owns it.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "io/file_stamp.h"
#include "model/architecture.h"
#include "model/placement.h"
#include "tokenizer/tokenizer.h"

#include <torch/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

struct LoadOptions {
    std::string device = "cpu";  // "cpu", "cuda", "cuda:N", "auto" (CUDA when present)
    // Layers split across several devices of one host (model/placement.h):
    // `devices` lists them ("cuda:0,cuda:1"; empty: everything on `device`),
    // `placement` says how: "balanced" (equal layers per device), "auto" (by
    // free memory per device) or a layer list "0-15:cuda:0,16-31:cuda:1" (which
    // needs no `devices`). Either one non-empty replaces `device`.
    std::string devices;
    std::string placement;
    std::string dtype = "auto";  // "auto", "float32", "float16", "bfloat16" (also fp32/fp16/bf16)
    bool check_finite = true;    // refuse weights holding NaN or infinity
    // Host memory the weights may take once converted; 0: what the machine has
    // available now (MemAvailable). A model that needs more is refused before any
    // conversion, with the figure it needs.
    int64_t host_memory_limit_bytes = 0;
};

Expected<torch::Device> parse_device(const std::string& text);
// "auto" resolves against the device: float32 on the CPU, the checkpoint's dtype on CUDA
// (a model placed on several devices passes the CPU when any of them is the CPU).
Expected<torch::ScalarType> parse_dtype(const std::string& text, torch::Device device, torch::ScalarType stored);
const char* dtype_name(torch::ScalarType t);

// Where a load with given options puts each checkpoint tensor and in which
// dtype: the placement, and each tensor's stage in it. Model::load uses it,
// and so does random_model, which draws every tensor straight on its device
// (the tensors may be on the meta device: only names and shapes are read).
struct TensorPlan {
    Placement placement;
    torch::ScalarType dtype = torch::kFloat;
    std::map<std::string, int> stage_of;  // checkpoint name -> stage
    torch::Device device_of(const std::string& name) const;
};
Expected<TensorPlan> plan_tensors(const nlohmann::json& config_json, const TensorMap& tensors, const LoadOptions& options);

class Model {
public:
    // Loads a Hugging Face folder: config.json, *.safetensors (single or
    // sharded), tokenizer.json or vocab.json + merges.txt.
    static Expected<std::shared_ptr<Model>> load(const std::string& dir, const LoadOptions& options = {},
                                                 const JobContext& job = {});

    // Builds a model from tensors already in memory (tests, the trainer's fresh init).
    static Expected<std::shared_ptr<Model>> from_tensors(const nlohmann::json& config_json, TensorMap tensors,
                                                         std::shared_ptr<const Tokenizer> tokenizer,
                                                         const LoadOptions& options = {});

    const ModelConfig& config() const { return config_; }
    const nlohmann::json& config_json() const { return config_json_; }
    const Architecture& architecture() const { return *arch_; }
    const ModelWeights& weights() const { return weights_; }
    const Tokenizer& tokenizer() const { return *tokenizer_; }
    std::shared_ptr<const Tokenizer> shared_tokenizer() const { return tokenizer_; }
    const TensorMap& tensors() const { return tensors_; }
    // The input device: where the embeddings live and where input ids, masks
    // and position ids go. Every tensor the forward pass hands back (logits,
    // hidden states, captured sites) is on this device, placed or not.
    torch::Device device() const { return device_; }
    // Where each part lives when the layers are split across devices
    // (model/placement.h); one stage holding everything otherwise.
    const Placement& placement() const { return placement_; }
    torch::Device layer_device(int layer) const { return placement_.layer_device(layer); }
    torch::Device head_device() const { return placement_.head_device(); }  // final norm + unembedding
    torch::ScalarType dtype() const { return dtype_; }
    const std::string& path() const { return path_; }          // empty when built in memory
    const std::vector<std::string>& load_warnings() const { return warnings_; }
    int64_t weight_bytes() const { return memory_bytes_; }  // the bound weights in the working dtype

    // Identifies the base weights (config + tensor names, shapes and a sample of
    // their bytes) for on-disk caches such as second-moment statistics.
    const std::string& fingerprint() const { return fingerprint_; }

    // Fails (ErrorCode::Io) when a weight file the model was loaded from has
    // been changed in place since: its CPU tensors map that file, and reading
    // pages another program truncated would kill the process (io/file_stamp.h).
    // A few stat() calls: the bridge asks before every job.
    Expected<void> check_weight_files() const;

    // The tensor behind a name, for edits (in place, under NoGradGuard) and export.
    torch::Tensor& tensor(const std::string& name);
    const torch::Tensor& tensor(const std::string& name) const;

    // Replaces all tensors (the trainer, merges) and rebinds the slots; each
    // tensor moves to the device its part of the model is placed on.
    void replace_tensors(TensorMap tensors);

    // Points the forward pass's slot for the linear weight `name` at
    // `replacement` (same shape and dtype) until the guard is destroyed. The
    // model's tensors (what undo, export and fingerprints see) are not touched:
    // methods that train weights through autograd (edit/methods/finetune.cpp)
    // run the forward pass on their own tensors without ever writing the model.
    // Engine thread only, like every use of a Model.
    class WeightSwap {
    public:
        WeightSwap(Linear* slot, torch::Tensor original) : slot_(slot), original_(std::move(original)) {}
        WeightSwap(WeightSwap&& o) noexcept : slot_(o.slot_), original_(std::move(o.original_)) { o.slot_ = nullptr; }
        WeightSwap(const WeightSwap&) = delete;
        WeightSwap& operator=(const WeightSwap&) = delete;
        WeightSwap& operator=(WeightSwap&&) = delete;
        ~WeightSwap() {
            if (slot_) slot_->weight = original_;
        }

    private:
        Linear* slot_;
        torch::Tensor original_;
    };
    // A replacement on another device than the weight is moved to the weight's
    // (a placed model runs each layer where its weights live).
    // NotFound when no layer's linear map has that weight; InvalidArgument on a shape or dtype mismatch.
    Expected<WeightSwap> swap_linear_weight(const std::string& name, torch::Tensor replacement) const;
    // Every norm slot (each layer's norms and the final norm, weights and biases)
    // that holds `current` is repointed to `replacement` until the guard is
    // destroyed: one tensor may sit in several slots (GPT-J's one norm per block).
    // NotFound when no slot holds it; InvalidArgument on a shape or dtype mismatch.
    class NormSwap {
    public:
        NormSwap() = default;
        NormSwap(NormSwap&& o) noexcept : slots_(std::move(o.slots_)) { o.slots_.clear(); }
        NormSwap(const NormSwap&) = delete;
        NormSwap& operator=(const NormSwap&) = delete;
        NormSwap& operator=(NormSwap&&) = delete;
        ~NormSwap() {
            for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) *it->first = it->second;
        }

    private:
        friend class Model;
        std::vector<std::pair<torch::Tensor*, torch::Tensor>> slots_;  // slot, original
    };
    Expected<NormSwap> swap_norm_tensor(const torch::Tensor& current, torch::Tensor replacement) const;
    // The checkpoint names of every layer's linear weights (q/k/v or qkv, attention out, MLP in/gate/out).
    std::vector<std::string> linear_weight_names(int layer) const;

    // The tokens the model reads for a prompt: the tokenizer's encoding after the
    // BOS the model's convention prepends (Llama 2, Mistral, Gemma, recent Llama 3
    // files; none for GPT-2, Qwen, NeoX), which gets the empty span [0, 0).
    // Every prompt Lancet runs goes through here; targets that continue a
    // prompt go through continuation_ids (tokenizer/continuation.h).
    Encoding encode(std::string_view text) const;

    nlohmann::json summary() const;  // info for `lancet-cli info`

private:
    Model() = default;
    void bind_and_check(const LoadOptions& options);
    void compute_fingerprint();

    ModelConfig config_;
    nlohmann::json config_json_;
    const Architecture* arch_ = nullptr;
    TensorMap tensors_;
    mutable ModelWeights weights_;  // mutable: swap_linear_weight / swap_norm_tensor repoint slots for a scoped computation
    std::shared_ptr<const Tokenizer> tokenizer_;
    torch::Device device_{torch::kCPU};
    Placement placement_;
    std::map<std::string, int> tensor_stage_;  // checkpoint name -> placement stage
    torch::ScalarType dtype_ = torch::kFloat;
    std::string path_;
    std::string fingerprint_;
    std::vector<std::string> warnings_;
    int64_t memory_bytes_ = 0;
    std::vector<FileStamp> weight_files_;  // as loaded
};

}  // namespace lancet
