#include "merge/merge_score.h"
#include "tokenizer/continuation.h"
#include "core/numeric.h"

#include "eval/dataset.h"
#include "eval/metrics.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>

namespace lancet {

namespace {


// Seeded, platform-independent shuffle (std::shuffle's distribution is implementation-defined).
template <class T>
void seeded_shuffle(std::vector<T>& v, uint64_t seed) {
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + 1);
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}

}  // namespace

Expected<TaskEvalSet> load_task_eval(const std::string& path, const std::string& name, size_t max_probes, uint64_t seed) {
    auto data = load_dataset(path);
    if (!data) return data.error().with_context("reading the evaluation set of task " + name);
    return capture([&] {
        TaskEvalSet set;
        set.name = name;
        set.path = path;
        // Per case: held-out phrasings first, then trained ones; round-robin over
        // cases so a capped sample covers every case.
        std::vector<std::vector<ScoreProbe>> per_case;
        for (const auto& c : data->cases) {
            if (c.target_new.empty()) continue;
            std::vector<ScoreProbe> held, trained;
            for (const auto& p : c.heldout_paraphrase_prompts) held.push_back({p, c.target_new});
            trained.push_back({c.prompt(), c.target_new});
            for (const auto& p : c.paraphrase_prompts) trained.push_back({p, c.target_new});
            seeded_shuffle(held, seed + per_case.size());
            seeded_shuffle(trained, seed + 7919 + per_case.size());
            std::vector<ScoreProbe> all;
            for (size_t i = 0; i < std::max(held.size(), trained.size()); ++i) {
                if (i < held.size()) all.push_back(held[i]);
                if (i < trained.size()) all.push_back(trained[i]);
            }
            per_case.push_back(std::move(all));
        }
        if (per_case.empty()) fail(ErrorCode::InvalidFile, path + ": no case with a target to score");
        for (size_t round = 0;; ++round) {
            bool any = false;
            for (const auto& c : per_case) {
                if (round >= c.size()) continue;
                any = true;
                if (max_probes && set.probes.size() >= max_probes) break;
                set.probes.push_back(c[round]);
            }
            if (!any || (max_probes && set.probes.size() >= max_probes)) break;
        }
        return set;
    });
}

Expected<std::vector<ScoreProbe>> load_base_fact_probes(const std::string& path, size_t n, uint64_t seed,
                                                        const std::vector<std::string>& exclude_subjects) {
    auto data = load_dataset(path);
    if (!data) return data.error().with_context("reading the base facts");
    std::set<std::string> excluded(exclude_subjects.begin(), exclude_subjects.end());
    std::vector<ScoreProbe> all;
    for (const auto& c : data->cases)
        if (!c.target_true.empty() && !excluded.count(c.subject)) all.push_back({c.prompt(), c.target_true});
    seeded_shuffle(all, seed + 104729);
    if (n && all.size() > n) all.resize(n);
    return all;
}

// ---- MergeScores --------------------------------------------------------------

nlohmann::json MergeScores::to_json() const {
    auto num = [](double v) -> nlohmann::json { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    nlohmann::json t = nlohmann::json::array();
    for (const auto& s : tasks)
        t.push_back({{"name", s.name}, {"accuracy", num(s.accuracy)}, {"n", s.n}, {"base_accuracy", num(s.base_accuracy)}});
    return {{"tasks", t},
            {"base_facts", num(base_facts)},
            {"base_facts_n", base_facts_n},
            {"fluency", num(fluency)},
            {"base_fluency", num(base_fluency)},
            {"generation", generation},
            {"score_ms", score_ms},
            {"probes_ms", probes_ms},
            {"fluency_ms", fluency_ms}};
}

double MergeScores::metric(const std::string& key) const {
    if (key == "base_facts") return base_facts;
    if (key == "fluency") return fluency;
    const std::string name = key.rfind("task:", 0) == 0 ? key.substr(5) : key;
    for (const auto& t : tasks)
        if (t.name == name) return t.accuracy;
    return kNaN;
}

std::vector<std::string> MergeScores::metric_keys() const {
    std::vector<std::string> k;
    for (const auto& t : tasks) k.push_back("task:" + t.name);
    k.push_back("base_facts");
    k.push_back("fluency");
    return k;
}

// ---- MergeScorer ------------------------------------------------------------------

std::vector<MergeScorer::Batch> MergeScorer::batches(const Model& model, const std::vector<Seq>& seqs) const {
    std::vector<Batch> out;
    const size_t bs = static_cast<size_t>(std::max(1, options_.batch_size));
    for (size_t start = 0; start < seqs.size(); start += bs) {
        const size_t end = std::min(seqs.size(), start + bs);
        const int64_t B = static_cast<int64_t>(end - start);
        int64_t T = 0;
        for (size_t r = start; r < end; ++r) T = std::max<int64_t>(T, static_cast<int64_t>(seqs[r].ids.size()));
        Batch b;
        b.ids = torch::zeros({B, T}, torch::kLong);
        b.mask = torch::zeros({B, T}, torch::kLong);
        auto ids_a = b.ids.accessor<int64_t, 2>();
        auto mask_a = b.mask.accessor<int64_t, 2>();
        for (int64_t i = 0; i < B; ++i) {
            const auto& s = seqs[start + static_cast<size_t>(i)];
            for (size_t t = 0; t < s.ids.size(); ++t) {
                ids_a[i][static_cast<int64_t>(t)] = s.ids[t];
                mask_a[i][static_cast<int64_t>(t)] = 1;
            }
            for (int64_t p = s.prompt_len - 1; p + 1 < static_cast<int64_t>(s.ids.size()); ++p) {
                b.flat.push_back(i * T + p);
                b.gold.push_back(s.ids[static_cast<size_t>(p + 1)]);
            }
        }
        b.ids = b.ids.to(model.device());
        b.mask = b.mask.to(model.device());
        b.positions = torch::arange(T, torch::kLong).unsqueeze(0).expand({B, T}).contiguous().to(model.device());
        out.push_back(std::move(b));
    }
    return out;
}

std::vector<bool> MergeScorer::exact(const Model& model, const std::vector<Seq>& seqs, bool use_prefix) const {
    std::vector<bool> out;
    out.reserve(seqs.size());
    if (seqs.empty()) return out;
    torch::InferenceMode guard;
    const bool cached = use_prefix && &seqs == &seqs_ && !cached_.empty();
    std::vector<Batch> fresh;
    if (!cached) fresh = batches(model, seqs);
    const std::vector<Batch>& bs = cached ? cached_ : fresh;
    size_t row = 0;
    for (const auto& b : bs) {
        ForwardInput in;
        in.input_ids = b.ids;
        in.attention_mask = b.mask;
        in.position_ids = b.positions;
        in.logits = LogitsMode::None;
        if (cached && b.hidden.defined()) {
            in.start_layer = prefix_layer_;
            in.start_hidden = b.hidden;
        }
        auto hidden = forward(model, in).hidden;
        const int64_t B = b.ids.size(0), T = b.ids.size(1);
        auto picked = hidden.reshape({B * T, hidden.size(-1)})
                          .index_select(0, torch::tensor(b.flat, torch::kLong).to(model.device()));
        auto pred = screen_.argmax(model, final_norm(model, picked)).to(torch::kCPU).contiguous();
        const int64_t* pp = pred.data_ptr<int64_t>();
        size_t k = 0;
        for (int64_t i = 0; i < B; ++i, ++row) {
            const auto& s = seqs[row];
            bool ok = true;
            for (int64_t p = s.prompt_len - 1; p + 1 < static_cast<int64_t>(s.ids.size()); ++p, ++k)
                ok = ok && pp[k] == b.gold[k];
            out.push_back(ok);
        }
    }
    return out;
}

Expected<void> MergeScorer::freeze_prefix(const Model& model, int layer) {
    return capture([&] {
        prefix_layer_ = std::clamp<int>(layer, 0, static_cast<int>(model.config().n_layer));
        cached_ = batches(model, seqs_);
        if (prefix_layer_ == 0) return;
        torch::InferenceMode guard;
        for (auto& b : cached_) {
            ForwardInput in;
            in.input_ids = b.ids;
            in.attention_mask = b.mask;
            in.position_ids = b.positions;
            in.logits = LogitsMode::None;
            in.stop_after_layer = prefix_layer_ - 1;
            b.hidden = forward(model, in).hidden;
        }
    });
}

double MergeScorer::fluency_of(const Model& model, std::string* first_text, const JobContext& job) const {
    if (fluency_ids_.empty() || options_.fluency_tokens <= 0) return kNaN;
    // Greedy decoding with a KV cache, each token's argmax screened (exact,
    // model/screened_argmax.h): the same text as generate(greedy).
    torch::InferenceMode guard;
    std::string all;
    for (size_t i = 0; i < fluency_ids_.size(); ++i) {
        job.check_cancelled();
        KVCache cache;
        std::vector<int64_t> out;
        torch::Tensor next = torch::tensor(fluency_ids_[i], torch::kLong).view({1, -1}).to(model.device());
        for (int t = 0; t < options_.fluency_tokens; ++t) {
            if (cache.length() + next.size(1) > model.config().n_positions) break;
            ForwardInput in;
            in.input_ids = next;
            in.cache = &cache;
            in.logits = LogitsMode::None;
            auto hidden = forward(model, in).hidden;
            auto last = hidden.select(1, hidden.size(1) - 1);  // [1, d]
            const int64_t id = screen_.argmax(model, final_norm(model, last)).item<int64_t>();
            out.push_back(id);
            next = torch::full({1, 1}, id, torch::TensorOptions().dtype(torch::kLong).device(model.device()));
        }
        const std::string text = options_.fluency_prompts[i] + model.tokenizer().decode(out);
        if (i == 0 && first_text) *first_text = text;
        all += text + "\n";
    }
    return fluency_entropy(all);
}

Expected<std::unique_ptr<MergeScorer>> MergeScorer::create(const Model& base, std::vector<TaskEvalSet> tasks,
                                                           std::vector<ScoreProbe> base_probes,
                                                           const ScoreOptions& options, const JobContext& job) {
    return capture([&] {
        std::unique_ptr<MergeScorer> s(new MergeScorer());
        s->options_ = options;
        s->tasks_ = std::move(tasks);
        s->screen_ = ScreenedArgmax::build(base);
        const Tokenizer& tok = base.tokenizer();
        const int64_t context = base.config().n_positions;
        auto make = [&](const ScoreProbe& p, int owner) {
            Seq q;
            q.ids = base.encode(p.prompt).ids;
            q.prompt_len = static_cast<int64_t>(q.ids.size());
            auto t = continuation_ids(tok, " " + p.target);
            q.ids.insert(q.ids.end(), t.begin(), t.end());
            q.owner = owner;
            if (q.prompt_len == 0 || t.empty() || static_cast<int64_t>(q.ids.size()) > context)
                fail(ErrorCode::InvalidArgument, "probe \"" + p.prompt + "\" -> \"" + p.target + "\" cannot be scored");
            return q;
        };
        for (size_t i = 0; i < s->tasks_.size(); ++i) {
            auto& t = s->tasks_[i];
            if (options.max_probes_per_task && t.probes.size() > options.max_probes_per_task)
                t.probes.resize(options.max_probes_per_task);
            if (t.probes.empty()) fail(ErrorCode::InvalidArgument, "task " + t.name + " has no evaluation probes");
            for (const auto& p : t.probes) s->seqs_.push_back(make(p, static_cast<int>(i)));
        }
        job.check_cancelled();
        // Keep the base facts the unmerged model knows: "retained" then reads as
        // a fraction of its own knowledge, 1.0 at the base.
        if (options.base_facts && base_probes.size() > options.base_facts) base_probes.resize(options.base_facts);
        std::vector<Seq> facts;
        for (const auto& p : base_probes) facts.push_back(make(p, -1));
        auto known = s->exact(base, facts);
        for (size_t i = 0; i < facts.size(); ++i)
            if (known[i]) s->seqs_.push_back(facts[i]);
        s->base_known_ = static_cast<int>(std::count(known.begin(), known.end(), true));
        // Sorting by length keeps padding low in the single batch (order is irrelevant to the result).
        std::stable_sort(s->seqs_.begin(), s->seqs_.end(),
                         [](const Seq& a, const Seq& b) { return a.ids.size() < b.ids.size(); });
        s->cached_ = s->batches(base, s->seqs_);
        for (const auto& p : options.fluency_prompts) {
            auto ids = base.encode(p).ids;
            if (ids.empty()) fail(ErrorCode::InvalidArgument, "an empty fluency prompt");
            s->fluency_ids_.push_back(std::move(ids));
        }
        job.check_cancelled();
        auto ref = s->score(base, job).value();
        for (const auto& t : ref.tasks) s->base_task_accuracy_.push_back(t.accuracy);
        s->base_fluency_ = ref.fluency;
        return s;
    });
}

nlohmann::json MergeScorer::screen_summary() const {
    return {{"active", screen_.active()},
            {"screened_out", screen_.screened_out()},
            {"radius", screen_.radius()},
            {"fallback_rows", screen_.fallbacks()}};
}

Expected<MergeScores> MergeScorer::score_probes(const Model& model, const JobContext& job) const {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        job.check_cancelled();
        MergeScores out;
        auto ok = exact(model, seqs_);
        out.probes_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::vector<int> right(tasks_.size(), 0), total(tasks_.size(), 0);
        int facts_right = 0, facts_total = 0;
        for (size_t i = 0; i < seqs_.size(); ++i) {
            const int o = seqs_[i].owner;
            if (o < 0) {
                ++facts_total;
                facts_right += ok[i];
            } else {
                ++total[static_cast<size_t>(o)];
                right[static_cast<size_t>(o)] += ok[i];
            }
        }
        for (size_t i = 0; i < tasks_.size(); ++i) {
            TaskScore t;
            t.name = tasks_[i].name;
            t.n = total[i];
            t.accuracy = total[i] ? double(right[i]) / double(total[i]) : kNaN;
            if (i < base_task_accuracy_.size()) t.base_accuracy = base_task_accuracy_[i];
            out.tasks.push_back(t);
        }
        out.base_facts_n = facts_total;
        out.base_facts = facts_total ? double(facts_right) / double(facts_total) : kNaN;
        out.base_fluency = base_fluency_;
        out.score_ms = out.probes_ms;
        return out;
    });
}

Expected<void> MergeScorer::add_fluency(const Model& model, MergeScores& scores, const JobContext& job) const {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        job.check_cancelled();
        scores.fluency = fluency_of(model, &scores.generation, job);
        scores.base_fluency = base_fluency_;
        scores.fluency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        scores.score_ms = scores.probes_ms + scores.fluency_ms;
    });
}

Expected<MergeScores> MergeScorer::score(const Model& model, const JobContext& job) const {
    auto out = score_probes(model, job);
    if (!out) return out;
    auto ok = add_fluency(model, out.value(), job);
    if (!ok) return ok.error();
    return out;
}

}  // namespace lancet
