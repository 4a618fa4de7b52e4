#include "cancel_on_signal.h"
#include "commands.h"
#include "terminal_text.h"

#include "edit/edit_method.h"
#include "edit/edit_record.h"
#include "edit/export.h"
#include "edit/surgery.h"
#include "eval/metrics.h"
#include "model/forward.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <iostream>
#include <sstream>

namespace lancet::cli {

namespace {

nlohmann::json top_predictions(const Model& model, const std::string& text, int64_t k) {
    torch::NoGradGuard no_grad;
    auto enc = model.tokenizer().encode(text);
    std::vector<int64_t> ids = enc.ids;
    if (auto bos = model.tokenizer().bos_id()) ids.insert(ids.begin(), *bos);
    ForwardInput in;
    in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1}).to(model.device());
    in.logits = LogitsMode::Last;
    auto probs = torch::softmax(forward(model, in).logits[0], -1);
    auto top = probs.topk(std::min<int64_t>(k, probs.size(0)));
    auto p = std::get<0>(top).to(torch::kCPU), idx = std::get<1>(top).to(torch::kCPU);
    nlohmann::json out = nlohmann::json::array();
    for (int64_t i = 0; i < p.size(0); ++i) {
        int64_t id = idx[i].item<int64_t>();
        auto t = token_json(id, model.tokenizer().token_bytes(id));
        t["prob"] = p[i].item<double>();
        out.push_back(t);
    }
    return out;
}

std::string fmt(double v, int precision = 4) {
    std::ostringstream os;
    os << std::setprecision(precision) << v;
    return os.str();
}

void print_methods(const Model* model, bool json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : edit_methods()) list.push_back(m->info(model).to_json());
    if (json) {
        print_json({{"methods", list}});
        return;
    }
    for (const auto& m : list) {
        std::cout << m["name"].get<std::string>() << "  (" << m["label"].get<std::string>() << ", "
                  << m["delta_kind"].get<std::string>() << " delta)\n  " << m["description"].get<std::string>() << "\n";
        for (const auto& p : m["params"])
            std::cout << "    " << std::left << std::setw(22) << p["name"].get<std::string>() << std::setw(8)
                      << p["type"].get<std::string>() << " default " << p["default"].dump() << "\n";
    }
}

std::string percent(const std::optional<double>& v) {
    if (!v || std::isnan(*v)) return "   -  ";
    std::ostringstream os;
    os << std::fixed << std::setprecision(1) << std::setw(5) << *v * 100.0 << "%";
    return os.str();
}

// The human-readable report: the method's diagnostics (each line only where the
// method reports it), the scorecard, and the top predictions before and after.
void print_edit_text(const nlohmann::json& out, const EditOutcome& outcome, const std::string& bare) {
    const auto& d = outcome.diagnostics;
    auto num = [&](const char* key) { return d.contains(key) && d[key].is_number() ? fmt(d[key].get<double>()) : std::string("-"); };
    std::cout << "edit: \"" << bare << "\" -> \"" << outcome.request.target_new << "\"  (" << outcome.method;
    if (d.contains("variant")) std::cout << ": " << d["variant"].get<std::string>();
    std::cout << ")\n";
    std::cout << "layer " << outcome.layer << " (" << outcome.layer_reason << ")";
    if (d.contains("weight_name")) std::cout << ", " << d["weight_name"].get<std::string>();
    std::cout << "\n";
    if (d.contains("division_factor"))
        std::cout << "division factor k.u = " << num("division_factor") << "   (bare prompt " << num("division_factor_prompt")
                  << ", template mean " << num("division_factor_mean") << ")\n";
    if (d.contains("delta_norm_ratio"))
        std::cout << "|dW|/|W| = " << num("delta_norm_ratio") << "   |dW| = " << num("delta_norm") << "   |W| = " << num("weight_norm") << "\n";
    if (d.contains("loss_curve") && d["loss_curve"].is_array() && !d["loss_curve"].empty()) {
        const auto& curve = d["loss_curve"];
        std::cout << "optimisation: loss " << fmt(curve.front().value("loss", 0.0)) << " -> " << fmt(curve.back().value("loss", 0.0))
                  << " in " << curve.size() << " steps" << (d.value("early_stopped", false) ? " (early stop)" : "") << "\n";
    }
    if (d.contains("mom2") && d["mom2"].is_object()) {
        const auto& mom2 = d["mom2"];
        if (mom2.value("used", false)) {
            std::cout << "C: " << mom2.value("count", 0) << " token positions";
            if (mom2.contains("corpus")) std::cout << " of " << mom2["corpus"].get<std::string>();
            if (mom2.value("from_disk_cache", false)) std::cout << " (cached)";
            if (mom2.value("ridge", 0.0) > 0) std::cout << ", ridge " << fmt(mom2["ridge"].get<double>());
            std::cout << "\n";
        } else {
            std::cout << "C: not used (mom2_adjustment off)\n";
        }
    }
    if (d.contains("timings") && d["timings"].contains("total_s"))
        std::cout << "time: " << fmt(d["timings"]["total_s"].get<double>(), 3) << " s to compute the edit\n";
    if (!outcome.scorecard.rows.empty()) {
        std::cout << "\nscorecard (" << outcome.scorecard.timing << ")          before    after   protocol\n";
        for (const auto& r : outcome.scorecard.rows) {

            // Fluency is in bits, everything else a fraction.
            const bool bits = r.protocol == kProtocolNgram;
            auto shown = [&](const std::optional<double>& v) {
                return bits ? (v ? fmt(*v, 4) + " b" : std::string("   -  ")) : percent(v);
            };
            std::cout << "  " << fit_left(r.label, 30) << " " << shown(r.before)
                      << "  " << shown(r.after) << "   " << r.protocol << "\n";
        }
    }
    std::cout << "\ntop predictions after \"" << bare << "\":\n  before                      after\n";
    for (size_t i = 0; i < out["top_before"].size() && i < out["top_after"].size(); ++i) {
        const auto& b = out["top_before"][i];
        const auto& a = out["top_after"][i];
        std::ostringstream left;
        left << std::fixed << std::setprecision(4) << b["prob"].get<double>() << "  " << visible(b["text"].get<std::string>());
        std::string l = left.str();
        const size_t w = terminal_width(l);
        std::cout << "  " << l << std::string(w < 28 ? 28 - w : 1, ' ') << std::fixed << std::setprecision(4)
                  << a["prob"].get<double>() << "  " << visible(a["text"].get<std::string>()) << "\n";
    }
    if (d.contains("warnings"))
        for (const auto& w : d["warnings"]) std::cout << "warning: " << w.get<std::string>() << "\n";
    if (out.contains("saved")) std::cout << "saved edit: " << out["saved"]["json"].get<std::string>() << "\n";
    if (out.contains("export")) std::cout << "exported: " << out["export"]["dir"].get<std::string>() << "\n";
}

}  // namespace

Command edit_command() {
    Command c;
    c.name = "edit";
    c.synopsis = "edit a fact with any edit method (ROME / r-ROME, ...), scored before and after";
    c.usage =
        "usage: lancet-cli edit MODEL --prompt TEXT --subject TEXT --target TEXT [options]\n"
        "       lancet-cli edit MODEL --list-methods [--json]\n\n"
        "  --method NAME         edit method (default rome; --list-methods shows each with its parameters)\n"
        "  --hparams JSON|@FILE  the method's hyperparameters, validated against its parameter list\n"
        "  --prompt TEXT         prompt with \"{}\" where the subject goes, e.g. \"{} is located in\"\n"
        "  --subject TEXT        e.g. \"Space Needle\"\n"
        "  --target TEXT         the new object, e.g. \"Paris\" (a leading space is added)\n"
        "  --target-true TEXT    the current object (reported before/after only)\n"
        "  --layer L             layer to edit (default: the published ROME layer for the model, else\n"
        "                        the one its folder declares in lancet.json, else the layer of the\n"
        "                        largest MLP effect at the subject's last token in a causal trace)\n"
        "  --layer-reason TEXT   why this layer (recorded in the diagnostics)\n"
        "  --keep \"P1 | P2\"      prompts with \"{}\" for the subject whose predictions the edit should keep\n"
        "                        (the subject's other facts; Lancet's extension of ROME, 60 Adam steps)\n"
        "  --paraphrases \"A | B\" generality prompts for the scorecard (default: the prompt in model-written contexts)\n"
        "  --locality \"A | B\"    unrelated prompts for the scorecard (default: five general-knowledge prompts)\n"
        "  --no-score            skip the before/after scorecard (the workbench always scores)\n"
        "  --no-fluency          skip the scorecard's fluency row (greedy generation: its slow part)\n"
        "  --no-general          skip the general-ability rows (perplexity of general text, recall of the\n"
        "                        model's own facts from facts.json beside it)\n"
        "  ROME shorthands for --hparams: --original (key_mode original), --prompt-keys, --no-mom2,\n"
        "                        --steps N, --keep-factor F, --seed S, --stats-samples N\n"
        "  --stats-corpus FILES  comma-separated text files for C (default: the shipped WordNet corpus)\n"
        "  --stats-cache DIR     statistics cache (default $LANCET_CACHE_DIR/stats or ~/.cache/lancet/stats)\n"
        "  --no-stats-cache      neither read nor write the statistics cache\n"
        "  --mom2-npz L=FILE     use the ROME/MEMIT/EasyEdit code's saved statistics (np.savez with mom2.mom2,\n"
        "                        mom2.count) for layer L instead of computing them (comma-separated list)\n"
        "  --v-precision P       ROME's compute_v arithmetic: auto (default: tf32 on CUDA, fp32 on the CPU),\n"
        "                        fp32 (strict, as the reference), tf32 or bf16 (CUDA tensor cores)\n"
        "  --top-k N             predictions shown before/after (default 5)\n"
        "  --save-edit FILE      write FILE.lancet-edit.json + FILE.lancet-edit.safetensors\n"
        "  --out DIR             export the edited model as a Hugging Face folder\n"
        "  --force               replace --out when it exists (never the source model)\n"
        "  --export-dtype T      model (default), checkpoint, float32, float16 or bfloat16\n"
        "  --device D --dtype T  as for every command\n"
        "  --json                {edit{index, id, method, request, layer, layer_reason, hparams, diagnostics},\n"
        "                        history, scorecard{rows[{key, label, protocol, before, after, details}], timing},\n"
        "                        top_before, top_after, saved?, export?}\n\n"
        "The same loop as the workbench's Apply Edit (engine edit/surgery.h): choose the layer, score,\n"
        "edit, apply in memory, score again. The model files are never modified.\n";
    c.spec = model_spec({"prompt", "subject", "target", "target-true", "layer", "layer-reason", "stats-corpus",
                         "stats-samples", "stats-cache", "seed", "steps", "top-k", "save-edit", "out", "export-dtype",
                         "v-precision", "keep", "keep-factor", "method", "hparams", "paraphrases", "locality", "mom2-npz"},
                        {"original", "prompt-keys", "no-mom2", "no-stats-cache", "force", "no-score", "no-fluency",
                         "no-general", "list-methods"});
    c.run = [](const Args& args) {
        const bool json = args.flag("json");
        if (args.flag("list-methods")) {
            auto model = load_model_or_throw(args);
            print_methods(model.get(), json);
            return kOk;
        }
        const EditSpec spec = edit_spec_from_args(args);
        const long long top_k = args.get_int("top-k", 5);
        if (top_k <= 0) throw UsageError("--top-k must be positive");
        if (auto ok = spec.validate(); !ok) throw UsageError(ok.error().message);
        if (auto m = find_edit_method(spec.method); !m) throw UsageError(m.error().message);

        auto model = load_model_or_throw(args);
        SurgeryOptions so;
        so.score = !args.flag("no-score");
        so.fluency = !args.flag("no-fluency");
        so.general_ability = !args.flag("no-general");
        so.runtime.stats_corpus = split_commas(args.get_or("stats-corpus", ""));
        so.runtime.stats_cache_dir = args.get_or("stats-cache", "");
        so.runtime.use_stats_cache = !args.flag("no-stats-cache");
        so.runtime.v_precision = v_precision_name(v_precision_arg(args));
        so.runtime.stats_npz = mom2_npz_arg(args);

        JobContext job;
        job.cancel = &cancel_on_sigint();
        int last_percent = -1;
        if (!json)
            job.progress = [&](double f, const std::string& stage) {
                int pct = static_cast<int>(f * 100);
                if (pct / 10 != last_percent / 10) {
                    std::cerr << "[" << std::setw(3) << pct << "%] " << stage << "\n";
                    last_percent = pct;
                }
            };

        const std::string bare = spec.filled_prompt();
        nlohmann::json out;
        out["top_before"] = top_predictions(*model, bare, top_k);
        EditHistory history;
        auto outcome = apply_and_score(*model, history, spec, so, job);
        if (!outcome) throw_error(outcome.error());
        out.update(outcome->to_json());
        out["top_after"] = top_predictions(*model, bare, top_k);

        if (auto path = args.get("save-edit")) {
            auto saved = save_edit_file(*path, *model, history.applied());
            if (!saved) throw_error(saved.error());
            out["saved"] = {{"json", saved->json}, {"tensors", saved->tensors}};
        }
        if (auto dir = args.get("out")) {
            ExportOptions eo;
            eo.overwrite = args.flag("force");
            eo.dtype = args.get_or("export-dtype", "model");
            eo.provenance = {{"base_model", model->path()}, {"base_fingerprint", model->fingerprint()},
                             {"edits", nlohmann::json::array({history.applied().back().to_json()})}};
            auto ex = export_hf_folder(*model, *dir, eo);
            if (!ex) throw_error(ex.error());
            out["export"] = {{"dir", ex->dir}, {"files", ex->files}, {"dtype", ex->dtype}};
        }

        if (json) {
            print_json(out);
            return kOk;
        }
        print_edit_text(out, *outcome, bare);
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
