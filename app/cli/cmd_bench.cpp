// lancet-cli bench: speed figures and ratios, printed (never asserted in tests).
#include "commands.h"
#include "core/cpu_workers.h"

#include "edit/rome_bench.h"
#include "eval/soak.h"
#include "merge/merge.h"
#include "merge/merge_session.h"
#include "model/random_init.h"
#include "trace/causal_trace.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>

namespace lancet::cli {

std::shared_ptr<Model> bench_model(const Args& args) {
    if (auto shape = args.get("random-init")) {
        auto config = shape_config(*shape);
        if (!config) throw_error(config.error());
        LoadOptions o = load_options_from(args);
        auto m = random_model(config.value(), bundled_gpt2_tokenizer_dir(), o, 0);
        if (!m) throw_error(m.error());
        return m.value();
    }
    if (args.positional().size() < 2) throw UsageError("give MODEL or --random-init SHAPE");
    return load_model_from(args.positional()[1], args);
}

namespace {

int bench_trace(const Args& args) {
    auto model = bench_model(args);
    TraceRequest req;
    req.prompt = args.get_or("prompt", "The Space Needle is located in the city of");
    req.subject = args.get_or("subject", "Space Needle");
    req.samples = static_cast<int>(args.get_int("samples", 10));
    req.memory_budget_mb = args.get_int("memory-mb", 0);
    const int repeats = static_cast<int>(args.get_int("repeats", 3));

    // Warm-up: first calls pay for allocator growth and kernel selection.
    auto warm = causal_trace(*model, req);
    if (!warm) throw_error(warm.error());
    std::vector<double> fast_times, one_at_a_time;
    TraceResult fast;
    // On a CPU the fast path runs chunks side by side, a worker per core; its
    // A/B, one chunk at a time, runs interleaved with it.
    const bool cpu = model->device().is_cpu() && cpu_worker_count() > 1;
    TraceRequest single = req;
    single.cpu_workers = 1;
    for (int i = 0; i < repeats; ++i) {
        auto r = causal_trace(*model, req);
        if (!r) throw_error(r.error());
        fast_times.push_back(r->seconds);
        fast = r.value();
        if (cpu) {
            auto s = causal_trace(*model, single);
            if (!s) throw_error(s.error());
            one_at_a_time.push_back(s->seconds);
        }
    }
    std::sort(fast_times.begin(), fast_times.end());
    const double fast_s = fast_times[fast_times.size() / 2];

    nlohmann::json out;
    out["model"] = model->path().empty() ? "random-init " + args.get_or("random-init", "") : model->path();
    out["device"] = model->device().str();
    out["dtype"] = dtype_name(model->dtype());
    out["n_layer"] = model->config().n_layer;
    out["d_model"] = model->config().d_model;
    out["prompt_tokens"] = fast.setup.token_ids.size();
    out["subject_tokens"] = fast.setup.subject_end - fast.setup.subject_begin;
    out["kinds"] = "hidden+mlp+attn";
    out["samples"] = req.samples;
    out["cells"] = fast.cells;
    out["fast_seconds_median"] = fast_s;
    out["fast_seconds_all"] = fast_times;
    out["fast_setup_seconds"] = fast.setup_seconds;
    out["fast_batched_passes"] = fast.forward_passes;
    out["fast_out_of_memory_retries"] = fast.out_of_memory_retries;  // chunks run again as halves
    if (!one_at_a_time.empty()) {
        std::sort(one_at_a_time.begin(), one_at_a_time.end());
        out["cpu_workers"] = cpu_worker_count();
        out["fast_one_chunk_at_a_time_seconds_median"] = one_at_a_time[one_at_a_time.size() / 2];
    }
    if (!args.flag("skip-reference")) {
        TraceRequest ref = req;
        ref.reference_loop = true;
        auto r = causal_trace(*model, ref);
        if (!r) throw_error(r.error());
        out["reference_loop_seconds"] = r->seconds;
        out["reference_loop_forward_passes"] = r->forward_passes;
        out["speedup"] = r->seconds / fast_s;
        out["max_abs_diff_vs_reference"] = fast.max_score_difference(r.value());
    }
    if (args.flag("json")) {
        print_json(out);
    } else {
        std::cout << std::fixed << std::setprecision(4);
        for (auto it = out.begin(); it != out.end(); ++it) std::cout << std::setw(30) << std::left << it.key() << it.value().dump() << "\n";
    }
    return kOk;
}

int bench_rome_cmd(const Args& args) {
    auto model = bench_model(args);
    RomeBenchOptions o;
    if (args.has("layer")) o.layer = static_cast<int>(args.get_int("layer", 0));
    o.repeats = static_cast<int>(args.get_int("repeats", 3));
    o.stats_samples = args.get_int("stats-samples", 0);
    if (auto c = args.get("stats-corpus")) o.stats.corpus_files = {*c};
    o.v_precision = v_precision_arg(args);
    o.profile_prefix = args.get_or("profile", "");
    auto r = bench_rome(*model, o);
    if (!r) throw_error(r.error());
    if (args.flag("json")) {
        print_json(r.value());
    } else {
        for (auto it = r->begin(); it != r->end(); ++it) std::cout << std::setw(34) << std::left << it.key() << it.value().dump() << "\n";
    }
    return kOk;
}

int bench_soak_cmd(const Args& args) {
    auto model = bench_model(args);
    SoakOptions o;
    o.cycles = static_cast<int>(args.get_int("cycles", o.cycles));
    o.stats_samples = args.get_int("stats-samples", o.stats_samples);
    o.trace_samples = static_cast<int>(args.get_int("samples", o.trace_samples));
    if (o.trace_samples < 1) throw UsageError("--samples must be positive");
    JobContext job;
    job.progress = [](double, const std::string& stage) { std::cerr << "\r" << stage << "   " << std::flush; };
    auto r = run_soak(model, o, job);
    std::cerr << "\n";
    if (!r) throw_error(r.error());
    if (args.flag("json")) {
        print_json(r.value());
    } else {
        for (const auto& p : r->at("points")) std::cout << p.dump() << "\n";
        std::cout << r->at("summary").dump(2) << "\n";
    }
    return kOk;
}

int bench_merge_cmd(const Args& args) {
    auto model = bench_model(args);
    MergeBenchOptions o;
    o.repeats = static_cast<int>(args.get_int("repeats", 5));
    o.tasks = static_cast<int>(args.get_int("synthetic-tasks", 3));
    if (o.tasks < 1 || o.tasks > 16) throw UsageError("--synthetic-tasks must be 1 to 16");
    auto r = bench_merge(model, o);
    if (!r) throw_error(r.error());
    // With real task checkpoints (MODEL/tasks/*/ or --tasks): what a slider
    // release costs end to end, incremental merge + the live scorecard.
    if (args.positional().size() == 2) {
        MergeSessionOptions so;
        so.base_dir = args.positional()[1];
        so.device = args.get_or("device", "cpu");
        // The live scorecard's budget (defaults: ScoreOptions, what the merge panel uses).
        auto count = [&](const char* name, long long fallback) {
            const long long v = args.get_int(name, fallback);
            if (v < 0) throw UsageError(std::string("--") + name + " must not be negative");
            return v;
        };
        so.score.max_probes_per_task = static_cast<size_t>(count("probes", static_cast<long long>(so.score.max_probes_per_task)));
        so.score.base_facts = static_cast<size_t>(count("facts", static_cast<long long>(so.score.base_facts)));
        so.score.fluency_tokens = static_cast<int>(count("fluency-tokens", so.score.fluency_tokens));
        if (auto t = args.get("tasks")) {
            for (size_t a = 0, b; a <= t->size(); a = b + 1) {
                b = t->find(',', a);
                if (b == std::string::npos) b = t->size();
                if (b > a) so.task_paths.push_back(t->substr(a, b - a));
            }
        } else {
            so.task_paths = find_task_dirs(so.base_dir);
        }
        if (!so.task_paths.empty()) {
            model.reset();  // the session loads its own copy
            so.spec.method = MergeMethod::TaskArithmetic;
            for (size_t i = 0; i < so.task_paths.size(); ++i) so.spec.tasks.push_back({so.task_paths[i], 0.5, 1.0});
            auto session = MergeSession::open(so);
            if (!session) throw_error(session.error());
            auto live = bench_slider_to_scorecard(*session.value(), static_cast<int>(args.get_int("repeats", 10)));
            if (!live) throw_error(live.error());
            for (auto it = live->begin(); it != live->end(); ++it) (*r)[it.key() == "method" ? "live_method" : it.key()] = it.value();
        }
    }
    if (args.flag("json")) {
        print_json(r.value());
    } else {
        for (auto it = r->begin(); it != r->end(); ++it) std::cout << std::setw(34) << std::left << it.key() << it.value().dump() << "\n";
    }
    return kOk;
}

}  // namespace

Command bench_command() {
    Command c;
    c.name = "bench";
    c.synopsis = "benchmarks: bench trace | rome | merge | edit | sequential | ttt | patch | soak";
    c.usage =
        "usage: lancet-cli bench trace [MODEL | --random-init SHAPE]   (SHAPE: tiny, gpt2-xl, llama3-8b, qwen2.5-7b, ...)\n"
        "         [--prompt TEXT --subject TEXT] [--samples N] [--repeats N] [--memory-mb MB]\n"
        "         [--skip-reference] [--device D] [--dtype T] [--json]\n\n"
        "Times a 3-kind causal trace (hidden + MLP + attention) with the batched fast path (median of\n"
        "--repeats runs after a warm-up) and with the cell-by-cell reference loop in the same run, and\n"
        "prints both, their ratio and the largest difference between their cells. On a CPU with several\n"
        "cores also the fast path one chunk at a time, interleaved with it (the A/B of its chunks running\n"
        "side by side, a single-threaded worker per core).\n\n"
        "usage: lancet-cli bench rome [MODEL | --random-init SHAPE] [--layer L] [--repeats N]\n"
        "         [--stats-samples N] [--stats-corpus FILE] [--v-precision auto|fp32|tf32|bf16] [--device D] [--dtype T]\n"
        "         [--profile PREFIX] [--json]\n\n"
        "Times one ROME edit with statistics and context templates cached (compute_u, compute_v, total;\n"
        "compute_v in --v-precision) and fp32 compute_v with and without the cached-lower-layers trick;\n"
        "on CUDA also compute_v in tf32 and bf16, with their delta's distance from fp32's. --profile (CUDA):\n"
        "afterwards records one compute_v with its graphs and one eager, kernel by kernel, into\n"
        "PREFIX-graph.json and PREFIX-eager.json (summed by bench/kernel_summary.py).\n\n"
        "usage: lancet-cli bench merge [MODEL | --random-init SHAPE] [--tasks T1,T2] [--synthetic-tasks N] [--repeats N]\n"
        "         [--device D] [--dtype T] [--json]\n"
        "         [--probes N] [--facts N] [--fluency-tokens N]   (the live scorecard's sample; default: the panel's)\n\n"
        "Times a full task-arithmetic merge of N (default 3) synthetic task vectors (float32, drawn on the\n"
        "device) and the incremental slider step\n"
        "(one fused in-place pass; median, and the mean over one cycle of the periodic exact re-merge),\n"
        "against a plain _foreach_add_ of one task vector over the same weights in the same process\n"
        "(foreach_add_baseline_ms, slider_vs_baseline).\n"
        "When MODEL has task checkpoints (MODEL/tasks/*/, or --tasks), also times slider release to\n"
        "updated scorecard: one weight set incrementally plus the live scorecard (merge --score),\n"
        "median / p90 / max over --repeats (slider_to_scorecard_ms, merge_update_ms, score_ms).\n\n"
        "usage: lancet-cli bench edit [MODEL | --random-init SHAPE] [--methods rome,ft,ft-l,lora,memit,alphaedit]\n"
        "         [--repeats N] [--device D] [--dtype T] [--json]\n\n"
        "Times one edit's computation per method (median of --repeats after a warm-up that fills the\n"
        "statistics, Fisher and template caches), on the same request and the method's default layers.\n\n"
        "usage: lancet-cli bench sequential [MODEL | --random-init SHAPE] --method M [--requests N] [--batch B]\n"
        "         [--dataset FILE] [--whole-rows] [--padded-suffixes] [--unfused] [--all-positions]\n"
        "         [--device D] [--dtype T] [--json]\n\n"
        "Edits N requests of a dataset (default: the demo model's facts.json) in batches of B without\n"
        "reverting and without scoring: end-to-end editing time, requests per second, per-stage seconds.\n"
        "A line per batch on stderr; Ctrl-C stops after the batch in flight with the figures so far.\n"
        "--whole-rows: MEMIT/AlphaEdit targets over whole rows, not only the suffixes after the cached\n"
        "prefixes (the A/B of that speed-up; the same arithmetic). --padded-suffixes: the suffixes in one batch\n"
        "padded to the longest, not in groups of similar length (the A/B of that one). --unfused: the blocks\n"
        "without fused kernels (the A/B of ForwardInput::fused_kernels; equal up to rounding). --all-positions:\n"
        "the targets' last block at every position, not only where the loss reads (and ROME's edited block\n"
        "every step): the A/B of that saving, equal up to rounding.\n\n"
        "usage: lancet-cli bench ttt [MODEL | --random-init SHAPE] [--repeats STEPS] [--samples TOKENS] [--skip-reference] [--json]\n\n"
        "TENT steps per second (entropy at every position, Adam, every norm's γ and β) against a plain LibTorch\n"
        "GPT-2 doing the same step in the same run (cmd_bench_ttt.cpp).\n\n"
        "usage: lancet-cli bench patch [MODEL | --random-init SHAPE] [--prompt CLEAN --corrupted TEXT] [--clean-answer A --corrupted-answer B] [--repeats N]\n"
        "         [--device D] [--dtype T] [--json]\n\n"
        "Exact activation patching of every layer x position x {block, attention, MLP} and every head against\n"
        "attribution patching of the same cells in the same run: both times, the speed-up, and per site the\n"
        "Spearman rank correlation of the two score sets and the overlap of their 20 strongest cells.\n\n"
        "usage: lancet-cli bench soak [MODEL | --random-init SHAPE] [--cycles N] [--stats-samples N] [--samples N]\n"
        "         [--device D] [--dtype T] [--json]\n\n"
        "A long session without the workbench (eval/soak.h): N cycles of a ROME edit applied, undone, redone and\n"
        "undone, a hidden-state trace and a live merge moved and restored; resident memory, open descriptors and\n"
        "the CUDA allocator's figures after each cycle, their growth per cycle over the second half, and whether\n"
        "the weights came back bit for bit.\n";
    c.spec.options = {"device", "dtype", "devices", "placement", "random-init", "prompt", "subject", "samples", "repeats", "synthetic-tasks", "cycles", "memory-mb", "layer",
                      "stats-samples", "stats-corpus", "tasks", "v-precision", "profile",
                      "probes", "facts", "fluency-tokens", "methods", "method", "requests", "batch", "dataset", "corrupted", "clean-answer", "corrupted-answer"};
    c.spec.flags = {"json", "skip-reference", "whole-rows", "padded-suffixes", "unfused", "all-positions"};
    c.spec.min_positional = 1;
    c.spec.max_positional = 2;
    c.run = [](const Args& args) {
        const std::string what = args.positional().at(0);
        if (what == "trace") return bench_trace(args);
        if (what == "rome") return bench_rome_cmd(args);
        if (what == "merge") return bench_merge_cmd(args);
        if (what == "edit") return bench_edit_cmd(args);
        if (what == "sequential") return bench_sequential_cmd(args);
        if (what == "ttt") return bench_ttt_cmd(args);
        if (what == "patch") return bench_patch_cmd(args);
        if (what == "soak") return bench_soak_cmd(args);
        throw UsageError("unknown benchmark \"" + what + "\" (trace, rome, merge, edit, sequential, ttt, patch, soak)");
    };
    return c;
}

}  // namespace lancet::cli
