#include "edit/edit_record.h"

#include "edit/detail.h"
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
constexpr int kVersion = 1;

std::string new_edit_id() {
    static std::atomic<uint64_t> counter{0};
    std::string t = edit_detail::utc_now_iso8601();
    std::string compact;
    for (char c : t)
        if (c != '-' && c != ':') compact += c;
    return "rome-" + compact + "-" + std::to_string(counter.fetch_add(1) + 1);
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

torch::Tensor EditRecord::delta(torch::Device device) const {
    torch::NoGradGuard no_grad;
    auto uu = u.to(device, torch::kFloat), vv = v.to(device, torch::kFloat);
    return in_out_layout ? torch::outer(uu, vv) : torch::outer(vv, uu);
}

nlohmann::json EditRecord::to_json() const {
    return {{"id", id},
            {"method", method},
            {"request", request.to_json()},
            {"layer", layer},
            {"layer_reason", layer_reason},
            {"hparams", hparams},
            {"diagnostics", diagnostics},
            {"weight_name", weight_name},
            {"in_out_layout", in_out_layout},
            {"weight_shape", weight_shape},
            {"base_fingerprint", base_fingerprint},
            {"created_at", created_at}};
}

EditRecord make_edit_record(const RomeEdit& edit, const Model& model) {
    EditRecord r;
    r.id = new_edit_id();
    r.method = "rome";
    r.request = edit.request;
    r.layer = edit.layer;
    r.layer_reason = edit.layer_reason;
    r.hparams = edit.hparams.to_json();
    r.diagnostics = edit.diagnostics;
    r.weight_name = edit.weight_name;
    r.in_out_layout = edit.in_out_layout;
    r.weight_shape = edit.weight_shape;
    r.u = edit.u.to(torch::kCPU, torch::kFloat).contiguous();
    r.v = edit.v.to(torch::kCPU, torch::kFloat).contiguous();
    r.base_fingerprint = model.fingerprint();
    r.created_at = edit_detail::utc_now_iso8601();
    return r;
}

Expected<torch::Tensor> apply_edit_delta(Model& model, const EditRecord& record) {
    return capture([&] {
        torch::NoGradGuard no_grad;
        torch::Tensor& W = model.tensor(record.weight_name);
        if (!record.u.defined() || !record.v.defined())
            fail(ErrorCode::InvalidArgument, "edit " + record.id + " has no factors");
        std::vector<int64_t> expect = record.in_out_layout ? std::vector<int64_t>{record.u.numel(), record.v.numel()}
                                                           : std::vector<int64_t>{record.v.numel(), record.u.numel()};
        if (W.sizes().vec() != expect)
            fail(ErrorCode::InvalidArgument, "edit " + record.id + " does not fit tensor \"" + record.weight_name +
                                                 "\" (its factors give a different shape)");
        torch::Tensor original = W.to(torch::kCPU, W.scalar_type(), /*non_blocking=*/false, /*copy=*/true);
        auto d = record.delta(W.device());
        if (W.scalar_type() == torch::kFloat) W.add_(d);
        else W.copy_((W.to(torch::kFloat) + d).to(W.scalar_type()));
        return original;
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
    auto original = apply_edit_delta(model, record);
    if (!original) return original.error();
    applied_.push_back({std::move(record), std::move(original.value())});
    undone_.clear();
    return {};
}

Expected<void> EditHistory::undo(Model& model) {
    if (auto ok = check_model(model); !ok) return ok.error();
    if (applied_.empty()) return Error{ErrorCode::InvalidArgument, "there is no edit to undo"};
    Entry& e = applied_.back();
    auto r = restore_weight(model, e.record.weight_name, e.original);
    if (!r) return r.error();
    undone_.push_back(std::move(e.record));
    applied_.pop_back();
    return {};
}

Expected<void> EditHistory::redo(Model& model) {
    if (auto ok = check_model(model); !ok) return ok.error();
    if (undone_.empty()) return Error{ErrorCode::InvalidArgument, "there is no edit to redo"};
    auto original = apply_edit_delta(model, undone_.back());
    if (!original) return original.error();
    applied_.push_back({std::move(undone_.back()), std::move(original.value())});
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
                              {"request", r.request.to_json()},
                              {"layer", r.layer},
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
            std::string un = "edit." + std::to_string(i) + ".u", vn = "edit." + std::to_string(i) + ".v";
            auto u = e.u.to(torch::kCPU, torch::kFloat).contiguous();
            auto v = e.v.to(torch::kCPU, torch::kFloat).contiguous();
            tensors.emplace_back(un, u);
            tensors.emplace_back(vn, v);
            nlohmann::json j = e.to_json();
            j["tensors"] = {{"u", {{"name", un}, {"shape", u.sizes().vec()}, {"fnv1a64", tensor_checksum(u)}}},
                            {"v", {{"name", vn}, {"shape", v.sizes().vec()}, {"fnv1a64", tensor_checksum(v)}}}};
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
        if (doc.value("version", 0) != kVersion)
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
                if (r.method != "rome") bad("edit " + r.id + ": unknown method \"" + r.method + "\"");
                auto req = RomeRequest::from_json(j.at("request"));
                if (!req) bad("edit " + r.id + ": " + req.error().message);
                r.request = req.value();
                r.layer = j.at("layer").get<int>();
                r.layer_reason = j.value("layer_reason", "");
                r.hparams = j.value("hparams", nlohmann::json::object());
                r.diagnostics = j.value("diagnostics", nlohmann::json::object());
                r.weight_name = j.at("weight_name").get<std::string>();
                r.in_out_layout = j.at("in_out_layout").get<bool>();
                r.weight_shape = j.value("weight_shape", std::vector<int64_t>{});
                r.base_fingerprint = j.value("base_fingerprint", file.base_fingerprint);
                r.created_at = j.value("created_at", "");
                for (const char* which : {"u", "v"}) {
                    const auto& tj = j.at("tensors").at(which);
                    auto t = st->tensor(tj.at("name").get<std::string>());
                    if (!t) throw EngineException(t.error());
                    auto owned = t->to(torch::kFloat).clone();  // own the memory, not the mapping
                    if (owned.dim() != 1 || tensor_checksum(owned) != tj.at("fnv1a64").get<std::string>())
                        bad("edit " + r.id + ": factor " + which + " does not match " + file.paths.tensors +
                            " (files from different saves?)");
                    (std::string(which) == "u" ? r.u : r.v) = owned;
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
