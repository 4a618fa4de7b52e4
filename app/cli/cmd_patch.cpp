// lancet-cli patch / lens: locating with a counterfactual prompt (exact or
// attribution patching, with an exact check of the estimate) and reading every
// layer through the logit lens, of one model or before and after an edit file.
#include "commands.h"
#include "terminal_text.h"

#include "cancel_on_signal.h"
#include "edit/edit_record.h"
#include "edit/lens_before_after.h"
#include "edit/surgery.h"
#include "model/model.h"
#include "trace/logit_lens.h"
#include "trace/patching.h"
#include "tokenizer/token_labels.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <optional>

namespace lancet::cli {

namespace {

PatchRequest patch_request_from_args(const Args& args) {
    PatchRequest req;
    req.clean_prompt = args.require("clean");
    req.corrupted_prompt = args.require("corrupted");
    req.clean_answer = args.get_or("clean-answer", "");
    req.corrupted_answer = args.get_or("corrupted-answer", "");
    if (auto sites = args.get("sites")) {
        req.sites.clear();
        req.heads = false;
        std::string list = *sites;
        for (size_t b = 0; b <= list.size();) {
            size_t e = list.find(',', b);
            if (e == std::string::npos) e = list.size();
            const std::string one = list.substr(b, e - b);
            if (one == "heads") req.heads = true;
            else if (auto s = parse_patch_site(one)) req.sites.push_back(*s);
            else throw UsageError("--sites takes hidden, mlp, attn and heads, comma-separated");
            b = e + 1;
        }
    }
    const std::string direction = args.get_or("direction", "denoising");
    if (direction == "denoising") req.direction = PatchDirection::Denoising;
    else if (direction == "noising") req.direction = PatchDirection::Noising;
    else throw UsageError("--direction must be denoising or noising");
    const std::string metric = args.get_or("metric", "logit-diff");
    if (metric == "logit-diff") req.metric = PatchMetric::LogitDiff;
    else if (metric == "prob" || metric == "probability") req.metric = PatchMetric::Probability;
    else throw UsageError("--metric must be logit-diff or prob");
    req.reference_loop = args.flag("reference-loop");
    return req;
}

// One character per cell: darker = closer to the clean behaviour (1), blank at 0 or below.
void print_map(const std::vector<std::string>& tokens, const std::string& title,
               const std::vector<std::vector<double>>& scores) {
    static const char* shades[] = {" ", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x93", "\xe2\x96\x88"};
    std::cout << "\n" << title << "\n";
    const auto labels = token_labels(tokens);  // a split character shown once, not as broken bytes
    for (size_t t = 0; t < scores.size(); ++t) {
        std::cout << fit_right(visible(labels[t]), 16) << " |";
        for (double v : scores[t]) std::cout << shades[std::clamp(static_cast<int>(std::fabs(v) * 4.999), 0, 4)];
        std::cout << "|\n";
    }
}

// lens --edits: the lens of the base model and of the model with the file's edits.
ExitCode lens_before_after(Model& model, const LensRequest& req, const std::string& edits, bool json, const JobContext& job) {
    EditHistory history;
    auto replayed = replay_edits(model, history, edits, job);
    if (!replayed) throw_error(replayed.error());
    LensBeforeAfterRequest r;
    r.lens = req;
    auto c = logit_lens_before_after(model, history, r, job);
    if (!c) throw_error(c.error());
    if (json) {
        print_json(c->to_json());
        return kOk;
    }
    std::cout << "logit lens at the last position, before and after " << history.size() << " edit(s); answer "
              << visible(token_label(c->after_lens.answer)) << "\n";
    for (size_t l = 0; l < c->after_lens.cells.size(); ++l) {
        const auto& b = c->before_lens.cells[l].back();
        const auto& a = c->after_lens.cells[l].back();
        std::cout << "  layer " << std::setw(3) << l << "  p(answer) " << std::fixed << std::setprecision(4) << b.answer_prob
                  << " -> " << a.answer_prob << "  rank " << std::setw(6) << b.answer_rank << " -> " << std::setw(6)
                  << a.answer_rank << "  top after: " << visible(token_label(a.top_tokens.front())) << "\n";
    }
    auto layer = [](int l) { return l < 0 ? std::string("never") : "layer " + std::to_string(l); };
    std::cout << "the answer leads at the last position from " << layer(c->first_layer_after) << " after the edits ("
              << layer(c->first_layer_before) << " before)\n";
    return kOk;
}

}  // namespace

Command patch_command() {
    Command c;
    c.name = "patch";
    c.synopsis = "activation patching from a counterfactual prompt (exact or attribution)";
    c.usage =
        "usage: lancet-cli patch MODEL --clean TEXT --corrupted TEXT [--clean-answer A] [--corrupted-answer B]\n"
        "         [--sites hidden,mlp,attn,heads] [--direction denoising|noising] [--metric logit-diff|prob]\n"
        "         [--attribution [--check K]] [--reference-loop] [--device D] [--dtype T] [--json]\n\n"
        "Copies activations between two prompts of equal token length (\"The Space Needle is in\" vs\n"
        "\"The Eiffel Tower is in\"): denoising copies a clean activation into the corrupted run, noising\n"
        "the reverse; block (hidden), attention and MLP outputs per layer and position, and every\n"
        "attention head over all positions. Scores are normalised so 1 = the clean prompt's behaviour and\n"
        "0 = the corrupted one's, on the logit difference logit(A) - logit(B) (default) or p(A). Answers\n"
        "default to each prompt's top-1 token. --attribution estimates every cell from one backward pass\n"
        "(first-order Taylor); --check K then patches its K strongest cells exactly, side by side.\n"
        "JSON: method, protocol, clean_tokens[], corrupted_tokens[], clean_labels[], corrupted_labels[]\n"
        "(the tokens as read, as in predict), clean_answer, corrupted_answer,\n"
        "clean_metric, corrupted_metric, maps[{site, scores[position][layer]}], heads[layer][head],\n"
        "forward_passes, backward_passes, seconds, checks[{site, layer, index, estimate, exact}],\n"
        "checks_rank_correlation (Spearman's rho of the checked cells; null under two).\n";
    c.spec = model_spec({"clean", "corrupted", "clean-answer", "corrupted-answer", "sites", "direction", "metric", "check"},
                        {"attribution", "reference-loop"});
    c.run = [](const Args& args) {
        PatchRequest req = patch_request_from_args(args);
        auto model = load_model_or_throw(args);
        JobContext job;
        job.cancel = &cancel_on_sigint();
        const bool attribution = args.flag("attribution");
        auto r = attribution ? attribution_patching(*model, req, job) : activation_patching(*model, req, job);
        if (!r) throw_error(r.error());
        std::optional<EstimateCheck> check;
        if (attribution && args.has("check")) {
            auto k = check_estimate(*model, req, r.value(), static_cast<int>(args.get_int("check", 10)), job);
            if (!k) throw_error(k.error());
            check = k.value();
        }
        const std::vector<CellCheck> checks = check ? check->cells : std::vector<CellCheck>{};
        if (args.flag("json")) {
            auto j = r->to_json();
            j["checks"] = nlohmann::json::array();
            for (const auto& k : checks)
                j["checks"].push_back({{"site", k.site}, {"layer", k.layer}, {"index", k.index}, {"estimate", k.estimate}, {"exact", k.exact}});
            if (check) j["checks_rank_correlation"] = check->to_json()["rank_correlation"];
            print_json(j);
            return kOk;
        }
        std::cout << r->protocol << " (" << r->method << "): clean answer " << visible(token_label(r->clean_answer))
                  << ", corrupted " << visible(token_label(r->corrupted_answer)) << "; metric clean " << std::setprecision(4) << r->clean_metric
                  << ", corrupted " << r->corrupted_metric << "\n";
        for (const auto& m : r->maps) print_map(r->clean_tokens, std::string(patch_site_name(m.site)) + " [position x layer]", m.scores);
        if (!r->heads.empty()) {
            std::cout << "\nheads [layer: score per head]\n";
            for (size_t l = 0; l < r->heads.size(); ++l) {
                std::cout << std::setw(6) << l << " ";
                for (double v : r->heads[l]) std::cout << std::setw(7) << std::fixed << std::setprecision(3) << v;
                std::cout << "\n";
            }
        }
        if (!checks.empty()) {
            std::cout << "\nstrongest estimates, patched exactly:\n";
            for (const auto& k : checks)
                std::cout << "  " << std::setw(6) << k.site << " layer " << std::setw(3) << k.layer << (k.site == "head" ? " head " : " pos  ")
                          << std::setw(3) << k.index << "  estimate " << std::setw(8) << k.estimate << "  exact " << std::setw(8) << k.exact << "\n";
            std::cout << "  rank correlation (Spearman) of estimate and exact: " << std::setprecision(3) << check->rank_correlation << "\n";
        }
        std::cout << "\n" << r->forward_passes << " forward, " << r->backward_passes << " backward passes in "
                  << std::setprecision(3) << r->seconds << " s\n";
        return kOk;
    };
    return c;
}

Command lens_command() {
    Command c;
    c.name = "lens";
    c.synopsis = "logit lens: the next-token guess at every layer";
    c.usage =
        "usage: lancet-cli lens MODEL --prompt TEXT [--answer A] [--top-k K] [--edits FILE] [--device D] [--dtype T] [--json]\n\n"
        "Reads the residual stream after every block through the model's final norm and unembedding:\n"
        "the top tokens and the answer's probability and rank at every layer and position (the last\n"
        "layer is the model's own output). The answer defaults to the top-1 next token.\n"
        "--edits FILE replays an edit file (lancet-cli edit --save-edit) and reads the lens before and after\n"
        "its edits, with one answer for both (default: the edited model's top-1): the depth at which an\n"
        "edit's new answer appears.\n"
        "JSON: protocol, tokens[], labels[] (the tokens as read, as in predict), answer, answer_id,\n"
        "layers[layer][position]{top_tokens[], top_probs[], answer_prob, answer_rank}, seconds. With --edits:\n"
        "before, after, answer, answer_id, first_layer_before, first_layer_after (-1: never the top token at\n"
        "the last position), before_lens, after_lens (each as above), seconds.\n";
    c.spec = model_spec({"prompt", "answer", "top-k", "edits"});
    c.run = [](const Args& args) {
        LensRequest req;
        req.prompt = args.require("prompt");
        req.answer = args.get_or("answer", "");
        req.top_k = static_cast<int>(args.get_int("top-k", 5));
        auto model = load_model_or_throw(args);
        JobContext job;
        job.cancel = &cancel_on_sigint();
        if (args.has("edits")) return lens_before_after(*model, req, args.require("edits"), args.flag("json"), job);
        auto r = logit_lens(*model, req, job);
        if (!r) throw_error(r.error());
        if (args.flag("json")) {
            print_json(r->to_json());
            return kOk;
        }
        std::cout << "logit lens at the last position; answer " << visible(token_label(r->answer)) << "\n";
        for (size_t l = 0; l < r->cells.size(); ++l) {
            const auto& cell = r->cells[l].back();
            std::cout << "  layer " << std::setw(3) << l << "  p(answer) " << std::fixed << std::setprecision(4) << cell.answer_prob
                      << "  rank " << std::setw(6) << cell.answer_rank << "  top:";
            for (size_t j = 0; j < cell.top_tokens.size(); ++j)
                std::cout << " " << visible(token_label(cell.top_tokens[j])) << " (" << std::setprecision(3) << cell.top_probs[j] << ")";
            std::cout << "\n";
        }
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
