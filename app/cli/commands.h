// The lancet-cli commands. Each lives in its own cmd_<name>.cpp and returns the
// process exit status (see ExitCode).
#pragma once

#include "args.h"

#include "core/job.h"
#include "core/result.h"
#include "edit/edit_spec.h"
#include "edit/rome.h"
#include "model/model.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lancet::cli {

enum ExitCode { kOk = 0, kEngineError = 1, kUsage = 2, kCancelled = 3 };

struct Command {
    std::string name;
    std::string synopsis;  // one line for the command list
    std::string usage;     // full usage text
    ArgSpec spec;
    std::function<int(const Args&)> run;
};

const std::vector<Command>& commands();

// Shared helpers.
ArgSpec model_spec(std::set<std::string> options = {}, std::set<std::string> flags = {});
std::shared_ptr<Model> load_model_or_throw(const Args& args);  // MODEL + --device/--dtype
std::shared_ptr<Model> load_model_from(const std::string& path, const Args& args);
// --device, --dtype, --devices and --placement into load options.
LoadOptions load_options_from(const Args& args);
// bench: MODEL (positional 1) or --random-init SHAPE, on --device/--dtype.
std::shared_ptr<Model> bench_model(const Args& args);
int bench_edit_cmd(const Args& args);        // cmd_bench_edit.cpp
int bench_sequential_cmd(const Args& args);  // cmd_bench_edit.cpp
int bench_ttt_cmd(const Args& args);         // cmd_bench_ttt.cpp
int bench_patch_cmd(const Args& args);       // cmd_bench_patch.cpp
// train with a "lancet-inplace-ttt-recipe/1" recipe (cmd_train_inplace.cpp).
int train_inplace_recipe(const nlohmann::json& recipe, const std::string& recipe_dir, const Args& args, const JobContext& job);
void print_json(const nlohmann::json& j);                      // stdout, pretty, newline
[[noreturn]] void throw_error(const Error& e);                 // turns an engine Error into an exit
std::string visible(const std::string& token);                 // token text with whitespace made visible
// One token for JSON: {id, text, bytes}. text is its readable label (engine
// token_labels: a character that byte-level BPE split shows whole in the token
// holding its first byte, "⋯" in the tokens that finish it, \xNN for bytes of
// no character); bytes is the token's exact bytes in hex. Raw pieces went into
// JSON as "�" (JSON carries UTF-8 only), and an id alone means nothing to a reader.
nlohmann::json token_json(int64_t id, const std::string& piece, const std::string& label);
// A token on its own (a top-k candidate): labelled by token_label(piece).
nlohmann::json token_json(int64_t id, const std::string& piece);
// --v-precision auto|fp32|tf32|bf16 (default auto: tf32 on CUDA, fp32 on the CPU).
VPrecision v_precision_arg(const Args& args);

// --hparams JSON|@FILE as an object ({} when absent); a usage error otherwise.
nlohmann::json hparams_arg(const Args& args);
// --mom2-npz L=FILE[,L=FILE]: the reference code's saved layer statistics, per layer.
std::map<int, std::string> mom2_npz_arg(const Args& args);
// The edit request from edit's flags (--method, --prompt, --subject, --target, --target-true,
// --keep, --paraphrases, --locality, --layer, --hparams and the ROME shorthands): the same
// EditSpec the workbench's form builds.
EditSpec edit_spec_from_args(const Args& args);

struct CliFailure {
    Error error;
};

// Command registrations (one per cmd_*.cpp).
Command info_command();
Command predict_command();
Command generate_command();
Command trace_command();
Command trace_avg_command();
Command bench_command();
Command logits_command();
Command eval_command();
Command edit_command();
Command compare_methods_command();
Command stats_command();
Command train_command();
Command merge_command();
Command patch_command();
Command lens_command();
Command ttt_command();

}  // namespace lancet::cli
