#include "edit/fisher.h"

#include "edit/detail.h"
#include "io/safetensors.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <deque>
#include <filesystem>
#include <mutex>
#include <sstream>

namespace lancet {

namespace {

std::mutex g_fisher_mutex;
std::deque<std::pair<std::string, std::shared_ptr<const DiagonalFisher>>>& fisher_cache() {
    static std::deque<std::pair<std::string, std::shared_ptr<const DiagonalFisher>>> cache;
    return cache;
}
constexpr size_t kFisherCacheSize = 4;
constexpr const char* kFisherCacheFormat = "lancet-fisher/1";

// A disk entry is used only when its key and every tensor's shape match; anything
// else is a warning and a fresh estimate (a cache never decides correctness).
std::shared_ptr<DiagonalFisher> load_disk(const Model& model, const std::vector<std::string>& names,
                                          const std::string& key, const std::string& file,
                                          std::vector<std::string>& warnings) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return nullptr;
    auto f = SafetensorsFile::open(file);
    if (!f) {
        warnings.push_back("ignoring unreadable Fisher cache " + file + ": " + f.error().message);
        return nullptr;
    }
    const auto& meta = f->metadata();
    auto get = [&](const char* k) {
        auto it = meta.find(k);
        return it == meta.end() ? std::string() : it->second;
    };
    if (get("format") != kFisherCacheFormat || get("cache_key") != key) {
        warnings.push_back("ignoring Fisher cache " + file + ": written for another key");
        return nullptr;
    }
    auto out = std::make_shared<DiagonalFisher>();
    try {
        out->sequences = std::stoi(get("sequences"));
        out->tokens = std::stoll(get("tokens"));
    } catch (...) {
        warnings.push_back("ignoring Fisher cache " + file + ": no sample counts");
        return nullptr;
    }
    out->corpus = get("corpus");
    torch::NoGradGuard no_grad;
    for (const auto& n : names) {
        auto t = f->tensor(n);
        if (!t || t->sizes() != model.tensor(n).sizes()) {
            warnings.push_back("ignoring Fisher cache " + file + ": missing or misshapen " + n);
            return nullptr;
        }
        out->values[n] = t->to(model.tensor(n).device(), torch::kFloat, /*non_blocking=*/false, /*copy=*/true);
    }
    out->from_cache = true;
    out->cache_file = file;
    return out;
}

}  // namespace

std::string fisher_cache_file(const Model& model, const std::string& cache_dir, const std::string& key) {
    edit_detail::Fnv1a64 h;
    h.mix(key);
    return (std::filesystem::path(cache_dir) / model.fingerprint() / ("fisher-" + h.hex() + ".safetensors")).string();
}

Expected<std::shared_ptr<const DiagonalFisher>> diagonal_fisher(const Model& model,
                                                                const std::vector<std::string>& weight_names,
                                                                const TextCorpus& corpus, const FisherOptions& options,
                                                                const JobContext& job) {
    return capture([&]() -> std::shared_ptr<const DiagonalFisher> {
        if (weight_names.empty()) fail(ErrorCode::InvalidArgument, "the Fisher needs at least one weight");
        if (options.samples < 1 || options.max_tokens < 2)
            fail(ErrorCode::InvalidArgument, "the Fisher needs at least one sequence of two tokens");
        if (c10::InferenceMode::is_enabled())
            fail(ErrorCode::InvalidArgument, "the Fisher needs autograd: do not call it under torch::InferenceMode");
        // The device is not part of the key: the estimate is float32 wherever it ran.
        std::ostringstream key;
        key << kFisherCacheFormat << "|" << model.fingerprint() << "|" << corpus.hash << "|" << options.samples << "|"
            << options.max_tokens;
        for (const auto& n : weight_names) key << "|" << n;
        if (options.use_cache) {
            std::lock_guard<std::mutex> lock(g_fisher_mutex);
            for (const auto& e : fisher_cache())
                if (e.first == key.str()) {
                    auto copy = std::make_shared<DiagonalFisher>(*e.second);
                    copy->from_cache = true;
                    return copy;
                }
        }
        std::vector<std::string> warnings;
        const std::string file = options.cache_dir.empty() ? std::string() : fisher_cache_file(model, options.cache_dir, key.str());
        if (!file.empty())
            if (auto hit = load_disk(model, weight_names, key.str(), file, warnings)) {
                if (options.use_cache) {
                    std::lock_guard<std::mutex> lock(g_fisher_mutex);
                    fisher_cache().emplace_back(key.str(), hit);
                    while (fisher_cache().size() > kFisherCacheSize) fisher_cache().pop_front();
                }
                return hit;
            }

        torch::AutoGradMode grad_mode(true);
        std::vector<torch::Tensor> leaves;
        std::vector<Model::WeightSwap> swaps;
        for (const auto& name : weight_names) {
            const torch::Tensor& w = model.tensor(name);
            auto leaf = w.detach().to(torch::kFloat).clone().requires_grad_(true);
            swaps.push_back(model.swap_linear_weight(name, leaf.to(w.scalar_type())).value());
            leaves.push_back(leaf);
        }
        std::vector<torch::Tensor> sums;
        for (const auto& l : leaves) sums.push_back(torch::zeros_like(l));

        auto out = std::make_shared<DiagonalFisher>();
        out->corpus = corpus.name;
        const Tokenizer& tok = model.tokenizer();
        const auto max_positions = static_cast<size_t>(model.config().n_positions);
        for (const auto& doc : corpus.documents) {
            if (out->sequences >= options.samples) break;
            job.check_cancelled();
            std::vector<int64_t> ids = tok.encode(doc).ids;
            if (auto bos = tok.bos_id()) ids.insert(ids.begin(), *bos);
            ids.resize(std::min({ids.size(), static_cast<size_t>(options.max_tokens), max_positions}));
            if (ids.size() < 2) continue;
            ForwardInput in;
            in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1}).to(model.device());
            auto logits = forward(model, in).logits[0];
            const int64_t T = logits.size(0);
            auto loss = torch::nn::functional::cross_entropy(logits.slice(0, 0, T - 1), in.input_ids[0].slice(0, 1, T));
            auto grads = torch::autograd::grad({loss}, leaves);
            torch::NoGradGuard no_grad;
            for (size_t i = 0; i < grads.size(); ++i) sums[i].add_(grads[i].pow(2));
            out->sequences += 1;
            out->tokens += T;
            job.report(static_cast<double>(out->sequences) / options.samples,
                       "Fisher: sequence " + std::to_string(out->sequences) + " of " + std::to_string(options.samples));
        }
        if (out->sequences == 0) fail(ErrorCode::InvalidArgument, "the corpus has no sequence of two tokens for the Fisher");
        for (size_t i = 0; i < weight_names.size(); ++i) out->values[weight_names[i]] = sums[i] / out->sequences;
        out->warnings = warnings;
        if (!file.empty()) {
            std::error_code ec;
            std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
            NamedTensors tensors(out->values.begin(), out->values.end());
            auto w = write_safetensors(file, tensors,
                                       {{"format", kFisherCacheFormat},
                                        {"cache_key", key.str()},
                                        {"sequences", std::to_string(out->sequences)},
                                        {"tokens", std::to_string(out->tokens)},
                                        {"corpus", out->corpus},
                                        {"model_fingerprint", model.fingerprint()}});
            if (w) out->cache_file = file;
            else out->warnings.push_back("could not write the Fisher cache: " + w.error().message);
        }
        if (options.use_cache) {
            std::lock_guard<std::mutex> lock(g_fisher_mutex);
            auto& cache = fisher_cache();
            cache.emplace_back(key.str(), out);
            while (cache.size() > kFisherCacheSize) cache.pop_front();
        }
        return out;
    });
}

}  // namespace lancet
