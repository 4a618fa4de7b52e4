#include "ttt/inplace_demo.h"

#include "eval/dataset.h"
#include "model/forward.h"
#include "model/model.h"
#include "ttt/inplace_addon.h"
#include "ttt/tent.h"

#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace lancet {

namespace ttt_demo_detail {

struct DemoRng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
};

// Invented names from syllables no English name uses together.
std::string invented_name(DemoRng& rng) {
    static const char* onset[] = {"Zor", "Quel", "Brax", "Vund", "Ilth", "Omr", "Tesk", "Yav", "Gral", "Phev", "Krun", "Esh"};
    static const char* middle[] = {"a", "i", "o", "u", "e", "y"};
    static const char* coda[] = {"vik", "mar", "dun", "trel", "zan", "wick", "sorn", "plex", "nath", "quist"};
    auto word = [&] {
        return std::string(onset[rng.below(12)]) + middle[rng.below(6)] + coda[rng.below(10)];
    };
    return word() + " " + word();
}

std::string beside(const Model& model, const char* file) {
    if (model.path().empty()) return {};
    std::filesystem::path p = std::filesystem::path(model.path()) / file;
    std::error_code ec;
    return std::filesystem::exists(p, ec) ? p.string() : std::string();
}

// The first two sentences of a filler paragraph: enough to push the facts apart.
std::string short_filler(const std::string& para) {
    size_t cut = 0;
    for (int k = 0; k < 2; ++k) {
        const size_t dot = para.find(". ", cut);
        if (dot == std::string::npos) return para;
        cut = dot + 1;
    }
    return para.substr(0, cut);
}

struct Scored {
    double recall = 0, nll = 0, rank = 0;
};

// Questions alone (no document in the context), with whatever is bound.
Scored score_questions(const Model& model, const std::vector<InplaceQuestion>& qs) {
    torch::NoGradGuard no_grad;
    Scored s;
    for (const auto& q : qs) {
        std::vector<int64_t> p = model.tokenizer().encode(q.prompt).ids;
        if (auto bos = model.tokenizer().bos_id()) p.insert(p.begin(), *bos);
        const std::vector<int64_t> a = model.tokenizer().encode(" " + q.answer).ids;
        std::vector<int64_t> all = p;
        all.insert(all.end(), a.begin(), a.end());
        ForwardInput in;
        in.input_ids = torch::tensor(all, torch::kLong).unsqueeze(0).to(model.device());
        auto logits = forward(model, in).logits[0];
        const int64_t P = static_cast<int64_t>(p.size()), L = static_cast<int64_t>(a.size());
        auto lp = torch::log_softmax(logits.slice(0, P - 1, P - 1 + L), -1);
        auto lab = torch::tensor(a, torch::kLong).to(logits.device());
        s.nll += -lp.gather(1, lab.unsqueeze(1)).mean().item<double>();
        s.recall += torch::equal(lp.argmax(-1), lab) ? 1 : 0;
        s.rank += 1 + (lp[0] > lp[0][a[0]]).sum().item<double>();
    }
    const double n = static_cast<double>(qs.size());
    s.recall /= n, s.nll /= n, s.rank /= n;
    return s;
}

}  // namespace ttt_demo_detail

using namespace ttt_demo_detail;

Expected<InplaceDemoDocument> make_inplace_document(const Model& model, const InplaceDemoOptions& options) {
    return capture([&] {
        if (options.facts == 0) fail(ErrorCode::InvalidArgument, "the demonstration needs at least one fact");
        const std::string facts_path = options.facts_path.empty() ? beside(model, "facts.json") : options.facts_path;
        if (facts_path.empty()) fail(ErrorCode::InvalidArgument, "the demonstration needs a facts file (the model folder's facts.json)");
        DatasetOptions dopt;
        dopt.format = "lancet-facts";
        const DatasetLoad load = load_dataset(facts_path, dopt).value();
        // Objects and a phrasing per relation, from the facts the model knows.
        const char* relations[] = {"birth_city", "employer", "university", "major"};
        std::map<std::string, std::vector<std::string>> objects;
        std::map<std::string, std::string> phrasing;
        for (const auto& c : load.cases) {
            if (c.target_true.empty()) continue;
            for (const char* r : relations)
                if (c.relation == r) {
                    auto& v = objects[r];
                    if (std::find(v.begin(), v.end(), c.target_true) == v.end()) v.push_back(c.target_true);
                    if (!phrasing.count(r)) phrasing[r] = c.prompt_template;
                }
        }
        if (objects.empty()) fail(ErrorCode::InvalidArgument, facts_path + ": none of the relations birth_city, employer, university, major");
        std::vector<std::string> filler;
        const std::string fpath = options.filler_path.empty() ? beside(model, "stats-corpus.txt") : options.filler_path;
        if (!fpath.empty()) {
            std::ifstream in(fpath);
            std::string line, para;
            while (std::getline(in, line) && filler.size() < 400) {
                if (line.empty()) {
                    if (!para.empty()) filler.push_back(para), para.clear();
                } else {
                    para += (para.empty() ? "" : " ") + line;
                }
            }
        }
        if (filler.empty()) filler.push_back("The weather that year was unremarkable, and the town went about its business as usual.");

        DemoRng rng{options.seed};
        InplaceDemoDocument doc;
        std::set<std::string> names;
        std::vector<std::string> rels;
        for (const auto& kv : objects) rels.push_back(kv.first);
        for (size_t i = 0; i < options.facts; ++i) {
            std::string name;
            do name = invented_name(rng);
            while (options.avoid_names.count(name) || !names.insert(name).second);
            doc.names.push_back(name);
            const std::string& rel = rels[i % rels.size()];
            const auto& objs = objects[rel];
            const std::string obj = objs[rng.below(objs.size())];
            const std::string prompt = fill_template(phrasing[rel], name);
            doc.text += prompt + " " + obj + ". ";
            doc.text += short_filler(filler[rng.below(filler.size())]) + "\n\n";
            doc.questions.push_back({prompt, obj});
        }
        // Long enough that the first facts are far outside the context when the questions come.
        const int64_t want = options.min_tokens > 0 ? options.min_tokens : model.config().n_positions * 5 / 2;
        while (static_cast<int64_t>(model.tokenizer().encode(doc.text).ids.size()) < want)
            doc.text += short_filler(filler[rng.below(filler.size())]) + "\n\n";
        return doc;
    });
}

Expected<void> attach_inplace_addon(InplaceDemoOptions& o, const Model& model, const std::string& path) {
    o.addon_path = path.empty() ? inplace_addon_beside(model) : path;
    o.addon.reset();
    if (o.addon_path.empty()) return {};
    auto a = load_inplace_addon(o.addon_path, model);
    if (!a) return a.error();
    o.addon = std::make_shared<const InplaceAddon>(std::move(a.value()));
    return {};
}

Expected<InplaceDemoResult> run_inplace_demo(const Model& model, const InplaceDemoOptions& options, const JobContext& job) {
    return capture([&] {
        const InplaceDemoDocument doc = make_inplace_document(model, options).value();
        InplaceOptions io = options.inplace;
        if (io.chunk <= 0) io.chunk = std::max<int64_t>(2, model.config().n_positions / 4);
        if (io.layers.empty()) io.layers = inplace_default_layers(model);
        std::vector<int64_t> ids = model.tokenizer().encode(doc.text).ids;
        if (auto bos = model.tokenizer().bos_id()) ids.insert(ids.begin(), *bos);

        InplaceDemoResult res;
        res.document_tokens = static_cast<int64_t>(ids.size());
        res.context = model.config().n_positions;
        res.chunk = io.chunk;
        res.facts = doc.questions.size();
        res.layers = io.layers;
        res.inplace_lr = io.lr;
        res.target = io.target + ", conv = shift to the next position (untrained, fixed), P = identity [deviation]";

        auto row = [&](const std::string& setting, const Scored& s, double seconds, const std::string& note) {
            InplaceDemoRow r;
            r.setting = setting;
            r.recall = s.recall;
            r.mean_nll = s.nll;
            r.mean_rank = s.rank;
            r.seconds = seconds;
            r.note = note;
            res.rows.push_back(r);
        };
        auto t0 = std::chrono::steady_clock::now();
        auto since = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };

        row("no adaptation", score_questions(model, doc.questions), since(), "the frozen model; the document is not in its context");

        // In-Place TTT: read the document chunk by chunk, then answer with the fast weights.
        t0 = std::chrono::steady_clock::now();
        AdaptedParams fast = inplace_fast_weights(model, io);
        AdaptedParams frozen = inplace_fast_weights(model, io);
        res.chunk_nll_base = inplace_document(model, frozen, io, ids, false, false, job).chunk_nll;
        res.chunk_nll_inplace = inplace_document(model, fast, io, ids, true, false, job).chunk_nll;
        Scored s;
        {
            auto binding = fast.bind(model);
            s = score_questions(model, doc.questions);
        }
        for (const auto& p : fast.params()) res.delta_norms.push_back((p.value - p.base).norm().item<double>());
        row("in-place TTT", s, since(), "fast down projections of layers " + nlohmann::json(io.layers).dump() + " after " +
                                            std::to_string(res.chunk_nll_inplace.size()) + " chunks");

        // The same rule with a trained conv and projection, in the settings it was trained with.
        if (options.addon) {
            t0 = std::chrono::steady_clock::now();
            const InplaceOptions ao = inplace_options_with_addon(io, options.addon);
            AdaptedParams afast = inplace_fast_weights(model, ao);
            AdaptedParams afrozen = inplace_fast_weights(model, ao);
            res.addon_path = options.addon_path;
            res.addon_layers = ao.layers;
            res.addon_chunk = ao.chunk;
            res.addon_training = options.addon->training;
            res.chunk_nll_base_addon = inplace_document(model, afrozen, ao, ids, false, false, job).chunk_nll;
            res.chunk_nll_addon = inplace_document(model, afast, ao, ids, true, false, job).chunk_nll;
            {
                auto binding = afast.bind(model);
                s = score_questions(model, doc.questions);
            }
            for (const auto& p : afast.params()) res.delta_norms_addon.push_back((p.value - p.base).norm().item<double>());
            std::string note = "trained conv and projection (" + std::to_string(options.addon->parameter_count()) +
                               " parameters) on layers " + nlohmann::json(ao.layers).dump();
            if (!options.addon->base_fingerprint.empty() && options.addon->base_fingerprint != model.fingerprint())
                note += "; trained on another model (fingerprint " + options.addon->base_fingerprint + ")";
            row("in-place TTT, trained add-on", s, since(), note);
        }

        // Upper bound: next-token fine-tuning of every down projection on the document's chunks.
        t0 = std::chrono::steady_clock::now();
        std::string all_layers = "mlp_out:";
        for (int l = 0; l < model.config().n_layer; ++l) all_layers += (l ? "," : "") + std::to_string(l);
        AdaptedParams ft = AdaptedParams::select(model, all_layers);
        auto opt = make_ttt_optimizer(ft, "adam", options.finetune_lr);
        const int64_t ctx = model.config().n_positions;
        const auto all = torch::tensor(ids, torch::kLong).to(model.device());
        for (int epoch = 0; epoch < options.finetune_epochs; ++epoch) {
            for (int64_t at = 0; at + 1 < static_cast<int64_t>(ids.size()); at += ctx / 2) {
                job.check_cancelled();
                const int64_t end = std::min<int64_t>(static_cast<int64_t>(ids.size()), at + ctx);
                torch::AutoGradMode grad(true);
                opt->zero_grad();
                {
                    auto binding = ft.bind(model);
                    ForwardInput in;
                    in.input_ids = all.slice(0, at, end).unsqueeze(0);
                    auto logits = forward(model, in).logits[0];
                    auto loss = torch::nn::functional::cross_entropy(logits.slice(0, 0, end - at - 1), all.slice(0, at + 1, end));
                    loss.backward();
                }
                opt->step();
            }
            job.report(static_cast<double>(epoch + 1) / options.finetune_epochs, "fine-tune epoch " + std::to_string(epoch + 1));
        }
        {
            auto binding = ft.bind(model);
            s = score_questions(model, doc.questions);
        }
        row("fine-tune on the document", s, since(),
            std::to_string(options.finetune_epochs) + " epochs of next-token Adam (lr " + std::to_string(options.finetune_lr) +
                ") on every layer's down projection, windows of the context with half overlap");
        res.weights_restored = slots_restored(model);
        return res;
    });
}

}  // namespace lancet
