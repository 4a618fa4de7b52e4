// The measurements behind edit scorecards, each as the reference code defines it
// (docs/design/rome-spec.md §4). Every number carries its protocol, because the
// protocols measure different things and their numbers are not comparable:
//
//   "counterfact-prob"    ROME's CounterFact probability comparison (§4.1):
//                         mean token NLL of o_new against o_true.
//   "easyedit-token-acc"  EasyEdit's teacher-forced token accuracy (§4.3); its
//                         locality is the agreement of argmax tokens before and
//                         after the edit.
//   "zsre-token-acc"      ROME/MEMIT's zsRE token accuracy (§4.2): one prompt per
//                         target token, re-tokenised from text.
//   "ngram-entropy"       fluency of sampled generations (§4.1 GE, EasyEdit fluency).
//
// The model-running functions batch their prompts (right padding, an attention
// mask and explicit positions per row), read logits only where a metric needs
// them, and run under InferenceMode.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace lancet {

class Model;

inline constexpr const char* kProtocolCounterFact = "counterfact-prob";
inline constexpr const char* kProtocolEasyEdit = "easyedit-token-acc";
inline constexpr const char* kProtocolZsre = "zsre-token-acc";
inline constexpr const char* kProtocolNgram = "ngram-entropy";
inline constexpr const char* kProtocolGeneration = "generation-match";

// One (prompt, target) pair to score.
struct TargetQuery {
    std::string prompt;
    std::string target;
};

// ---- counterfact-prob ------------------------------------------------------------------

// NLL(x, s) = -(1/n) sum_j log P(t_j | x, t_<j), t = tok(" " + s), teacher-forced on
// tok(x) followed by t (rome experiments/py/eval_utils_counterfact.py,
// test_batch_prediction). ROME tokenises f"{x} {s}" as one string and reads the
// positions after len(tok(x)); for GPT-2's BPE that is the same token sequence
// unless x ends in whitespace (then the reference reads misaligned positions and
// we keep the intended ones). An empty target gives NaN.
Expected<std::vector<double>> target_nll(const Model& model, const std::vector<TargetQuery>& queries, int batch_size = 16);

// A prompt scored against the edit's new object and a competing object (the true
// object for rewrite and paraphrase prompts, the neighbour's own answer for
// neighbourhood prompts).
struct NllPair {
    double nll_new = 0.0;
    double nll_true = 0.0;
};
// ES / PS success: the new object is more likely than the true one.
inline bool prefers_new(const NllPair& p) { return p.nll_true > p.nll_new; }
// NS success: the true object is more likely than the new one.
inline bool prefers_true(const NllPair& p) { return p.nll_true < p.nll_new; }
// EM / PM: e^{-NLL_new} - e^{-NLL_true}; NM is its negation.
double new_margin(const NllPair& p);

// Summed next-token NLL (natural log) of whole token sequences: for each sequence
// s, -sum_{t>=1} log P(s_t | s_<t) in float32 logits, accumulated in double. Each
// sequence must fit the context and have at least two tokens. Perplexity over a
// text sample is exp(sum of these / sum of (length - 1)).
Expected<std::vector<double>> sequence_nll_sums(const Model& model, const std::vector<std::vector<int64_t>>& sequences,
                                                int batch_size = 4);

// ---- easyedit-token-acc ----------------------------------------------------------------

// Teacher-forced argmax tokens as EasyEdit's test_prediction_acc reads them:
// tokenise prompt + ' ' + target as one string; the labels are its tokens after
// the first len(tok(prompt)); predicted[k] is the argmax at the position before labels[k].
struct TokenPrediction {
    std::vector<int64_t> predicted;
    std::vector<int64_t> labels;
};
Expected<std::vector<TokenPrediction>> teacher_forced_tokens(const Model& model, const std::vector<TargetQuery>& queries,
                                                             int batch_size = 16);

// mean(a[k] == b[k]) over the common length; NaN when either is empty (EasyEdit
// drops those). Token accuracy is token_match(predicted, labels); locality is
// token_match(pre-edit predicted, post-edit predicted), so the README example
// [29, 234, 334] vs [29, 234, 333] gives 2/3.
double token_match(const std::vector<int64_t>& a, const std::vector<int64_t>& b);

// ---- generation-match ------------------------------------------------------------------

// The evaluation that does not flatter (QAEdit / "The Mirage of Model Editing",
// docs/design/editing-methods.md §5.4): the model answers in its own words and is
// judged on what it says, not on teacher-forced token probabilities. Greedy
// generation of max_new_tokens after the prompt (max_new_tokens <= 0: the
// target's token count + 4); the answer is the continuation's first sentence (cut
// at the first '.', '!', '?' or newline after the first word); success when the
// normalised answer BEGINS with the normalised target. Normalisation: lowercase
// ASCII, punctuation removed, the articles a/an/the dropped, whitespace collapsed
// (SQuAD's answer normalisation).
std::string normalize_answer(const std::string& text);
// The continuation's first sentence as judged.
std::string first_sentence(const std::string& continuation);

struct GenerationJudgement {
    std::string continuation;  // the generated text
    std::string answer;        // its first sentence
    bool success = false;
};
Expected<std::vector<GenerationJudgement>> generation_match(const Model& model, const std::vector<TargetQuery>& queries,
                                                            int max_new_tokens = 0, const JobContext& job = {});

// ---- zsre-token-acc --------------------------------------------------------------------

// ROME's zsRE accuracy (experiments/py/eval_utils_zsre.py): with t = tok(" " + target),
// for each j the text prompt + decode(t_<j) is tokenised, and its last position's
// argmax is compared with the first token of tok(decode(t_j)); accuracy is the mean.
struct ZsreTokens {
    double accuracy = std::numeric_limits<double>::quiet_NaN();
    std::vector<int64_t> gold;       // one per target token
    std::vector<int64_t> predicted;  // one per target token
};
Expected<std::vector<ZsreTokens>> zsre_token_accuracy(const Model& model, const std::vector<TargetQuery>& queries,
                                                      int batch_size = 16);

// ---- ngram-entropy ----------------------------------------------------------------------

// An approximation of nltk.word_tokenize (Treebank rules after Punkt sentence
// splitting), which the reference applies before counting n-grams. Rules:
//   - whitespace separates tokens;
//   - ; @ # $ % & ? ! ( ) [ ] { } < > " and ` are tokens of their own;
//   - , and : are split off unless a digit follows (1,000 and 10:30 stay whole);
//   - "..." and "--" are single tokens;
//   - a period ending a word is split off (nltk does this only at the end of a
//     sentence as Punkt finds it, so "Mr. Smith" differs: nltk keeps "Mr.");
//   - clitics are split: n't 's 'm 'd 'll 're 've (any case), as are a leading
//     single quote and a trailing one ("dogs'" -> dogs ').
// nltk also rewrites quotes (" -> `` or ''); that renames a token consistently and
// does not change n-gram counts.
std::vector<std::string> word_tokenize(const std::string& text);

// H_n = -sum f log2 f over the frequency distribution of the token n-grams (0 when
// there are fewer than n tokens, as numpy's sum over nothing).
double ngram_entropy(const std::vector<std::string>& tokens, int n);

// The reference's compute_n_gram_entropy: mean(2/3 H_2, 4/3 H_3) = H_2/3 + 2 H_3/3
// over word_tokenize(text), in bits.
double fluency_entropy(const std::string& text);

struct FluencyOptions {
    int max_length = 100;  // tokens, prompt included (generate_fast's max_out_len); capped by the context
    int top_k = 5;
    uint64_t seed = 0;
};

// One top-k sample per prompt, as ROME's generate_fast returns it: the prompt and
// its continuation decoded together, "\n\n" replaced by " " and "<|endoftext|>"
// removed (generation does not stop at end of text). The reference also NFKD-
// normalises the text; we do not (only non-ASCII text differs). Seeded: the
// same seed gives the same texts on every device.
Expected<std::vector<std::string>> fluency_generations(const Model& model, const std::vector<std::string>& prompts,
                                                       const FluencyOptions& options, const JobContext& job = {});

// ---- statistics -------------------------------------------------------------------------

struct Stat {
    double mean = std::numeric_limits<double>::quiet_NaN();
    double std = std::numeric_limits<double>::quiet_NaN();   // population (numpy's default ddof=0)
    double ci95 = std::numeric_limits<double>::quiet_NaN();  // 1.96 * std / sqrt(n)
    int n = 0;
};
// NaN values are left out.
Stat summarize_values(const std::vector<double>& values);

// scipy.stats.hmean: NaN for no values, a NaN or a negative value; 0 when one is 0.
double harmonic_mean(const std::vector<double>& values);

}  // namespace lancet
