// ROME's compute_u: the keys at the subject's last token over the context
// templates, and u = C⁻¹k*/‖C⁻¹k*‖ with C⁻¹ memoised per layer and corpus
// (docs/design/rome-spec.md §2.4).
#include "edit/rome.h"
#include "edit/rome_internal.h"
#include "edit/stats_import.h"

#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <deque>
#include <filesystem>
#include <mutex>
#include <sstream>

namespace lancet {

Expected<RomeKeys> rome_keys(const Model& model, int layer, const RomeRequest& request,
                             const std::vector<std::string>& templates) {
    return capture([&] {
        rome_detail::check_layer(model, layer);
        rome_detail::check_request(request);
        if (templates.empty()) fail(ErrorCode::InvalidArgument, "no context templates");
        const Tokenizer& tok = model.tokenizer();
        std::vector<std::vector<int64_t>> rows;
        std::vector<int64_t> lookup;
        int64_t prompt_row = -1;
        for (size_t i = 0; i < templates.size(); ++i) {
            auto r = rome_detail::encode_subject_row(tok, format_prompt(templates[i], request.prompt, request.subject).value());
            rows.push_back(std::move(r.ids));
            lookup.push_back(r.lookup);
            if (prompt_row < 0 && templates[i] == "{}") prompt_row = static_cast<int64_t>(i);
        }
        const int64_t n_templates = static_cast<int64_t>(templates.size());
        if (prompt_row < 0) {  // caller's templates without the bare prompt: add it, outside the mean
            auto r = rome_detail::encode_subject_row(tok, format_prompt("{}", request.prompt, request.subject).value());
            rows.push_back(std::move(r.ids));
            lookup.push_back(r.lookup);
            prompt_row = n_templates;
        }
        torch::NoGradGuard no_grad;
        auto batch = rome_detail::pad_right(rows, model);
        Interventions iv;
        iv.capture(Site::MlpKey, layer);
        iv.capture(Site::MlpOut, layer);
        ForwardInput in;
        in.input_ids = batch.ids;
        in.attention_mask = batch.mask;
        in.stop_after_layer = layer;
        forward(model, in, &iv);
        auto r_idx = torch::arange(static_cast<int64_t>(rows.size()), torch::TensorOptions().dtype(torch::kLong).device(model.device()));
        auto p_idx = rome_detail::long_tensor(lookup, model.device());
        auto K = iv.captured(Site::MlpKey, layer).index({r_idx, p_idx}).to(torch::kFloat);
        auto V = iv.captured(Site::MlpOut, layer).index({r_idx, p_idx}).to(torch::kFloat);
        RomeKeys out;
        out.keys = K.slice(0, 0, n_templates);
        out.values = V.slice(0, 0, n_templates);
        out.k_prompt = K[prompt_row].clone();
        out.v_prompt = V[prompt_row].clone();
        out.k_mean = out.keys.mean(0);
        out.v_mean = out.values.mean(0);
        out.lookup.assign(lookup.begin(), lookup.begin() + n_templates);
        return out;
    });
}

torch::Tensor rome_left_vector(const torch::Tensor& k, const torch::Tensor& inv_cov) {
    torch::NoGradGuard no_grad;
    auto kk = k.to(torch::kFloat);
    auto u = inv_cov.defined() ? torch::matmul(inv_cov.to(kk.device(), torch::kFloat), kk) : kk.clone();
    return u / u.norm();
}

// ---- the inverse second moment, memoised ---------------------------------------

namespace {

using rome_detail::InverseEntry;

std::mutex g_inv_mutex;
std::deque<std::pair<std::string, std::shared_ptr<const InverseEntry>>>& inverse_cache() {
    static std::deque<std::pair<std::string, std::shared_ptr<const InverseEntry>>> cache;
    return cache;
}
constexpr size_t kInverseCacheSize = 4;

}  // namespace

namespace rome_detail {

std::shared_ptr<const InverseEntry> cached_inverse(const Model& model, int layer, const RomeHyperParams& hp,
                                                   const RomeStatsSource& stats, const JobContext& job) {
    if (auto it = stats.npz.find(layer); it != stats.npz.end()) {
        // Statistics the reference code saved: no corpus pass at all.
        const std::string key = "npz|" + it->second + "|" + model.device().str() + "|" + std::to_string(hp.ridge_lambda);
        {
            std::lock_guard<std::mutex> lock(g_inv_mutex);
            for (const auto& e : inverse_cache())
                if (e.first == key) return e.second;
        }
        auto imported = import_layer_stats_npz(it->second, model.config().d_ff);
        if (!imported) throw EngineException(imported.error().with_context("imported statistics"));
        auto inv = invert_second_moment(imported->mom2.to(model.device()), imported->count, hp.ridge_lambda);
        if (!inv) throw EngineException(inv.error().with_context("inverting the imported second moment"));
        auto entry = std::make_shared<InverseEntry>();
        entry->inv = inv.value();
        entry->info = {{"used", true},          {"imported", it->second}, {"count", imported->count},
                       {"sample_unit", "token positions"}, {"ridge", entry->inv.ridge}, {"ridge_note", entry->inv.note}};
        std::lock_guard<std::mutex> lock(g_inv_mutex);
        inverse_cache().emplace_back(key, entry);
        while (inverse_cache().size() > kInverseCacheSize) inverse_cache().pop_front();
        return entry;
    }
    // A model folder may ship text like its own training data as
    // stats-corpus.txt (ROME takes C from text of the model's training
    // distribution: Wikipedia for GPT-2); otherwise Lancet's default corpus.
    std::vector<std::string> files = stats.corpus_files;
    if (files.empty() && !model.path().empty()) {
        std::error_code ec;
        const auto own = std::filesystem::path(model.path()) / "stats-corpus.txt";
        if (std::filesystem::is_regular_file(own, ec)) files.push_back(own.string());
    }
    Expected<TextCorpus> corpus = files.empty() ? default_corpus() : TextCorpus::from_files(files);
    if (!corpus) throw EngineException(corpus.error().with_context("second-moment statistics"));
    const std::string stats_key = second_moment_cache_key(model, layer, corpus->hash, hp.mom2_n_samples);
    std::ostringstream key;
    key << stats_key << "|" << model.device().str() << "|" << hp.ridge_lambda;
    {
        std::lock_guard<std::mutex> lock(g_inv_mutex);
        for (const auto& e : inverse_cache())
            if (e.first == key.str()) {
                auto copy = std::make_shared<InverseEntry>(*e.second);
                copy->info["from_memory"] = true;
                return copy;
            }
    }
    SecondMomentOptions so;
    so.layers = {layer};
    so.samples = hp.mom2_n_samples;
    so.cache_dir = stats.cache_dir;
    so.read_cache = stats.use_disk_cache;
    so.write_cache = stats.use_disk_cache;
    auto res = compute_second_moments(model, corpus.value(), so, job);
    if (!res) throw EngineException(res.error().with_context("second-moment statistics"));
    const LayerSecondMoment& m = res->layers.at(0);
    auto inv = invert_second_moment(m.mom2, m.count, hp.ridge_lambda);
    if (!inv) throw EngineException(inv.error().with_context("inverting the second moment"));
    auto entry = std::make_shared<InverseEntry>();
    entry->inv = inv.value();
    entry->info = {{"used", true},
                   {"count", m.count},
                   {"samples_requested", hp.mom2_n_samples},
                   {"sample_unit", "token positions"},
                   {"corpus", corpus->name},
                   {"corpus_hash", corpus->hash},
                   {"cache_key", m.cache_key},
                   {"cache_file", m.cache_file},
                   {"from_disk_cache", m.from_cache},
                   {"from_memory", false},
                   {"tokens_per_second", res->tokens_per_second},
                   {"ridge", entry->inv.ridge},
                   {"ridge_lambda", entry->inv.ridge_lambda},
                   {"ridge_note", entry->inv.note},
                   {"warnings", res->warnings}};
    std::lock_guard<std::mutex> lock(g_inv_mutex);
    auto& cache = inverse_cache();
    cache.emplace_back(key.str(), entry);
    while (cache.size() > kInverseCacheSize) cache.pop_front();
    return entry;
}

}  // namespace rome_detail

void clear_rome_caches() {
    std::lock_guard<std::mutex> lock(g_inv_mutex);
    inverse_cache().clear();
}

}  // namespace lancet
