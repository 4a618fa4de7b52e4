#include "cancel_on_signal.h"
#include "commands.h"

#include "edit/second_moment.h"

#include <unistd.h>

#include <iomanip>
#include <iostream>

namespace lancet::cli {

namespace {

std::vector<int> parse_layers(const std::string& text, int64_t n_layer) {
    std::vector<int> out;
    if (text == "all") {
        for (int l = 0; l < n_layer; ++l) out.push_back(l);
        return out;
    }
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find(',', pos);
        if (end == std::string::npos) end = text.size();
        std::string part = text.substr(pos, end - pos);
        if (!part.empty()) {
            try {
                size_t dash = part.find('-', 1);
                if (dash == std::string::npos) {
                    out.push_back(std::stoi(part));
                } else {
                    int a = std::stoi(part.substr(0, dash)), b = std::stoi(part.substr(dash + 1));
                    if (b < a) throw UsageError("--layers: empty range " + part);
                    for (int l = a; l <= b; ++l) out.push_back(l);
                }
            } catch (const std::invalid_argument&) {
                throw UsageError("--layers expects numbers like 0,1 or 3-5 or all, got \"" + text + "\"");
            } catch (const std::out_of_range&) {
                throw UsageError("--layers: number out of range in \"" + text + "\"");
            }
        }
        pos = end + 1;
    }
    if (out.empty()) throw UsageError("--layers is empty");
    return out;
}

std::vector<std::string> split_files(const std::string& s) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= s.size()) {
        size_t end = s.find(',', pos);
        if (end == std::string::npos) end = s.size();
        if (end > pos) out.push_back(s.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

}  // namespace

Command stats_command() {
    Command c;
    c.name = "stats";
    c.synopsis = "second-moment statistics C = E[k k^T] of MLP keys (for ROME)";
    c.usage =
        "usage: lancet-cli stats MODEL --layers LIST [--corpus FILES] [--samples N] [--cache-dir DIR]\n"
        "                        [--no-cache] [--batch-tokens N] [--device D] [--dtype T] [--json]\n\n"
        "  --layers LIST     e.g. 17 or 0,1 or 3-8 or all (every layer in one pass)\n"
        "  --corpus FILES    comma-separated UTF-8 text files, documents separated by blank lines\n"
        "                    (default: the shipped WordNet gloss corpus)\n"
        "  --samples N       token positions to average over (default 100000; 0 = the whole corpus)\n"
        "  --cache-dir DIR   default $LANCET_CACHE_DIR/stats or ~/.cache/lancet/stats\n"
        "  --no-cache        neither read nor write the cache\n"
        "  --batch-tokens N  padded tokens per forward pass (default 4096)\n\n"
        "JSON fields: layers[{layer, count, cache_key, cache_file, from_cache, cached, d_ff}], tokens,\n"
        "seconds, tokens_per_second, corpus, corpus_hash, samples_requested, sample_unit, warnings.\n";
    c.spec = model_spec({"layers", "corpus", "samples", "cache-dir", "batch-tokens"}, {"no-cache"});
    c.run = [](const Args& args) {
        const std::string layers_text = args.require("layers");
        const long long samples = args.get_int("samples", 100000);
        if (samples < 0) throw UsageError("--samples must not be negative");
        const long long batch_tokens = args.get_int("batch-tokens", 4096);
        if (batch_tokens <= 0) throw UsageError("--batch-tokens must be positive");
        auto model = load_model_or_throw(args);

        SecondMomentOptions o;
        o.layers = parse_layers(layers_text, model->config().n_layer);
        o.samples = samples;
        o.cache_dir = args.get_or("cache-dir", "");
        o.read_cache = o.write_cache = !args.flag("no-cache");
        o.batch_tokens = batch_tokens;

        Expected<TextCorpus> corpus = args.has("corpus") ? TextCorpus::from_files(split_files(*args.get("corpus")))
                                                         : default_corpus();
        if (!corpus) throw_error(corpus.error());

        JobContext job;
        job.cancel = &cancel_on_sigint();
        const bool tty = ::isatty(2) != 0;
        int last = -1;
        job.progress = [&](double f, const std::string& stage) {
            int pct = static_cast<int>(f * 100);
            if (tty) {
                std::cerr << "\r[" << std::setw(3) << pct << "%] " << stage << "\x1b[K" << std::flush;
            } else if (pct / 25 != last / 25) {
                std::cerr << "[" << std::setw(3) << pct << "%] " << stage << "\n";
            }
            last = pct;
        };
        auto result = compute_second_moments(*model, corpus.value(), o, job);
        if (tty) std::cerr << "\n";
        if (!result) throw_error(result.error());
        const auto& r = result.value();
        if (args.flag("json")) {
            print_json(r.to_json());
            return kOk;
        }
        std::cout << "corpus: " << r.corpus_name << " (" << corpus->documents.size() << " documents, hash " << r.corpus_hash
                  << ")\n";
        for (const auto& l : r.layers)
            std::cout << "layer " << l.layer << ": C " << l.mom2.size(0) << "x" << l.mom2.size(1) << " over " << l.count
                      << " token positions" << (l.from_cache ? " (from cache)" : "") << "\n  "
                      << (l.cached ? l.cache_file : "not cached (see the warnings)") << "\n";
        if (r.tokens > 0)
            std::cout << std::fixed << std::setprecision(1) << r.tokens << " tokens in " << r.seconds << " s: "
                      << r.tokens_per_second << " tokens/s (" << r.layers.size() << " layer(s) in one pass, "
                      << model->device().str() << "; tokenizing took " << r.tokenize_seconds << " s more)\n";
        else
            std::cout << "all layers were cached\n";
        for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
