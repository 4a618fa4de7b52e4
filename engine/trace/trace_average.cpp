#include "trace/trace_average.h"

#include "model/model.h"

#include <chrono>
#include <cmath>

namespace lancet {

const char* token_bucket_name(TokenBucket b) {
    switch (b) {
        case TokenBucket::FirstSubject: return "first_subject_token";
        case TokenBucket::MiddleSubject: return "middle_subject_tokens";
        case TokenBucket::LastSubject: return "last_subject_token";
        case TokenBucket::FirstSubsequent: return "first_subsequent_token";
        case TokenBucket::FurtherTokens: return "further_tokens";
        case TokenBucket::LastToken: return "last_token";
    }
    return "?";
}

TokenBucket token_bucket(int t, int b, int e, int T) {
    // The last token wins over every other label, then the subject's last token,
    // as in the reference notebook's ordering.
    if (t == T - 1) return TokenBucket::LastToken;
    if (t == e - 1) return TokenBucket::LastSubject;
    if (t == b) return TokenBucket::FirstSubject;
    if (t > b && t < e - 1) return TokenBucket::MiddleSubject;
    if (t == e) return TokenBucket::FirstSubsequent;
    return TokenBucket::FurtherTokens;  // after the first subsequent token (tokens before the subject are not bucketed)
}

Expected<AverageTraceResult> average_trace(const Model& model, const std::vector<TraceFact>& facts, const TraceRequest& base,
                                           const JobContext& job) {
    return capture([&] {
        auto t0 = std::chrono::steady_clock::now();
        AverageTraceResult out;
        out.kinds = base.kinds;
        const int L = static_cast<int>(model.config().n_layer);
        // Per kind, bucket, layer: the per-fact effects (a fact with several
        // tokens in one bucket contributes their mean).
        std::vector<std::vector<std::vector<std::vector<double>>>> effects(
            base.kinds.size(), std::vector<std::vector<std::vector<double>>>(kTokenBuckets, std::vector<std::vector<double>>(L)));
        double sum_high = 0, sum_low = 0;
        out.facts_total = static_cast<int>(facts.size());
        for (size_t f = 0; f < facts.size(); ++f) {
            if (job.cancelled()) {
                out.partial = true;
                break;
            }
            TraceRequest req = base;
            req.prompt = facts[f].prompt;
            req.subject = facts[f].subject;
            req.target.clear();
            auto r = causal_trace(model, req);
            if (!r) {
                if (r.error().code == ErrorCode::Cancelled) { out.partial = true; break; }
                out.skipped.push_back("fact " + std::to_string(f) + ": " + r.error().message);
                continue;
            }
            const TraceSetup& s = r->setup;
            auto trim = [](std::string x) {
                while (!x.empty() && x.front() == ' ') x.erase(x.begin());
                while (!x.empty() && x.back() == ' ') x.pop_back();
                return x;
            };
            // The reference skips facts whose clean top-1 is not the expected
            // attribute (exact match). Lancet also accepts the first token of a
            // multi-token attribute ("Gum" for "Gum-Gum Fruit").
            const std::string answer = trim(s.answer), expected = trim(facts[f].attribute);
            if (!expected.empty() && (answer.empty() || expected.rfind(answer, 0) != 0)) {
                out.skipped.push_back("fact " + std::to_string(f) + ": model predicts \"" + s.answer + "\", not \"" +
                                      facts[f].attribute + "\"");
                continue;
            }
            ++out.facts_used;
            sum_high += s.high_score;
            sum_low += s.low_score;
            const int T = static_cast<int>(s.token_ids.size());
            for (size_t k = 0; k < r->kinds.size(); ++k) {
                for (int bucket = 0; bucket < kTokenBuckets; ++bucket) {
                    for (int l = 0; l < L; ++l) {
                        double sum = 0;
                        int n = 0;
                        for (int t = s.subject_begin; t < T; ++t) {
                            if (static_cast<int>(token_bucket(t, s.subject_begin, s.subject_end, T)) != bucket) continue;
                            sum += r->kinds[k].scores[t][l] - s.low_score;
                            ++n;
                        }
                        if (n > 0) effects[k][bucket][l].push_back(sum / n);
                    }
                }
            }
            job.report(double(f + 1) / double(facts.size()), "traced fact " + std::to_string(f + 1) + " of " + std::to_string(facts.size()));
        }
        out.curves.assign(base.kinds.size(), std::vector<BucketCurve>(kTokenBuckets));
        for (size_t k = 0; k < base.kinds.size(); ++k) {
            for (int bucket = 0; bucket < kTokenBuckets; ++bucket) {
                BucketCurve& c = out.curves[k][bucket];
                for (int l = 0; l < L; ++l) {
                    const auto& v = effects[k][bucket][l];
                    double mean = 0, var = 0;
                    for (double x : v) mean += x;
                    mean = v.empty() ? 0 : mean / v.size();
                    for (double x : v) var += (x - mean) * (x - mean);
                    double sd = v.size() > 1 ? std::sqrt(var / (v.size() - 1)) : 0;
                    c.mean.push_back(mean);
                    c.ci95.push_back(v.empty() ? 0 : 1.96 * sd / std::sqrt(double(v.size())));
                    c.count.push_back(static_cast<int>(v.size()));
                }
            }
        }
        if (out.facts_used > 0) {
            out.mean_high = sum_high / out.facts_used;
            out.mean_low = sum_low / out.facts_used;
        }
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return out;
    });
}

nlohmann::json AverageTraceResult::to_json() const {
    nlohmann::json j;
    j["facts_total"] = facts_total;
    j["facts_used"] = facts_used;
    j["facts_skipped"] = static_cast<int>(skipped.size());
    j["skipped"] = skipped;
    j["mean_high_score"] = mean_high;
    j["mean_low_score"] = mean_low;
    j["average_total_effect"] = mean_high - mean_low;
    j["partial"] = partial;
    j["seconds"] = seconds;
    j["kinds"] = nlohmann::json::array();
    for (size_t k = 0; k < kinds.size(); ++k) {
        nlohmann::json buckets = nlohmann::json::object();
        for (int b = 0; b < kTokenBuckets; ++b) {
            const auto& c = curves[k][b];
            buckets[token_bucket_name(static_cast<TokenBucket>(b))] = {{"mean_effect", c.mean}, {"ci95", c.ci95}, {"count", c.count}};
        }
        j["kinds"].push_back({{"kind", trace_kind_name(kinds[k])}, {"buckets", buckets}});
    }
    j["definition"] = "effect = restored p(answer) - low p(answer), averaged per token bucket over facts the model "
                      "answers correctly; ci95 = 1.96 std / sqrt(n)";
    return j;
}

}  // namespace lancet
