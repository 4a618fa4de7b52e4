#include "eval/general_ability.h"

#include "core/numeric.h"
#include "edit/second_moment.h"
#include "eval/dataset.h"
#include "model/model.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace lancet {

namespace {

// The folder's own file when the model has one, else "".
std::string beside_model(const Model& model, const char* name) {
    if (model.path().empty()) return {};
    fs::path dir = model.path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
    const fs::path p = dir / name;
    return fs::exists(p, ec) ? p.string() : std::string();
}

// Documents from the END of the corpus, joined with blank lines and cut into
// context-sized sequences until `budget` tokens: a fixed sample, and not the one
// second-moment statistics draw from first.
void pack_text(const Model& model, const TextCorpus& corpus, int64_t budget, GeneralAbilityProbe& probe) {
    const Tokenizer& tok = model.tokenizer();
    const int64_t context = model.config().n_positions;
    const std::optional<int64_t> bos = tok.bos_id();
    std::vector<int64_t> stream;
    size_t used = 0;
    for (size_t i = corpus.documents.size(); i-- > 0 && static_cast<int64_t>(stream.size()) < budget + context;) {
        const auto ids = tok.encode(corpus.documents[i] + "\n\n").ids;
        stream.insert(stream.end(), ids.begin(), ids.end());
        ++used;
    }
    const int64_t len = context - (bos ? 1 : 0);
    for (size_t at = 0; at + 2 <= stream.size() && probe.text_tokens < budget; at += static_cast<size_t>(len)) {
        const int64_t want = std::min<int64_t>(len, budget - probe.text_tokens + 1);
        const size_t end = std::min(stream.size(), at + static_cast<size_t>(want));
        std::vector<int64_t> seq;
        if (bos) seq.push_back(*bos);
        seq.insert(seq.end(), stream.begin() + static_cast<std::ptrdiff_t>(at), stream.begin() + static_cast<std::ptrdiff_t>(end));
        if (seq.size() < 2) break;
        probe.text_tokens += static_cast<int64_t>(seq.size()) - 1;
        probe.sequences.push_back(std::move(seq));
    }
    probe.text_source = corpus.name + " (last " + std::to_string(used) + " documents, " +
                        std::to_string(probe.text_tokens) + " tokens)";
}

}  // namespace

Expected<GeneralAbilityProbe> make_general_probe(const Model& model, const GeneralProbeOptions& options) {
    return capture([&] {
        GeneralAbilityProbe probe;
        if (options.text_tokens < 0) fail(ErrorCode::InvalidArgument, "the text budget must not be negative");
        if (options.text_tokens > 0) {
            std::string path = options.text_path;
            if (path.empty()) path = beside_model(model, "heldout.txt");
            if (path.empty()) path = beside_model(model, "stats-corpus.txt");
            TextCorpus corpus = path.empty() ? default_corpus().value() : TextCorpus::from_files({path}).value();
            pack_text(model, corpus, options.text_tokens, probe);
        }
        const std::string facts = options.facts_path.empty() ? beside_model(model, "facts.json") : options.facts_path;
        if (options.facts > 0 && !facts.empty()) {
            DatasetOptions dopt;
            dopt.format = "lancet-facts";
            const DatasetLoad load = load_dataset(facts, dopt).value();
            std::vector<const EditCase*> known;
            for (const auto& c : load.cases)
                if (!c.target_true.empty()) known.push_back(&c);
            const size_t n = std::min(options.facts, known.size());
            for (size_t k = 0; k < n; ++k) {
                const EditCase& c = *known[k * known.size() / n];
                probe.facts.push_back({c.prompt(), c.target_true});
            }
            probe.facts_source = fs::path(facts).filename().string() + " (" + std::to_string(n) + " of " +
                                 std::to_string(known.size()) + " facts, evenly spaced)";
        }
        return probe;
    });
}

Expected<MetricSet> measure_general_ability(const Model& model, const GeneralAbilityProbe& probe, const JobContext& job) {
    return capture([&] {
        MetricSet out;
        if (!probe.sequences.empty()) {
            job.check_cancelled();
            // Logits of a batch: batch · n_positions · vocab floats; keep that near 256 MB.
            const int64_t per_seq = model.config().n_positions * std::max<int64_t>(1, model.config().vocab_size);
            const int batch = static_cast<int>(std::clamp<int64_t>((int64_t{64} << 20) / per_seq, 1, 16));
            const auto sums = sequence_nll_sums(model, probe.sequences, batch).value();
            double total = 0;
            for (double s : sums) total += s;
            MetricValue m;
            m.key = "perplexity";
            m.protocol = kProtocolGeneral;
            m.value = std::exp(total / static_cast<double>(probe.text_tokens));
            m.details.push_back({probe.text_source, "", m.value});
            out.metrics.push_back(std::move(m));
        }
        if (!probe.facts.empty()) {
            job.check_cancelled();
            const auto predictions = teacher_forced_tokens(model, probe.facts).value();
            MetricValue m;
            m.key = "fact_recall";
            m.protocol = kProtocolGeneral;
            double recalled = 0;
            for (size_t i = 0; i < predictions.size(); ++i) {
                const bool ok = !predictions[i].labels.empty() && predictions[i].predicted == predictions[i].labels;
                recalled += ok ? 1 : 0;
                m.details.push_back({probe.facts[i].prompt, probe.facts[i].target, ok ? 1.0 : 0.0});
            }
            m.value = recalled / static_cast<double>(predictions.size());
            out.metrics.push_back(std::move(m));
        }
        return out;
    });
}

}  // namespace lancet
