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

}  // namespace

Expected<void> check_task_compatible(const Model& base, const std::string& dir) {
    return capture([&] {
        namespace fs = std::filesystem;
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

Expected<TaskVector> load_task_vector(const Model& base, const std::string& dir, const JobContext& job) {
    auto ok = check_task_compatible(base, dir);
    if (!ok) return ok.error();
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

}  // namespace lancet
