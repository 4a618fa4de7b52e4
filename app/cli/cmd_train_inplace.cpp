// lancet-cli train RECIPE.json for a recipe of format "lancet-inplace-ttt-recipe/1":
// trains In-Place TTT's conv and projection on a frozen model
// (engine/ttt/inplace_training.h) and writes the add-on file.
#include "commands.h"
#include "recipe_field.h"

#include "ttt/inplace_training.h"

#include <filesystem>
#include <iomanip>
#include <iostream>

namespace fs = std::filesystem;

namespace lancet::cli {

int train_inplace_recipe(const nlohmann::json& recipe, const std::string& recipe_dir, const Args& args, const JobContext& job) {
    static const std::set<std::string> known = {"format", "description", "model", "layers", "chunk", "inner_lr", "target",
                                                "init", "steps", "lr", "warmup", "weight_decay", "grad_clip", "seed",
                                                "held_out_seeds", "facts", "log_every", "out"};
    for (const auto& kv : recipe.items())
        if (!known.count(kv.key())) throw_error({ErrorCode::InvalidFile, "recipe: unknown field \"" + kv.key() + "\""});
    auto rel = [&](const std::string& p) {
        fs::path q(p);
        return (q.is_absolute() ? q : fs::path(recipe_dir) / q).lexically_normal().string();
    };
    const std::string model_dir = args.has("model") ? args.require("model") : rel(recipe_field<std::string>(recipe, "model", "."));
    std::string out = args.has("out") ? args.require("out") : recipe_field<std::string>(recipe, "out", "");
    if (out.empty()) throw UsageError("no output file: give --out FILE or the recipe's \"out\"");
    if (!args.has("out")) out = rel(out);
    if (fs::is_directory(out)) out = (fs::path(out) / kInplaceAddonFile).string();

    LoadOptions lo;
    lo.device = args.get_or("device", "auto");
    lo.dtype = "float32";
    auto loaded = Model::load(model_dir, lo);
    if (!loaded) throw_error(loaded.error());
    const Model& model = *loaded.value();

    InplaceTrainOptions o;
    o.inplace.layers = recipe_field<std::vector<int>>(recipe, "layers", {});
    o.inplace.chunk = recipe_field<int64_t>(recipe, "chunk", 0);
    o.inplace.lr = recipe_field<double>(recipe, "inner_lr", o.inplace.lr);
    o.inplace.target = recipe_field<std::string>(recipe, "target", o.inplace.target);
    o.init = recipe_field<std::string>(recipe, "init", o.init);
    o.steps = args.has("stop-after") ? args.get_int("stop-after", 0) : recipe_field<int64_t>(recipe, "steps", o.steps);
    o.lr = recipe_field<double>(recipe, "lr", o.lr);
    o.warmup = recipe_field<int64_t>(recipe, "warmup", o.warmup);
    o.weight_decay = recipe_field<double>(recipe, "weight_decay", o.weight_decay);
    o.grad_clip = recipe_field<double>(recipe, "grad_clip", o.grad_clip);
    o.seed = recipe_field<uint64_t>(recipe, "seed", o.seed);
    o.held_out_seeds = recipe_field<std::vector<uint64_t>>(recipe, "held_out_seeds", o.held_out_seeds);
    o.facts = recipe_field<size_t>(recipe, "facts", o.facts);
    o.log_every = recipe_field<int64_t>(recipe, "log_every", o.log_every);

    std::cerr << "In-Place TTT add-on for " << model_dir << " on " << model.device().str() << ": " << o.steps << " steps\n";
    JobContext j = job;
    j.progress = [](double, const std::string& stage) { std::cerr << "\r" << stage << "        " << std::flush; };
    auto r = train_inplace_addon(model, o, j);
    std::cerr << "\n";
    if (!r) throw_error(r.error());
    InplaceTrainResult res = std::move(r.value());
    res.addon.training["recipe"] = recipe;
    auto saved = save_inplace_addon(res.addon, out);
    if (!saved) throw_error(saved.error());
    nlohmann::json report = res.to_json();
    report["out"] = out;
    if (args.flag("json")) {
        print_json(report);
        return kOk;
    }
    std::cout << "step   document NLL   recap NLL   grad norm   seconds\n";
    for (const auto& p : res.curve)
        std::cout << std::left << std::setw(7) << p.step << std::setw(15) << std::fixed << std::setprecision(3) << p.loss
                  << std::setw(12) << p.recap_loss << std::setw(12) << p.grad_norm << std::setprecision(1) << p.elapsed_s << "\n";
    std::cout << "wrote " << out << " (" << res.addon.parameter_count() << " parameters, layers "
              << nlohmann::json(res.addon.layer_ids()).dump() << ")\n";
    return kOk;
}

}  // namespace lancet::cli
