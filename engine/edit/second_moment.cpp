#include "edit/second_moment.h"
#include "core/device_sync.h"

#include "edit/context_templates.h"
#include "edit/detail.h"
#include "io/safetensors.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace lancet {

using edit_detail::Fnv1a64;

namespace {

constexpr const char* kCorpusFile = "wordnet-glosses.txt";
constexpr const char* kCacheFormat = "lancet-mom2-v1";

// Documents are separated by lines holding only whitespace.
void split_documents(const std::string& text, std::vector<std::string>& out) {
    std::string current;
    size_t pos = 0;
    auto flush = [&] {
        while (!current.empty() && (current.back() == '\n' || current.back() == '\r')) current.pop_back();
        if (!current.empty()) out.push_back(std::move(current));
        current.clear();
    };
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        bool blank = line.find_first_not_of(" \t\f\v") == std::string::npos;
        if (blank) {
            flush();
        } else {
            if (!current.empty()) current += '\n';
            current += line;
        }
        if (end == text.size()) break;
        pos = end + 1;
    }
    flush();
}

std::string env_or_empty(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

LayerSecondMoment try_load_cache(const Model& model, int layer, const std::string& key, const std::string& file,
                                 std::vector<std::string>& warnings) {
    LayerSecondMoment out;
    out.layer = layer;
    out.cache_key = key;
    out.cache_file = file;
    std::error_code ec;
    if (!fs::exists(file, ec)) return out;
    auto f = SafetensorsFile::open(file);
    if (!f) {
        warnings.push_back("ignoring unreadable statistics cache " + file + ": " + f.error().message);
        return out;
    }
    const auto& meta = f->metadata();
    auto get = [&](const char* k) -> std::string {
        auto it = meta.find(k);
        return it == meta.end() ? std::string() : it->second;
    };
    if (get("format") != kCacheFormat || get("cache_key") != key) {
        warnings.push_back("ignoring statistics cache " + file + ": written for another key");
        return out;
    }
    auto t = f->tensor("mom2");
    const int64_t d_ff = model.config().d_ff;
    if (!t || t->dim() != 2 || t->size(0) != d_ff || t->size(1) != d_ff) {
        warnings.push_back("ignoring statistics cache " + file + ": missing or misshapen mom2 tensor");
        return out;
    }
    int64_t count = 0;
    try {
        count = std::stoll(get("count"));
    } catch (...) {
        warnings.push_back("ignoring statistics cache " + file + ": no sample count");
        return out;
    }
    torch::NoGradGuard no_grad;
    out.mom2 = t->to(model.device(), torch::kFloat, /*non_blocking=*/false, /*copy=*/true);
    out.count = count;
    out.from_cache = true;
    return out;
}

}  // namespace

Expected<TextCorpus> TextCorpus::from_files(const std::vector<std::string>& paths) {
    return capture([&] {
        if (paths.empty()) fail(ErrorCode::InvalidArgument, "no corpus files given");
        TextCorpus c;
        Fnv1a64 h;
        std::string name;
        for (const auto& p : paths) {
            std::ifstream in(p, std::ios::binary);
            if (!in) fail(ErrorCode::NotFound, p + ": cannot be opened");
            std::ostringstream ss;
            ss << in.rdbuf();
            std::string text = ss.str();
            h.mix_u64(text.size());
            h.mix(text);
            c.bytes += text.size();
            split_documents(text, c.documents);
            c.files.push_back(p);
            if (!name.empty()) name += "+";
            name += fs::path(p).filename().string();
        }
        if (c.documents.empty()) fail(ErrorCode::InvalidArgument, "the corpus " + name + " holds no text");
        c.name = name;
        c.hash = h.hex();
        return c;
    });
}

TextCorpus TextCorpus::from_documents(std::string name, std::vector<std::string> documents) {
    TextCorpus c;
    c.name = std::move(name);
    Fnv1a64 h;
    for (auto& d : documents) {
        h.mix_u64(d.size());
        h.mix(d);
        c.bytes += d.size();
        if (!d.empty()) c.documents.push_back(std::move(d));
    }
    c.hash = h.hex();
    return c;
}

Expected<std::string> default_corpus_path() {
    std::vector<fs::path> tried;
    auto check = [&](const fs::path& dir) -> bool {
        tried.push_back(dir / kCorpusFile);
        std::error_code ec;
        return fs::is_regular_file(dir / kCorpusFile, ec);
    };
    std::string env = env_or_empty("LANCET_CORPUS_DIR");
    if (!env.empty() && check(env)) return (fs::path(env) / kCorpusFile).string();
    std::string res = env_or_empty("LANCET_RESOURCES");
    if (!res.empty() && check(fs::path(res) / "corpus")) return (fs::path(res) / "corpus" / kCorpusFile).string();
    // An installed program reads its own data (bin/../share/lancet) before the
    // source tree it was built from, which may hold a different version.
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && check(exe.parent_path() / ".." / "share" / "lancet" / "corpus"))
        return (exe.parent_path() / ".." / "share" / "lancet" / "corpus" / kCorpusFile).lexically_normal().string();
#ifdef LANCET_RESOURCES_DIR
    if (check(fs::path(LANCET_RESOURCES_DIR) / "corpus"))
        return (fs::path(LANCET_RESOURCES_DIR) / "corpus" / kCorpusFile).string();
#endif
    if (!ec) {
        fs::path dir = exe.parent_path();
        for (int up = 0; up <= 3; ++up) {
            if (check(dir / "resources" / "corpus")) return (dir / "resources" / "corpus" / kCorpusFile).string();
            dir = dir.parent_path();
        }
    }
    // The source tree this file was compiled from (developer builds, tests).
    fs::path src = fs::path(__FILE__).parent_path().parent_path().parent_path() / "resources" / "corpus";
    if (src.is_absolute() && check(src)) return (src / kCorpusFile).string();
    std::string list;
    for (const auto& t : tried) list += "\n  " + t.string();
    return Error{ErrorCode::NotFound, std::string("the default statistics corpus ") + kCorpusFile +
                                          " was not found; set LANCET_CORPUS_DIR or pass corpus files. Tried:" + list};
}

Expected<TextCorpus> default_corpus() {
    auto path = default_corpus_path();
    if (!path) return path.error();
    return TextCorpus::from_files({path.value()});
}

std::string default_stats_cache_dir() {
    std::string base = env_or_empty("LANCET_CACHE_DIR");
    if (!base.empty()) return (fs::path(base) / "stats").string();
    std::string xdg = env_or_empty("XDG_CACHE_HOME");
    if (!xdg.empty()) return (fs::path(xdg) / "lancet" / "stats").string();
    std::string home = env_or_empty("HOME");
    if (home.empty()) home = ".";
    return (fs::path(home) / ".cache" / "lancet" / "stats").string();
}

std::string second_moment_cache_key(const Model& model, int layer, const std::string& corpus_hash, int64_t samples) {
    std::ostringstream os;
    os << model.fingerprint() << "-L" << layer << "-" << corpus_hash << "-n" << (samples > 0 ? std::to_string(samples) : "all")
       << "-float32";
    return os.str();
}

const LayerSecondMoment* SecondMomentResult::find(int layer) const {
    for (const auto& l : layers)
        if (l.layer == layer) return &l;
    return nullptr;
}

nlohmann::json SecondMomentResult::to_json() const {
    nlohmann::json ls = nlohmann::json::array();
    for (const auto& l : layers)
        ls.push_back({{"layer", l.layer},
                      {"count", l.count},
                      {"cache_key", l.cache_key},
                      {"cache_file", l.cache_file},
                      {"from_cache", l.from_cache},
                      {"cached", l.cached},
                      {"d_ff", l.mom2.defined() ? l.mom2.size(0) : 0}});
    return {{"layers", ls},
            {"tokens", tokens},
            {"seconds", seconds},
            {"tokens_per_second", tokens_per_second},
            {"tokenize_seconds", tokenize_seconds},
            {"corpus", corpus_name},
            {"corpus_hash", corpus_hash},
            {"samples_requested", samples_requested},
            {"sample_unit", "token positions"},
            {"warnings", warnings}};
}

Expected<SecondMomentResult> compute_second_moments(const Model& model, const TextCorpus& corpus,
                                                    const SecondMomentOptions& o, const JobContext& job) {
    return capture([&] {
        const ModelConfig& cfg = model.config();
        if (o.layers.empty()) fail(ErrorCode::InvalidArgument, "no layers requested for statistics");
        std::vector<int> layers;
        for (int l : o.layers) {
            if (l < 0 || l >= cfg.n_layer)
                fail(ErrorCode::InvalidArgument, "layer " + std::to_string(l) + " is out of range (the model has " +
                                                     std::to_string(cfg.n_layer) + " layers)");
            if (std::find(layers.begin(), layers.end(), l) == layers.end()) layers.push_back(l);
        }
        if (o.samples < 0) fail(ErrorCode::InvalidArgument, "the sample count must not be negative");

        SecondMomentResult result;
        result.corpus_name = corpus.name;
        result.corpus_hash = corpus.hash;
        result.samples_requested = o.samples;
        const std::string cache_dir = o.cache_dir.empty() ? default_stats_cache_dir() : o.cache_dir;
        const fs::path model_dir = fs::path(cache_dir) / model.fingerprint();

        std::vector<int> missing;
        for (int l : layers) {
            std::string key = second_moment_cache_key(model, l, corpus.hash, o.samples);
            std::string file = (model_dir / (key + ".safetensors")).string();
            LayerSecondMoment m;
            if (o.read_cache) {
                m = try_load_cache(model, l, key, file, result.warnings);
            } else {
                m.layer = l;
                m.cache_key = key;
                m.cache_file = file;
            }
            if (!m.from_cache) missing.push_back(l);
            m.cached = m.from_cache;
            result.layers.push_back(std::move(m));
        }
        if (missing.empty()) {
            job.report(1.0, "layer statistics loaded from the cache");
            return result;
        }

        // Token chunks: documents in a fixed pseudo-random order (seed 1, like the
        // reference's article sample), split into <= n_positions tokens, until
        // `samples` positions are gathered.
        const Tokenizer& tok = model.tokenizer();
        const std::optional<int64_t> bos = tok.bos_id();
        const int64_t chunk_len = cfg.n_positions - (bos ? 1 : 0);
        if (chunk_len <= 0) fail(ErrorCode::Unsupported, "the model's context is too short for statistics");
        std::vector<size_t> order(corpus.documents.size());
        std::iota(order.begin(), order.end(), size_t{0});
        std::mt19937_64 rng(1);
        for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);

        job.report(0.0, "tokenizing the corpus");
        const auto t_tok = std::chrono::steady_clock::now();
        std::vector<std::vector<int64_t>> chunks;
        int64_t total = 0;
        for (size_t idx : order) {
            job.check_cancelled();
            auto ids = tok.encode(corpus.documents[idx]).ids;
            if (auto bos = tok.bos_id()) ids.insert(ids.begin(), *bos);  // as the reference tokenizer(...) does
            for (size_t begin = 0; begin < ids.size(); begin += static_cast<size_t>(chunk_len)) {
                size_t end = std::min(ids.size(), begin + static_cast<size_t>(chunk_len));
                std::vector<int64_t> piece;
                if (bos) piece.push_back(*bos);
                piece.insert(piece.end(), ids.begin() + static_cast<std::ptrdiff_t>(begin),
                             ids.begin() + static_cast<std::ptrdiff_t>(end));
                if (o.samples > 0 && total + static_cast<int64_t>(piece.size()) > o.samples)
                    piece.resize(static_cast<size_t>(o.samples - total));
                total += static_cast<int64_t>(piece.size());
                if (!piece.empty()) chunks.push_back(std::move(piece));
                if (o.samples > 0 && total >= o.samples) break;
            }
            if (o.samples > 0 && total >= o.samples) break;
        }
        result.tokenize_seconds = edit_detail::seconds_since(t_tok);
        if (total == 0) fail(ErrorCode::InvalidArgument, "the corpus " + corpus.name + " tokenizes to nothing");
        if (o.samples > 0 && total < o.samples)
            result.warnings.push_back("the corpus " + corpus.name + " has only " + std::to_string(total) +
                                      " tokens; fewer than the " + std::to_string(o.samples) + " requested");

        // Length-sorted batches of at most batch_tokens padded tokens.
        std::vector<size_t> by_len(chunks.size());
        std::iota(by_len.begin(), by_len.end(), size_t{0});
        std::stable_sort(by_len.begin(), by_len.end(),
                         [&](size_t a, size_t b) { return chunks[a].size() > chunks[b].size(); });
        std::vector<std::vector<size_t>> batches;
        for (size_t i = 0; i < by_len.size();) {
            const int64_t T = static_cast<int64_t>(chunks[by_len[i]].size());
            const int64_t rows = std::max<int64_t>(1, o.batch_tokens / std::max<int64_t>(1, T));
            std::vector<size_t> b;
            for (; i < by_len.size() && static_cast<int64_t>(b.size()) < rows; ++i) b.push_back(by_len[i]);
            batches.push_back(std::move(b));
        }

        const int max_layer = *std::max_element(missing.begin(), missing.end());
        const int64_t d_ff = cfg.d_ff;
        torch::NoGradGuard no_grad;
        auto fopts = torch::TensorOptions().dtype(torch::kFloat).device(model.device());
        std::vector<torch::Tensor> acc;
        for (size_t i = 0; i < missing.size(); ++i) acc.push_back(torch::zeros({d_ff, d_ff}, fopts));

        // Keys of a bfloat16/float16 model have at most 10 significant bits, so
        // TF32 tensor cores multiply them exactly and accumulate in float32: the
        // same C as strict fp32 products, several times faster on CUDA.
        struct Tf32Accumulate {
            bool saved = at::globalContext().allowTF32CuBLAS();
            explicit Tf32Accumulate(bool on) {
                if (on) at::globalContext().setAllowTF32CuBLAS(true);
            }
            ~Tf32Accumulate() { at::globalContext().setAllowTF32CuBLAS(saved); }
        } tf32_accumulate(model.device().is_cuda() &&
                          (model.dtype() == torch::kBFloat16 || model.dtype() == torch::kHalf));
        const auto t0 = std::chrono::steady_clock::now();
        int64_t done = 0;
        for (const auto& b : batches) {
            job.check_cancelled();
            const int64_t B = static_cast<int64_t>(b.size());
            const int64_t T = static_cast<int64_t>(chunks[b[0]].size());
            auto ids = torch::zeros({B, T}, torch::kLong);
            auto mask = torch::zeros({B, T}, torch::kLong);
            auto ids_a = ids.accessor<int64_t, 2>();
            auto mask_a = mask.accessor<int64_t, 2>();
            for (int64_t r = 0; r < B; ++r) {
                const auto& c = chunks[b[static_cast<size_t>(r)]];
                for (size_t t = 0; t < c.size(); ++t) {
                    ids_a[r][static_cast<int64_t>(t)] = c[t];
                    mask_a[r][static_cast<int64_t>(t)] = 1;
                }
            }
            ForwardInput in;
            in.input_ids = ids.to(model.device());
            in.attention_mask = mask.to(model.device());
            in.stop_after_layer = max_layer;
            // Accumulate inside hooks so no layer's keys outlive its block.
            auto keep = in.attention_mask.to(torch::kBool);
            Interventions iv;
            for (size_t i = 0; i < missing.size(); ++i) {
                torch::Tensor a = acc[i];
                iv.hook(Site::MlpKey, missing[i], [a, keep](Site, int, torch::Tensor& x) mutable {
                    auto k = x.index({keep}).to(torch::kFloat);
                    a.addmm_(k.t(), k);
                });
            }
            forward(model, in, &iv);
            done += mask.sum().item<int64_t>();
            job.report(static_cast<double>(done) / static_cast<double>(total),
                       "layer statistics: " + std::to_string(done) + " of " + std::to_string(total) + " tokens");
        }
        synchronize_device(model.device());
        result.seconds = edit_detail::seconds_since(t0);
        result.tokens = done;
        result.tokens_per_second = result.seconds > 0 ? static_cast<double>(done) / result.seconds : 0.0;

        for (size_t i = 0; i < missing.size(); ++i) {
            auto mom2 = acc[i] / static_cast<double>(done);
            mom2 = (mom2 + mom2.t()) * 0.5;
            for (auto& m : result.layers) {
                if (m.layer != missing[i]) continue;
                m.mom2 = mom2;
                m.count = done;
                m.from_cache = false;
                if (o.write_cache) {
                    std::error_code ec;
                    fs::create_directories(model_dir, ec);
                    std::map<std::string, std::string> meta{
                        {"format", kCacheFormat},
                        {"cache_key", m.cache_key},
                        {"count", std::to_string(done)},
                        {"layer", std::to_string(m.layer)},
                        {"model_fingerprint", model.fingerprint()},
                        {"corpus", sanitize_utf8(corpus.name)},
                        {"corpus_hash", corpus.hash},
                        {"samples_requested", std::to_string(o.samples)},
                        {"sample_unit", "token positions"},
                        {"dtype", "float32"},
                    };
                    auto w = write_safetensors(m.cache_file, {{"mom2", mom2}}, meta);
                    if (!w) result.warnings.push_back("could not write the statistics cache: " + w.error().message);
                    m.cached = w.ok();
                }
            }
        }
        job.report(1.0, "layer statistics done");
        return result;
    });
}

Expected<InverseSecondMoment> invert_second_moment(const torch::Tensor& mom2, int64_t count, double lambda) {
    return capture([&] {
        if (!mom2.defined() || mom2.dim() != 2 || mom2.size(0) != mom2.size(1))
            fail(ErrorCode::InvalidArgument, "the second moment must be a square matrix");
        torch::NoGradGuard no_grad;
        const int64_t n = mom2.size(0);
        auto C = mom2.to(torch::kDouble);
        InverseSecondMoment out;
        auto positive_definite = [](const torch::Tensor& m) {
            auto res = torch::linalg_cholesky_ex(m);
            return std::get<1>(res).item<int64_t>() == 0;
        };
        bool need_ridge = count > 0 && count < n;
        if (need_ridge) {
            out.note = "fewer samples (" + std::to_string(count) + ") than key dimensions (" + std::to_string(n) +
                       "): C is singular";
        } else if (!positive_definite(C)) {
            need_ridge = true;
            out.note = "C is not positive definite (Cholesky failed)";
        }
        if (need_ridge) {
            const double mean_diag = C.diagonal().mean().item<double>();
            auto eye = torch::eye(n, C.options());
            double lam = lambda > 0 ? lambda : 1e-4;
            torch::Tensor Cr;
            for (;; lam *= 10) {
                Cr = C + eye * (lam * mean_diag);
                if (positive_definite(Cr) || lam >= 1e-1) break;
            }
            out.ridge_lambda = lam;
            out.ridge = lam * mean_diag;
            C = Cr;
        }
        out.inv = torch::linalg_inv(C).to(torch::kFloat);
        return out;
    });
}

}  // namespace lancet
