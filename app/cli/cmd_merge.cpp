#include "commands.h"

#include "edit/export.h"
#include "cancel_on_signal.h"
#include "merge/config_merge.h"
#include "merge/merge.h"
#include "merge/merge_methods.h"
#include "merge/merge_session.h"
#include "merge/mergekit_yaml.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace lancet::cli {

namespace {

namespace fs = std::filesystem;

bool same_path(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

std::vector<double> number_list(const std::string& text, const char* what) {
    std::vector<double> v;
    for (const auto& w : split_commas(text)) {
        try {
            size_t used = 0;
            v.push_back(std::stod(w, &used));
            if (used != w.size()) throw std::invalid_argument(w);
        } catch (const std::exception&) {
            throw UsageError(std::string("--") + what + ": \"" + w + "\" is not a number");
        }
    }
    return v;
}

// Where the config's model references point: --model NAME=PATH,... and
// --model-dir DIR,... on top of paths (as given, or relative to the config).
ModelResolver resolver_of(const Args& args, const std::string& config) {
    ModelResolver r;
    r.config_dir = fs::path(config).parent_path().string();
    if (args.has("model-dir")) r.model_dirs = split_commas(args.require("model-dir"));
    if (args.has("model"))
        for (const auto& pair : split_commas(args.require("model"))) {
            const auto eq = pair.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
                throw UsageError("--model takes NAME=PATH pairs, got \"" + pair + "\"");
            r.map[pair.substr(0, eq)] = pair.substr(eq + 1);
        }
    return r;
}

MergeConfig config_of(const Args& args, const std::string& path) {
    auto c = load_merge_config(path);
    if (!c) throw_error(c.error());
    if (args.has("seed")) c->seed = static_cast<uint64_t>(args.get_int("seed", 42));
    return c.value();
}

// lancet-cli merge extract BASE FINETUNED --out DIR: the compact task vector of a fine-tune.
int run_extract(const Args& args) {
    if (args.positional().size() != 3) throw UsageError("merge extract takes BASE and FINETUNED folders");
    const std::string base_dir = args.positional()[1], ft = args.positional()[2];
    const std::string out = args.require("out");
    LoadOptions lo;
    lo.device = "cpu";
    lo.dtype = "float32";
    auto base = Model::load(base_dir, lo);
    if (!base) throw_error(base.error().with_context("loading the base model " + base_dir));
    TaskCheckOptions check;
    auto tv = load_task_vector(*base.value(), ft, {}, check);
    if (!tv) throw_error(tv.error());
    tv->name = args.get_or("name", fs::path(out).filename().string());
    SaveTaskVectorOptions so;
    so.dtype = args.get_or("dtype", "float16");
    so.min_abs = args.get_double("min-abs", 0.0);
    so.description = args.get_or("description", "");
    fs::create_directories(out);
    auto saved = save_task_vector(*base.value(), tv.value(), (fs::path(out) / kTaskVectorFile).string(), so);
    if (!saved) throw_error(saved.error());
    if (args.flag("json")) print_json(saved.value());
    else
        std::cout << "wrote " << saved.value()["file"].get<std::string>() << ": " << saved.value()["tensors"].size()
                  << " changed tensors (" << saved.value()["left_out"].get<size_t>() << " unchanged left out), "
                  << saved.value()["bytes"].get<int64_t>() << " bytes of " << so.dtype << "\n";
    return kOk;
}

// The live-merge options: a base folder with --tasks, or a mergekit YAML.
MergeSessionOptions session_options(const Args& args, AppliedMerge* applied) {
    MergeSessionOptions o;
    const LoadOptions placed = load_options_from(args);  // --device, or --devices / --placement
    o.device = placed.device;
    o.devices = placed.devices;
    o.placement = placed.placement;
    const std::string first = args.positional().at(0);
    if (fs::is_directory(first)) {
        o.base_dir = first;
        o.task_paths = args.has("tasks") ? split_commas(args.require("tasks")) : find_task_dirs(first);
        if (o.task_paths.empty()) throw UsageError("no tasks: give --tasks DIR,DIR (or put them under " + first + "/tasks)");
        o.spec.method = MergeMethod::TaskArithmetic;
        if (args.has("method")) {
            auto m = parse_merge_method(args.require("method"));
            if (m) {
                o.spec.method = m.value();
                o.spec.normalize = MergeSpec::default_normalize(o.spec.method);
            } else if (!find_merge_method_info(args.require("method"))) {
                throw_error(m.error().with_context("--method"));
            }  // else: applied once after opening (run_live), not live on sliders
        }
        std::vector<double> w = args.has("weights") ? number_list(args.require("weights"), "weights")
                                                    : std::vector<double>(o.task_paths.size(), 1.0);
        std::vector<double> d = args.has("density") ? number_list(args.require("density"), "density")
                                                    : std::vector<double>{1.0};
        if (w.size() != o.task_paths.size())
            throw UsageError("--weights lists " + std::to_string(w.size()) + " values for " +
                             std::to_string(o.task_paths.size()) + " tasks");
        for (size_t i = 0; i < w.size(); ++i)
            o.spec.tasks.push_back({o.task_paths[i], w[i], d.size() == 1 ? d[0] : d.at(std::min(i, d.size() - 1))});
        o.spec.lambda = args.get_double("lambda", 1.0);
    } else {
        const MergeConfig config = config_of(args, first);
        const ModelResolver resolver = resolver_of(args, first);
        auto folder = [&](const std::string& ref) {
            auto d = resolver.resolve(ref);
            if (!d) throw_error(d.error());
            return d.value();
        };
        const auto* info = find_merge_method_info(config.merge_method);
        if (info && !info->live) {
            // A method the sliders cannot drive: the session opens on its models
            // and the method is applied once (run_live).
            auto a = applied_from_config(config);
            if (!a) throw_error(a.error().with_context(first));
            if (a->base_model.empty()) throw_error(Error{ErrorCode::InvalidFile, first + ": --score needs a base_model"});
            o.spec.method = MergeMethod::TaskArithmetic;
            o.spec.seed = a->seed;
            for (const auto& m : a->models) o.spec.tasks.push_back({folder(m), 1.0, 1.0});
            o.base_dir = folder(a->base_model);
            *applied = a.value();
        } else {
            auto spec = spec_from_config(config);
            if (!spec) throw_error(spec.error().with_context(first));
            o.spec = spec.value();
            for (auto& t : o.spec.tasks) t.model = folder(t.model);
            o.base_dir = o.spec.base_model.empty() ? o.spec.tasks.at(0).model : folder(o.spec.base_model);
        }
        for (const auto& t : o.spec.tasks) o.task_paths.push_back(t.model);
    }
    if (args.has("base-facts")) o.base_facts = args.require("base-facts");
    o.score.max_probes_per_task = static_cast<size_t>(args.get_int("probes", 24));
    o.score.base_facts = static_cast<size_t>(args.get_int("facts", 32));
    o.score.fluency_tokens = static_cast<int>(args.get_int("fluency-tokens", 24));
    return o;
}

void print_scores(const MergeScores& s, std::ostream& os) {
    auto pct = [](double v) {
        if (!std::isfinite(v)) return std::string("-");
        char b[32];
        std::snprintf(b, sizeof b, "%.1f%%", 100.0 * v);
        return std::string(b);
    };
    for (const auto& t : s.tasks)
        os << "  task " << t.name << ": " << pct(t.accuracy) << " of " << t.n << " (base " << pct(t.base_accuracy) << ")\n";
    os << "  base facts kept: " << pct(s.base_facts) << " of " << s.base_facts_n << "\n";
    char f[64];
    std::snprintf(f, sizeof f, "%.2f bits (base %.2f)", s.fluency, s.base_fluency);
    os << "  fluency: " << f << "\n  > " << s.generation << "\n";
}

int run_live(const Args& args) {
    JobContext job;
    job.cancel = &cancel_on_sigint();
    AppliedMerge applied;
    auto o = session_options(args, &applied);
    auto session = MergeSession::open(o, job);
    if (!session) throw_error(session.error());
    auto& s = *session.value();
    // A method the sliders cannot drive (slerp, model_stock, della, ...): the
    // panel's apply mode, with --weights / --density as its per-model values
    // where it takes them and --param NAME=VALUE,... for its global ones; or the
    // method and parameters of a YAML config.
    const std::string method = args.get_or("method", "");
    if (!method.empty() && !parse_merge_method(method) && fs::is_directory(args.positional().at(0))) {
        const MergeMethodInfo* info = find_merge_method_info(method);
        applied.method = method;
        if (args.has("param"))
            for (const auto& kv : split_commas(args.require("param"))) {
                const auto eq = kv.find('=');
                if (eq == std::string::npos || eq == 0) throw UsageError("--param takes NAME=VALUE pairs, got \"" + kv + "\"");
                const std::string v = kv.substr(eq + 1);
                nlohmann::json value;
                if (v == "true" || v == "false") value = v == "true";
                else value = number_list(v, "param").at(0);
                applied.params[kv.substr(0, eq)] = value;
            }
        applied.per_model.assign(o.spec.tasks.size(), {});
        for (size_t i = 0; i < applied.per_model.size(); ++i)
            for (const auto& d : info->per_model) {
                if (d.name == "weight" && args.has("weights")) applied.per_model[i]["weight"] = o.spec.tasks[i].weight;
                if (d.name == "density" && args.has("density")) applied.per_model[i]["density"] = o.spec.tasks[i].density;
            }
    }
    if (!applied.method.empty()) {
        if (args.has("sweep")) throw UsageError("--sweep moves live weights; '" + applied.method + "' merges once (apply)");
        auto ok = s.apply_method(applied.method, applied.params, applied.per_model, job);
        if (!ok) throw_error(ok.error());
    }
    if (args.has("sweep")) {
        auto pair = split_commas(args.require("sweep"));
        auto names = s.task_names();
        auto index = [&](const std::string& w) -> size_t {
            for (size_t i = 0; i < names.size(); ++i)
                if (names[i] == w) return i;
            try {
                size_t i = std::stoul(w);
                if (i < names.size()) return i;
            } catch (const std::exception&) {
            }
            throw UsageError("--sweep: no task \"" + w + "\" (tasks: by index or name)");
        };
        if (pair.size() != 2) throw UsageError("--sweep takes two tasks: A,B");
        auto range = args.has("range") ? number_list(args.require("range"), "range") : std::vector<double>{-1.0, 2.0};
        if (range.size() != 2) throw UsageError("--range takes LO,HI");
        const size_t n = static_cast<size_t>(args.get_int("grid", 7));
        SweepOptions so;
        so.task_a = index(pair[0]);
        so.task_b = index(pair[1]);
        so.values_a = so.values_b = linspace(range[0], range[1], n);
        job.progress = [&](double f, const std::string& stage) {
            if (!args.flag("json")) std::cerr << "\r" << stage << " (" << int(100 * f) << "%)   " << std::flush;
        };
        auto r = s.sweep(so, job);
        if (!args.flag("json")) std::cerr << "\n";
        if (!r) throw_error(r.error());
        nlohmann::json j = r->to_json();
        j["merge"] = s.describe();
        const std::string metric = args.get_or("metric", "");
        if (args.flag("json")) {
            print_json(j);
        } else {
            const std::string m = metric.empty() ? j["metrics"].at(0).get<std::string>() : metric;
            if (!j["grids"].contains(m)) throw UsageError("--metric: no metric \"" + m + "\"");
            std::cout << m << " over " << r->task_a << " (rows) x " << r->task_b << " (columns), " << r->seconds << " s\n";
            std::cout << "        ";
            for (double v : r->values_b) std::printf("%7.2f", v);
            std::cout << "\n";
            for (size_t a = 0; a < r->values_a.size(); ++a) {
                std::printf("%7.2f ", r->values_a[a]);
                for (const auto& v : j["grids"][m][a]) v.is_null() ? std::printf("      -") : std::printf("%7.3f", v.get<double>());
                std::cout << "\n";
            }
        }
        return r->partial ? kCancelled : kOk;
    }
    if (args.has("export-yaml")) {
        // The merge as it stands, for mergekit or a later `lancet-cli merge CONFIG`.
        const std::string path = args.require("export-yaml");
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        if (!(f << s.to_mergekit_yaml()) || !(f.flush()))
            throw_error(Error{ErrorCode::Io, "cannot write " + path});
    }
    auto sc = s.score(job);
    if (!sc) throw_error(sc.error());
    if (args.flag("json")) {
        nlohmann::json j = sc->to_json();
        j["merge"] = s.describe();
        print_json(j);
    } else {
        std::cout << "merged " << s.task_names().size() << " task(s) with " << merge_method_name(s.spec().method) << ":\n";
        print_scores(sc.value(), std::cout);
    }
    return kOk;
}

}  // namespace

Command merge_command() {
    Command c;
    c.name = "merge";
    c.synopsis = "merge task checkpoints from a mergekit YAML into a Hugging Face folder";
    c.usage =
        "usage: lancet-cli merge CONFIG.yml --out DIR [--model-dir DIR,...] [--model NAME=PATH,...]\n"
        "         [--seed N] [--device D] [--json]\n\n"
        "CONFIG.yml: a mergekit configuration: models: or slices: (sources, layer_range), base_model,\n"
        "parameters global, per slice and per model, as numbers, gradients ([0, 0.5, 1] interpolated over\n"
        "the layers) or [{filter: self_attn, value: ...}, {value: ...}] lists; dtype, out_dtype,\n"
        "tokenizer_source / tokenizer.source, chat_template. Methods:\n"
        "  " + merge_method_names() + ".\n"
        "Models are local folders: a Hub name (org/model) is looked up with --model org/model=PATH, then\n"
        "under each --model-dir (DIR/org/model, DIR/org--model, DIR/model). Lancet never downloads.\n"
        "Architecture, width, tokenizer (vocab_size and tokenizer files) and every tensor shape are\n"
        "checked before any weight is read; different tokenizers are refused. DARE and DELLA masks use a\n"
        "fixed stream per --seed (default 42, or the file's '# lancet-seed: N'); DARE rescales by 1/(1-p).\n"
        "The output folder is written atomically and never over an input.\n\n"
        "JSON fields: dir, files, dtype, method, layers, tensors, models{reference: folder}, notes[].\n\n"
        "usage: lancet-cli merge (CONFIG.yml | BASE [--tasks T1,T2] [--weights W1,W2] [--method M]\n"
        "         [--density D] [--lambda L]) --score [--probes N] [--facts N] [--fluency-tokens N]\n"
        "         [--export-yaml FILE] [--json]\n"
        "       lancet-cli merge ... --sweep A,B [--grid N] [--range LO,HI] [--metric M] [--json]\n\n"
        "--method may also name a method the sliders cannot drive (slerp, model_stock, della, ...): it is\n"
        "applied once over the base and the tasks, with --weights/--density as its per-model values and\n"
        "--param NAME=VALUE,... for its global ones (e.g. --method slerp --param t=0.3).\n"
        "--export-yaml FILE writes the merge (base, task folders, weights, densities, lambda, seed) as\n"
        "mergekit YAML that `merge FILE --score` and mergekit read back.\n"
        "--devices cuda:0,cuda:1 [--placement balanced|auto|LIST] splits the base model's layers across\n"
        "devices for scoring and live merges (see `lancet-cli info --help`); a YAML merge without task\n"
        "vectors streams tensors on --device.\n"
        "--score merges in memory and scores the result: per task the exact-match accuracy on the\n"
        "task's eval.json (a private-record task's accuracy is its leak rate), the share of the base's\n"
        "known facts kept (a sample of BASE/facts.json), and fluency (n-gram entropy of greedy text).\n"
        "With BASE, the tasks default to BASE/tasks/*/ and the weights to 1.\n"
        "--sweep scores every pair of weights of tasks A and B (names or indices) on an N x N grid\n"
        "(default 7 over [-1, 2]); JSON: task_a, task_b, values_a, values_b, metrics[], grids{metric:\n"
        "[[value]]}, partial, seconds. Ctrl-C stops it and prints the cells so far (exit 3).\n\n"
        "usage: lancet-cli merge extract BASE FINETUNED --out DIR [--dtype float16] [--min-abs X]\n"
        "         [--name N] [--description TEXT] [--json]\n\n"
        "Writes DIR/task_vector.safetensors: FINETUNED - BASE for the tensors that changed only,\n"
        "with the base's config and fingerprint in its metadata (engine/merge/task_vectors.h).\n";
    c.spec.options = {"out",   "device",  "devices", "placement", "tasks", "weights", "method", "density",        "lambda", "probes",
                      "facts", "fluency-tokens", "sweep", "grid",   "range",  "metric", "base-facts",
                      "dtype", "min-abs", "name",  "description", "model", "model-dir", "seed", "export-yaml", "param"};
    c.spec.flags = {"json", "score"};
    c.spec.min_positional = 1;
    c.spec.max_positional = 3;
    c.run = [](const Args& args) -> int {
        if (args.positional().at(0) == "extract") return run_extract(args);
        if (args.positional().size() != 1) throw UsageError("merge takes one CONFIG.yml or BASE folder");
        if (args.flag("score") || args.has("sweep")) return run_live(args);
        const std::string config = args.positional().at(0);
        const std::string out = args.require("out");
        const MergeConfig mc = config_of(args, config);
        const ModelResolver resolver = resolver_of(args, config);
        auto folder = [&](const std::string& ref) {
            auto d = resolver.resolve(ref);
            if (!d) throw_error(d.error());
            return d.value();
        };
        // Lancet task vector files hold tau, not weights: those merge through the
        // live Merger (the five live methods); every other config runs per tensor.
        auto live_spec = spec_from_config(mc);
        bool task_vector_inputs = false;
        if (live_spec)
            for (const auto& t : live_spec->tasks)
                task_vector_inputs = task_vector_inputs || !task_vector_file_of(folder(t.model)).empty();
        if (!task_vector_inputs) {
            if (fs::exists(out)) throw UsageError("--out " + out + " already exists; choose a new folder");
            ConfigMergeOptions co;
            co.resolver = resolver;
            co.device = args.get_or("device", "cpu");
            auto r = merge_config_to_folder(mc, out, co);
            if (!r) throw_error(r.error());
            if (args.flag("json")) {
                print_json(r.value());
                return kOk;
            }
            std::cout << "merged " << r->at("models").size() << " model(s) with " << mc.merge_method << " into "
                      << r->at("dir").get<std::string>() << " (" << r->at("layers").get<int64_t>() << " layers, "
                      << r->at("dtype").get<std::string>() << ")\n";
            for (const auto& n : r->at("notes")) std::cout << "note: " << n.get<std::string>() << "\n";
            return kOk;
        }
        if (!live_spec) throw_error(live_spec.error());
        MergeSpec s = live_spec.value();
        for (auto& t : s.tasks) t.model = folder(t.model);
        std::string base = s.base_model.empty() ? s.tasks.at(0).model : folder(s.base_model);
        s.base_model = base;
        if (same_path(out, base)) throw UsageError("--out must not be the base model's folder");
        for (const auto& t : s.tasks)
            if (same_path(out, t.model)) throw UsageError("--out must not be an input model's folder (" + t.model + ")");
        if (fs::exists(out)) throw UsageError("--out " + out + " already exists; choose a new folder");
        LoadOptions lo = load_options_from(args);
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
