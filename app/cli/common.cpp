#include "commands.h"

#include "tokenizer/token_labels.h"

#include <fstream>
#include <iterator>

#include <iostream>

namespace lancet::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        info_command(),
        predict_command(),
        generate_command(),
        trace_command(),
        trace_avg_command(),
        patch_command(),
        lens_command(),
        bench_command(),
        logits_command(),
        eval_command(),
        edit_command(),
        compare_methods_command(),
        stats_command(),
        train_command(),
        merge_command(),
        ttt_command(),
    };
    return all;
}

ArgSpec model_spec(std::set<std::string> options, std::set<std::string> flags) {
    options.insert({"device", "dtype", "devices", "placement"});
    flags.insert("json");
    ArgSpec spec;
    spec.options = std::move(options);
    spec.flags = std::move(flags);
    spec.min_positional = 1;
    spec.max_positional = 1;
    return spec;
}

void throw_error(const Error& e) { throw CliFailure{e}; }

std::shared_ptr<Model> load_model_or_throw(const Args& args) { return load_model_from(args.positional().at(0), args); }

LoadOptions load_options_from(const Args& args) {
    LoadOptions options;
    options.device = args.get_or("device", "cpu");
    options.dtype = args.get_or("dtype", "auto");
    // Layers across several devices (docs/design/placement.md): --devices
    // cuda:0,cuda:1 with --placement balanced (the default), auto, or a layer
    // list FIRST-LAST:DEVICE,... (which may stand without --devices).
    options.devices = args.get_or("devices", "");
    options.placement = args.get_or("placement", "");
    if (!options.devices.empty() && options.placement.empty()) options.placement = "balanced";
    if ((!options.devices.empty() || !options.placement.empty()) && args.get("device"))
        throw UsageError("--device names one device; with --devices / --placement leave it out");
    return options;
}

std::shared_ptr<Model> load_model_from(const std::string& path, const Args& args) {
    auto model = Model::load(path, load_options_from(args));
    if (!model) throw_error(model.error());
    return model.value();
}

void print_json(const nlohmann::json& j) { std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n"; }

std::string visible(const std::string& token) {
    std::string out;
    for (char ch : token) {
        if (ch == ' ') out += "\xe2\x90\xa3";        // ␣
        else if (ch == '\n') out += "\\n";
        else if (ch == '\t') out += "\\t";
        else out += ch;
    }
    return out;
}

nlohmann::json token_json(int64_t id, const std::string& piece, const std::string& label) {
    return {{"id", id}, {"text", label}, {"bytes", bytes_hex(piece)}};
}

nlohmann::json token_json(int64_t id, const std::string& piece) { return token_json(id, piece, token_label(piece)); }

VPrecision v_precision_arg(const Args& args) {
    const std::string name = args.get_or("v-precision", "auto");
    auto p = parse_v_precision(name);
    if (!p) throw UsageError("--v-precision must be auto, fp32, tf32 or bf16 (got \"" + name + "\")");
    return *p;
}

// --hparams TEXT or @FILE as a JSON object.
std::map<int, std::string> mom2_npz_arg(const Args& args) {
    std::map<int, std::string> out;
    for (const auto& item : split_commas(args.get_or("mom2-npz", ""))) {
        const auto eq = item.find('=');
        int layer = -1;
        try {
            layer = eq == std::string::npos ? -1 : std::stoi(item.substr(0, eq));
        } catch (const std::exception&) {
        }
        if (layer < 0 || eq + 1 >= item.size())
            throw UsageError("--mom2-npz takes LAYER=FILE.npz (comma-separated), not \"" + item + "\"");
        out[layer] = item.substr(eq + 1);
    }
    return out;
}

nlohmann::json hparams_arg(const Args& args) {
    std::string text = args.get_or("hparams", "");
    if (text.empty()) return nlohmann::json::object();
    if (text[0] == '@') {
        std::ifstream in(text.substr(1), std::ios::binary);
        if (!in) throw UsageError("--hparams: cannot read " + text.substr(1));
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError(std::string("--hparams: not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object()) throw UsageError("--hparams must be a JSON object");
    return j;
}

// The request exactly as the workbench's edit form builds it (edit/edit_spec.h).
EditSpec edit_spec_from_args(const Args& args) {
    EditSpec spec;
    spec.method = args.get_or("method", "rome");
    spec.prompt = args.require("prompt");
    spec.subject = args.require("subject");
    spec.target_new = args.require("target");
    if (auto t = args.get("target-true")) spec.target_true = *t;
    if (auto k = args.get("keep")) spec.keep_prompts = split_prompt_list(*k);
    if (auto p = args.get("paraphrases")) spec.paraphrase_prompts = split_prompt_list(*p);
    if (auto l = args.get("locality"))
        for (const auto& prompt : split_prompt_list(*l)) spec.locality_prompts.push_back({prompt, ""});
    if (args.has("layer")) {
        spec.layers = {static_cast<int>(args.get_int("layer", -1))};
        spec.layer_reason = args.get_or("layer-reason", "--layer on the command line");
    }
    spec.hparams = hparams_arg(args);
    // The ROME flags of earlier versions, as hyperparameters.
    if (args.flag("original") && args.flag("prompt-keys")) throw UsageError("--original and --prompt-keys exclude each other");
    if (args.flag("original")) spec.hparams["key_mode"] = "original";
    if (args.flag("prompt-keys")) spec.hparams["key_mode"] = "prompt_keys";
    if (args.flag("no-mom2")) spec.hparams["mom2_adjustment"] = false;
    if (args.has("keep-factor")) spec.hparams["keep_factor"] = args.get_double("keep-factor", 0.1);
    if (args.has("steps")) spec.hparams["v_num_grad_steps"] = args.get_int("steps", 20);
    if (args.has("seed")) spec.hparams["seed"] = args.get_int("seed", 0);
    if (args.has("stats-samples")) spec.hparams["mom2_n_samples"] = args.get_int("stats-samples", 100000);
    return spec;
}

}  // namespace lancet::cli
