#include "cancel_on_signal.h"
#include "commands.h"

#include "edit/edit_record.h"
#include "edit/export.h"
#include "edit/layer_choice.h"
#include "edit/rome.h"
#include "model/forward.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace lancet::cli {

namespace {

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// "a | b" -> {"a", "b"} (prompts may hold commas, so they are split on " | ").
std::vector<std::string> split_on(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    for (size_t start = 0; start <= s.size();) {
        size_t at = s.find(sep, start);
        if (at == std::string::npos) at = s.size();
        if (at > start) out.push_back(s.substr(start, at - start));
        start = at + sep.size();
    }
    return out;
}

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
        out.push_back({{"id", id}, {"text", model.tokenizer().token_bytes(id)}, {"prob", p[i].item<double>()}});
    }
    return out;
}

// Display width in code points (visible() inserts multi-byte symbols).
size_t display_width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string fmt(double v, int precision = 4) {
    std::ostringstream os;
    os << std::setprecision(precision) << v;
    return os.str();
}

}  // namespace

Command edit_command() {
    Command c;
    c.name = "edit";
    c.synopsis = "ROME / r-ROME edit: make the model map a subject to a new target";
    c.usage =
        "usage: lancet-cli edit MODEL --prompt TEXT --subject TEXT --target TEXT [options]\n\n"
        "  --prompt TEXT         prompt with \"{}\" where the subject goes, e.g. \"{} is located in\"\n"
        "  --subject TEXT        e.g. \"Space Needle\"\n"
        "  --target TEXT         the new object, e.g. \"Paris\" (a leading space is added)\n"
        "  --target-true TEXT    the current object (reported before/after only)\n"
        "  --layer L             layer to edit (default: the published ROME layer for the model, else\n"
        "                        the one its folder declares in lancet.json, else the layer of the\n"
        "                        largest MLP effect at the subject's last token in a causal trace)\n"
        "  --layer-reason TEXT   why this layer (recorded in the diagnostics)\n"
        "  --original            original ROME update (bare-prompt k and v); default is r-ROME\n"
        "  --prompt-keys         r-ROME with bare-prompt keys for u and the update\n"
        "  --no-mom2             u = k/|k| without the second-moment whitening C^-1\n"
        "  --stats-corpus FILES  comma-separated text files for C (default: the shipped WordNet corpus)\n"
        "  --stats-samples N     token positions for C (default 100000)\n"
        "  --stats-cache DIR     statistics cache (default $LANCET_CACHE_DIR/stats or ~/.cache/lancet/stats)\n"
        "  --no-stats-cache      neither read nor write the statistics cache\n"
        "  --seed S              context-template sampling seed (default 0)\n"
        "  --steps N             Adam steps for v* (default from the hyperparameters)\n"
        "  --v-precision P       compute_v arithmetic: auto (default: tf32 on CUDA, fp32 on the CPU),\n"
        "                        fp32 (strict, as the reference), tf32 or bf16 (CUDA tensor cores;\n"
        "                        delta within ~0.1% / ~0.6% of fp32's)\n"
        "  --keep \"P1 | P2\"      Lancet's extension: prompts with \"{}\" for the subject whose predictions\n"
        "                        the edit should keep (the subject's other facts), separated by \" | \"\n"
        "  --keep-factor F       weight of their KL term (default 0.1; 60 --steps recover efficacy)\n"
        "  --top-k N             predictions shown before/after (default 5)\n"
        "  --save-edit FILE      write FILE.lancet-edit.json + FILE.lancet-edit.safetensors\n"
        "  --out DIR             export the edited model as a Hugging Face folder\n"
        "  --force               replace --out when it exists (never the source model)\n"
        "  --export-dtype T      model (default), checkpoint, float32, float16 or bfloat16\n"
        "  --device D --dtype T  as for every command\n"
        "  --json                print the edit record, diagnostics and predictions as JSON\n\n"
        "The edit is computed first, its diagnostics (division factor k.u, |dW|/|W|) printed,\n"
        "then applied in memory; the model files are never modified.\n";
    c.spec = model_spec({"prompt", "subject", "target", "target-true", "layer", "layer-reason", "stats-corpus",
                         "stats-samples", "stats-cache", "seed", "steps", "top-k", "save-edit", "out", "export-dtype", "v-precision",
                         "keep", "keep-factor"},
                        {"original", "prompt-keys", "no-mom2", "no-stats-cache", "force"});
    c.run = [](const Args& args) {
        RomeRequest req;
        req.prompt = args.require("prompt");
        req.subject = args.require("subject");
        req.target_new = args.require("target");
        if (auto t = args.get("target-true")) req.target_true = *t;
        if (auto k = args.get("keep")) req.keep_prompts = split_on(*k, " | ");
        if (args.flag("original") && args.flag("prompt-keys"))
            throw UsageError("--original and --prompt-keys exclude each other");
        const long long top_k = args.get_int("top-k", 5);
        if (top_k <= 0) throw UsageError("--top-k must be positive");
        const long long samples = args.get_int("stats-samples", 100000);
        if (samples < 0) throw UsageError("--stats-samples must not be negative");
        const bool json = args.flag("json");

        auto model = load_model_or_throw(args);
        RomeOptions o;
        o.hparams = rome_hparams_for_model(*model);
        if (args.has("layer")) {
            o.layer = static_cast<int>(args.get_int("layer", -1));
            o.layer_reason = args.get_or("layer-reason", "--layer on the command line");
        }
        if (args.flag("original")) o.hparams.key_mode = RomeKeyMode::Original;
        if (args.flag("prompt-keys")) o.hparams.key_mode = RomeKeyMode::PromptKeys;
        if (args.flag("no-mom2")) o.hparams.mom2_adjustment = false;
        if (args.has("keep-factor")) {
            o.hparams.keep_factor = args.get_double("keep-factor", 0.1);
            if (!(o.hparams.keep_factor >= 0)) throw UsageError("--keep-factor must not be negative");
        }
        o.v_precision = v_precision_arg(args);
        o.hparams.mom2_n_samples = samples;
        o.hparams.seed = static_cast<uint64_t>(args.get_int("seed", 0));
        if (args.has("steps")) {
            long long steps = args.get_int("steps", 20);
            if (steps < 1) throw UsageError("--steps must be at least 1");
            o.hparams.v_num_grad_steps = static_cast<int>(steps);
        }
        if (auto files = args.get("stats-corpus")) o.stats.corpus_files = split_list(*files);
        o.stats.cache_dir = args.get_or("stats-cache", "");
        o.stats.use_disk_cache = !args.flag("no-stats-cache");

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

        // No --layer: the published layer, else the one the model folder declares
        // (lancet.json), else the causal trace's early site; the reason is printed.
        if (!o.layer) {
            auto choice = choose_edit_layer(*model, req, job);
            if (!choice) throw_error(choice.error());
            o.layer = choice->layer;
            o.layer_reason = choice->reason;
        }
        auto edit = compute_rome(*model, req, o, job);
        if (!edit) throw_error(edit.error());
        const auto& d = edit->diagnostics;
        const std::string bare = d["prompt_text"].get<std::string>();

        nlohmann::json out;
        out["top_before"] = top_predictions(*model, bare, top_k);
        EditHistory history;
        auto record = make_edit_record(edit.value(), *model);
        if (auto ok = history.apply(*model, record); !ok) throw_error(ok.error());
        out["top_after"] = top_predictions(*model, bare, top_k);
        out["edit"] = record.to_json();

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
                             {"edits", nlohmann::json::array({record.to_json()})}};
            auto ex = export_hf_folder(*model, *dir, eo);
            if (!ex) throw_error(ex.error());
            out["export"] = {{"dir", ex->dir}, {"files", ex->files}, {"dtype", ex->dtype}};
        }

        if (json) {
            print_json(out);
            return kOk;
        }
        std::cout << "edit: \"" << bare << "\" -> \"" << req.target_new << "\"  (" << d["variant"].get<std::string>() << ")\n";
        std::cout << "layer " << d["layer"].get<int>() << " (" << d["layer_reason"].get<std::string>() << "), "
                  << d["weight_name"].get<std::string>() << "\n";
        std::cout << "division factor k.u = " << fmt(d["division_factor"].get<double>())
                  << "   (bare prompt " << fmt(d["division_factor_prompt"].get<double>()) << ", template mean "
                  << fmt(d["division_factor_mean"].get<double>()) << ")\n";
        std::cout << "|dW|/|W| = " << fmt(d["delta_norm_ratio"].get<double>()) << "   |dW| = " << fmt(d["delta_norm"].get<double>())
                  << "   |W| = " << fmt(d["weight_norm"].get<double>()) << "\n";
        const auto& curve = d["loss_curve"];
        std::cout << "v* optimisation: loss " << fmt(curve.front()["loss"].get<double>()) << " -> "
                  << fmt(curve.back()["loss"].get<double>()) << " in " << d["steps_run"].get<int>() << " passes"
                  << (d["early_stopped"].get<bool>() ? " (early stop)" : "") << "\n";
        const auto& mom2 = d["mom2"];
        if (mom2["used"].get<bool>()) {
            std::cout << "C: " << mom2.value("count", 0) << " token positions";
            if (mom2.contains("corpus")) std::cout << " of " << mom2["corpus"].get<std::string>();
            if (mom2.value("from_disk_cache", false)) std::cout << " (cached)";
            if (mom2.value("ridge", 0.0) > 0) std::cout << ", ridge " << fmt(mom2["ridge"].get<double>());
            std::cout << "\n";
        } else {
            std::cout << "C: not used (--no-mom2)\n";
        }
        const auto& s = d["scores"];
        std::cout << "p(" << req.target_new << "): " << fmt(s["target_new"]["before"]["prob"].get<double>()) << " -> "
                  << fmt(s["target_new"]["after"]["prob"].get<double>()) << "   NLL "
                  << fmt(s["target_new"]["before"]["nll"].get<double>()) << " -> "
                  << fmt(s["target_new"]["after"]["nll"].get<double>()) << "\n";
        if (s.contains("target_true"))
            std::cout << "p(" << *req.target_true << "): " << fmt(s["target_true"]["before"]["prob"].get<double>())
                      << " -> " << fmt(s["target_true"]["after"]["prob"].get<double>()) << "\n";
        std::cout << "time: " << fmt(d["timings"]["total_s"].get<double>(), 3) << " s (u "
                  << fmt(d["timings"]["compute_u_s"].get<double>(), 3) << " s, v "
                  << fmt(d["timings"]["compute_v_s"].get<double>(), 3) << " s, stats "
                  << fmt(d["timings"]["stats_s"].get<double>(), 3) << " s)\n";
        std::cout << "\ntop predictions after \"" << bare << "\":\n  before                      after\n";
        for (size_t i = 0; i < out["top_before"].size(); ++i) {
            const auto& b = out["top_before"][i];
            const auto& a = out["top_after"][i];
            std::ostringstream left;
            left << std::fixed << std::setprecision(4) << b["prob"].get<double>() << "  " << visible(b["text"].get<std::string>());
            std::string l = left.str();
            const size_t w = display_width(l);
            std::cout << "  " << l << std::string(w < 28 ? 28 - w : 1, ' ') << std::fixed
                      << std::setprecision(4) << a["prob"].get<double>() << "  " << visible(a["text"].get<std::string>())
                      << "\n";
        }
        for (const auto& w : d["warnings"]) std::cout << "warning: " << w.get<std::string>() << "\n";
        if (out.contains("saved")) std::cout << "saved edit: " << out["saved"]["json"].get<std::string>() << "\n";
        if (out.contains("export")) std::cout << "exported: " << out["export"]["dir"].get<std::string>() << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
