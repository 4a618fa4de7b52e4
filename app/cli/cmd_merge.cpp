#include "commands.h"

#include "edit/export.h"
#include "merge/merge.h"
#include "merge/mergekit_yaml.h"

#include <filesystem>
#include <iostream>

namespace lancet::cli {

namespace {

namespace fs = std::filesystem;

// mergekit resolves paths against the working directory; fall back to the config's folder.
std::string resolve(const std::string& path, const fs::path& config_dir) {
    if (path.empty() || fs::path(path).is_absolute() || fs::exists(path)) return path;
    auto alt = config_dir / path;
    return fs::exists(alt) ? alt.string() : path;
}

bool same_path(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

}  // namespace

Command merge_command() {
    Command c;
    c.name = "merge";
    c.synopsis = "merge task checkpoints from a mergekit YAML into a Hugging Face folder";
    c.usage =
        "usage: lancet-cli merge CONFIG.yml --out DIR [--device D] [--json]\n\n"
        "CONFIG.yml: mergekit YAML (merge_method linear, task_arithmetic, ties, dare_ties, dare_linear;\n"
        "base_model; models with parameters weight and density; parameters lambda and normalize; dtype).\n"
        "Every model must share the base model's architecture and shapes (checked before loading).\n"
        "DARE masks use a fixed seed; DARE rescales by 1/(1-p) as in the paper.\n"
        "The output folder is written atomically and never over an input.\n\n"
        "JSON fields: dir, files, dtype, method, base_model, tasks[{model, weight, density}].\n";
    c.spec.options = {"out", "device"};
    c.spec.flags = {"json"};
    c.spec.min_positional = 1;
    c.spec.max_positional = 1;
    c.run = [](const Args& args) {
        const std::string config = args.positional().at(0);
        const std::string out = args.require("out");
        auto spec = load_mergekit_yaml(config);
        if (!spec) throw_error(spec.error());
        MergeSpec s = spec.value();
        const fs::path config_dir = fs::path(config).parent_path();
        for (auto& t : s.tasks) t.model = resolve(t.model, config_dir);
        std::string base = s.base_model.empty() ? s.tasks.at(0).model : resolve(s.base_model, config_dir);
        s.base_model = base;
        if (same_path(out, base)) throw UsageError("--out must not be the base model's folder");
        for (const auto& t : s.tasks)
            if (same_path(out, t.model)) throw UsageError("--out must not be an input model's folder (" + t.model + ")");
        if (fs::exists(out)) throw UsageError("--out " + out + " already exists; choose a new folder");
        LoadOptions lo;
        lo.device = args.get_or("device", "cpu");
        lo.dtype = "float32";
        // Fail early: check every checkpoint's header before loading any weights.
        auto model_r = Model::load(base, lo);
        if (!model_r) throw_error(model_r.error().with_context("loading the base model " + base));
        auto model = model_r.value();
        for (const auto& t : s.tasks) {
            auto ok = check_task_compatible(*model, t.model);
            if (!ok) throw_error(ok.error());
        }
        std::vector<TaskVector> tasks;
        for (const auto& t : s.tasks) {
            auto tv = load_task_vector(*model, t.model);
            if (!tv) throw_error(tv.error());
            tasks.push_back(std::move(tv.value()));
        }
        auto merger = Merger::create(model, std::move(tasks), s);
        if (!merger) throw_error(merger.error());
        ExportOptions eo;
        eo.dtype = s.dtype.empty() ? "model" : s.dtype;
        eo.provenance = {{"merge", to_mergekit_yaml(s)}};
        auto exported = export_hf_folder(*model, out, eo);
        if (!exported) throw_error(exported.error());
        nlohmann::json j;
        j["dir"] = exported->dir;
        j["files"] = exported->files;
        j["dtype"] = exported->dtype;
        j["method"] = merge_method_name(s.method);
        j["base_model"] = base;
        j["tasks"] = nlohmann::json::array();
        for (const auto& t : s.tasks) j["tasks"].push_back({{"model", t.model}, {"weight", t.weight}, {"density", t.density}});
        if (args.flag("json")) {
            print_json(j);
            return kOk;
        }
        std::cout << "merged " << s.tasks.size() << " model(s) with " << merge_method_name(s.method) << " into "
                  << exported->dir << " (" << exported->dtype << ")\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
