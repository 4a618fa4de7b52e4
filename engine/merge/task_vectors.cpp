#include "merge/task_vectors.h"

#include "io/safetensors.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace lancet {

namespace {

std::string shape_text(const std::vector<int64_t>& s) {
    std::ostringstream os;
    os << "[";
    for (size_t i = 0; i < s.size(); ++i) os << (i ? ", " : "") << s[i];
    os << "]";
    return os.str();
}

std::string join_problems(const std::vector<std::string>& problems) {
    std::ostringstream os;
    const size_t shown = std::min<size_t>(problems.size(), 12);
    for (size_t i = 0; i < shown; ++i) os << (i ? "; " : "") << problems[i];
    if (problems.size() > shown) os << "; and " << (problems.size() - shown) << " more";
    return os.str();
}

// Checks a task vector file (metadata + headers) against the base.
void check_task_vector_file(const Model& base, const std::string& file, const TaskCheckOptions& options) {
    const std::string where = "task vector " + file;
    auto st = SafetensorsFile::open(file);
    if (!st) fail(st.error().code, where + ": " + st.error().message);
    const auto& meta = st->metadata();
    auto get = [&](const char* k) {
        auto it = meta.find(k);
        return it == meta.end() ? std::string() : it->second;
    };
    if (get("format") != kTaskVectorFormat)
        fail(ErrorCode::InvalidFile, where + ": not a Lancet task vector (its __metadata__ lacks format \"" +
                                         std::string(kTaskVectorFormat) + "\")");
    nlohmann::json cfg;
    try {
        cfg = nlohmann::json::parse(get("config"));
    } catch (const std::exception& e) {
        fail(ErrorCode::InvalidFile, where + ": its config metadata is not valid JSON (" + e.what() + ")");
    }
    auto arch = architecture_for(cfg);
    if (!arch) fail(ErrorCode::Unsupported, where + ": " + arch.error().message);
    auto parsed = (*arch)->parse_config(cfg);
    if (!parsed) fail(parsed.error().code, where + ": " + parsed.error().message);
    std::vector<std::string> problems;
    if (parsed->family != base.config().family)
        problems.push_back("architecture " + parsed->family + " differs from the base model's " + base.config().family);
    if (parsed->vocab_size != base.config().vocab_size)
        problems.push_back("vocabulary size " + std::to_string(parsed->vocab_size) + " differs from the base's " +
                           std::to_string(base.config().vocab_size));
    if (parsed->n_layer != base.config().n_layer || parsed->d_model != base.config().d_model)
        problems.push_back("shape " + std::to_string(parsed->n_layer) + " layers x " + std::to_string(parsed->d_model) +
                           " wide differs from the base's " + std::to_string(base.config().n_layer) + " x " +
                           std::to_string(base.config().d_model));
    for (const auto& name : st->names()) {
        auto it = base.tensors().find(name);
        if (it == base.tensors().end()) {
            problems.push_back("tensor " + name + " is not in the base model");
            continue;
        }
        auto info = st->info(name);
        if (!info) fail(info.error().code, where + ": " + info.error().message);
        std::vector<int64_t> base_shape(it->second.sizes().begin(), it->second.sizes().end());
        if (info->shape != base_shape)
            problems.push_back("tensor " + name + " has shape " + shape_text(info->shape) + " but the base has " +
                               shape_text(base_shape));
        const bool floating = info->dtype.rfind("F", 0) == 0 || info->dtype == "BF16";
        if (!safetensors_dtype_loadable(info->dtype) || !floating)
            problems.push_back("tensor " + name + " has unsupported dtype " + info->dtype);
    }
    if (!problems.empty())
        fail(ErrorCode::InvalidArgument, where + " does not match the base model: " + join_problems(problems));
    const std::string fp = get("base_fingerprint");
    if (options.same_base && !fp.empty() && fp != base.fingerprint())
        fail(ErrorCode::InvalidArgument,
             where + " was taken from another base model (fingerprint " + fp + "; this base is " + base.fingerprint() +
                 "): rebuild it against this base (tools/task-checkpoints/build.sh for the demo's tasks)");
}

}  // namespace

std::string task_vector_file_of(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_regular_file(path, ec) && fs::path(path).extension() == ".safetensors") return path;
    const fs::path f = fs::path(path) / kTaskVectorFile;
    if (fs::is_regular_file(f, ec)) return f.string();
    return "";
}

Expected<void> check_task_compatible(const Model& base, const std::string& dir, const TaskCheckOptions& options) {
    return capture([&] {
        namespace fs = std::filesystem;
        const std::string tv_file = task_vector_file_of(dir);
        if (!tv_file.empty()) return check_task_vector_file(base, tv_file, options);
        const std::string where = "task checkpoint " + dir;
        const fs::path cfg_path = fs::path(dir) / "config.json";
        if (!fs::exists(cfg_path)) fail(ErrorCode::NotFound, where + ": no config.json");
        nlohmann::json cfg;
        try {
            std::ifstream f(cfg_path);
            cfg = nlohmann::json::parse(f);
        } catch (const std::exception& e) {
            fail(ErrorCode::InvalidFile, where + ": config.json is not valid JSON (" + e.what() + ")");
        }
        auto arch = architecture_for(cfg);
        if (!arch) fail(ErrorCode::Unsupported, where + ": " + arch.error().message);
        auto parsed = (*arch)->parse_config(cfg);
        if (!parsed) fail(parsed.error().code, where + ": " + parsed.error().message);
        std::vector<std::string> problems;
        if (parsed->family != base.config().family)
            problems.push_back("architecture " + parsed->family + " differs from the base model's " +
                               base.config().family);
        if (parsed->vocab_size != base.config().vocab_size)
            problems.push_back("vocabulary size " + std::to_string(parsed->vocab_size) + " differs from the base's " +
                               std::to_string(base.config().vocab_size));
        auto src = TensorSource::open(dir);
        if (!src) fail(src.error().code, where + ": " + src.error().message);
        const auto& arch_ref = base.architecture();
        std::set<std::string> seen;
        for (const auto& name : src->names()) {
            if (arch_ref.is_ignorable(name)) continue;
            seen.insert(name);
            auto it = base.tensors().find(name);
            if (it == base.tensors().end()) {
                problems.push_back("tensor " + name + " is not in the base model");
                continue;
            }
            auto info = src->info(name);
            if (!info) fail(info.error().code, where + ": " + info.error().message);
            std::vector<int64_t> base_shape(it->second.sizes().begin(), it->second.sizes().end());
            if (info->shape != base_shape)
                problems.push_back("tensor " + name + " has shape " + shape_text(info->shape) + " but the base has " +
                                   shape_text(base_shape));
            if (!safetensors_dtype_loadable(info->dtype))
                problems.push_back("tensor " + name + " has unsupported dtype " + info->dtype);
        }
        for (const auto& [name, t] : base.tensors()) {
            if (arch_ref.is_ignorable(name) || seen.count(name)) continue;
            problems.push_back("tensor " + name + " of the base model is missing");
        }
        if (!problems.empty())
            fail(ErrorCode::InvalidArgument, where + " does not match the base model: " + join_problems(problems));
    });
}

Expected<TaskVector> load_task_vector(const Model& base, const std::string& dir, const JobContext& job,
                                      const TaskCheckOptions& options) {
    auto ok = check_task_compatible(base, dir, options);
    if (!ok) return ok.error();
    const std::string tv_file = task_vector_file_of(dir);
    if (!tv_file.empty()) {
        return capture([&] {
            auto st = SafetensorsFile::open(tv_file);
            if (!st) fail(st.error().code, st.error().message);
            torch::NoGradGuard no_grad;
            TaskVector tv;
            tv.path = dir;
            tv.metadata = st->metadata();
            auto it = tv.metadata.find("name");
            tv.name = it != tv.metadata.end() && !it->second.empty()
                          ? it->second
                          : std::filesystem::path(tv_file).parent_path().filename().string();
            const auto names = st->names();
            size_t i = 0;
            for (const auto& name : names) {
                job.check_cancelled();
                job.report(double(i++) / double(std::max<size_t>(names.size(), 1)), "loading " + name);
                auto t = st->tensor(name);
                if (!t) fail(t.error().code, t.error().message);
                tv.delta[name] = t->to(base.tensors().at(name).device(), torch::kFloat).clone();
            }
            return tv;
        });
    }
    return capture([&] {
        auto src = TensorSource::open(dir);
        if (!src) fail(src.error().code, src.error().message);
        torch::NoGradGuard no_grad;
        TaskVector tv;
        tv.path = dir;
        tv.name = std::filesystem::path(dir).filename().string();
        if (tv.name.empty()) tv.name = std::filesystem::path(dir).parent_path().filename().string();
        size_t i = 0;
        const size_t n = base.tensors().size();
        for (const auto& [name, b] : base.tensors()) {
            job.check_cancelled();
            job.report(double(i++) / double(std::max<size_t>(n, 1)), "loading " + name);
            if (!src->contains(name)) continue;  // ignorable, checked above
            auto t = src->tensor(name);
            if (!t) fail(t.error().code, t.error().message);
            auto task = t->to(b.device(), torch::kFloat);
            tv.delta[name] = task - b.to(torch::kFloat);
        }
        return tv;
    });
}

Expected<TaskVector> task_vector_from(const TensorMap& base, const TensorMap& task, const std::string& name) {
    return capture([&] {
        torch::NoGradGuard no_grad;
        TaskVector tv;
        tv.name = name;
        std::vector<std::string> problems;
        for (const auto& [n, b] : base) {
            auto it = task.find(n);
            if (it == task.end()) {
                problems.push_back("tensor " + n + " of the base model is missing");
                continue;
            }
            if (it->second.sizes() != b.sizes()) {
                std::vector<int64_t> a(it->second.sizes().begin(), it->second.sizes().end());
                std::vector<int64_t> c(b.sizes().begin(), b.sizes().end());
                problems.push_back("tensor " + n + " has shape " + shape_text(a) + " but the base has " + shape_text(c));
                continue;
            }
            tv.delta[n] = it->second.to(b.device(), torch::kFloat) - b.to(torch::kFloat);
        }
        for (const auto& [n, t] : task)
            if (!base.count(n)) problems.push_back("tensor " + n + " is not in the base model");
        if (!problems.empty())
            fail(ErrorCode::InvalidArgument, "task " + name + " does not match the base model: " + join_problems(problems));
        return tv;
    });
}

Expected<nlohmann::json> save_task_vector(const Model& base, const TaskVector& tv, const std::string& path,
                                          const SaveTaskVectorOptions& options) {
    return capture([&]() -> nlohmann::json {
        torch::ScalarType dt = torch::kHalf;
        if (options.dtype == "float32") dt = torch::kFloat;
        else if (options.dtype == "bfloat16") dt = torch::kBFloat16;
        else if (options.dtype != "float16")
            fail(ErrorCode::InvalidArgument, "task vector dtype must be float16, bfloat16 or float32, not " + options.dtype);
        torch::NoGradGuard no_grad;
        NamedTensors out;
        std::vector<std::string> left_out;
        std::set<const void*> written;
        double rounding = 0.0;
        int64_t bytes = 0;
        for (const auto& [name, d] : tv.delta) {
            auto bt = base.tensors().find(name);
            if (bt == base.tensors().end()) fail(ErrorCode::InvalidArgument, "tensor " + name + " is not in the base model");
            if (d.sizes() != bt->second.sizes()) fail(ErrorCode::InvalidArgument, "tensor " + name + " has the wrong shape");
            const double mx = d.numel() ? d.abs().max().item<double>() : 0.0;
            if (mx <= options.min_abs || !written.insert(bt->second.data_ptr()).second) {
                left_out.push_back(name);
                continue;
            }
            auto stored = d.to(torch::kCPU, dt).contiguous();
            rounding = std::max(rounding, (stored.to(torch::kFloat) - d.to(torch::kCPU, torch::kFloat)).abs().max().item<double>());
            bytes += stored.numel() * stored.element_size();
            out.push_back({name, stored});
        }
        std::map<std::string, std::string> meta = {{"format", kTaskVectorFormat},
                                                   {"config", base.config_json().dump()},
                                                   {"base_fingerprint", base.fingerprint()},
                                                   {"name", tv.name}};
        if (!options.description.empty()) meta["description"] = options.description;
        auto ok = write_safetensors(path, out, meta);
        if (!ok) fail(ok.error().code, ok.error().message);
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& [n, t] : out) kept.push_back(n);
        return {{"file", path}, {"tensors", kept}, {"left_out", left_out.size()}, {"bytes", bytes},
                {"dtype", options.dtype}, {"max_abs_rounding", rounding}, {"base_fingerprint", base.fingerprint()}};
    });
}

}  // namespace lancet
