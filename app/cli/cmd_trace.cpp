#include "commands.h"
#include "terminal_text.h"

#include "cancel_on_signal.h"
#include "eval/dataset.h"
#include "tokenizer/token_labels.h"
#include "trace/causal_trace.h"
#include "trace/trace_average.h"

#include <cmath>
#include <iomanip>
#include <iostream>

namespace lancet::cli {

namespace {

std::vector<TraceKind> parse_kinds(const std::string& text) {
    if (text == "all") return {TraceKind::Hidden, TraceKind::Mlp, TraceKind::Attn};
    auto k = parse_trace_kind(text);
    if (!k) throw UsageError("--kind must be hidden, mlp, attn or all");
    return {*k};
}

// --noise: "s3" = 3 × σ(subject embeddings) (the reference's notation), or a plain number = absolute std.
void parse_noise(const std::string& text, TraceRequest& req) {
    try {
        if (!text.empty() && text[0] == 's') {
            req.noise_multiplier = std::stod(text.substr(1));
        } else {
            req.noise_std = std::stod(text);
        }
    } catch (const std::exception&) {
        throw UsageError("--noise must be sN (N × σ of subject embeddings) or a number (absolute std)");
    }
}

// A terminal rendering: one character per cell, darker = closer to the clean probability.
void print_ascii(const TraceResult& r) {
    static const char* shades[] = {" ", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x93", "\xe2\x96\x88"};
    const auto& s = r.setup;
    const auto labels = token_labels(s.tokens);  // "台" then "⋯", not two broken bytes
    for (const auto& k : r.kinds) {
        std::cout << "\n" << trace_kind_name(k.kind) << (k.window > 1 ? " (window " + std::to_string(k.window) + ")" : "")
                  << "  p(" << visible(token_label(s.answer)) << "): low " << std::fixed << std::setprecision(4) << s.low_score
                  << "  high " << s.high_score << "\n";
        double top = s.low_score;
        for (const auto& row : k.scores)
            for (double v : row)
                if (!std::isnan(v)) top = std::max(top, v);
        for (size_t t = 0; t < k.scores.size(); ++t) {
            bool subj = static_cast<int>(t) >= s.subject_begin && static_cast<int>(t) < s.subject_end;
            std::string label = visible(labels[t]) + (subj ? "*" : "");
            std::cout << fit_right(label, 16) << " |";
            for (double v : k.scores[t]) {
                if (std::isnan(v)) { std::cout << "?"; continue; }
                double f = top > s.low_score ? (v - s.low_score) / (top - s.low_score) : 0;
                std::cout << shades[std::clamp(static_cast<int>(f * 4.999), 0, 4)];
            }
            std::cout << "|\n";
        }
    }
    std::cout << "\n" << r.cells << " cells in " << std::setprecision(3) << r.seconds << " s"
              << (r.partial ? "  (PARTIAL: cancelled)" : "") << "\n";
}

}  // namespace

TraceRequest trace_request_from_args(const Args& args) {
    TraceRequest req;
    req.prompt = args.require("prompt");
    req.subject = args.get_or("subject", "");
    req.target = args.get_or("target", "");
    req.kinds = parse_kinds(args.get_or("kind", "all"));
    req.samples = static_cast<int>(args.get_int("samples", 10));
    if (args.has("window")) req.window = static_cast<int>(args.get_int("window", 10));
    req.seed = static_cast<uint64_t>(args.get_int("seed", 1));
    if (auto n = args.get("noise")) parse_noise(*n, req);
    req.noise = args.flag("uniform") ? NoiseKind::Uniform : NoiseKind::Gaussian;
    req.replace = args.flag("replace");
    if (auto s = args.get("sever")) {
        if (*s == "mlp") req.sever = SeverKind::Mlp;
        else if (*s == "attn") req.sever = SeverKind::Attn;
        else throw UsageError("--sever must be mlp or attn");
    }
    req.reference_loop = args.flag("reference-loop");
    req.memory_budget_mb = args.get_int("memory-mb", 0);
    return req;
}

Command trace_command() {
    Command c;
    c.name = "trace";
    c.synopsis = "causal trace: where does the model recall a fact?";
    c.usage =
        "usage: lancet-cli trace MODEL --prompt TEXT [--subject TEXT] [--target TEXT]\n"
        "         [--kind hidden|mlp|attn|all] [--samples N] [--noise sK|STD] [--uniform] [--replace]\n"
        "         [--window N] [--sever mlp|attn] [--seed S] [--reference-loop] [--memory-mb MB]\n"
        "         [--device D] [--dtype T] [--json|--csv]\n\n"
        "Corrupts the subject's token embeddings with noise (default s3: 3 x the std of subject-token\n"
        "embeddings), then restores one clean state per cell and reports p(answer). Defaults follow the\n"
        "ROME reference code: 10 samples, window 10, answer = the clean top-1 token; on a model of fewer\n"
        "than 48 layers the window keeps the same share of the depth, at least 3 (8 layers: 3). Ctrl-C\n"
        "stops early and prints the partial result.\n\n"
        "JSON fields: tokens[], labels[] (the tokens as read, as in predict), token_ids[],\n"
        "subject{text, range[b,e), guessed}, answer{id, text, correct_prediction}, high_score, low_score, noise{std, source}, n_layer,\n"
        "kinds[{kind, window, scores[token][layer] (null = not computed)}], partial, seconds,\n"
        "forward_passes, cells, notes[] (deliberate deviations from the reference code).\n";
    c.spec = model_spec({"prompt", "subject", "target", "kind", "samples", "noise", "window", "sever", "seed", "memory-mb"},
                        {"uniform", "replace", "reference-loop", "csv"});
    c.run = [](const Args& args) {
        if (args.flag("json") && args.flag("csv")) throw UsageError("--json and --csv exclude each other");
        TraceRequest req = trace_request_from_args(args);
        auto model = load_model_or_throw(args);
        JobContext job;
        job.cancel = &cancel_on_sigint();
        auto r = causal_trace(*model, req, {}, job);
        if (!r) throw_error(r.error());
        if (args.flag("json")) print_json(r->to_json());
        else if (args.flag("csv")) std::cout << r->to_csv();
        else print_ascii(r.value());
        return r->partial ? kCancelled : kOk;
    };
    return c;
}

}  // namespace lancet::cli

namespace lancet::cli {

Command trace_avg_command() {
    Command c;
    c.name = "trace-avg";
    c.synopsis = "average indirect effects over many facts (the paper's Figure 2 averages)";
    c.usage =
        "usage: lancet-cli trace-avg MODEL --dataset FILE [--limit N] [--kind hidden|mlp|attn|all]\n"
        "         [--samples N] [--noise sK|STD] [--window N] [--seed S] [--device D] [--dtype T] [--json]\n\n"
        "FILE: known facts (known_id, prompt, subject, attribute), CounterFact, or a Lancet facts file.\n"
        "Facts the model does not answer with their attribute are skipped, as in the reference.\n"
        "JSON: facts_total, facts_used, facts_skipped, skipped[], mean_high_score, mean_low_score,\n"
        "average_total_effect, kinds[{kind, buckets{first_subject_token, middle_subject_tokens,\n"
        "last_subject_token, first_subsequent_token, further_tokens, last_token: {mean_effect[layer],\n"
        "ci95[layer], count[layer]}}}], partial, seconds.\n";
    c.spec = model_spec({"dataset", "limit", "kind", "samples", "noise", "window", "seed"});
    c.run = [](const Args& args) {
        auto facts = load_tracing_facts(args.require("dataset"));
        if (!facts) throw_error(facts.error());
        TraceRequest base;
        base.kinds = parse_kinds(args.get_or("kind", "all"));
        base.samples = static_cast<int>(args.get_int("samples", 10));
        if (args.has("window")) base.window = static_cast<int>(args.get_int("window", 10));
        base.seed = static_cast<uint64_t>(args.get_int("seed", 1));
        if (auto n = args.get("noise")) parse_noise(*n, base);
        const long long limit = args.get_int("limit", 0);
        std::vector<TraceFact> list;
        for (const auto& f : facts->facts) {
            if (limit > 0 && static_cast<long long>(list.size()) >= limit) break;
            list.push_back({f.prompt, f.subject, f.attribute});
        }
        auto model = load_model_or_throw(args);
        JobContext job;
        job.cancel = &cancel_on_sigint();
        auto r = average_trace(*model, list, base, job);
        if (!r) throw_error(r.error());
        auto j = r->to_json();
        j["dataset_problems"] = facts->problems;
        if (args.flag("json")) {
            print_json(j);
        } else {
            std::cout << "facts used " << r->facts_used << " of " << r->facts_total << ", ATE " << std::fixed
                      << std::setprecision(4) << (r->mean_high - r->mean_low) << "\n";
            for (size_t k = 0; k < r->kinds.size(); ++k) {
                std::cout << "\n" << trace_kind_name(r->kinds[k]) << " mean effect per layer:\n";
                for (int b = 0; b < kTokenBuckets; ++b) {
                    std::cout << std::setw(24) << std::left << token_bucket_name(static_cast<TokenBucket>(b));
                    for (double v : r->curves[k][b].mean) std::cout << std::setw(8) << std::right << std::setprecision(3) << v;
                    std::cout << "\n";
                }
            }
        }
        return r->partial ? kCancelled : kOk;
    };
    return c;
}

}  // namespace lancet::cli
