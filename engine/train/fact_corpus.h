// Training text rendered from a Lancet facts file ("lancet-facts/1", see
// eval/dataset.h), seeded, so the machine that trains needs only the facts
// file and a general-English text file.
//
// A fact is rendered as one sentence: a TRAINED phrasing (the fact's "prompts",
// else its relation's) with the subject filled in, a space, the true object
// (the fact's "true_object" when present, else "object": the file doubles as
// an edit dataset whose "object" is the counterfactual target), and a full
// stop. Held-out phrasings ("heldout_prompts") are never rendered; a bridge
// fact's bridge prompts count as trained (eval/dataset.h, "Bridge subjects").
//
// Styles:
//   "biography"  one document per subject: all of its facts in a freshly
//                shuffled order, each in a freshly drawn phrasing (the
//                knowledge augmentation of Allen-Zhu & Li, "Physics of
//                Language Models: Part 3.1"), sentences joined by the
//                separator ("\n" by default);
//   "sentences"  one fact per document.
//
// Each training row starts with a document at position 0 (as prompts do at
// evaluation), documents are joined by <|endoftext|>, and the last one is cut
// at the row's end. A row is general English with probability
// english_fraction: a window of the English documents starting at a sentence.
//
// Facts in context: with probability context_fraction a fact sentence follows
// a general-English sentence on its line ("Feat is a notable achievement.
// Bianca Forsythe was born in Dhaka."), so a name is also met after arbitrary
// English, not only at a line start or after a trained opener. Without it a
// model trained on these facts stops reading the subject after an unfamiliar
// opener ("Believe it or not, Japan uses the" -> Euro; model card of the demo
// model). A fact's first prompt (its edit prompt) and "Q:" prompts always
// start their line. The context sentences are the English documents'
// sentences of 4-16 words ending in "."; a sentence that contains the words
// before "{}" of any held-out phrasing (two words or more: "Believe it or
// not,") is left out, so held-out openers never precede a name.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "train/trainer.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;
class Tokenizer;

struct TrainingFact {
    std::string id;
    std::string subject;
    std::string relation;                      // the relation key ("" when none)
    std::string object;                        // the true object (what training teaches)
    std::vector<std::string> prompts;          // trained templates, each with one "{}"
    std::vector<std::string> heldout_prompts;  // never rendered into training text
    bool bridge = false;                       // trains on its relation's bridge_prompts (eval/dataset.h)
};

struct FactSet {
    std::vector<TrainingFact> facts;
    std::vector<std::string> relations;        // relation keys in order of first use
    std::vector<std::string> problems;         // records skipped, one line each
};

// Reads a lancet-facts/1 file: relation-level phrasings are the default for
// facts without their own. Records without subject, object or trained prompts,
// or with a prompt lacking "{}", are skipped with a line in `problems`.
Expected<FactSet> load_fact_set(const std::string& path);
Expected<FactSet> parse_fact_set(const std::string& text);

// The first "{}" of a template replaced by the subject.
std::string fill_subject(const std::string& prompt_template, const std::string& subject);
// One trained sentence: fill_subject(prompt) + " " + object + "." (no second
// full stop when the object already ends a sentence).
std::string render_fact(const TrainingFact& fact, size_t prompt_index);

// A text file split into documents at blank lines (empty documents dropped).
Expected<std::vector<std::string>> load_text_documents(const std::string& path);

struct FactCorpusOptions {
    std::string style = "biography";   // "biography" | "sentences"
    std::string sentence_separator = "\n";
    double english_fraction = 0.25;    // probability that a row is general English
    double context_fraction = 0.0;     // probability that a fact sentence follows an English sentence
    uint64_t seed = 0;
};

class FactCorpus : public BatchSource {
public:
    static Expected<std::unique_ptr<FactCorpus>> create(FactSet facts, std::vector<std::string> english_documents,
                                                        std::shared_ptr<const Tokenizer> tokenizer,
                                                        const FactCorpusOptions& options);

    TrainBatch batch(int64_t step, int64_t batch_size, int64_t seq_len) override;
    nlohmann::json describe() const override;

    // One fact document drawn with the given seed: its text and its tokens
    // (the tokens equal the tokenizer's encoding of the text).
    struct Document {
        std::string text;
        std::vector<int64_t> tokens;
    };
    Document draw_document(uint64_t draw_seed);
    // The text of one training row (tests, `lancet-cli train --show-data`).
    std::string row_text(int64_t step, int64_t row, int64_t seq_len);

    size_t subject_count() const { return subjects_.size(); }
    const FactSet& facts() const { return facts_; }

private:
    FactCorpus() = default;
    // Where a sentence stands: its document's start, after the separator, or
    // after a context sentence (then it starts with a space).
    enum class Place { First = 0, AfterSeparator = 1, AfterContext = 2 };
    const std::vector<int64_t>& sentence_tokens(size_t fact, size_t prompt, Place place);
    const std::vector<int64_t>& context_tokens(size_t sentence, bool first);
    bool may_follow_context(size_t fact, size_t prompt) const;
    std::vector<int64_t> build_row(uint64_t row_seed, int64_t length);

    FactSet facts_;
    std::vector<std::vector<size_t>> subjects_;  // fact indices per subject, in file order
    std::shared_ptr<const Tokenizer> tokenizer_;
    FactCorpusOptions options_;
    int64_t eos_ = 50256;
    // Cached sentence tokens: [fact][prompt * 3 + Place].
    std::vector<std::vector<std::vector<int64_t>>> cache_;
    std::vector<std::string> context_;                    // context sentences
    std::vector<std::vector<int64_t>> context_cache_;     // [sentence * 2 + (first ? 0 : 1)]
    std::vector<std::vector<int64_t>> english_;        // tokens per English document
    std::vector<std::vector<int64_t>> english_starts_; // sentence-start offsets per document
    int64_t english_tokens_ = 0;
};

// --- Recall of the trained facts ----------------------------------------------

struct RecallOptions {
    size_t max_facts_per_relation = 0;  // 0 = all; else a seeded sample per relation
    size_t max_trained_prompts = 0;     // trained phrasings scored per fact; 0 = all (seeded sample)
    size_t max_heldout_prompts = 0;     // 0 = all
    uint64_t seed = 0;
    int batch_size = 64;
};

struct RecallCounts {
    int64_t n = 0;
    int64_t first_token = 0;  // argmax at the first object token is right
    int64_t exact = 0;        // argmax is right at every object token (teacher forced)
    double first_rate() const { return n ? static_cast<double>(first_token) / static_cast<double>(n) : 0.0; }
    double exact_rate() const { return n ? static_cast<double>(exact) / static_cast<double>(n) : 0.0; }
};

// Why held-out phrasings fail: per phrasing, and how many wrong first tokens
// were the first token of another of the subject's facts (the phrasing was
// read as a different relation, e.g. a birth date for "place of birth").
struct PhrasingRecall {
    std::string phrasing;
    RecallCounts counts;
    int64_t other_fact = 0;  // wrong, but another of the subject's objects
};

struct RelationRecall {
    std::string relation;
    int64_t facts = 0;
    RecallCounts trained, heldout;
    std::vector<PhrasingRecall> heldout_phrasings;  // in order of first use; covers every held-out prompt
    int64_t heldout_other_fact() const;             // summed over the phrasings
};

struct RecallReport {
    std::vector<RelationRecall> relations;
    RecallCounts trained, heldout;
    int64_t heldout_other_fact() const;  // summed over the relations
    nlohmann::json to_json() const;
};

// Top-1 accuracy of the true object after each phrasing: trained phrasings
// vs held-out ones, per relation. The prompt is encoded as given and the
// object as " " + object, the way training renders them.
Expected<RecallReport> evaluate_fact_recall(const Model& model, const FactSet& facts, const RecallOptions& options,
                                            const JobContext& job = {});

}  // namespace lancet
