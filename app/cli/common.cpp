#include "commands.h"

#include <iostream>

namespace lancet::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        info_command(),
        predict_command(),
        generate_command(),
        trace_command(),
        trace_avg_command(),
        bench_command(),
        logits_command(),
        eval_command(),
        edit_command(),
        stats_command(),
        train_command(),
        merge_command(),
    };
    return all;
}

ArgSpec model_spec(std::set<std::string> options, std::set<std::string> flags) {
    options.insert({"device", "dtype"});
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

std::shared_ptr<Model> load_model_from(const std::string& path, const Args& args) {
    LoadOptions options;
    options.device = args.get_or("device", "cpu");
    options.dtype = args.get_or("dtype", "auto");
    auto model = Model::load(path, options);
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

VPrecision v_precision_arg(const Args& args) {
    const std::string name = args.get_or("v-precision", "auto");
    auto p = parse_v_precision(name);
    if (!p) throw UsageError("--v-precision must be auto, fp32, tf32 or bf16 (got \"" + name + "\")");
    return *p;
}

}  // namespace lancet::cli
