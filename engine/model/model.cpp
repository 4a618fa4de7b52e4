#include "model/model.h"

#include "core/printable.h"
#include "model/checkpoint.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace lancet {

Expected<torch::Device> parse_device(const std::string& text) {
    return capture([&]() -> torch::Device {
        if (text.empty() || text == "cpu") return torch::Device(torch::kCPU);
        if (text == "auto") return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
        if (text.rfind("cuda", 0) == 0) {
            if (!torch::cuda::is_available())
                fail(ErrorCode::Unsupported, "device \"" + text + "\" requested but this build or machine has no CUDA");
            return torch::Device(text);
        }
        fail(ErrorCode::InvalidArgument, "unknown device \"" + text + "\" (use cpu, cuda, cuda:N or auto)");
    });
}

Expected<torch::ScalarType> parse_dtype(const std::string& text, torch::Device device, torch::ScalarType stored) {
    if (text.empty() || text == "auto") {
        // Half-precision matrix products on the CPU are slow (and missing in
        // LibTorch 1.13), so the CPU computes in float32 whatever is stored.
        if (device.is_cpu()) return torch::kFloat;
        return stored;
    }
    if (text == "float32" || text == "fp32" || text == "f32") return torch::kFloat;
    if (text == "float16" || text == "fp16" || text == "f16" || text == "half") return torch::kHalf;
    if (text == "bfloat16" || text == "bf16") return torch::kBFloat16;
    return Error{ErrorCode::InvalidArgument, "unknown dtype \"" + text + "\" (use auto, float32, float16 or bfloat16)"};
}

const char* dtype_name(torch::ScalarType t) {
    switch (t) {
        case torch::kFloat: return "float32";
        case torch::kHalf: return "float16";
        case torch::kBFloat16: return "bfloat16";
        case torch::kDouble: return "float64";
        default: return "other";
    }
}

namespace {

nlohmann::json read_json_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorCode::NotFound, path.string() + ": cannot be opened");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        fail(ErrorCode::InvalidFile, path.string() + ": not valid JSON (" + e.what() + ")");
    }
}

// What the kernel says could be allocated without swapping; -1 when unknown.
int64_t available_host_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    int64_t kb = 0;
    std::string unit;
    while (meminfo >> key >> kb >> unit)
        if (key == "MemAvailable:") return kb * 1024;
    return -1;
}

torch::ScalarType stored_dtype(const TensorMap& tensors) {
    for (const auto& kv : tensors)
        if (kv.second.is_floating_point()) return kv.second.scalar_type();
    return torch::kFloat;
}

}  // namespace

torch::Device TensorPlan::device_of(const std::string& name) const {
    auto it = stage_of.find(name);
    return placement.stage_device(it == stage_of.end() ? placement.embed_stage : it->second);
}

namespace {

// The devices a placement request names, before sizes are known (the dtype depends on them).
std::vector<torch::Device> requested_devices(const LoadOptions& options, int n_layer) {
    if (!options.devices.empty()) {
        auto list = parse_device_list(options.devices);
        if (!list) throw EngineException(list.error().with_context("--devices \"" + options.devices + "\""));
        return *list;
    }
    if (options.placement == "auto" || options.placement == "balanced")
        fail(ErrorCode::InvalidArgument, "--placement " + options.placement + " needs --devices (e.g. cuda:0,cuda:1)");
    return parse_layer_list(options.placement, {}, n_layer).value().stages;
}

}  // namespace

Expected<TensorPlan> plan_tensors(const nlohmann::json& config_json, const TensorMap& tensors, const LoadOptions& options) {
    return capture([&] {
        const Architecture* arch = architecture_for(config_json).value();
        const ModelConfig config = arch->parse_config(config_json).value();
        const int n_layer = static_cast<int>(config.n_layer);
        // Binding the tensors as they are (any device, meta included) only
        // checks names and shapes; it tells which part of the model each one is.
        const ModelWeights bound = arch->bind(config, tensors);
        TensorPlan plan;
        const bool placed = !options.devices.empty() || !options.placement.empty();
        if (!placed) {
            const torch::Device device = parse_device(options.device).value();
            plan.dtype = parse_dtype(options.dtype, device, stored_dtype(tensors)).value();
            plan.placement = single_device_placement(device, n_layer);
        } else {
            // One dtype for the whole model: the CPU's rule when any stage is on the CPU.
            const std::vector<torch::Device> devices = requested_devices(options, n_layer);
            torch::Device dtype_device = devices.front();
            for (const auto& d : devices)
                if (d.is_cpu()) dtype_device = d;
            plan.dtype = parse_dtype(options.dtype, dtype_device, stored_dtype(tensors)).value();
            plan.placement = plan_placement(options.devices, options.placement,
                                            placement_sizes(bound, plan.dtype, config.tied_embeddings))
                                 .value();
        }
        // Tied embeddings are one matrix: the unembedding runs where the
        // embeddings live (the last hidden state goes back to the first
        // stage), rather than keeping a second copy that edits would miss.
        if (config.tied_embeddings) plan.placement.head_stage = plan.placement.embed_stage;
        plan.stage_of = tensor_stages(bound, plan.placement, tensors);
        return plan;
    });
}

void Model::bind_and_check(const LoadOptions& options) {
    arch_ = architecture_for(config_json_).value();
    config_ = arch_->parse_config(config_json_).value();

    // Ignorable buffers go; everything else is converted to the working dtype
    // and moved to the device of its part of the model. Tensors that already
    // match stay zero-copy views of the file.
    for (auto it = tensors_.begin(); it != tensors_.end();) {
        if (arch_->is_ignorable(it->first) && !(it->first == "lm_head.weight" && !config_.tied_embeddings))
            it = tensors_.erase(it);
        else
            ++it;
    }
    TensorPlan plan = plan_tensors(config_json_, tensors_, options).value();
    placement_ = std::move(plan.placement);
    tensor_stage_ = std::move(plan.stage_of);
    dtype_ = plan.dtype;
    device_ = placement_.input_device();
    auto target_device = [&](const std::string& name) {
        auto it = tensor_stage_.find(name);
        return placement_.stage_device(it == tensor_stage_.end() ? placement_.embed_stage : it->second);
    };

    int64_t converted_bytes = 0, total_bytes = 0;
    for (const auto& [name, t] : tensors_) {
        const int64_t bytes = t.numel() * static_cast<int64_t>(c10::elementSize(t.is_floating_point() ? dtype_ : t.scalar_type()));
        total_bytes += bytes;
        const torch::Device to = target_device(name);
        if (to.is_cpu() && t.is_floating_point() && (t.scalar_type() != dtype_ || t.device() != to)) converted_bytes += bytes;
    }
    // Refuse what the machine cannot hold before allocating any of it. On the
    // CPU only converted tensors take memory (matching ones stay mapped from the file).
    if (converted_bytes > 0) {
        const int64_t limit = options.host_memory_limit_bytes > 0 ? options.host_memory_limit_bytes : available_host_bytes();
        if (limit > 0 && converted_bytes > limit)
            fail(ErrorCode::OutOfMemory,
                 std::string("the weights need ") + format_gigabytes(converted_bytes) + " of memory as " + dtype_name(dtype_) +
                     " on the CPU (" + std::to_string(config_.parameter_count() / 1000000) + " M parameters, stored as " +
                     dtype_name(stored_dtype(tensors_)) + "), but only " + format_gigabytes(limit) +
                     " is available; load with --dtype matching the checkpoint, or on a GPU");
    }
    size_t placed = 0;
    for (auto& [name, t] : tensors_) {
        const torch::Device to = target_device(name);
        try {
            if (t.is_floating_point() && (t.scalar_type() != dtype_ || t.device() != to)) t = t.to(to, dtype_);
        } catch (const c10::Error& e) {
            const std::string what = e.what_without_backtrace();
            if (what.find("out of memory") == std::string::npos && what.find("OutOfMemory") == std::string::npos) throw;
            fail(ErrorCode::OutOfMemory, std::string("the weights need ") + format_gigabytes(total_bytes) + " as " +
                                             dtype_name(dtype_) + " in all; " + to.str() + " ran out after " +
                                             std::to_string(placed) + " of " + std::to_string(tensors_.size()) + " tensors");
        }
        ++placed;
        if (options.check_finite && t.is_floating_point() && !torch::isfinite(t).all().item<bool>())
            fail(ErrorCode::InvalidFile, "tensor \"" + name + "\" contains NaN or infinite values");
    }
    memory_bytes_ = total_bytes;
    weights_ = arch_->bind(config_, tensors_);
    if (tokenizer_ && tokenizer_->vocab_size() > config_.vocab_size)
        fail(ErrorCode::InvalidFile, "the tokenizer has " + std::to_string(tokenizer_->vocab_size()) +
                                         " tokens but the model's vocabulary has only " + std::to_string(config_.vocab_size));
    // Warn about tensors the architecture did not bind: a sign of a mislabelled checkpoint.
    std::set<const void*> bound;
    auto note = [&](const torch::Tensor& t) { if (t.defined()) bound.insert(t.unsafeGetTensorImpl()); };
    note(weights_.tok_embed); note(weights_.pos_embed); note(weights_.ln_final.weight); note(weights_.ln_final.bias);
    note(weights_.unembed.weight); note(weights_.unembed.bias);
    for (const auto& l : weights_.layers) {
        for (const Norm* n : {&l.ln_attn, &l.ln_mlp, &l.ln_post_attn, &l.ln_post_mlp, &l.q_norm, &l.k_norm}) {
            note(n->weight);
            note(n->bias);
        }
        for (const Linear* lin : {&l.qkv, &l.q, &l.k, &l.v, &l.attn_out, &l.mlp_in, &l.mlp_gate, &l.mlp_out}) {
            note(lin->weight); note(lin->bias);
        }
    }
    for (const auto& kv : tensors_)
        if (!bound.count(kv.second.unsafeGetTensorImpl())) warnings_.push_back("unused tensor \"" + kv.first + "\"");
    compute_fingerprint();
}

void Model::compute_fingerprint() {
    // FNV-1a over the config, names, shapes and up to 64 strided values of each
    // tensor: cheap, and different for any two checkpoints anyone would confuse.
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](const void* data, size_t n) {
        auto p = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
    };
    std::string cfg = config_json_.dump();
    mix(cfg.data(), cfg.size());
    torch::NoGradGuard no_grad;
    for (const auto& kv : tensors_) {
        mix(kv.first.data(), kv.first.size());
        for (auto s : kv.second.sizes()) mix(&s, sizeof(s));
        auto flat = kv.second.reshape({-1});
        int64_t n = flat.numel();
        if (n == 0) continue;
        int64_t step = std::max<int64_t>(1, n / 64);
        auto sample = flat.slice(0, 0, n, step).to(torch::kCPU, torch::kFloat).contiguous();
        mix(sample.data_ptr<float>(), sample.numel() * sizeof(float));
    }
    std::ostringstream os;
    os << std::hex << h;
    fingerprint_ = os.str();
}

Expected<std::shared_ptr<Model>> Model::load(const std::string& dir, const LoadOptions& options, const JobContext& job) {
    auto result = capture([&]() -> std::shared_ptr<Model> {
        fs::path root(dir);
        if (!fs::is_directory(root)) fail(ErrorCode::NotFound, dir + ": not a model folder");
        std::shared_ptr<Model> model(new Model());
        model->path_ = fs::absolute(root).lexically_normal().string();
        job.report(0.0, "reading config.json");
        model->config_json_ = read_json_file(root / "config.json");
        if (!model->config_json_.is_object()) fail(ErrorCode::InvalidFile, (root / "config.json").string() + ": not a JSON object");
        job.report(0.1, "reading tokenizer");
        model->tokenizer_ = std::make_shared<const Tokenizer>(Tokenizer::from_folder(dir).value());
        job.check_cancelled();
        job.report(0.2, "mapping tensors");
        std::vector<std::string> files;
        model->tensors_ = read_checkpoint_tensors(dir, &files);
        for (const auto& f : files) model->weight_files_.push_back(stamp_file(f));
        job.check_cancelled();
        job.report(0.5, "checking tensors");
        model->bind_and_check(options);
        // Weights moved to a GPU are copies: the files no longer matter to them.
        bool any_cpu = false;
        for (const auto& d : model->placement_.stages) any_cpu = any_cpu || d.is_cpu();
        if (!any_cpu && !model->device_.is_cpu()) model->weight_files_.clear();
        job.report(1.0, "loaded");
        return model;
    });
    if (!result) return result.error().with_context("loading " + dir);
    return result;
}

Expected<std::shared_ptr<Model>> Model::from_tensors(const nlohmann::json& config_json, TensorMap tensors,
                                                     std::shared_ptr<const Tokenizer> tokenizer, const LoadOptions& options) {
    return capture([&]() -> std::shared_ptr<Model> {
        std::shared_ptr<Model> model(new Model());
        model->config_json_ = config_json;
        model->tensors_ = std::move(tensors);
        model->tokenizer_ = std::move(tokenizer);
        model->bind_and_check(options);
        return model;
    });
}

Expected<void> Model::check_weight_files() const {
    const auto changed = changed_in_place(weight_files_);
    if (changed.empty()) return {};
    std::string list;
    for (const auto& c : changed) list += (list.empty() ? "" : "; ") + c;
    return Error{ErrorCode::Io,
                 "the model's weight files were changed on disk after it was opened (" + list +
                     "). Its weights are read from those files as they are used, so Lancet stops rather than read "
                     "a changed file: save the edit history if you need it, then open the model again"};
}

torch::Tensor& Model::tensor(const std::string& name) {
    auto it = tensors_.find(name);
    if (it == tensors_.end()) fail(ErrorCode::NotFound, "model has no tensor \"" + name + "\"");
    return it->second;
}

const torch::Tensor& Model::tensor(const std::string& name) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end()) fail(ErrorCode::NotFound, "model has no tensor \"" + name + "\"");
    return it->second;
}

Expected<Model::WeightSwap> Model::swap_linear_weight(const std::string& name, torch::Tensor replacement) const {
    for (auto& l : weights_.layers)
        for (Linear* lin : {&l.qkv, &l.q, &l.k, &l.v, &l.attn_out, &l.mlp_in, &l.mlp_gate, &l.mlp_out}) {
            if (!lin->weight.defined() || lin->weight_name != name) continue;
            if (replacement.sizes() != lin->weight.sizes() || replacement.scalar_type() != lin->weight.scalar_type())
                return Error{ErrorCode::InvalidArgument, "a replacement for \"" + name + "\" must keep its shape and dtype"};
            torch::Tensor original = lin->weight;
            // The forward pass runs the layer where its weight lives (placed
            // models); the move is differentiable, so a trained leaf elsewhere still learns.
            if (replacement.device() != original.device()) replacement = replacement.to(original.device());
            lin->weight = std::move(replacement);
            return WeightSwap(lin, std::move(original));
        }
    return Error{ErrorCode::NotFound, "no layer of the model has the linear weight \"" + name + "\""};
}

Expected<Model::NormSwap> Model::swap_norm_tensor(const torch::Tensor& current, torch::Tensor replacement) const {
    if (!current.defined()) return Error{ErrorCode::InvalidArgument, "no norm tensor given"};
    if (replacement.sizes() != current.sizes() || replacement.scalar_type() != current.scalar_type())
        return Error{ErrorCode::InvalidArgument, "a replacement norm tensor must keep its shape and dtype"};
    std::vector<Norm*> norms{&weights_.ln_final};
    for (auto& l : weights_.layers)
        for (Norm* n : {&l.ln_attn, &l.ln_mlp, &l.ln_post_attn, &l.ln_post_mlp, &l.q_norm, &l.k_norm}) norms.push_back(n);
    NormSwap swap;
    for (Norm* n : norms)
        for (torch::Tensor* slot : {&n->weight, &n->bias})
            if (slot->defined() && slot->is_same(current)) {
                swap.slots_.emplace_back(slot, *slot);
                *slot = replacement.device() == slot->device() ? replacement : replacement.to(slot->device());
            }
    if (swap.slots_.empty()) return Error{ErrorCode::NotFound, "no norm of the model holds that tensor"};
    return swap;
}

std::vector<std::string> Model::linear_weight_names(int layer) const {
    std::vector<std::string> out;
    if (layer < 0 || layer >= static_cast<int>(weights_.layers.size())) return out;
    auto& l = weights_.layers[static_cast<size_t>(layer)];
    for (const Linear* lin : {&l.qkv, &l.q, &l.k, &l.v, &l.attn_out, &l.mlp_in, &l.mlp_gate, &l.mlp_out})
        if (lin->weight.defined()) out.push_back(lin->weight_name);
    return out;
}

void Model::replace_tensors(TensorMap tensors) {
    tensors_ = std::move(tensors);
    // Merges and the trainer may build tensors anywhere; each goes back to its part's device.
    for (auto& [name, t] : tensors_) {
        auto it = tensor_stage_.find(name);
        const torch::Device to = placement_.stage_device(it == tensor_stage_.end() ? placement_.embed_stage : it->second);
        if (t.device() != to) t = t.to(to);
    }
    weights_ = arch_->bind(config_, tensors_);
}

Encoding Model::encode(std::string_view text) const {
    Encoding enc = tokenizer_->encode(text);
    if (auto bos = tokenizer_->bos_id()) {
        enc.ids.insert(enc.ids.begin(), *bos);
        enc.offsets.insert(enc.offsets.begin(), TokenSpan{0, 0});
    }
    return enc;
}

nlohmann::json Model::summary() const {
    nlohmann::json tensors = nlohmann::json::array();
    for (const auto& kv : tensors_) {
        tensors.push_back({{"name", kv.first}, {"shape", kv.second.sizes().vec()}, {"dtype", dtype_name(kv.second.scalar_type())}});
    }
    return {
        {"path", path_},
        {"architecture", config_.to_json()},
        {"device", device_.str()},
        {"placement", placement_.to_json()},
        {"dtype", dtype_name(dtype_)},
        {"fingerprint", fingerprint_},
        {"tokenizer_vocab_size", tokenizer_ ? tokenizer_->vocab_size() : 0},
        {"tensors", tensors},
        {"warnings", warnings_},
        {"weight_bytes", memory_bytes_},
    };
}

}  // namespace lancet
