#include "commands.h"

#include "cancel_on_signal.h"
#include "eval/dataset.h"
#include "edit/edit_method.h"
#include "edit/rome.h"
#include "edit/sequential.h"
#include "edit/surgery.h"
#include "eval/evaluate.h"
#include "eval/subject_facts.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <sstream>

namespace lancet::cli {

namespace {

// Any edit method as the evaluator's EditFn (edit/surgery.h: method_edit_fn).
// --hparams (inline JSON or @FILE) goes to the method, which validates it.
// With --keep-subject-facts each request also keeps the subject's other facts in
// the dataset (eval/subject_facts.h: never a phrasing the case scores).
EditSpec base_spec_from_args(const std::string& method, const Args& args) {
    EditSpec base;
    base.method = method;
    if (args.has("hparams")) {
        std::string text = args.get_or("hparams", "");
        if (!text.empty() && text[0] == '@') {
            std::ifstream in(text.substr(1), std::ios::binary);
            if (!in) throw UsageError("--hparams: cannot read " + text.substr(1));
            text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        try {
            base.hparams = nlohmann::json::parse(text);
        } catch (const nlohmann::json::exception& e) {
            throw UsageError(std::string("--hparams: not valid JSON (") + e.what() + ")");
        }
        if (!base.hparams.is_object()) throw UsageError("--hparams must be a JSON object");
    }
    if (args.flag("original")) base.hparams["key_mode"] = "original";
    if (args.has("layer")) {
        base.layers = {static_cast<int>(args.get_int("layer", 0))};
        base.layer_reason = "layer " + std::to_string(base.layers.front()) + " from --layer";
    }
    if (args.has("layers")) {
        base.layers.clear();
        for (const auto& l : split_commas(args.require("layers"))) {
            try {
                base.layers.push_back(std::stoi(l));
            } catch (const std::exception&) {
                throw UsageError("--layers: \"" + l + "\" is not a layer number");
            }
        }
        base.layer_reason = "layers from --layers";
    }
    return base;
}

EditRuntime runtime_from_args(const Args& args) {
    EditRuntime runtime;
    runtime.stats_corpus = split_commas(args.get_or("stats-corpus", ""));
    runtime.v_precision = v_precision_name(v_precision_arg(args));
    runtime.stats_npz = mom2_npz_arg(args);
    return runtime;
}

EditFn make_edit_fn(const std::string& method, const Args& args, const std::vector<EditCase>& all_cases) {
    if (method == "none") return no_edit();
    const EditSpec base = base_spec_from_args(method, args);
    const EditRuntime runtime = runtime_from_args(args);
    std::function<std::vector<std::string>(const EditCase&)> keep;
    if (args.flag("keep-subject-facts")) {
        auto facts = std::make_shared<const SubjectFacts>(all_cases);
        keep = [facts](const EditCase& c) { return facts->keep_prompts(c); };
    }
    return method_edit_fn(base, runtime, keep);
}

std::string cell(const SummaryEntry* e) {
    if (!e || std::isnan(e->stat.mean)) return "-";
    std::ostringstream os;
    os << std::fixed << std::setprecision(2) << e->stat.mean * 100.0;
    if (!std::isnan(e->stat.ci95)) os << " \xc2\xb1 " << std::setprecision(2) << e->stat.ci95 * 100.0;
    return os.str();
}

std::string pad(const std::string& s, size_t width) {
    // Width in characters, not bytes (± is two bytes).
    size_t chars = 0;
    for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80 ? 1 : 0;
    return chars >= width ? s + " " : s + std::string(width - chars, ' ');
}

void print_table(const Scorecard& card, const std::string& format, size_t problems) {
    std::cout << "method " << card.method << ", " << (card.sequential ? "sequential" : "independent") << " edits, "
              << card.cases.size() << " of " << card.cases_total << " cases";
    if (problems) std::cout << " (" << problems << " records skipped)";
    std::cout << ", dataset format " << format << "\n";
    if (card.partial) std::cout << "PARTIAL: " << card.partial_reason << "\n";
    std::cout << "values x100 (mean \xc2\xb1 95% CI); fluency is n-gram entropy in bits x100, as in the papers' tables\n\n";
    std::vector<std::string> timings = {kTimingPre, kTimingAfterEach};
    if (card.sequential) {
        timings.push_back(kTimingAfterAll);
        timings.push_back(kTimingForgetting);
    }
    // Rows grouped by protocol (in the run's order), metrics in the order they were
    // measured after the edit (the fullest set), the hmean scores last in their group.
    std::vector<std::pair<std::string, std::string>> rows;  // (key, protocol)
    for (const char* t : {kTimingAfterEach, kTimingPre, kTimingAfterAll})
        for (const auto& e : card.summary) {
            std::pair<std::string, std::string> row{e.key, e.protocol};
            if (e.timing == t && std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
        }
    auto rank = [&](const std::pair<std::string, std::string>& r) {
        auto p = std::find(card.protocols.begin(), card.protocols.end(), r.second);
        return 2 * static_cast<long>(p - card.protocols.begin()) + (r.first == "S" || r.first == "score" ? 1 : 0);
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    size_t name_width = 8;
    for (const auto& r : rows) name_width = std::max(name_width, r.first.size() + 2 + metric_info(r.first).label.size() + 2);
    std::cout << pad("metric", name_width) << pad("protocol", 20);
    for (const auto& t : timings) std::cout << pad(t, 18);
    std::cout << "\n";
    for (const auto& [key, protocol] : rows) {
        std::cout << pad(key + "  " + metric_info(key).label, name_width) << pad(protocol, 20);
        for (const auto& t : timings) std::cout << pad(cell(card.find(key, t)), 18);
        std::cout << "\n";
    }
    size_t failed = 0;
    for (const auto& c : card.cases) failed += c.error.empty() ? 0 : 1;
    if (failed) std::cout << "\n" << failed << " case(s) without post-edit scores (see --json: cases[].error)\n";
}

std::string percent(double v) {
    if (std::isnan(v)) return "-";
    std::ostringstream os;
    os << std::fixed << std::setprecision(1) << v * 100.0;
    return os.str();
}

// --curve-every: the sequential stream with its forgetting curve (edit/sequential.h).
int run_curve(const Args& args, Model& model, const std::vector<EditCase>& cases, const std::string& method) {
    if (method == "none") throw UsageError("--curve-every needs an edit method (--method)");
    const long long every = args.get_int("curve-every", 50), per_edit = args.get_int("edit-batch", 1),
                    sample = args.get_int("retention-sample", 50), limit = args.get_int("limit", 0);
    if (every < 0 || per_edit < 1 || sample < 1) throw UsageError("--curve-every >= 0, --edit-batch >= 1, --retention-sample >= 1");
    std::vector<EditCase> stream = cases;
    if (limit > 0 && static_cast<size_t>(limit) < stream.size()) stream.resize(static_cast<size_t>(limit));
    SequentialOptions o;
    o.curve_every = static_cast<size_t>(every);
    o.batch_size = static_cast<size_t>(per_edit);
    o.retention_sample = static_cast<size_t>(sample);
    o.locality_sample = static_cast<size_t>(sample);
    o.generation = !args.flag("no-generation");
    o.general_ability = !args.flag("no-general");
    const bool json = args.flag("json");
    JobContext job;
    job.cancel = &cancel_on_sigint();
    if (isatty(STDERR_FILENO))
        job.progress = [](double f, const std::string& stage) {
            std::cerr << "\r\x1b[K" << std::setw(3) << static_cast<int>(f * 100) << "%  " << stage << std::flush;
        };
    auto on_point = [json](const CurvePoint& p) {
        if (json) return;
        std::cerr << "\r\x1b[K";
        std::cout << std::setw(7) << p.edits << std::setw(10) << std::fixed << std::setprecision(1) << p.edit_seconds
                  << std::setw(11) << percent(p.retention_token_acc) << std::setw(11) << percent(p.retention_generation)
                  << std::setw(10) << percent(p.locality) << std::setw(12) << std::setprecision(2) << p.perplexity
                  << std::setw(9) << percent(p.fact_recall) << std::setw(10) << std::setprecision(3) << p.max_growth
                  << (p.collapse_warning ? "  COLLAPSE WARNING" : "") << std::endl;
    };
    if (!json)
        std::cout << "  edits  edit s   retain-tf  retain-gen  locality  perplexity  recall  max|W|/|W0|\n";
    auto curve = run_sequential(model, stream, base_spec_from_args(method, args), runtime_from_args(args), o, job, on_point);
    if (!curve) throw_error(curve.error());
    nlohmann::json out = curve->to_json();
    if (args.has("output")) {
        std::ofstream f(args.require("output"));
        f << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        if (!f) throw_error({ErrorCode::InvalidArgument, "cannot write " + args.require("output")});
    }
    if (args.has("curve-csv")) {
        std::ofstream f(args.require("curve-csv"));
        f << curve->to_csv();
        if (!f) throw_error({ErrorCode::InvalidArgument, "cannot write " + args.require("curve-csv")});
    }
    if (json) {
        print_json(out);
    } else {
        std::cout << "\n" << method << " on " << curve->edited << " of " << curve->requests << " requests, "
                  << curve->batch_size << " per edit, layers";
        for (int l : curve->layers) std::cout << " " << l;
        std::cout << "; editing " << std::setprecision(1) << curve->edit_seconds << " s, scoring the curve "
                  << curve->score_seconds << " s\n"
                  << "retain-tf: easyedit-token-acc of earlier edits; retain-gen: generation-match (greedy, first\n"
                  << "sentence); locality: easyedit-token-acc against the original model; perplexity, recall:\n"
                  << "general-ability. --json has every field and the protocols in words.\n";
        if (!curve->errors.empty()) std::cout << curve->errors.size() << " request(s) failed (see --json: errors)\n";
    }
    return curve->partial ? static_cast<int>(kCancelled) : static_cast<int>(kOk);
}

}  // namespace

Command eval_command() {
    Command c;
    c.name = "eval";
    c.synopsis = "score edits on a dataset (CounterFact, zsRE, EasyEdit, Lancet facts)";
    c.usage =
        "usage: lancet-cli eval MODEL --dataset FILE [--method NAME|none] [--limit N] [--sequential]\n"
        "                       [--protocols LIST] [--fluency] [--seed S] [--format F] [--zsre-target answer|alt]\n"
        "                       [--batch-size N] [--output FILE] [--layer L] [--original] [--device D] [--dtype T] [--json]\n\n"
        "For each request: scores before the edit, applies it, scores after, and undoes it; with\n"
        "--sequential the edits stay in and every request is scored again once all are in\n"
        "(after_all_edits, and forgetting = after_each_edit - after_all_edits). --method none\n"
        "(the default) scores the unedited model.\n\n"
        "--format    auto (default), counterfact, easyedit, zsre, rome-knowns, lancet-facts\n"
        "--protocols comma-separated: counterfact-prob, easyedit-token-acc, zsre-token-acc,\n"
        "            ngram-entropy; default: the dataset format's own (CounterFact and Lancet facts:\n"
        "            counterfact-prob,easyedit-token-acc; easyedit: easyedit-token-acc; zsRE: zsre-token-acc)\n"
        "--fluency   adds ngram-entropy (top-k 5 samples of 100 tokens, seeded by --seed)\n"
        "--zsre-target answer (ROME: insert answers[0], default) or alt (EasyEdit: insert alt)\n"
        "--output    also write the JSON scorecard to FILE\n"
        "--hparams   ROME hyperparameters over the model's defaults: a JSON object or @FILE\n"
        "            (e.g. '{\"kl_factor\": 0.25}'; keys as in the edit record's hparams)\n"
        "--mom2-npz L=FILE[,..]  the reference code's saved statistics (.npz) for layer L\n"
        "--stats-corpus FILE[,FILE...]  text for the second-moment statistics (default: the model\n"
        "            folder's stats-corpus.txt when it has one, else Lancet's WordNet corpus)\n"
        "--v-precision auto (default: tf32 on CUDA, fp32 on the CPU) | fp32 | tf32 | bf16: compute_v's\n"
        "            arithmetic (tf32, bf16: CUDA only)\n"
        "--keep-subject-facts  Lancet's extension of ROME: each edit also keeps the model's predictions\n"
        "            for the subject's other facts in the dataset (a KL term per fact, weight keep_factor\n"
        "            in --hparams, default 0.1; with 60 v_num_grad_steps on the demo model), each in a\n"
        "            phrasing the case does not score\n"
        "--curve-every N  the sequential stream with its forgetting curve: every request edited in\n"
        "            turn and kept, and every N edited requests earlier edits re-scored (teacher-forced\n"
        "            and generation-based), locality against the original model, perplexity and fact\n"
        "            recall, and ‖W‖/‖W₀‖ per edited matrix. With --edit-batch B (MEMIT, AlphaEdit:\n"
        "            B requests per edit), --retention-sample N (50), --layers L1,L2,.., --no-generation,\n"
        "            --no-general, --curve-csv FILE. --output/--json write the curve.\n\n"
        "Ctrl-C stops after the current request and prints the partial scorecard (exit status 3).\n"
        "JSON: method, mode, protocols, seed, cases_total, cases_done, partial, timings, summary[{metric,\n"
        "label, protocol, timing, mean, std, ci95, n}], cases[{case_id, subject, prompt, target_new,\n"
        "target_true, edited, error, edit_seconds, edit_info, notes, scores{pre_edit, after_each_edit,\n"
        "after_all_edits: [{metric, protocol, value, details[{prompt, target, value, ...}]}]}}],\n"
        "dataset{path, format, problems}. Values are fractions (not x100).\n";
    c.spec = model_spec({"dataset", "method", "limit", "protocols", "seed", "format", "zsre-target", "batch-size", "output", "layer",
                         "hparams", "stats-corpus", "v-precision", "curve-every", "edit-batch", "retention-sample",
                         "layers", "curve-csv", "mom2-npz"},
                        {"sequential", "fluency", "original", "keep-subject-facts", "no-generation", "no-general"});
    c.run = [](const Args& args) {
        const std::string path = args.require("dataset");
        const std::string method = args.get_or("method", "none");
        if (method != "none" && !find_edit_method(method)) throw UsageError(find_edit_method(method).error().message);
        const long long limit = args.get_int("limit", 0);
        if (limit < 0) throw UsageError("--limit must be >= 0");
        const long long batch = args.get_int("batch-size", 16);
        if (batch <= 0) throw UsageError("--batch-size must be positive");
        DatasetOptions dopt;
        dopt.format = args.get_or("format", "auto");
        const std::string zt = args.get_or("zsre-target", "answer");
        if (zt == "alt") dopt.zsre_target = ZsreTarget::Alternative;
        else if (zt != "answer") throw UsageError("--zsre-target must be answer or alt");

        auto data = load_dataset(path, dopt);
        if (!data) throw_error(data.error());
        for (size_t i = 0; i < data->problems.size() && i < 20; ++i)
            std::cerr << "warning: " << path << ": " << data->problems[i] << "\n";
        if (data->problems.size() > 20) std::cerr << "warning: ... and " << data->problems.size() - 20 << " more\n";

        if (data->format == "rome-knowns")
            throw_error({ErrorCode::InvalidArgument, path + ": known-facts records carry no target_new to edit towards "
                                                            "(they are for causal tracing: lancet-cli trace)"});

        if (args.has("curve-every")) {
            auto model = load_model_or_throw(args);
            return run_curve(args, *model, data->cases, method);
        }

        EvalOptions o;
        o.limit = static_cast<size_t>(limit);
        o.sequential = args.flag("sequential");
        o.fluency = args.flag("fluency");
        o.seed = static_cast<uint64_t>(args.get_int("seed", 0));
        o.batch_size = static_cast<int>(batch);
        o.method = method;
        o.protocols = args.has("protocols") ? split_commas(args.require("protocols")) : default_protocols(data->format);
        for (const auto& p : o.protocols)
            if (p != kProtocolCounterFact && p != kProtocolEasyEdit && p != kProtocolZsre && p != kProtocolNgram)
                throw UsageError("unknown protocol \"" + p + "\" in --protocols");

        auto model = load_model_or_throw(args);
        if (args.flag("keep-subject-facts") && method == "none") throw UsageError("--keep-subject-facts needs an edit method");
        EditFn edit = make_edit_fn(method, args, data->cases);

        JobContext job;
        job.cancel = &cancel_on_sigint();
        const bool tty = isatty(STDERR_FILENO) != 0;
        if (tty)
            job.progress = [](double f, const std::string& stage) {
                std::cerr << "\r\x1b[K" << std::setw(3) << static_cast<int>(f * 100) << "%  " << stage << std::flush;
            };
        auto card = run_eval(*model, data->cases, edit, o, job);
        if (tty) std::cerr << "\r\x1b[K" << std::flush;
        if (!card) throw_error(card.error());

        nlohmann::json out = to_json(card.value());
        out["dataset"] = {{"path", path}, {"format", data->format}, {"problems", data->problems}};
        if (args.has("output")) {
            std::ofstream f(args.require("output"));
            f << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            if (!f) throw_error({ErrorCode::InvalidArgument, "cannot write " + args.require("output")});
        }
        if (args.flag("json")) print_json(out);
        else print_table(card.value(), data->format, data->problems.size());
        if (card->partial) {
            if (card->partial_reason == "cancelled") return static_cast<int>(kCancelled);
            std::cerr << "lancet-cli eval: " << card->partial_reason << "\n";
            return static_cast<int>(kEngineError);
        }
        return static_cast<int>(kOk);
    };
    return c;
}

}  // namespace lancet::cli
