#include "eval/metrics.h"
#include "tokenizer/continuation.h"
#include "core/numeric.h"

#include "model/forward.h"
#include "model/generate.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>

namespace lancet {

// Targets are continuations: " Paris" after "... the city of". A target given
// with its space already (as the workbench's form and the next-token bars write
// it) must not get a second one, which would score another token altogether.
static std::string with_leading_space(const std::string& target) {
    return !target.empty() && target.front() == ' ' ? target : " " + target;
}

namespace {


// Runs token sequences through the model in right-padded batches and calls
// each(row, logits) with the float32 logits [K, V] at the K positions asked for
// that row. Only the asked positions are unembedded (the vocabulary projection
// dominates memory for short prompts).
void logits_at(const Model& model, const std::vector<std::vector<int64_t>>& seqs,
               const std::vector<std::vector<int64_t>>& positions, int batch_size,
               const std::function<void(size_t, const torch::Tensor&)>& each) {
    torch::InferenceMode guard;
    const size_t N = seqs.size();
    const size_t bs = static_cast<size_t>(std::max(1, batch_size));
    const int64_t context = model.config().n_positions;
    for (size_t start = 0; start < N; start += bs) {
        const size_t end = std::min(N, start + bs);
        const int64_t B = static_cast<int64_t>(end - start);
        int64_t T = 0;
        for (size_t r = start; r < end; ++r) {
            if (seqs[r].empty()) fail(ErrorCode::InvalidArgument, "an empty prompt cannot be scored");
            if (static_cast<int64_t>(seqs[r].size()) > context)
                fail(ErrorCode::InvalidArgument, "a scored text of " + std::to_string(seqs[r].size()) +
                                                     " tokens is longer than the model's " + std::to_string(context) +
                                                     " positions");
            T = std::max<int64_t>(T, static_cast<int64_t>(seqs[r].size()));
        }
        auto ids = torch::zeros({B, T}, torch::kLong);
        auto mask = torch::zeros({B, T}, torch::kLong);
        auto ids_a = ids.accessor<int64_t, 2>();
        auto mask_a = mask.accessor<int64_t, 2>();
        std::vector<int64_t> flat;  // b * T + position, for every asked position in order
        for (int64_t b = 0; b < B; ++b) {
            const auto& s = seqs[start + static_cast<size_t>(b)];
            for (size_t i = 0; i < s.size(); ++i) {
                ids_a[b][static_cast<int64_t>(i)] = s[i];
                mask_a[b][static_cast<int64_t>(i)] = 1;
            }
            for (int64_t p : positions[start + static_cast<size_t>(b)]) {
                if (p < 0 || p >= static_cast<int64_t>(s.size())) fail(ErrorCode::Internal, "logits_at: position out of range");
                flat.push_back(b * T + p);
            }
        }
        if (flat.empty()) {
            for (size_t r = start; r < end; ++r) each(r, torch::Tensor());
            continue;
        }
        ForwardInput in;
        in.input_ids = ids.to(model.device());
        in.attention_mask = mask.to(model.device());
        in.position_ids = torch::arange(T, torch::kLong).unsqueeze(0).expand({B, T}).contiguous().to(model.device());
        in.logits = LogitsMode::None;
        auto hidden = forward(model, in).hidden;
        auto index = torch::tensor(flat, torch::kLong).to(model.device());
        auto picked = hidden.reshape({B * T, hidden.size(-1)}).index_select(0, index);
        auto logits = unembed(model, picked);  // [K_total, V] float32
        int64_t offset = 0;
        for (size_t r = start; r < end; ++r) {
            const int64_t k = static_cast<int64_t>(positions[r].size());
            each(r, k == 0 ? torch::Tensor() : logits.slice(0, offset, offset + k));
            offset += k;
        }
    }
}

std::vector<int64_t> argmax_ids(const torch::Tensor& logits) {
    if (!logits.defined()) return {};
    auto ids = logits.argmax(-1).to(torch::kCPU).contiguous();
    return std::vector<int64_t>(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
}

}  // namespace

// ---- counterfact-prob ------------------------------------------------------------------

double new_margin(const NllPair& p) { return std::exp(-p.nll_new) - std::exp(-p.nll_true); }

Expected<std::vector<double>> target_nll(const Model& model, const std::vector<TargetQuery>& queries, int batch_size) {
    return capture([&] {
        const Tokenizer& tok = model.tokenizer();
        std::vector<std::vector<int64_t>> seqs(queries.size()), positions(queries.size()), targets(queries.size());
        for (size_t i = 0; i < queries.size(); ++i) {
            auto prompt = model.encode(queries[i].prompt).ids;
            if (prompt.empty()) fail(ErrorCode::InvalidArgument, "empty prompt");
            targets[i] = queries[i].target.empty() ? std::vector<int64_t>{} : continuation_ids(tok, with_leading_space(queries[i].target));
            seqs[i] = prompt;
            seqs[i].insert(seqs[i].end(), targets[i].begin(), targets[i].end());
            for (size_t j = 0; j < targets[i].size(); ++j) positions[i].push_back(static_cast<int64_t>(prompt.size() + j) - 1);
        }
        std::vector<double> out(queries.size(), kNaN);
        logits_at(model, seqs, positions, batch_size, [&](size_t r, const torch::Tensor& logits) {
            if (!logits.defined()) return;
            auto logp = torch::log_softmax(logits.to(torch::kDouble), -1);
            auto gold = torch::tensor(targets[r], torch::kLong).to(logp.device()).unsqueeze(1);
            out[r] = -logp.gather(1, gold).mean().item<double>();
        });
        return out;
    });
}

Expected<std::vector<double>> sequence_nll_sums(const Model& model, const std::vector<std::vector<int64_t>>& sequences,
                                                int batch_size) {
    return capture([&] {
        std::vector<std::vector<int64_t>> positions(sequences.size());
        for (size_t i = 0; i < sequences.size(); ++i) {
            if (sequences[i].size() < 2) fail(ErrorCode::InvalidArgument, "a sequence needs two tokens to be scored");
            for (size_t p = 0; p + 1 < sequences[i].size(); ++p) positions[i].push_back(static_cast<int64_t>(p));
        }
        std::vector<double> out(sequences.size(), kNaN);
        logits_at(model, sequences, positions, batch_size, [&](size_t r, const torch::Tensor& logits) {
            auto gold = torch::tensor(std::vector<int64_t>(sequences[r].begin() + 1, sequences[r].end()), torch::kLong)
                            .to(logits.device());
            out[r] = torch::nn::functional::cross_entropy(logits, gold,
                                                          torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                         .item<double>();
        });
        return out;
    });
}

// ---- easyedit-token-acc -----------------------------------------------------------------

Expected<std::vector<TokenPrediction>> teacher_forced_tokens(const Model& model, const std::vector<TargetQuery>& queries,
                                                             int batch_size) {
    return capture([&] {
        std::vector<std::vector<int64_t>> seqs(queries.size()), positions(queries.size());
        std::vector<TokenPrediction> out(queries.size());
        for (size_t i = 0; i < queries.size(); ++i) {
            const size_t n_prompt = model.encode(queries[i].prompt).ids.size();
            if (n_prompt == 0) fail(ErrorCode::InvalidArgument, "empty prompt");
            seqs[i] = model.encode(queries[i].prompt + with_leading_space(queries[i].target)).ids;
            for (size_t p = n_prompt; p < seqs[i].size(); ++p) {
                out[i].labels.push_back(seqs[i][p]);
                positions[i].push_back(static_cast<int64_t>(p) - 1);
            }
        }
        logits_at(model, seqs, positions, batch_size,
                  [&](size_t r, const torch::Tensor& logits) { out[r].predicted = argmax_ids(logits); });
        return out;
    });
}

double token_match(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
    const size_t n = std::min(a.size(), b.size());
    if (n == 0) return kNaN;
    size_t same = 0;
    for (size_t i = 0; i < n; ++i) same += a[i] == b[i] ? 1 : 0;
    return static_cast<double>(same) / static_cast<double>(n);
}

// ---- generation-match --------------------------------------------------------------------

std::string normalize_answer(const std::string& text) {
    std::string lowered;
    for (unsigned char c : text) {
        if (c < 0x80 && std::ispunct(c)) {
            lowered += ' ';
            continue;
        }
        lowered += c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
    }
    std::string out;
    size_t i = 0;
    while (i < lowered.size()) {
        while (i < lowered.size() && std::isspace(static_cast<unsigned char>(lowered[i]))) ++i;
        size_t j = i;
        while (j < lowered.size() && !std::isspace(static_cast<unsigned char>(lowered[j]))) ++j;
        if (j > i) {
            const std::string word = lowered.substr(i, j - i);
            if (word != "a" && word != "an" && word != "the") out += (out.empty() ? "" : " ") + word;
        }
        i = j;
    }
    return out;
}

std::string first_sentence(const std::string& continuation) {
    size_t start = 0;
    while (start < continuation.size() && std::isspace(static_cast<unsigned char>(continuation[start]))) ++start;
    for (size_t i = start; i < continuation.size(); ++i) {
        const char c = continuation[i];
        if (c == '\n') return continuation.substr(start, i - start);
        // A period inside a token ("3.5", "U.S") does not end a sentence; one before a space or the end does.
        const bool ends = c == '!' || c == '?' ||
                          (c == '.' && (i + 1 == continuation.size() ||
                                        std::isspace(static_cast<unsigned char>(continuation[i + 1]))));
        if (ends && i > start) return continuation.substr(start, i - start);
    }
    return continuation.substr(start);
}

Expected<std::vector<GenerationJudgement>> generation_match(const Model& model, const std::vector<TargetQuery>& queries,
                                                            int max_new_tokens, const JobContext& job) {
    return capture([&] {
        const Tokenizer& tok = model.tokenizer();
        std::vector<GenerationJudgement> out(queries.size());
        // Prompts grouped by generation length, each group one batched call.
        std::map<int, std::vector<size_t>> by_length;
        std::vector<std::vector<int64_t>> prompts(queries.size());
        for (size_t i = 0; i < queries.size(); ++i) {
            prompts[i] = model.encode(queries[i].prompt).ids;
            if (prompts[i].empty()) fail(ErrorCode::InvalidArgument, "empty prompt");
            const int n = max_new_tokens > 0
                              ? max_new_tokens
                              : static_cast<int>(continuation_ids(tok, with_leading_space(queries[i].target)).size()) + 4;
            by_length[n].push_back(i);
        }
        for (const auto& [n, rows] : by_length) {
            GenerateOptions o;
            o.max_new_tokens = n;
            o.greedy = true;
            o.stop_at_eos = true;
            std::vector<std::vector<int64_t>> batch;
            for (size_t i : rows) batch.push_back(prompts[i]);
            const auto gens = generate(model, batch, o, job).value();
            for (size_t k = 0; k < rows.size(); ++k) {
                GenerationJudgement& g = out[rows[k]];
                g.continuation = gens[k].text;
                g.answer = first_sentence(g.continuation);
                const std::string target = normalize_answer(queries[rows[k]].target);
                const std::string answer = normalize_answer(g.answer);
                g.success = !target.empty() && answer.compare(0, target.size(), target) == 0 &&
                            (answer.size() == target.size() || answer[target.size()] == ' ');
            }
        }
        return out;
    });
}

// ---- zsre-token-acc ----------------------------------------------------------------------

Expected<std::vector<ZsreTokens>> zsre_token_accuracy(const Model& model, const std::vector<TargetQuery>& queries,
                                                      int batch_size) {
    return capture([&] {
        const Tokenizer& tok = model.tokenizer();
        std::vector<ZsreTokens> out(queries.size());
        // One text per (query, target token).
        std::vector<std::vector<int64_t>> seqs, positions;
        std::vector<std::pair<size_t, size_t>> owner;  // (query, token index)
        for (size_t i = 0; i < queries.size(); ++i) {
            if (queries[i].prompt.empty()) fail(ErrorCode::InvalidArgument, "empty prompt");
            const auto t = queries[i].target.empty() ? std::vector<int64_t>{} : continuation_ids(tok, with_leading_space(queries[i].target));
            std::string answered;  // the target's first j tokens as bytes (decode() would drop a SentencePiece leading space)
            for (size_t j = 0; j < t.size(); ++j) {
                if (j > 0) answered += tok.token_bytes(t[j - 1]);
                const std::string text = queries[i].prompt + answered;
                auto ids = model.encode(text).ids;
                if (ids.empty()) fail(ErrorCode::InvalidArgument, "empty prompt");
                auto gold = tok.encode(tok.decode({t[j]})).ids;
                out[i].gold.push_back(gold.empty() ? t[j] : gold[0]);
                positions.push_back({static_cast<int64_t>(ids.size()) - 1});
                seqs.push_back(std::move(ids));
                owner.emplace_back(i, j);
            }
            out[i].predicted.assign(t.size(), -1);
        }
        logits_at(model, seqs, positions, batch_size, [&](size_t r, const torch::Tensor& logits) {
            out[owner[r].first].predicted[owner[r].second] = argmax_ids(logits).at(0);
        });
        for (auto& z : out) z.accuracy = token_match(z.predicted, z.gold);
        return out;
    });
}

// ---- ngram-entropy ------------------------------------------------------------------------

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool ends_with_ci(const std::string& w, const char* suffix) {
    const size_t n = std::strlen(suffix);
    if (w.size() <= n) return false;  // a clitic alone stays a word
    for (size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(w[w.size() - n + i])) != suffix[i]) return false;
    return true;
}

void split_word(std::string w, std::vector<std::string>& out) {
    static const char* const kClitics[] = {"n't", "'ll", "'re", "'ve", "'s", "'m", "'d"};
    std::vector<std::string> tail;  // collected from the end, emitted reversed
    if (w.size() > 1 && w[0] == '\'') {
        bool clitic = false;  // "'s" on its own stays one token
        for (const char* c : kClitics) clitic = clitic || (w.size() == std::strlen(c) && ends_with_ci(" " + w, c));
        if (!clitic) {
            out.push_back("'");
            w.erase(0, 1);
        }
    }
    if (w.size() > 1 && w.back() == '.') {
        tail.push_back(".");
        w.pop_back();
    }
    if (w.size() > 1 && w.back() == '\'') {
        tail.push_back("'");
        w.pop_back();
    }
    for (const char* c : kClitics) {
        if (ends_with_ci(w, c)) {
            const size_t n = std::strlen(c);
            tail.push_back(w.substr(w.size() - n));
            w.resize(w.size() - n);
            break;
        }
    }
    if (!w.empty()) out.push_back(w);
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(*it);
}

void tokenize_chunk(const std::string& s, std::vector<std::string>& out) {
    static const char* const kAlone = ";@#$%&?!()[]{}<>\"`";
    std::string word;
    auto flush = [&] {
        if (!word.empty()) split_word(word, out);
        word.clear();
    };
    for (size_t k = 0; k < s.size();) {
        const char c = s[k];
        if (s.compare(k, 3, "...") == 0) {
            flush();
            out.push_back("...");
            k += 3;
        } else if (s.compare(k, 2, "--") == 0) {
            flush();
            out.push_back("--");
            k += 2;
        } else if (std::strchr(kAlone, c) != nullptr && c != '\0') {
            flush();
            out.push_back(std::string(1, c));
            ++k;
        } else if ((c == ',' || c == ':') && !(k + 1 < s.size() && is_digit(s[k + 1]))) {
            flush();
            out.push_back(std::string(1, c));
            ++k;
        } else {
            word += c;
            ++k;
        }
    }
    flush();
}

}  // namespace

std::vector<std::string> word_tokenize(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        size_t j = i;
        while (j < text.size() && !is_space(text[j])) ++j;
        if (j > i) tokenize_chunk(text.substr(i, j - i), out);
        i = j;
    }
    return out;
}

double ngram_entropy(const std::vector<std::string>& tokens, int n) {
    if (n <= 0 || tokens.size() < static_cast<size_t>(n)) return 0.0;
    std::map<std::vector<std::string>, size_t> counts;
    for (size_t i = 0; i + static_cast<size_t>(n) <= tokens.size(); ++i)
        ++counts[std::vector<std::string>(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                                          tokens.begin() + static_cast<std::ptrdiff_t>(i) + n)];
    const double total = static_cast<double>(tokens.size() - static_cast<size_t>(n) + 1);
    double h = 0.0;
    for (const auto& [gram, count] : counts) {
        const double f = static_cast<double>(count) / total;
        h -= f * std::log2(f);
    }
    return h;
}

double fluency_entropy(const std::string& text) {
    const auto tokens = word_tokenize(text);
    return (2.0 / 3.0 * ngram_entropy(tokens, 2) + 4.0 / 3.0 * ngram_entropy(tokens, 3)) / 2.0;
}

Expected<std::vector<std::string>> fluency_generations(const Model& model, const std::vector<std::string>& prompts,
                                                       const FluencyOptions& options, const JobContext& job) {
    return capture([&] {
        const Tokenizer& tok = model.tokenizer();
        std::vector<std::vector<int64_t>> ids(prompts.size());
        std::map<size_t, std::vector<size_t>> by_length;  // equal lengths share a batch (no padding)
        for (size_t i = 0; i < prompts.size(); ++i) {
            ids[i] = model.encode(prompts[i]).ids;
            if (ids[i].empty()) fail(ErrorCode::InvalidArgument, "empty generation prompt");
            by_length[ids[i].size()].push_back(i);
        }
        std::vector<std::vector<int64_t>> full = ids;
        for (const auto& [length, rows] : by_length) {
            job.check_cancelled();
            const int64_t room = std::min<int64_t>(options.max_length, model.config().n_positions) - static_cast<int64_t>(length);
            if (room <= 0) continue;  // the prompt already fills max_length: the text is the prompt
            GenerateOptions g;
            g.greedy = false;
            g.top_k = options.top_k;
            g.max_new_tokens = static_cast<int>(room);
            g.stop_at_eos = false;
            g.seed = options.seed + rows.front() * 0x2545F4914F6CDD1Dull;
            std::vector<std::vector<int64_t>> batch;
            for (size_t r : rows) batch.push_back(ids[r]);
            auto gens = generate(model, batch, g, job).value();
            for (size_t k = 0; k < rows.size(); ++k) {
                const auto& extra = gens[k].new_ids;
                full[rows[k]].insert(full[rows[k]].end(), extra.begin(), extra.end());
            }
        }
        std::vector<std::string> texts;
        for (const auto& f : full) {
            std::string t = tok.decode(f);
            for (size_t p; (p = t.find("\n\n")) != std::string::npos;) t.replace(p, 2, " ");
            for (size_t p; (p = t.find("<|endoftext|>")) != std::string::npos;) t.erase(p, 13);
            texts.push_back(std::move(t));
        }
        return texts;
    });
}

// ---- statistics --------------------------------------------------------------------------

Stat summarize_values(const std::vector<double>& values) {
    Stat s;
    double sum = 0.0;
    for (double v : values)
        if (!std::isnan(v)) sum += v, ++s.n;
    if (s.n == 0) return s;
    s.mean = sum / s.n;
    double sq = 0.0;
    for (double v : values)
        if (!std::isnan(v)) sq += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(sq / s.n);
    s.ci95 = 1.96 * s.std / std::sqrt(static_cast<double>(s.n));
    return s;
}

double harmonic_mean(const std::vector<double>& values) {
    if (values.empty()) return kNaN;
    double inv = 0.0;
    bool zero = false;
    for (double v : values) {
        if (std::isnan(v) || v < 0) return kNaN;
        if (v == 0) zero = true;
        else inv += 1.0 / v;
    }
    if (zero) return 0.0;
    return static_cast<double>(values.size()) / inv;
}

}  // namespace lancet
