#include "edit/edit_record.h"

#include "edit/detail.h"
#include "edit/methods/rome_method.h"
#include "edit/rome.h"
#include "io/atomic_file.h"
#include "io/safetensors.h"
#include "model/model.h"

#include <torch/torch.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace lancet {

using edit_detail::Fnv1a64;

namespace {

constexpr const char* kJsonSuffix = ".lancet-edit.json";
constexpr const char* kTensorSuffix = ".lancet-edit.safetensors";
constexpr const char* kFormat = "lancet-edit";
// Version 2 stores any method's delta (factors or a dense matrix per tensor);
// version 1 files (ROME's u and v) are still read.
constexpr int kVersion = 2;

std::string new_edit_id(const std::string& method) {
    static std::atomic<uint64_t> counter{0};
    std::string t = edit_detail::utc_now_iso8601();
    std::string compact;
    for (char c : t)
        if (c != '-' && c != ':') compact += c;
    return method + "-" + compact + "-" + std::to_string(counter.fetch_add(1) + 1);
}

std::string tensor_checksum(const torch::Tensor& t) {
    auto c = t.to(torch::kCPU, torch::kFloat).contiguous();
    Fnv1a64 h;
    for (auto s : c.sizes()) h.mix_u64(static_cast<uint64_t>(s));
    h.mix(c.data_ptr<float>(), static_cast<size_t>(c.numel()) * sizeof(float));
    return h.hex();
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

nlohmann::json EditRecord::to_json() const {
    nlohmann::json j{{"id", id},
                     {"method", method},
                     {"request", spec.to_json()},
                     {"layer", layer()},
                     {"layers", layers},
                     {"layer_reason", layer_reason},
                     {"hparams", hparams},
                     {"diagnostics", diagnostics},
                     {"delta", describe_delta(delta)},
                     {"base_fingerprint", base_fingerprint},
                     {"created_at", created_at}};
    if (!delta.empty()) {
        j["weight_name"] = delta.front().weight_name;  // the first (for ROME: the only) edited tensor
        j["weight_shape"] = delta.front().weight_shape;
    }
    return j;
}

EditRecord make_edit_record(const EditResult& result, const EditSpec& spec, const Model& model) {
    EditRecord r;
    r.id = new_edit_id(result.method);
    r.method = result.method;
    r.spec = spec;
    r.spec.method = result.method;
    r.spec.layers = result.layers;
    r.spec.layer_reason = result.layer_reason;
    r.layers = result.layers;
    r.layer_reason = result.layer_reason;
    r.hparams = result.hparams;
    r.diagnostics = result.diagnostics;
    r.delta = result.delta;
    // Each tensor's change relative to the weight it changes (what the history
    // and the compare view plot per layer), for every method alike.
    nlohmann::json described = describe_delta(r.delta);
    {
        torch::NoGradGuard no_grad;
        for (size_t i = 0; i < r.delta.size(); ++i) {
            const double w = model.tensor(r.delta[i].weight_name).to(torch::kFloat).norm().item<double>();
            described[i]["weight_norm"] = w;
            described[i]["relative"] = w > 0 ? described[i]["delta_norm"].get<double>() / w : 0.0;
        }
    }
    r.diagnostics["delta"] = std::move(described);
    r.base_fingerprint = model.fingerprint();
    r.created_at = edit_detail::utc_now_iso8601();
    return r;
}

EditRecord make_edit_record(const RomeEdit& edit, const Model& model) {
    EditSpec spec;
    spec.method = "rome";
    spec.prompt = edit.request.prompt;
    spec.subject = edit.request.subject;
    spec.target_new = edit.request.target_new;
    spec.target_true = edit.request.target_true;
    spec.keep_prompts = edit.request.keep_prompts;
    return make_edit_record(rome_edit_result(edit), spec, model);
}

Expected<std::vector<torch::Tensor>> apply_weight_delta(Model& model, const WeightDelta& delta) {
    return capture([&] {
        torch::NoGradGuard no_grad;
        if (delta.empty()) fail(ErrorCode::InvalidArgument, "the edit changes no tensor");
        // Check every tensor before touching any: a refused edit changes nothing.
        for (const auto& t : delta) {
            const torch::Tensor& W = model.tensor(t.weight_name);
            if (W.sizes().vec() != t.weight_shape)
                fail(ErrorCode::InvalidArgument, "the edit does not fit tensor \"" + t.weight_name +
                                                     "\" (its delta has another shape)");
            if (t.factored() ? (!t.left.defined() || !t.right.defined()) : !t.dense.defined())
                fail(ErrorCode::InvalidArgument, "the edit's delta of \"" + t.weight_name + "\" has no values");
        }
        std::vector<torch::Tensor> originals;
        try {
            for (const auto& t : delta) {
                torch::Tensor& W = model.tensor(t.weight_name);
                originals.push_back(W.to(torch::kCPU, W.scalar_type(), /*non_blocking=*/false, /*copy=*/true));
                auto d = t.materialize(W.device());
                if (W.scalar_type() == torch::kFloat) W.add_(d);
                else W.copy_((W.to(torch::kFloat) + d).to(W.scalar_type()));
            }
        } catch (...) {
            // Out of memory at the k-th tensor (its CPU copy, a factored delta's
            // product, a bfloat16 sum) would leave the first k-1 written and the
            // edit unrecorded: they go back, newest first, from their copies
            // (copy_ allocates nothing on the model's device).
            for (size_t i = originals.size(); i-- > 0;) model.tensor(delta[i].weight_name).copy_(originals[i]);
            throw;
        }
        return originals;
    });
}

Expected<void> restore_weight(Model& model, const std::string& weight_name, const torch::Tensor& original) {
    return capture([&] {
        torch::NoGradGuard no_grad;
        torch::Tensor& W = model.tensor(weight_name);
        if (W.sizes() != original.sizes() || W.scalar_type() != original.scalar_type())
            fail(ErrorCode::InvalidArgument, "cannot restore \"" + weight_name + "\": the saved copy has another shape or dtype");
        W.copy_(original);
    });
}

// ---- history ----------------------------------------------------------------

Expected<void> EditHistory::check_model(const Model& model) {
    if (model_ == nullptr) {
        model_ = &model;
        return {};
    }
    if (model_ != &model)
        return Error{ErrorCode::InvalidArgument, "this edit history belongs to another model"};
    return {};
}

Expected<void> EditHistory::apply(Model& model, EditRecord record) {
    if (auto ok = check_model(model); !ok) return ok.error();
    auto originals = apply_weight_delta(model, record.delta);
    if (!originals) return originals.error();
    applied_.push_back({std::move(record), std::move(originals.value())});
    undone_.clear();
    return {};
}

Expected<void> EditHistory::undo(Model& model) {
    if (auto ok = check_model(model); !ok) return ok.error();
    if (applied_.empty()) return Error{ErrorCode::InvalidArgument, "there is no edit to undo"};
    Entry& e = applied_.back();
    // Newest change first, so a tensor a delta names twice ends at its first copy.
    for (size_t i = e.originals.size(); i-- > 0;) {
        auto r = restore_weight(model, e.record.delta[i].weight_name, e.originals[i]);
        if (!r) return r.error();
    }
    undone_.push_back(std::move(e.record));
    applied_.pop_back();
    return {};
}

Expected<void> EditHistory::redo(Model& model) {
    if (auto ok = check_model(model); !ok) return ok.error();
    if (undone_.empty()) return Error{ErrorCode::InvalidArgument, "there is no edit to redo"};
    auto originals = apply_weight_delta(model, undone_.back().delta);
    if (!originals) return originals.error();
    applied_.push_back({std::move(undone_.back()), std::move(originals.value())});
    undone_.pop_back();
    return {};
}

std::vector<EditRecord> EditHistory::applied() const {
    std::vector<EditRecord> out;
    for (const auto& e : applied_) out.push_back(e.record);
    return out;
}

std::vector<EditRecord> EditHistory::undone() const { return {undone_.rbegin(), undone_.rend()}; }

nlohmann::json EditHistory::list() const {
    nlohmann::json out = nlohmann::json::array();
    auto row = [](const EditRecord& r, size_t index, bool applied) {
        return nlohmann::json{{"index", index},
                              {"id", r.id},
                              {"applied", applied},
                              {"method", r.method},
                              {"request", r.spec.to_json()},
                              {"layer", r.layer()},
                              {"layers", r.layers},
                              {"division_factor", r.diagnostics.value("division_factor", nlohmann::json(nullptr))},
                              {"delta_norm_ratio", r.diagnostics.value("delta_norm_ratio", nlohmann::json(nullptr))},
                              {"created_at", r.created_at}};
    };
    size_t i = 0;
    for (const auto& e : applied_) out.push_back(row(e.record, i++, true));
    for (auto it = undone_.rbegin(); it != undone_.rend(); ++it) out.push_back(row(*it, i++, false));
    return out;
}

void EditHistory::clear() {
    applied_.clear();
    undone_.clear();
    model_ = nullptr;
}

// ---- edit files ---------------------------------------------------------------

EditFilePaths edit_file_paths(const std::string& path) {
    std::string stem = path;
    if (ends_with(stem, kJsonSuffix)) stem.resize(stem.size() - std::string(kJsonSuffix).size());
    else if (ends_with(stem, kTensorSuffix)) stem.resize(stem.size() - std::string(kTensorSuffix).size());
    return {stem + kJsonSuffix, stem + kTensorSuffix};
}

Expected<EditFilePaths> save_edit_file(const std::string& path, const Model& base, const std::vector<EditRecord>& edits) {
    return capture([&] {
        if (edits.empty()) fail(ErrorCode::InvalidArgument, "there are no edits to save");
        EditFilePaths paths = edit_file_paths(path);
        if (fs::path(paths.json).filename().string() == kJsonSuffix)
            fail(ErrorCode::InvalidArgument, "the edit file needs a name before " + std::string(kJsonSuffix));
        for (const auto& e : edits)
            if (e.base_fingerprint != base.fingerprint())
                fail(ErrorCode::InvalidArgument, "edit " + e.id + " was computed on model " + e.base_fingerprint +
                                                     ", not on this base model " + base.fingerprint());
        fs::path parent = fs::path(paths.json).parent_path();
        if (!parent.empty()) {
            std::error_code ec;
            fs::create_directories(parent, ec);
        }
        NamedTensors tensors;
        nlohmann::json list = nlohmann::json::array();
        for (size_t i = 0; i < edits.size(); ++i) {
            const auto& e = edits[i];
            nlohmann::json parts = nlohmann::json::array();
            for (size_t k = 0; k < e.delta.size(); ++k) {
                const TensorDelta& t = e.delta[k];
                const std::string stem = "edit." + std::to_string(i) + "." + std::to_string(k) + ".";
                nlohmann::json part{{"weight", t.weight_name}, {"shape", t.weight_shape}};
                auto add = [&](const char* which, const torch::Tensor& value) {
                    auto c = value.to(torch::kCPU, torch::kFloat).contiguous();
                    tensors.emplace_back(stem + which, c);
                    part[which] = {{"name", stem + which}, {"shape", c.sizes().vec()}, {"fnv1a64", tensor_checksum(c)}};
                };
                if (t.factored()) {
                    add("left", t.left);
                    add("right", t.right);
                } else {
                    add("dense", t.dense);
                }
                parts.push_back(std::move(part));
            }
            nlohmann::json j = e.to_json();
            j["tensors"] = std::move(parts);
            list.push_back(std::move(j));
        }
        auto w = write_safetensors(paths.tensors, tensors, {{"format", kFormat}, {"base_fingerprint", base.fingerprint()}});
        if (!w) throw EngineException(w.error().with_context("writing " + paths.tensors));
        const ModelConfig& c = base.config();
        nlohmann::json doc{{"format", kFormat},
                           {"version", kVersion},
                           {"created_at", edit_detail::utc_now_iso8601()},
                           {"base_model",
                            {{"fingerprint", base.fingerprint()},
                             {"path", base.path()},
                             {"family", c.family},
                             {"n_layer", c.n_layer},
                             {"d_model", c.d_model},
                             {"d_ff", c.d_ff},
                             {"dtype", dtype_name(base.dtype())}}},
                           {"tensors_file", fs::path(paths.tensors).filename().string()},
                           {"edits", list}};
        auto text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        auto wj = write_bytes_atomically(paths.json, text);
        if (!wj) throw EngineException(wj.error().with_context("writing " + paths.json));
        return paths;
    });
}

Expected<EditFile> load_edit_file(const std::string& path) {
    return capture([&] {
        EditFile file;
        file.paths = edit_file_paths(path);
        std::ifstream in(file.paths.json, std::ios::binary);
        if (!in) fail(ErrorCode::NotFound, file.paths.json + ": cannot be opened");
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception& e) {
            fail(ErrorCode::InvalidFile, file.paths.json + ": not valid JSON (" + e.what() + ")");
        }
        auto bad = [&](const std::string& what) { fail(ErrorCode::InvalidFile, file.paths.json + ": " + what); };
        if (!doc.is_object() || doc.value("format", "") != kFormat) bad("not a Lancet edit file");
        const int version = doc.value("version", nlohmann::json(0)).is_number_integer() ? doc["version"].get<int>() : 0;
        if (version != 1 && version != kVersion)
            bad("edit file version " + doc.value("version", nlohmann::json(0)).dump() + " is not supported");
        if (!doc.contains("base_model") || !doc["base_model"].is_object() || !doc["base_model"].contains("fingerprint") ||
            !doc["base_model"]["fingerprint"].is_string())
            bad("no base model fingerprint");
        file.base_model = doc["base_model"];
        file.base_fingerprint = file.base_model["fingerprint"].get<std::string>();
        if (!doc.contains("edits") || !doc["edits"].is_array()) bad("no edit list");
        auto st = SafetensorsFile::open(file.paths.tensors);
        if (!st) throw EngineException(st.error().with_context("the edit file's factors"));
        try {
            for (const auto& j : doc["edits"]) {
                EditRecord r;
                r.id = j.at("id").get<std::string>();
                r.method = j.at("method").get<std::string>();
                if (!find_edit_method(r.method)) bad("edit " + r.id + ": unknown method \"" + r.method + "\"");
                auto spec = EditSpec::from_json(j.at("request"));
                if (!spec) bad("edit " + r.id + ": " + spec.error().message);
                r.spec = spec.value();
                r.spec.method = r.method;
                if (j.contains("layers")) r.layers = j["layers"].get<std::vector<int>>();
                else r.layers = {j.at("layer").get<int>()};
                r.layer_reason = j.value("layer_reason", "");
                r.hparams = j.value("hparams", nlohmann::json::object());
                r.diagnostics = j.value("diagnostics", nlohmann::json::object());
                r.base_fingerprint = j.value("base_fingerprint", file.base_fingerprint);
                r.created_at = j.value("created_at", "");
                // A stored factor, checked against its checksum and shape.
                auto read = [&](const nlohmann::json& tj, const char* which, int64_t dims) {
                    auto t = st->tensor(tj.at("name").get<std::string>()).value();
                    auto owned = t.to(torch::kFloat).clone();  // own the memory, not the mapping
                    if (owned.dim() != dims || tensor_checksum(owned) != tj.at("fnv1a64").get<std::string>())
                        bad("edit " + r.id + ": " + which + " does not match " + file.paths.tensors +
                            " (files from different saves?)");
                    return owned;
                };
                if (version == 1) {  // ROME's u and v; ΔW = u vᵀ ([d_ff, d]) or v uᵀ ([d, d_ff])
                    const auto& tj = j.at("tensors");
                    auto u = read(tj.at("u"), "factor u", 1), v = read(tj.at("v"), "factor v", 1);
                    const bool in_out = j.at("in_out_layout").get<bool>();
                    std::vector<int64_t> shape = in_out ? std::vector<int64_t>{u.numel(), v.numel()}
                                                        : std::vector<int64_t>{v.numel(), u.numel()};
                    const std::string name = j.at("weight_name").get<std::string>();
                    r.delta = {in_out ? TensorDelta::rank_one(name, shape, u, v) : TensorDelta::rank_one(name, shape, v, u)};
                } else {
                    for (const auto& part : j.at("tensors")) {
                        const std::string name = part.at("weight").get<std::string>();
                        const auto shape = part.at("shape").get<std::vector<int64_t>>();
                        if (shape.size() != 2) bad("edit " + r.id + ": tensor \"" + name + "\" is not a matrix");
                        if (part.contains("dense")) {
                            auto d = read(part["dense"], "dense delta", 2);
                            if (d.sizes().vec() != shape) bad("edit " + r.id + ": the dense delta of \"" + name + "\" has another shape");
                            r.delta.push_back(TensorDelta::full(name, d));
                        } else {
                            auto left = read(part.at("left"), "left factor", 2), right = read(part.at("right"), "right factor", 2);
                            auto made = capture([&] { return TensorDelta::low_rank(name, shape, left, right); });
                            if (!made) bad("edit " + r.id + ": " + made.error().message);
                            r.delta.push_back(made.value());
                        }
                    }
                }
                file.edits.push_back(std::move(r));
            }
        } catch (const nlohmann::json::exception& e) {
            bad(std::string("malformed edit entry (") + e.what() + ")");
        }
        return file;
    });
}

Expected<void> replay_edit_file(Model& model, EditHistory& history, const EditFile& file, const JobContext& job) {
    return capture([&] {
        if (model.fingerprint() != file.base_fingerprint) {
            std::string made_for = file.base_fingerprint;
            if (file.base_model.contains("path") && file.base_model["path"].is_string() &&
                !file.base_model["path"].get<std::string>().empty())
                made_for += " (" + file.base_model["path"].get<std::string>() + ")";
            std::string loaded = model.fingerprint();
            if (!model.path().empty()) loaded += " (" + model.path() + ")";
            fail(ErrorCode::InvalidArgument, "the edit file " + file.paths.json + " was made for base model " + made_for +
                                                 " but the loaded model is " + loaded);
        }
        if (history.size() != 0)
            fail(ErrorCode::InvalidArgument, "the model already carries " + std::to_string(history.size()) +
                                                 " edit(s): replay an edit file onto a freshly loaded base model");
        size_t done = 0;
        try {
            for (const auto& r : file.edits) {
                job.check_cancelled();
                auto ok = history.apply(model, r);
                if (!ok) throw EngineException(ok.error().with_context("replaying edit " + r.id));
                ++done;
                job.report(static_cast<double>(done) / static_cast<double>(file.edits.size()),
                           "replayed " + std::to_string(done) + " of " + std::to_string(file.edits.size()) + " edits");
            }
        } catch (...) {
            // Leave the model as it was.
            for (; done > 0; --done) (void)history.undo(model);
            history.clear();
            throw;
        }
    });
}

}  // namespace lancet
