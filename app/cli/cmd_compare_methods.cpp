// lancet-cli compare-methods: the same edit by several methods, each undone
// before the next, side by side (the lecture's slide: fine-tuning and its
// remedies against ROME).
#include "cancel_on_signal.h"
#include "commands.h"

#include "edit/surgery.h"
#include "eval/metrics.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace lancet::cli {

namespace {

// Fractions print x100; bits and perplexities as they are.
std::string cell(const EditScorecard& card, const std::string& key) {
    const ScoreRow* r = card.find(key);
    if (!r) return "-";
    const bool raw = r->protocol == kProtocolNgram || key == "perplexity";
    std::ostringstream os;
    os << std::fixed << std::setprecision(raw && key != "perplexity" ? 2 : 1) << (raw ? r->after : r->after * 100.0);
    if (r->before) {
        const double d = raw ? r->after - *r->before : (r->after - *r->before) * 100.0;
        os << " (" << (d >= 0 ? "+" : "") << std::setprecision(1) << d << ")";
    }
    return os.str();
}

}  // namespace

Command compare_methods_command() {
    Command c;
    c.name = "compare-methods";
    c.synopsis = "the same edit by several methods, each undone before the next, side by side";
    c.usage =
        "usage: lancet-cli compare-methods MODEL --prompt TEXT --subject TEXT --target TEXT\n"
        "                                  [--methods rome,ft,ft-l,lora,l2,ewc,replay] [edit's options] [--json]\n\n"
        "Runs `lancet-cli edit`'s loop (choose the site, score, edit, apply, score) once per method on\n"
        "the same weights, undoing each edit before the next. The layer is chosen once, for all\n"
        "(--layer sets it); --hparams applies to --method's own method only, the others use their\n"
        "defaults for the model. Columns: the scorecard after the edit (x100; fluency in bits,\n"
        "perplexity as is), the change from before in brackets, and the time of the whole loop.\n"
        "General ability: perplexity of general text and recall of the model's own facts (facts.json\n"
        "beside the model); --no-general skips both.\n\n"
        "JSON: {request, methods[{method, seconds, edit_seconds, layer, hparams, scorecard{rows, timing},\n"
        "delta[{weight, kind, rank, delta_norm, relative}]} | {method, error{code, message}}]}\n";
    c.spec = model_spec({"prompt", "subject", "target", "target-true", "layer", "layer-reason", "keep", "paraphrases",
                         "locality", "method", "hparams", "methods", "stats-corpus", "steps", "seed", "keep-factor",
                         "stats-samples", "mom2-npz"},
                        {"no-fluency", "no-general", "original", "prompt-keys", "no-mom2"});
    c.run = [](const Args& args) {
        const EditSpec spec = edit_spec_from_args(args);
        if (auto ok = spec.validate(); !ok) throw UsageError(ok.error().message);
        const std::vector<std::string> methods = split_commas(args.get_or("methods", "rome,ft,ft-l,lora,l2,ewc,replay"));
        for (const auto& m : methods)
            if (auto found = find_edit_method(m); !found) throw UsageError(found.error().message);
        const bool json = args.flag("json");
        auto model = load_model_or_throw(args);
        SurgeryOptions so;
        so.fluency = !args.flag("no-fluency");
        so.general_ability = !args.flag("no-general");
        so.runtime.stats_corpus = split_commas(args.get_or("stats-corpus", ""));
        so.runtime.stats_npz = mom2_npz_arg(args);
        JobContext job;
        job.cancel = &cancel_on_sigint();
        if (!json)
            job.progress = [last = std::string()](double, const std::string& stage) mutable {
                if (stage.rfind("comparing", 0) == 0 && stage != last) {
                    std::cerr << stage << "\n";
                    last = stage;
                }
            };
        EditHistory history;
        auto rows = compare_methods(*model, history, spec, methods, so, job);
        if (!rows) throw_error(rows.error());
        if (json) {
            print_json({{"request", spec.to_json()}, {"methods", comparison_json(rows.value())}});
            return kOk;
        }
        std::cout << "\"" << spec.filled_prompt() << "\" -> \"" << spec.target_new << "\"";
        for (const auto& r : rows.value())
            if (r.outcome) {
                std::cout << "  (layer " << r.outcome->layer << ": " << r.outcome->layer_reason << ")";
                break;
            }
        std::cout << "\n\n" << std::left << std::setw(9) << "method" << std::setw(16) << "reliability" << std::setw(16)
                  << "generality" << std::setw(16) << "locality" << std::setw(16) << "same subject" << std::setw(16)
                  << "fluency (bits)" << std::setw(16) << "fact recall" << std::setw(18) << "perplexity" << "time\n";
        for (const auto& r : rows.value()) {
            std::cout << std::setw(9) << r.method;
            if (!r.outcome) {
                std::cout << "failed: " << r.error->message << "\n";
                continue;
            }
            const auto& card = r.outcome->scorecard;
            std::cout << std::setw(16) << cell(card, "reliability") << std::setw(16) << cell(card, "generalization")
                      << std::setw(16) << cell(card, "locality") << std::setw(16) << cell(card, "locality_same_subject")
                      << std::setw(16) << cell(card, "fluency") << std::setw(16) << cell(card, "fact_recall")
                      << std::setw(18) << cell(card, "perplexity") << std::fixed
                      << std::setprecision(2) << r.seconds << " s\n";
        }
        std::cout << "\nProtocols: reliability, generality and locality are EasyEdit's token accuracy (easyedit-token-acc);\n"
                     "fluency is the n-gram entropy of a greedy continuation (ngram-entropy); fact recall and\n"
                     "perplexity are general ability (general-ability). --json has every row.\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
