#include "cancel_on_signal.h"
#include "commands.h"
#include "recipe_field.h"

#include "model/forward.h"
#include "model/generate.h"
#include "model/random_init.h"
#include "train/fact_corpus.h"
#include "train/trainer.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace lancet::cli {
namespace {

struct Recipe {
    nlohmann::json json;
    fs::path dir;  // paths in the recipe are relative to its folder

    std::string path(const std::string& p) const {
        fs::path q(p);
        return (q.is_absolute() ? q : (dir / q)).lexically_normal().string();
    }
};

Recipe read_recipe(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw_error({ErrorCode::NotFound, file + ": cannot be opened"});
    Recipe r;
    try {
        r.json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw_error({ErrorCode::InvalidFile, file + ": not valid JSON (" + e.what() + ")"});
    }
    if (!r.json.is_object()) throw_error({ErrorCode::InvalidFile, file + ": not a JSON object"});
    r.dir = fs::absolute(fs::path(file)).parent_path();
    return r;
}

std::string tokenizer_dir_of(const Recipe& r) {
    if (r.json.contains("tokenizer")) return r.path(r.json["tokenizer"].get<std::string>());
    return bundled_gpt2_tokenizer_dir();
}

// The model to start from: {"model": DIR} (fine-tuning) or a GPT-2 shape
// ({"shape": "tiny", "config": {n_layer: 8, ...}} overrides fields of the shape).
std::shared_ptr<Model> init_model(const Recipe& r, const std::string& device) {
    const nlohmann::json init = r.json.value("init", nlohmann::json::object());
    LoadOptions lo;
    lo.device = device;
    lo.dtype = "float32";
    if (init.contains("model")) {
        auto m = Model::load(r.path(init["model"].get<std::string>()), lo);
        if (!m) throw_error(m.error());
        return m.value();
    }
    auto config = gpt2_shape_config(recipe_field<std::string>(init, "shape", "tiny"));
    if (!config) throw_error(config.error());
    nlohmann::json c = config.value();
    if (init.contains("config")) c.update(init["config"]);
    auto m = random_gpt2(c, tokenizer_dir_of(r), lo, recipe_field<uint64_t>(r.json, "seed", 0));
    if (!m) throw_error(m.error());
    return m.value();
}

TrainOptions train_options(const Recipe& r) {
    const auto& j = r.json;
    TrainOptions o;
    o.steps = recipe_field<int64_t>(j, "steps", o.steps);
    o.seq_len = recipe_field<int64_t>(j, "seq_len", o.seq_len);
    o.batch_size = recipe_field<int64_t>(j, "batch_size", o.batch_size);
    o.micro_batch = recipe_field<int64_t>(j, "micro_batch", 0);
    o.lr = recipe_field<double>(j, "lr", o.lr);
    o.min_lr = recipe_field<double>(j, "min_lr", o.lr * 0.1);
    o.warmup = recipe_field<int64_t>(j, "warmup", o.warmup);
    o.weight_decay = recipe_field<double>(j, "weight_decay", o.weight_decay);
    if (j.contains("betas")) {
        auto b = j["betas"].get<std::vector<double>>();
        if (b.size() != 2) throw_error({ErrorCode::InvalidFile, "recipe: betas must hold two numbers"});
        o.beta1 = b[0];
        o.beta2 = b[1];
    }
    o.eps = recipe_field<double>(j, "eps", o.eps);
    o.grad_clip = recipe_field<double>(j, "grad_clip", o.grad_clip);
    o.seed = recipe_field<uint64_t>(j, "seed", 0);
    o.precision = recipe_field<std::string>(j, "dtype", "auto");
    o.log_every = recipe_field<int64_t>(j, "log_every", 10);
    o.checkpoint_every = recipe_field<int64_t>(j, "checkpoint_every", 0);
    o.eval_every = recipe_field<int64_t>(j, "eval_every", 0);
    o.export_dtype = recipe_field<std::string>(j, "export_dtype", "float32");
    o.trainable = recipe_field<std::vector<std::string>>(j, "trainable", {});
    o.tokenizer_dir = tokenizer_dir_of(r);
    o.recipe = j;
    return o;
}

std::unique_ptr<FactCorpus> make_corpus(const Recipe& r, std::shared_ptr<const Tokenizer> tok, FactSet facts) {
    const nlohmann::json data = r.json.value("data", nlohmann::json::object());
    FactCorpusOptions co;
    co.style = recipe_field<std::string>(data, "style", "biography");
    co.sentence_separator = recipe_field<std::string>(data, "sentence_separator", "\n");
    co.english_fraction = recipe_field<double>(data, "english_fraction", 0.25);
    co.context_fraction = recipe_field<double>(data, "context_fraction", 0.0);
    co.seed = recipe_field<uint64_t>(r.json, "seed", 0);
    std::vector<std::string> english;
    for (const auto& p : data.value("english", std::vector<std::string>{})) {
        auto docs = load_text_documents(r.path(p));
        if (!docs) throw_error(docs.error());
        english.insert(english.end(), docs->begin(), docs->end());
    }
    auto c = FactCorpus::create(std::move(facts), std::move(english), std::move(tok), co);
    if (!c) throw_error(c.error());
    return std::move(c).value();
}

FactSet load_facts(const Recipe& r) {
    const nlohmann::json data = r.json.value("data", nlohmann::json::object());
    if (!data.contains("facts")) throw_error({ErrorCode::InvalidFile, "recipe: data.facts (a lancet-facts/1 file) is required"});
    auto facts = load_fact_set(r.path(data["facts"].get<std::string>()));
    if (!facts) throw_error(facts.error());
    for (const auto& p : facts->problems) std::cerr << "facts: skipped " << p << "\n";
    return std::move(facts).value();
}

// Top-1 predictions, greedy generations and fact recall: what the model card reports.
nlohmann::json evaluate_model(const Model& model, const Recipe& r, const FactSet& facts, const JobContext& job) {
    const nlohmann::json ev = r.json.value("eval", nlohmann::json::object());
    nlohmann::json out;
    torch::NoGradGuard no_grad;

    const nlohmann::json rc = ev.value("recall", nlohmann::json::object());
    RecallOptions ro;
    ro.max_facts_per_relation = recipe_field<size_t>(rc, "max_facts_per_relation", 0);
    ro.max_trained_prompts = recipe_field<size_t>(rc, "max_trained_prompts", 0);
    ro.max_heldout_prompts = recipe_field<size_t>(rc, "max_heldout_prompts", 0);
    ro.seed = recipe_field<uint64_t>(rc, "seed", 0);
    ro.batch_size = recipe_field<int>(rc, "batch_size", 64);
    auto recall = evaluate_fact_recall(model, facts, ro, job);
    if (!recall) throw_error(recall.error());
    out["recall"] = recall->to_json();

    // Top-1 of each eval prompt and of one trained and one held-out phrasing
    // of the first facts of each relation: compared with transformers for parity.
    std::vector<std::string> prompts = ev.value("prompts", std::vector<std::string>{});
    const size_t per_relation = recipe_field<size_t>(ev, "parity_facts_per_relation", 0);
    std::map<std::string, size_t> taken;
    for (const auto& f : facts.facts) {
        if (taken[f.relation]++ >= per_relation) continue;
        prompts.push_back(fill_subject(f.prompts.front(), f.subject));
        if (!f.heldout_prompts.empty()) prompts.push_back(fill_subject(f.heldout_prompts.front(), f.subject));
    }
    nlohmann::json preds = nlohmann::json::array();
    for (const auto& p : prompts) {
        auto enc = model.tokenizer().encode(p);
        if (enc.ids.empty()) continue;
        ForwardInput in;
        in.input_ids = torch::tensor(enc.ids, torch::kLong).view({1, -1}).to(model.device());
        in.logits = LogitsMode::Last;
        auto probs = torch::softmax(forward(model, in).logits[0], -1).to(torch::kCPU);
        auto top = probs.topk(5);
        auto pv = std::get<0>(top), iv = std::get<1>(top);
        nlohmann::json topk = nlohmann::json::array();
        for (int64_t k = 0; k < 5; ++k) {
            auto t = token_json(iv[k].item<int64_t>(), model.tokenizer().token_bytes(iv[k].item<int64_t>()));
            t["prob"] = pv[k].item<double>();
            topk.push_back(t);
        }
        preds.push_back({{"prompt", p}, {"ids", enc.ids}, {"top", topk}});
    }
    out["predictions"] = preds;

    GenerateOptions go;
    go.max_new_tokens = recipe_field<int>(ev, "max_new_tokens", 32);
    go.greedy = true;
    go.stop_at_eos = true;
    nlohmann::json gens = nlohmann::json::array();
    for (const auto& p : ev.value("generate", std::vector<std::string>{})) {
        auto g = generate_text(model, p, go, job);
        if (!g) throw_error(g.error());
        gens.push_back({{"prompt", p}, {"text", g->text}});
    }
    out["generations"] = gens;
    return out;
}

void print_recall(const nlohmann::json& recall, std::ostream& os) {
    auto pct = [](double x) {
        std::ostringstream s;
        s << std::fixed << std::setprecision(1) << 100.0 * x << "%";
        return s.str();
    };
    os << std::left << std::setw(22) << "relation" << std::right << std::setw(7) << "facts" << std::setw(12) << "trained"
       << std::setw(12) << "(exact)" << std::setw(12) << "held-out" << std::setw(12) << "(exact)" << "\n";
    for (const auto& r : recall["relations"])
        os << std::left << std::setw(22) << r["relation"].get<std::string>() << std::right << std::setw(7)
           << r["facts"].get<int64_t>() << std::setw(12) << pct(r["trained"]["first_token_acc"].get<double>()) << std::setw(12)
           << pct(r["trained"]["exact_acc"].get<double>()) << std::setw(12)
           << (r["heldout"]["n"].get<int64_t>() ? pct(r["heldout"]["first_token_acc"].get<double>()) : "-") << std::setw(12)
           << (r["heldout"]["n"].get<int64_t>() ? pct(r["heldout"]["exact_acc"].get<double>()) : "-") << "\n";
    os << std::left << std::setw(29) << "all" << std::right << std::setw(12)
       << pct(recall["trained"]["first_token_acc"].get<double>()) << std::setw(12) << pct(recall["trained"]["exact_acc"].get<double>())
       << std::setw(12) << pct(recall["heldout"]["first_token_acc"].get<double>()) << std::setw(12)
       << pct(recall["heldout"]["exact_acc"].get<double>()) << "\n";
    // Where held-out recall is below 70 %: each phrasing, and how many of its
    // misses were another of the subject's facts (the phrasing read as another relation).
    bool header = false;
    for (const auto& r : recall["relations"]) {
        if (!r.contains("heldout_phrasings") || r["heldout"]["n"].get<int64_t>() == 0 ||
            r["heldout"]["first_token_acc"].get<double>() >= 0.7)
            continue;
        if (!header) os << "\nheld-out phrasings of the relations below 70 % (top-1; misses that were another of the subject's facts):\n";
        header = true;
        os << "  " << r["relation"].get<std::string>() << "\n";
        for (const auto& ph : r["heldout_phrasings"]) {
            const int64_t n = ph["n"].get<int64_t>(), wrong = n - ph["first_token_n"].get<int64_t>();
            os << "    " << std::right << std::setw(7) << pct(ph["first_token_acc"].get<double>()) << "  "
               << std::setw(4) << ph["wrong_but_other_fact"].get<int64_t>() << " of " << std::left << std::setw(4) << wrong
               << "  " << ph["phrasing"].get<std::string>() << "\n";
        }
    }
}

void write_json_file(const fs::path& p, const nlohmann::json& j) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

Command train_command() {
    Command c;
    c.name = "train";
    c.synopsis = "train or fine-tune a causal LM from a recipe (facts file + English text)";
    c.usage =
        "usage: lancet-cli train RECIPE.json [--device D] [--out DIR] [--resume] [--stop-after STEP]\n"
        "       lancet-cli train RECIPE.json --eval-only [--model DIR] [--device D] [--dtype T] [--out DIR]\n"
        "       lancet-cli train RECIPE.json --show-data [--rows N]\n\n"
        "Trains the recipe's model on text rendered from its facts file (engine/train/fact_corpus.h)\n"
        "mixed with general English, with AdamW, warm-up + cosine, gradient clipping and bf16 autocast\n"
        "on CUDA. DIR (default: the recipe's \"out\", relative to the recipe) receives checkpoint/ (a\n"
        "Hugging Face folder plus trainer_state.json and optimizer.safetensors, replaced atomically),\n"
        "final/ (the exported model), curve.csv, evals.jsonl and report.json. --resume continues from\n"
        "DIR/checkpoint and reproduces the uninterrupted run. --stop-after ends after that step with a\n"
        "checkpoint (the schedule still spans the recipe's steps). Ctrl-C cancels at the next step.\n\n"
        "--eval-only scores a trained model (default DIR/final): top-1 recall of the facts on trained\n"
        "and held-out phrasings per relation (below 70 %: each held-out phrasing, and how many of its\n"
        "misses were another of the subject's facts), top-5 of the eval prompts, greedy generations.\n"
        "--show-data prints the first rows of step 0's batch as text.\n\n"
        "A recipe of format \"lancet-inplace-ttt-recipe/1\" trains In-Place TTT's conv and projection on a\n"
        "frozen model instead (fields model, layers, chunk, inner_lr, target, init shift|zero, steps, lr,\n"
        "warmup, weight_decay, grad_clip, seed, held_out_seeds, facts, log_every, out; --model, --out FILE,\n"
        "--stop-after N, --device and --json apply) and writes the add-on that `ttt --inplace-demo` reads.\n\n"
        "Recipe fields: init {shape, config{...} | model}, tokenizer, data {facts, style, sentence_separator,\n"
        "english[], english_fraction, context_fraction (the share of fact sentences that follow an English\n"
        "sentence)}, seq_len, batch_size, micro_batch, steps, lr, min_lr, warmup,\n"
        "weight_decay, betas, eps, grad_clip, seed, dtype (auto|bf16|fp32), export_dtype, log_every,\n"
        "trainable[] (regexes of tensor names to fine-tune; the rest stay frozen; default all),\n"
        "checkpoint_every, eval_every, eval {prompts[], generate[], max_new_tokens, recall{...},\n"
        "parity_facts_per_relation}.\n";
    c.spec.options = {"device", "dtype", "out", "stop-after", "model", "rows"};
    c.spec.flags = {"resume", "eval-only", "show-data", "json"};
    c.spec.min_positional = 1;
    c.spec.max_positional = 1;
    c.run = [](const Args& args) -> int {
        const Recipe recipe = read_recipe(args.positional().at(0));
        if (recipe.json.value("format", "") == "lancet-inplace-ttt-recipe/1") {
            JobContext job;
            job.cancel = &cancel_on_sigint();
            return train_inplace_recipe(recipe.json, recipe.dir.string(), args, job);
        }
        const std::string device = args.get_or("device", "auto");
        std::string out_dir;
        if (args.has("out")) out_dir = args.require("out");
        else if (recipe.json.contains("out")) out_dir = recipe.path(recipe.json["out"].get<std::string>());
        FactSet facts = load_facts(recipe);

        if (args.flag("show-data")) {
            auto tok = Tokenizer::from_folder(tokenizer_dir_of(recipe));
            if (!tok) throw_error(tok.error());
            auto corpus = make_corpus(recipe, std::make_shared<const Tokenizer>(std::move(tok.value())), facts);
            print_json(corpus->describe());
            const int64_t rows = args.get_int("rows", 4);
            const int64_t seq_len = recipe_field<int64_t>(recipe.json, "seq_len", 256);
            for (int64_t r = 0; r < rows; ++r)
                std::cout << "--- row " << r << " ---\n" << corpus->row_text(0, r, seq_len) << "\n";
            return kOk;
        }

        JobContext job;
        job.cancel = &cancel_on_sigint();

        if (args.flag("eval-only")) {
            std::string model_dir = args.has("model") ? args.require("model") : (fs::path(out_dir) / "final").string();
            LoadOptions lo;
            lo.device = device;
            lo.dtype = args.get_or("dtype", "float32");
            auto model = Model::load(model_dir, lo);
            if (!model) throw_error(model.error());
            auto report = capture([&] { return evaluate_model(*model.value(), recipe, facts, job); });
            if (!report) throw_error(report.error());
            nlohmann::json j = report.value();
            j["model"] = model_dir;
            j["device"] = model.value()->device().str();
            j["dtype"] = dtype_name(model.value()->dtype());
            if (!out_dir.empty()) {
                fs::create_directories(out_dir);
                write_json_file(fs::path(out_dir) / "eval.json", j);
            }
            if (args.flag("json")) {
                print_json(j);
            } else {
                print_recall(j["recall"], std::cout);
                for (const auto& g : j["generations"])
                    std::cout << "\n> " << g["prompt"].get<std::string>() << g["text"].get<std::string>() << "\n";
            }
            return kOk;
        }

        if (out_dir.empty()) throw UsageError("no output folder: give --out DIR or the recipe's \"out\"");
        auto model = init_model(recipe, device);
        TrainOptions o = train_options(recipe);
        o.out_dir = out_dir;
        o.resume = args.flag("resume");
        o.stop_after = args.get_int("stop-after", 0);
        auto corpus = make_corpus(recipe, model->shared_tokenizer(), facts);
        std::cerr << "model: " << model->config().n_layer << " layers, " << model->config().d_model << " wide, "
                  << model->config().parameter_count() << " parameters, on " << model->device().str() << "\n";
        std::cerr << "data: " << corpus->describe().dump() << "\n";

        TrainHooks hooks;
        hooks.evaluate = [&](const Model& m, int64_t step) {
            nlohmann::json e = evaluate_model(m, recipe, facts, job);
            std::cerr << "eval at step " << step << ":\n";
            print_recall(e["recall"], std::cerr);
            for (const auto& g : e["generations"])
                std::cerr << "> " << g["prompt"].get<std::string>() << g["text"].get<std::string>() << "\n";
            return e;
        };
        job.progress = [](double, const std::string& stage) {
            if (stage.rfind("step ", 0) == 0) std::cerr << stage << "\n";  // not the evaluation's own stages
        };

        auto result = train(*model, *corpus, o, hooks, job);
        if (!result) throw_error(result.error());
        const TrainResult& tr = result.value();
        nlohmann::json report = {{"steps_done", tr.steps_done},
                                 {"finished", tr.finished},
                                 {"train_seconds", tr.train_seconds},
                                 {"checkpoint", tr.checkpoint_dir},
                                 {"final", tr.final_dir},
                                 {"data", corpus->describe()},
                                 {"eval", tr.final_eval}};
        if (!tr.curve.empty()) {
            report["final_loss"] = tr.curve.back().loss;
            report["tokens"] = tr.curve.back().tokens;
        }
        write_json_file(fs::path(out_dir) / "report.json", report);
        if (args.flag("json")) print_json(report);
        else
            std::cout << (tr.finished ? "trained " : "stopped after step ") << tr.steps_done << " steps in " << std::fixed
                      << std::setprecision(1) << tr.train_seconds << " s; model in "
                      << (tr.finished ? tr.final_dir : tr.checkpoint_dir) << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
