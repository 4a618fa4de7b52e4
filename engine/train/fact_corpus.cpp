#include "train/fact_corpus.h"

#include "eval/dataset.h"
#include "model/forward.h"
#include "model/model.h"
#include "tokenizer/tokenizer.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace lancet {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorCode::NotFound, path + ": cannot be opened");
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

// Uniform index in [0, n) from a 64-bit generator, the same on every platform
// (std::uniform_int_distribution is implementation-defined).
size_t pick(std::mt19937_64& rng, size_t n) { return n <= 1 ? 0 : static_cast<size_t>(rng() % n); }

double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0); }

template <class T>
void shuffle(std::vector<T>& v, std::mt19937_64& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[pick(rng, i)]);
}

std::vector<std::string> string_list(const nlohmann::json& j, const char* key, const std::string& where) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) fail(ErrorCode::InvalidFile, where + ": \"" + key + "\" is not an array");
    for (const auto& s : *it) {
        if (!s.is_string()) fail(ErrorCode::InvalidFile, where + ": \"" + key + "\" holds a non-string");
        out.push_back(s.get<std::string>());
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

size_t word_count(const std::string& s) {
    std::istringstream in(s);
    size_t n = 0;
    for (std::string w; in >> w;) ++n;
    return n;
}

// The words before "{}" of each held-out phrasing that has two or more of them,
// lower-cased: "believe it or not,".
std::vector<std::string> heldout_leads(const FactSet& facts) {
    std::set<std::string> leads;
    for (const auto& f : facts.facts)
        for (const auto& h : f.heldout_prompts) {
            std::string lead = h.substr(0, h.find("{}"));
            while (!lead.empty() && lead.back() == ' ') lead.pop_back();
            if (word_count(lead) >= 2) leads.insert(lower(lead));
        }
    return {leads.begin(), leads.end()};
}

// Sentences of the English documents that may stand before a fact (see the header).
std::vector<std::string> context_sentences(const std::vector<std::string>& documents, const FactSet& facts) {
    const auto leads = heldout_leads(facts);
    std::vector<std::string> out;
    for (const auto& doc : documents) {
        size_t start = 0;
        for (size_t i = 0; i <= doc.size(); ++i) {
            const bool end = i == doc.size() ||
                             ((doc[i] == '.' || doc[i] == '?' || doc[i] == '!') && i + 1 < doc.size() &&
                              std::isspace(static_cast<unsigned char>(doc[i + 1])));
            if (!end) continue;
            std::string sentence = doc.substr(start, std::min(i + 1, doc.size()) - start);
            start = i + 1;
            const size_t a = sentence.find_first_not_of(" \t\n\r"), b = sentence.find_last_not_of(" \t\n\r");
            if (a == std::string::npos) continue;
            sentence = sentence.substr(a, b - a + 1);
            const size_t words = word_count(sentence);
            if (words < 4 || words > 16 || sentence.back() != '.' || sentence.find('\n') != std::string::npos ||
                sentence.find_first_of("{}") != std::string::npos)
                continue;
            const std::string low = lower(sentence);
            if (std::any_of(leads.begin(), leads.end(), [&](const std::string& l) { return low.find(l) != std::string::npos; }))
                continue;
            out.push_back(std::move(sentence));
        }
    }
    return out;
}

std::string string_field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string fill_subject(const std::string& prompt_template, const std::string& subject) {
    auto pos = prompt_template.find("{}");
    if (pos == std::string::npos) return prompt_template;
    return prompt_template.substr(0, pos) + subject + prompt_template.substr(pos + 2);
}

std::string render_fact(const TrainingFact& fact, size_t prompt_index) {
    std::string s = fill_subject(fact.prompts.at(prompt_index), fact.subject);
    s += ' ';
    s += fact.object;
    const char last = fact.object.empty() ? '\0' : fact.object.back();
    if (last != '.' && last != '?' && last != '!') s += '.';
    return s;
}

Expected<FactSet> parse_fact_set(const std::string& text) {
    return capture([&]() -> FactSet {
        nlohmann::json root;
        try {
            root = nlohmann::json::parse(text);
        } catch (const nlohmann::json::exception& e) {
            fail(ErrorCode::InvalidFile, std::string("facts file: not valid JSON (") + e.what() + ")");
        }
        if (!root.is_object() || root.value("format", "") != "lancet-facts/1")
            fail(ErrorCode::InvalidFile, "facts file: not a \"lancet-facts/1\" object");
        struct Rel {
            std::vector<std::string> prompts, heldout, bridge;
        };
        std::map<std::string, Rel> relations;
        if (root.contains("relations")) {
            if (!root["relations"].is_object()) fail(ErrorCode::InvalidFile, "facts file: \"relations\" is not an object");
            for (auto it = root["relations"].begin(); it != root["relations"].end(); ++it) {
                const std::string where = "relation \"" + it.key() + "\"";
                if (!it.value().is_object()) fail(ErrorCode::InvalidFile, where + " is not an object");
                Rel rel{string_list(it.value(), "prompts", where), string_list(it.value(), "heldout_prompts", where),
                        string_list(it.value(), "bridge_prompts", where)};
                for (const auto& b : rel.bridge)
                    if (std::find(rel.heldout.begin(), rel.heldout.end(), b) == rel.heldout.end())
                        fail(ErrorCode::InvalidFile, where + ": bridge prompt \"" + b + "\" is not one of its heldout_prompts");
                relations[it.key()] = std::move(rel);
            }
        }
        if (!root.contains("facts") || !root["facts"].is_array()) fail(ErrorCode::InvalidFile, "facts file: no \"facts\" array");
        FactSet set;
        std::set<std::string> seen_relations;
        size_t index = 0;
        for (const auto& rec : root["facts"]) {
            const std::string where = "fact " + std::to_string(index);
            ++index;
            try {
                if (!rec.is_object()) fail(ErrorCode::InvalidFile, "not an object");
                TrainingFact f;
                f.id = rec.contains("id") && rec["id"].is_string() ? rec["id"].get<std::string>() : std::to_string(index - 1);
                f.subject = string_field(rec, "subject");
                f.relation = string_field(rec, "relation");
                f.object = string_field(rec, "true_object");
                if (f.object.empty()) f.object = string_field(rec, "object");
                if (f.subject.empty()) fail(ErrorCode::InvalidFile, "no subject");
                if (f.object.empty()) fail(ErrorCode::InvalidFile, "no object");
                f.prompts = string_list(rec, "prompts", where);
                f.heldout_prompts = string_list(rec, "heldout_prompts", where);
                auto rel = relations.find(f.relation);
                if (f.prompts.empty() && rel != relations.end()) f.prompts = rel->second.prompts;
                if (!rec.contains("heldout_prompts") && rel != relations.end()) f.heldout_prompts = rel->second.heldout;
                if (rec.contains("bridge")) {
                    if (!rec["bridge"].is_boolean()) fail(ErrorCode::InvalidFile, "\"bridge\" is not true or false");
                    if (rec["bridge"].get<bool>()) {
                        if (rel == relations.end() || rel->second.bridge.empty())
                            fail(ErrorCode::InvalidFile, "a bridge fact whose relation names no bridge_prompts");
                        move_bridge_prompts(f.prompts, f.heldout_prompts, rel->second.bridge);
                        f.bridge = true;
                    }
                }
                if (f.prompts.empty()) fail(ErrorCode::InvalidFile, "no trained prompts (neither its own nor its relation's)");
                for (const auto* list : {&f.prompts, &f.heldout_prompts})
                    for (const auto& p : *list)
                        if (p.find("{}") == std::string::npos) fail(ErrorCode::InvalidFile, "prompt \"" + p + "\" has no {}");
                if (seen_relations.insert(f.relation).second) set.relations.push_back(f.relation);
                set.facts.push_back(std::move(f));
            } catch (const EngineException& e) {
                set.problems.push_back(where + " (" + string_field(rec.is_object() ? rec : nlohmann::json::object(), "id") +
                                       "): " + e.error().message);
            }
        }
        if (set.facts.empty()) fail(ErrorCode::InvalidFile, "facts file: no usable facts");
        return set;
    });
}

Expected<FactSet> load_fact_set(const std::string& path) {
    auto r = capture([&] { return read_file(path); });
    if (!r) return r.error();
    auto set = parse_fact_set(r.value());
    if (!set) return set.error().with_context(path);
    return set;
}

Expected<std::vector<std::string>> load_text_documents(const std::string& path) {
    return capture([&] {
        std::string text = read_file(path);
        std::vector<std::string> docs;
        std::string current;
        std::istringstream in(text);
        std::string line;
        auto flush = [&] {
            if (!current.empty()) docs.push_back(current);
            current.clear();
        };
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            bool blank = line.find_first_not_of(" \t") == std::string::npos;
            if (blank) {
                flush();
            } else {
                if (!current.empty()) current += '\n';
                current += line;
            }
        }
        flush();
        if (docs.empty()) fail(ErrorCode::InvalidFile, path + ": no text");
        return docs;
    });
}

Expected<std::unique_ptr<FactCorpus>> FactCorpus::create(FactSet facts, std::vector<std::string> english_documents,
                                                         std::shared_ptr<const Tokenizer> tokenizer,
                                                         const FactCorpusOptions& options) {
    return capture([&] {
        if (!tokenizer) fail(ErrorCode::InvalidArgument, "fact corpus: no tokenizer");
        if (options.style != "biography" && options.style != "sentences")
            fail(ErrorCode::InvalidArgument, "fact corpus: style must be \"biography\" or \"sentences\"");
        if (options.english_fraction < 0 || options.english_fraction > 1)
            fail(ErrorCode::InvalidArgument, "fact corpus: english_fraction must lie in [0, 1]");
        if (options.english_fraction > 0 && english_documents.empty())
            fail(ErrorCode::InvalidArgument, "fact corpus: english_fraction > 0 but no English text");
        if (facts.facts.empty() && options.english_fraction < 1) fail(ErrorCode::InvalidArgument, "fact corpus: no facts");
        if (!(options.context_fraction >= 0 && options.context_fraction <= 1))
            fail(ErrorCode::InvalidArgument, "fact corpus: context_fraction must lie in [0, 1]");
        std::unique_ptr<FactCorpus> c(new FactCorpus());
        c->facts_ = std::move(facts);
        c->tokenizer_ = std::move(tokenizer);
        c->options_ = options;
        if (auto eos = c->tokenizer_->eos_id()) c->eos_ = *eos;
        std::map<std::string, size_t> subject_index;
        for (size_t i = 0; i < c->facts_.facts.size(); ++i) {
            const auto& s = c->facts_.facts[i].subject;
            auto it = subject_index.find(s);
            if (it == subject_index.end()) {
                it = subject_index.emplace(s, c->subjects_.size()).first;
                c->subjects_.emplace_back();
            }
            c->subjects_[it->second].push_back(i);
        }
        c->cache_.resize(c->facts_.facts.size());
        if (options.context_fraction > 0) {
            c->context_ = context_sentences(english_documents, c->facts_);
            if (c->context_.empty())
                fail(ErrorCode::InvalidArgument, "fact corpus: context_fraction > 0 but the English text has no sentence of 4-16 words");
            c->context_cache_.resize(2 * c->context_.size());
        }
        for (const auto& doc : english_documents) {
            auto enc = c->tokenizer_->encode(doc);
            if (enc.ids.empty()) continue;
            std::vector<int64_t> starts{0};
            for (size_t i = 1; i < enc.ids.size(); ++i) {
                std::string prev = c->tokenizer_->token_bytes(enc.ids[i - 1]);
                std::string cur = c->tokenizer_->token_bytes(enc.ids[i]);
                if (!prev.empty() && (prev.back() == '.' || prev.back() == '?' || prev.back() == '!') && !cur.empty() &&
                    (cur[0] == ' ' || cur[0] == '\n'))
                    starts.push_back(static_cast<int64_t>(i));
            }
            c->english_tokens_ += static_cast<int64_t>(enc.ids.size());
            c->english_.push_back(std::move(enc.ids));
            c->english_starts_.push_back(std::move(starts));
        }
        return c;
    });
}

// GPT-2's pre-tokenizer splits before a space and after a full stop, so the
// pieces encoded apart concatenate to the encoding of the whole text (the
// corpus test checks it).
const std::vector<int64_t>& FactCorpus::sentence_tokens(size_t fact, size_t prompt, Place place) {
    auto& slots = cache_[fact];
    const size_t n = facts_.facts[fact].prompts.size();
    if (slots.empty()) slots.resize(3 * n);
    auto& slot = slots[3 * prompt + static_cast<size_t>(place)];
    if (slot.empty()) {
        std::string text = render_fact(facts_.facts[fact], prompt);
        if (place == Place::AfterSeparator) text = options_.sentence_separator + text;
        if (place == Place::AfterContext) text = " " + text;
        slot = tokenizer_->encode(text).ids;
    }
    return slot;
}

const std::vector<int64_t>& FactCorpus::context_tokens(size_t sentence, bool first) {
    auto& slot = context_cache_[2 * sentence + (first ? 0 : 1)];
    if (slot.empty()) slot = tokenizer_->encode(first ? context_[sentence] : options_.sentence_separator + context_[sentence]).ids;
    return slot;
}

bool FactCorpus::may_follow_context(size_t fact, size_t prompt) const {
    return prompt > 0 && facts_.facts[fact].prompts[prompt].rfind("Q:", 0) != 0;
}

FactCorpus::Document FactCorpus::draw_document(uint64_t draw_seed) {
    std::mt19937_64 rng(draw_seed);
    Document d;
    std::vector<size_t> order;
    if (options_.style == "biography") {
        order = subjects_[pick(rng, subjects_.size())];
        shuffle(order, rng);
    } else {
        order.push_back(pick(rng, facts_.facts.size()));
    }
    auto append = [&](const std::vector<int64_t>& toks) { d.tokens.insert(d.tokens.end(), toks.begin(), toks.end()); };
    for (size_t k = 0; k < order.size(); ++k) {
        const size_t f = order[k];
        const size_t p = pick(rng, facts_.facts[f].prompts.size());
        if (k) d.text += options_.sentence_separator;
        // Draw only when the option is on, so recipes without it render as before.
        if (options_.context_fraction > 0 && may_follow_context(f, p) && unit(rng) < options_.context_fraction) {
            const size_t c = pick(rng, context_.size());
            d.text += context_[c] + " " + render_fact(facts_.facts[f], p);
            append(context_tokens(c, k == 0));
            append(sentence_tokens(f, p, Place::AfterContext));
            continue;
        }
        d.text += render_fact(facts_.facts[f], p);
        append(sentence_tokens(f, p, k == 0 ? Place::First : Place::AfterSeparator));
    }
    return d;
}

std::vector<int64_t> FactCorpus::build_row(uint64_t row_seed, int64_t length) {
    std::mt19937_64 rng(row_seed);
    std::vector<int64_t> row;
    row.reserve(static_cast<size_t>(length) + 64);
    const bool english = !english_.empty() && unit(rng) < options_.english_fraction;
    while (static_cast<int64_t>(row.size()) < length) {
        if (!row.empty()) row.push_back(eos_);
        if (english) {
            const size_t d = pick(rng, english_.size());
            const auto& doc = english_[d];
            const auto& starts = english_starts_[d];
            const size_t from = row.empty() ? static_cast<size_t>(starts[pick(rng, starts.size())]) : 0;
            const size_t take = std::min<size_t>(doc.size() - from, static_cast<size_t>(length) - row.size());
            row.insert(row.end(), doc.begin() + static_cast<std::ptrdiff_t>(from),
                       doc.begin() + static_cast<std::ptrdiff_t>(from + take));
        } else {
            Document d = draw_document(rng());
            const size_t take = std::min<size_t>(d.tokens.size(), static_cast<size_t>(length) - row.size());
            row.insert(row.end(), d.tokens.begin(), d.tokens.begin() + static_cast<std::ptrdiff_t>(take));
        }
    }
    row.resize(static_cast<size_t>(length));
    return row;
}

TrainBatch FactCorpus::batch(int64_t step, int64_t batch_size, int64_t seq_len) {
    auto tokens = torch::empty({batch_size, seq_len + 1}, torch::kLong);
    auto* out = tokens.data_ptr<int64_t>();
    for (int64_t r = 0; r < batch_size; ++r) {
        auto row = build_row(derive_seed(options_.seed, static_cast<uint64_t>(step), static_cast<uint64_t>(r)), seq_len + 1);
        std::copy(row.begin(), row.end(), out + r * (seq_len + 1));
    }
    return {tokens, {}};
}

std::string FactCorpus::row_text(int64_t step, int64_t row, int64_t seq_len) {
    auto ids = build_row(derive_seed(options_.seed, static_cast<uint64_t>(step), static_cast<uint64_t>(row)), seq_len + 1);
    return tokenizer_->decode(ids);
}

nlohmann::json FactCorpus::describe() const {
    size_t phrasings = 0;
    for (const auto& f : facts_.facts) phrasings += f.prompts.size();
    return {{"kind", "facts"},
            {"style", options_.style},
            {"sentence_separator", options_.sentence_separator},
            {"subjects", subjects_.size()},
            {"facts", facts_.facts.size()},
            {"relations", facts_.relations.size()},
            {"trained_sentences", phrasings},
            {"english_documents", english_.size()},
            {"english_tokens", english_tokens_},
            {"english_fraction", options_.english_fraction},
            {"context_fraction", options_.context_fraction},
            {"context_sentences", context_.size()},
            {"seed", options_.seed}};
}

// --- Recall -----------------------------------------------------------------------

int64_t RelationRecall::heldout_other_fact() const {
    int64_t n = 0;
    for (const auto& ph : heldout_phrasings) n += ph.other_fact;
    return n;
}

int64_t RecallReport::heldout_other_fact() const {
    int64_t n = 0;
    for (const auto& r : relations) n += r.heldout_other_fact();
    return n;
}

nlohmann::json RecallReport::to_json() const {
    auto counts = [](const RecallCounts& c) {
        return nlohmann::json{{"n", c.n}, {"first_token_acc", c.first_rate()}, {"exact_acc", c.exact_rate()}};
    };
    nlohmann::json rels = nlohmann::json::array();
    for (const auto& r : relations) {
        nlohmann::json phrasings = nlohmann::json::array();
        for (const auto& ph : r.heldout_phrasings) {
            auto j = counts(ph.counts);
            j["first_token_n"] = ph.counts.first_token;
            j["phrasing"] = ph.phrasing;
            j["wrong_but_other_fact"] = ph.other_fact;
            phrasings.push_back(j);
        }
        rels.push_back({{"relation", r.relation},
                        {"facts", r.facts},
                        {"trained", counts(r.trained)},
                        {"heldout", counts(r.heldout)},
                        {"heldout_wrong_but_other_fact", r.heldout_other_fact()},
                        {"heldout_phrasings", phrasings}});
    }
    return {{"relations", rels},
            {"trained", counts(trained)},
            {"heldout", counts(heldout)},
            {"heldout_wrong_but_other_fact", heldout_other_fact()}};
}

namespace {

// Index of a held-out phrasing in the relation's breakdown, added on first sight.
int phrasing_index(RelationRecall& relation, const std::string& phrasing) {
    auto& list = relation.heldout_phrasings;
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].phrasing == phrasing) return static_cast<int>(i);
    list.push_back({phrasing, {}, 0});
    return static_cast<int>(list.size() - 1);
}

}  // namespace

Expected<RecallReport> evaluate_fact_recall(const Model& model, const FactSet& facts, const RecallOptions& options,
                                            const JobContext& job) {
    return capture([&]() -> RecallReport {
        struct Item {
            size_t relation;
            bool heldout;
            std::vector<int64_t> prompt, object;
            size_t fact;
            int phrasing = -1;  // index into the relation's heldout_phrasings, -1 for none
        };
        const Tokenizer& tok = model.tokenizer();
        std::mt19937_64 rng(options.seed);
        std::map<std::string, std::vector<size_t>> by_relation;
        for (size_t i = 0; i < facts.facts.size(); ++i) by_relation[facts.facts[i].relation].push_back(i);
        // Each fact's object tokens, once; the first token of each of a subject's
        // facts recognises an answer that belongs to another of its relations.
        std::vector<std::vector<int64_t>> object_ids(facts.facts.size());
        std::map<std::string, std::vector<std::pair<std::string, int64_t>>> subject_objects;
        for (size_t i = 0; i < facts.facts.size(); ++i) {
            const auto& f = facts.facts[i];
            object_ids[i] = tok.encode(" " + f.object).ids;
            if (!object_ids[i].empty()) subject_objects[f.subject].push_back({f.relation, object_ids[i].front()});
        }
        RecallReport report;
        std::vector<Item> items;
        for (const auto& rel_name : facts.relations) {
            auto idx = by_relation[rel_name];
            if (options.max_facts_per_relation && idx.size() > options.max_facts_per_relation) {
                shuffle(idx, rng);
                idx.resize(options.max_facts_per_relation);
                std::sort(idx.begin(), idx.end());
            }
            const size_t r = report.relations.size();
            RelationRecall relation;
            relation.relation = rel_name;
            relation.facts = static_cast<int64_t>(idx.size());
            report.relations.push_back(std::move(relation));
            for (size_t fi : idx) {
                const auto& f = facts.facts[fi];
                const auto& object = object_ids[fi];
                if (object.empty()) continue;
                auto add = [&](const std::vector<std::string>& prompts, size_t limit, bool heldout) {
                    std::vector<size_t> which(prompts.size());
                    for (size_t k = 0; k < which.size(); ++k) which[k] = k;
                    if (limit && which.size() > limit) {
                        shuffle(which, rng);
                        which.resize(limit);
                    }
                    for (size_t k : which) {
                        Item it{r, heldout, tok.encode(fill_subject(prompts[k], f.subject)).ids, object, fi};
                        if (heldout) it.phrasing = phrasing_index(report.relations[r], prompts[k]);
                        items.push_back(std::move(it));
                    }
                };
                add(f.prompts, options.max_trained_prompts, false);
                add(f.heldout_prompts, options.max_heldout_prompts, true);
            }
        }
        torch::NoGradGuard no_grad;
        const int64_t n_pos = model.config().n_positions;
        const int bs = std::max(1, options.batch_size);
        for (size_t start = 0; start < items.size(); start += static_cast<size_t>(bs)) {
            job.check_cancelled();
            job.report(static_cast<double>(start) / static_cast<double>(items.size()), "fact recall");
            const size_t end = std::min(items.size(), start + static_cast<size_t>(bs));
            size_t max_len = 0;
            for (size_t i = start; i < end; ++i)
                max_len = std::max(max_len, items[i].prompt.size() + items[i].object.size() - 1);
            if (static_cast<int64_t>(max_len) > n_pos) fail(ErrorCode::InvalidArgument, "fact recall: a prompt is longer than the model's positions");
            const int64_t B = static_cast<int64_t>(end - start);
            auto ids = torch::full({B, static_cast<int64_t>(max_len)}, 50256, torch::kLong);
            auto* p = ids.data_ptr<int64_t>();
            std::vector<int64_t> rows, cols, targets;
            for (size_t i = start; i < end; ++i) {
                const auto& it = items[i];
                const int64_t b = static_cast<int64_t>(i - start);
                std::vector<int64_t> seq = it.prompt;
                seq.insert(seq.end(), it.object.begin(), it.object.end() - 1);
                std::copy(seq.begin(), seq.end(), p + b * static_cast<int64_t>(max_len));
                for (size_t k = 0; k < it.object.size(); ++k) {
                    rows.push_back(b);
                    cols.push_back(static_cast<int64_t>(it.prompt.size() + k) - 1);
                    targets.push_back(it.object[k]);
                }
            }
            ForwardInput in;
            in.input_ids = ids.to(model.device());
            in.logits = LogitsMode::None;
            auto hidden = forward(model, in).hidden;
            auto r_t = torch::tensor(rows, torch::kLong).to(model.device());
            auto c_t = torch::tensor(cols, torch::kLong).to(model.device());
            auto picked = hidden.index({r_t, c_t});
            auto pred = unembed(model, picked).argmax(-1).to(torch::kCPU);
            auto* pr = pred.data_ptr<int64_t>();
            size_t k = 0;
            for (size_t i = start; i < end; ++i) {
                const auto& it = items[i];
                bool first = pr[k] == targets[k];
                bool all = true;
                for (size_t j = 0; j < it.object.size(); ++j, ++k) all = all && pr[k] == targets[k];
                RecallCounts& rc = it.heldout ? report.relations[it.relation].heldout : report.relations[it.relation].trained;
                RecallCounts& total = it.heldout ? report.heldout : report.trained;
                RelationRecall& rel = report.relations[it.relation];
                RecallCounts* phrasing = it.phrasing >= 0 ? &rel.heldout_phrasings[static_cast<size_t>(it.phrasing)].counts : nullptr;
                for (RecallCounts* c : {&rc, &total, phrasing}) {
                    if (!c) continue;
                    c->n += 1;
                    c->first_token += first ? 1 : 0;
                    c->exact += all ? 1 : 0;
                }
                if (it.phrasing >= 0 && !first) {
                    const int64_t answer = pr[k - it.object.size()];
                    const auto& f = facts.facts[it.fact];
                    bool other = false;
                    for (const auto& [relation, token] : subject_objects.at(f.subject))
                        other = other || (relation != f.relation && token == answer);
                    if (other) rel.heldout_phrasings[static_cast<size_t>(it.phrasing)].other_fact += 1;
                }
            }
        }
        job.report(1.0, "fact recall");
        return report;
    });
}

}  // namespace lancet
