// Average indirect effects over many facts, as the ROME paper's Figure 2
// averages (notebooks/average_causal_effects.ipynb): each fact's rows are put in
// six token buckets and, per bucket and layer, the restored probability minus
// the fact's low score is averaged over facts, with a 95% interval.
#pragma once

#include "trace/causal_trace.h"

namespace lancet {

struct TraceFact {
    std::string prompt;
    std::string subject;
    std::string attribute;  // expected answer; facts the model gets wrong are skipped, as in the reference
};

enum class TokenBucket { FirstSubject, MiddleSubject, LastSubject, FirstSubsequent, FurtherTokens, LastToken };
constexpr int kTokenBuckets = 6;
const char* token_bucket_name(TokenBucket bucket);

struct BucketCurve {
    std::vector<double> mean;   // per layer: mean over facts of (restored p − low p)
    std::vector<double> ci95;   // 1.96 · std / √n
    std::vector<int> count;     // facts contributing per layer
};

struct AverageTraceResult {
    std::vector<TraceKind> kinds;
    std::vector<std::vector<BucketCurve>> curves;  // [kind][bucket]
    int facts_total = 0, facts_used = 0, facts_skipped = 0;
    double mean_high = 0, mean_low = 0;  // ATE = mean_high − mean_low
    std::vector<std::string> skipped;    // why each skipped fact was skipped
    bool partial = false;
    double seconds = 0;

    nlohmann::json to_json() const;
};

// `base` supplies everything but prompt/subject/target (kinds, samples, noise, window...).
Expected<AverageTraceResult> average_trace(const Model& model, const std::vector<TraceFact>& facts, const TraceRequest& base,
                                           const JobContext& job = {});

// The bucket of token t for a fact with subject span [b, e) in a prompt of T tokens.
TokenBucket token_bucket(int t, int b, int e, int T);

}  // namespace lancet
