// lancet-cli ttt: the test-time training lab (engine/ttt/) on a stream, one line
// per method side by side, and the In-Place TTT demonstration.
#include "cancel_on_signal.h"
#include "commands.h"

#include "ttt/demo_shift.h"
#include "ttt/inplace_addon.h"
#include "ttt/inplace_demo.h"
#include "ttt/runner.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;

namespace lancet::cli {
namespace {

std::string fmt(double v, int precision = 3) {
    if (!std::isfinite(v)) return "-";
    std::ostringstream os;
    os << std::fixed << std::setprecision(precision) << v;
    return os.str();
}

std::vector<int> layers_arg(const Args& args) {
    std::vector<int> out;
    if (auto l = args.get("layers"))
        for (const auto& s : split_commas(*l)) {
            try {
                out.push_back(std::stoi(s));
            } catch (const std::exception&) {
                throw UsageError("--layers takes layer numbers: " + *l);
            }
        }
    return out;
}

std::string model_file(const Model& model, const char* name) {
    return model.path().empty() ? std::string() : (fs::path(model.path()) / name).string();
}

int run_demo(const Args& args, const Model& model, const JobContext& job) {
    InplaceDemoOptions o;
    o.facts = static_cast<size_t>(args.get_int("facts", 12));
    o.seed = static_cast<uint64_t>(args.get_int("seed", 17));
    o.inplace.layers = layers_arg(args);
    o.inplace.lr = args.get_double("inplace-lr", o.inplace.lr);
    o.inplace.chunk = args.get_int("chunk", 0);
    o.inplace.target = args.get_or("inplace-target", o.inplace.target);
    o.finetune_epochs = static_cast<int>(args.get_int("ft-epochs", o.finetune_epochs));
    o.finetune_lr = args.get_double("ft-lr", o.finetune_lr);
    // The trained conv and projection: --addon FILE, else the model folder's, unless --no-addon.
    if (!args.flag("no-addon")) {
        auto a = attach_inplace_addon(o, model, args.get_or("addon", ""));
        if (!a) throw_error(a.error());
    }
    auto r = run_inplace_demo(model, o, job);
    if (!r) throw_error(r.error());
    if (args.flag("json")) {
        print_json(r->to_json());
        return kOk;
    }
    std::cout << "In-Place TTT demonstration: " << r->facts << " invented facts in a document of " << r->document_tokens
              << " tokens (context " << r->context << ", chunks of " << r->chunk << "); questions asked alone after it.\n"
              << "target: " << r->target << "; layers " << nlohmann::json(r->layers).dump() << ", lr " << r->inplace_lr << "\n\n";
    std::cout << std::left << std::setw(28) << "setting" << std::setw(9) << "recall" << std::setw(11) << "answer NLL"
              << std::setw(12) << "first rank" << std::setw(9) << "seconds" << "note\n";
    for (const auto& row : r->rows)
        std::cout << std::left << std::setw(28) << row.setting << std::setw(9) << fmt(row.recall) << std::setw(11)
                  << fmt(row.mean_nll) << std::setw(12) << fmt(row.mean_rank, 1) << std::setw(9) << fmt(row.seconds, 1) << row.note
                  << "\n";
    std::cout << "\nper-chunk NLL, frozen:   ";
    for (double v : r->chunk_nll_base) std::cout << fmt(v, 2) << " ";
    std::cout << "\nper-chunk NLL, in-place: ";
    for (double v : r->chunk_nll_inplace) std::cout << fmt(v, 2) << " ";
    std::cout << "\n‖ΔW_down‖_F per TTT layer: ";
    for (double v : r->delta_norms) std::cout << fmt(v, 2) << " ";
    if (!r->addon_path.empty()) {
        std::cout << "\n\ntrained add-on " << r->addon_path << ": layers " << nlohmann::json(r->addon_layers).dump() << ", chunks of "
                  << r->addon_chunk << "\nper-chunk NLL, frozen:   ";
        for (double v : r->chunk_nll_base_addon) std::cout << fmt(v, 2) << " ";
        std::cout << "\nper-chunk NLL, add-on:   ";
        for (double v : r->chunk_nll_addon) std::cout << fmt(v, 2) << " ";
        std::cout << "\n‖ΔW_down‖_F per TTT layer: ";
        for (double v : r->delta_norms_addon) std::cout << fmt(v, 2) << " ";
    }
    std::cout << "\nweights restored: " << (r->weights_restored ? "yes" : "NO") << "\n";
    return kOk;
}

// Accuracy of each run per segment, in stream order.
void print_segments(const TttComparison& c) {
    std::vector<std::string> segs;
    for (const auto& r : c.runs.front().records)
        if (segs.empty() || segs.back() != r.segment) segs.push_back(r.segment);
    if (segs.size() < 2) return;
    std::cout << "\naccuracy per segment (in stream order)\n" << std::left << std::setw(14) << "method";
    for (const auto& s : segs) std::cout << std::setw(11) << s.substr(0, 10);
    std::cout << "\n";
    for (const auto& run : c.runs) {
        std::cout << std::setw(14) << run.method.display();
        size_t at = 0;
        for (size_t k = 0; k < segs.size(); ++k) {
            double n = 0, ok = 0;
            while (at < run.records.size() && run.records[at].segment == segs[k]) {
                if (run.records[at].has_label) n += 1, ok += run.records[at].correct ? 1 : 0;
                ++at;
            }
            std::cout << std::setw(11) << (n > 0 ? fmt(ok / n) : "-");
        }
        std::cout << "\n";
    }
}

int run_stream(const Args& args, const Model& model, const JobContext& job) {
    std::unique_ptr<InputStream> stream;
    if (auto f = args.get("stream")) {
        TextStreamOptions to;
        to.mode = args.flag("paragraphs") ? "paragraphs" : "lines";
        auto s = open_text_stream(*f, to);
        if (!s) throw_error(s.error());
        stream = std::move(s.value());
    } else if (auto d = args.get("dataset")) {
        auto s = open_dataset_stream(*d);
        if (!s) throw_error(s.error());
        stream = std::move(s.value());
    } else if (auto sh = args.get("shift")) {
        if (*sh != "demo") throw UsageError("--shift takes \"demo\"");
        DemoShiftOptions o;
        o.facts_path = args.get_or("facts-file", model_file(model, "facts.json"));
        o.per_phase = static_cast<size_t>(args.get_int("per-phase", 50));
        o.cycles = static_cast<size_t>(args.get_int("cycles", 1));
        o.seed = static_cast<uint64_t>(args.get_int("seed", 17));
        auto s = demo_shift_stream(o);
        if (!s) throw_error(s.error());
        stream = std::move(s.value());
    } else {
        throw UsageError("give --stream FILE, --dataset FILE, --shift demo or --inplace-demo");
    }

    TttMethodSpec base;
    base.steps = static_cast<int>(args.get_int("steps", base.steps));
    base.lr = args.get_double("lr", base.lr);
    base.optimizer = args.get_or("optimizer", base.optimizer);
    base.sgd_momentum = args.get_double("sgd-momentum", base.sgd_momentum);
    base.params = args.get_or("params", base.params);
    base.positions = args.get_or("positions", base.positions);
    base.order = args.get_or("order", "");
    base.slow_every = static_cast<int>(args.get_int("slow-every", base.slow_every));
    base.slow_momentum = args.get_double("momentum", base.slow_momentum);
    base.shift_z = args.get_double("shift-z", base.shift_z);
    base.layers = layers_arg(args);
    base.inplace_lr = args.get_double("inplace-lr", 0.0);
    base.inplace_target = args.get_or("inplace-target", base.inplace_target);
    base.inplace_addon = args.get_or("addon", "");
    base.em_coef = args.get_double("em-coef", base.em_coef);
    base.temperature = args.get_double("temperature", base.temperature);
    base.mcc_topk = static_cast<int>(args.get_int("mcc-topk", base.mcc_topk));
    base.mcc_reweight = !args.flag("no-reweight");
    base.eta_e0 = args.get_double("eta-e0", base.eta_e0);
    base.eta_redundancy = args.get_double("eta-redundancy", base.eta_redundancy);
    base.eta_ema = args.get_double("eta-ema", base.eta_ema);
    TttMethodList list = parse_ttt_methods(args.get_or("method", "none,tent,episodic,reset:50,fastslow"), base);
    if (!list.error.empty()) throw UsageError(list.error);

    TttRunOptions ro;
    ro.max_inputs = static_cast<size_t>(args.get_int("max-inputs", 0));
    ro.every = static_cast<size_t>(args.get_int("every", 0));
    ro.probe.text_tokens = args.get_int("probe-tokens", ro.probe.text_tokens);
    ro.probe.facts = static_cast<size_t>(args.get_int("probe-facts", static_cast<long long>(ro.probe.facts)));
    const bool quiet = args.flag("json");
    const bool tty = isatty(2) != 0;
    JobContext j = job;
    if (!quiet && tty)
        j.progress = [](double f, const std::string& stage) {
            std::cerr << "\r" << std::setw(5) << fmt(100 * f, 1) << "%  " << stage << "          " << std::flush;
        };
    auto c = compare_ttt(model, *stream, list.methods, ro, j);
    if (!quiet && tty) std::cerr << "\r" << std::string(60, ' ') << "\r";
    if (!c) throw_error(c.error());
    if (auto csv = args.get("csv")) {
        std::ofstream out(*csv, std::ios::binary);
        out << c->to_csv();
        if (!out) throw_error({ErrorCode::Io, *csv + ": cannot be written"});
    }
    if (quiet) {
        nlohmann::json jj = c->to_json();
        if (!args.flag("records"))
            for (auto& run : jj["runs"]) run.erase("records");
        print_json(jj);
        return kOk;
    }
    const size_t window = static_cast<size_t>(args.get_int("window", 25));
    std::cout << "stream: " << c->runs.front().stream << "\n";
    if (!c->runs.front().probe_source.empty()) std::cout << "forgetting probe: " << c->runs.front().probe_source << "\n";
    std::cout << "\n"
              << std::left << std::setw(14) << "method" << std::setw(20) << "order" << std::setw(8) << "inputs" << std::setw(7)
              << "acc" << std::setw(8) << "NLL" << std::setw(9) << "entropy" << std::setw(15) << "‖Δθ‖" << std::setw(17)
              << "recall 0→end" << std::setw(19) << "ppl 0→end" << "status / accuracy per " << window << " inputs\n";
    for (const auto& run : c->runs) {
        const double dn = run.records.empty() ? 0 : run.records.back().delta_norm;
        std::string recall = "-", ppl = "-";
        if (run.forgetting.size() >= 2) {
            recall = fmt(run.forgetting.front().fact_recall, 2) + "→" + fmt(run.forgetting.back().fact_recall, 2);
            ppl = fmt(run.forgetting.front().perplexity, 1) + "→" + fmt(run.forgetting.back().perplexity, 1);
        }
        std::cout << std::left << std::setw(14) << run.method.display() << std::setw(20) << run.order << std::setw(8)
                  << run.records.size() << std::setw(7) << fmt(run.accuracy()) << std::setw(8) << fmt(run.mean_nll(), 2)
                  << std::setw(9) << fmt(run.mean_entropy(), 2) << std::setw(9) << fmt(dn, 2) << std::setw(recall == "-" ? 15 : 17) << recall
                  << std::setw(ppl == "-" ? 17 : 19) << ppl;
        if (run.status != TttStatus::Completed) std::cout << ttt_status_name(run.status) << ": " << run.message << " ";
        for (double a : run.windowed_accuracy(window)) std::cout << fmt(a, 2) << " ";
        std::cout << "\n";
    }
    print_segments(c.value());
    return kOk;
}

}  // namespace

Command ttt_command() {
    Command c;
    c.name = "ttt";
    c.synopsis = "test-time training lab: adapt while answering a stream, methods side by side";
    c.usage =
        "usage: lancet-cli ttt MODEL (--stream FILE [--paragraphs] | --dataset FILE | --shift demo)\n"
        "         [--method none,tent,episodic,continual,reset:N,suta,rdumb:N,fastslow,inplace (+eta, +suta)]\n"
        "         [--steps N] [--lr X] [--optimizer adam|adamw|sgd [--sgd-momentum M]] [--params norms|final-norm|norms:L,..|mlp_out:L,..|NAMES]\n"
        "         [--positions last|all] [--order predict-then-adapt|adapt-then-predict]\n"
        "         [--em-coef A] [--temperature T] [--mcc-topk K] [--no-reweight]\n"
        "         [--eta-e0 NATS] [--eta-redundancy D] [--eta-ema M]\n"
        "         [--slow-every K] [--momentum M] [--shift-z Z] [--layers L,..] [--inplace-lr X] [--addon FILE]\n"
        "         [--every N] [--probe-tokens N] [--probe-facts N] [--max-inputs N] [--window N]\n"
        "         [--per-phase N] [--cycles N] [--seed S] [--facts-file FILE] [--csv FILE] [--json [--records]]\n"
        "       lancet-cli ttt MODEL --inplace-demo [--facts N] [--chunk N] [--layers L,..] [--inplace-lr X]\n"
        "         [--inplace-target next-embedding|hidden] [--ft-epochs N] [--ft-lr X] [--seed S]\n"
        "         [--addon FILE | --no-addon] [--json]\n\n"
        "Runs each method over the same stream of unlabeled inputs (labels, when the stream has them, are\n"
        "only scored) and prints one line per method: accuracy, label NLL, mean next-token entropy, ‖θ−θ₀‖\n"
        "of the adapted parameters, base-fact recall and general-text perplexity before and after (every\n"
        "--every N inputs with --csv), and the accuracy per window of --window inputs. --stream reads a\n"
        "text file as it goes (one input per line, INPUT<TAB>LABEL for a label; --paragraphs: blank-line\n"
        "separated). --shift demo generates the demo model's facts in held-out phrasings, then a new register,\n"
        "then typos, then the subject in Cyrillic (--per-phase inputs each, --cycles times).\n"
        "Methods: none; tent = continual TENT (predict, then adapt); episodic (adapt, answer, reset: SUTA);\n"
        "reset:N (a hard reset every N inputs); fastslow (Dynamic-SUTA-style fast/slow weights with a\n"
        "shift-triggered reset);\n"
        "suta = episodic with SUTA's loss 0.3·entropy + 0.7·MCC on logits/2.5 at every position (--em-coef,\n"
        "--temperature; MCC over the union of each position's top --mcc-topk 8 tokens, renormalised: a\n"
        "deviation, the vocabulary is too large for SUTA's D×D matrix; --no-reweight drops its position\n"
        "weights). SUTA's own recipe adds --steps 10 --optimizer adamw --lr 2e-5. A +suta suffix gives the\n"
        "same loss to tent, continual, episodic, reset:N or fastslow.\n"
        "rdumb:N = reset:N+eta (RDumb): ETA's filters keep positions with entropy < E0 (--eta-e0, default\n"
        "ln(V)/2 − 1) and |cos(p, running mean of p)| < --eta-redundancy 0.05 (mean ← 0.9·mean + 0.1·kept,\n"
        "--eta-ema), weighted 1/exp(H − E0); a step that keeps nothing is skipped. +eta adds the filters to\n"
        "tent, continual, episodic or reset:N. RDumb's own optimiser is --optimizer sgd --sgd-momentum 0.9\n"
        "--lr 2.5e-4. Records (--json --records, --csv) say how many positions each\n"
        "step kept.\n"
        "inplace (In-Place TTT fast down projections, one chunk per input; --addon FILE: with a trained conv\n"
        "and projection). The model is never left adapted;\n"
        "a diverging run stops, restores the weights and says so. docs/design/ttt-and-continual-eval.md §3.\n\n"
        "--inplace-demo: a document longer than the context with invented facts, questions after it:\n"
        "recall with no adaptation, with In-Place TTT fast weights, and after fine-tuning on the document.\n"
        "With a trained conv and projection (--addon FILE, or the model folder's inplace-ttt.safetensors;\n"
        "made by `lancet-cli train` from a lancet-inplace-ttt-recipe/1 recipe) a row runs the rule with them.\n";
    c.spec = model_spec({"stream", "dataset", "shift", "method", "steps", "lr", "optimizer", "params", "positions", "order",
                         "slow-every", "momentum", "shift-z", "layers", "inplace-lr", "inplace-target", "every", "probe-tokens",
                         "probe-facts", "max-inputs", "window", "per-phase", "cycles", "seed", "facts-file", "csv", "facts",
                         "chunk", "ft-epochs", "ft-lr", "em-coef", "temperature", "mcc-topk", "eta-e0", "eta-redundancy",
                         "eta-ema", "addon", "sgd-momentum"},
                        {"paragraphs", "inplace-demo", "records", "no-reweight", "no-addon"});
    c.run = [](const Args& args) {
        auto model = load_model_or_throw(args);
        JobContext job;
        job.cancel = &cancel_on_sigint();
        if (args.flag("inplace-demo")) return run_demo(args, *model, job);
        return run_stream(args, *model, job);
    };
    return c;
}

}  // namespace lancet::cli
