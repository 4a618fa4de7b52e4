// General ability: what an edit may have broken that no edit prompt asks about —
// the lecture's "the operation succeeded, the patient died". Two model-level
// measurements, taken before and after an edit (or after every N sequential edits):
//
//   "perplexity"   exp(mean token NLL) of a fixed sample of text like the model's
//                  training text, packed into n_positions-token sequences: the
//                  model folder's heldout.txt when it has one, else the tail of its
//                  stats-corpus.txt, else the tail of Lancet's WordNet-glosses
//                  corpus (the probe names the source and token count; the tail is
//                  not what second-moment statistics sample first). Lower is better.
//   "fact_recall"  the fraction of a fixed sample of the model's own facts (the
//                  folder's facts.json, lancet-facts format: relation prompt →
//                  true_object) whose every answer token is the teacher-forced
//                  argmax (EasyEdit's token accuracy = 1). Absent without facts.json.
//
// Both carry the protocol "general-ability". The probe is built once per model
// (tokenised text, sampled facts) and reused for every measurement.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "eval/metrics.h"
#include "eval/scorecard.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

class Model;

inline constexpr const char* kProtocolGeneral = "general-ability";

struct GeneralProbeOptions {
    int64_t text_tokens = 4096;  // general text scored for perplexity; 0 = no perplexity
    size_t facts = 64;           // facts sampled for recall; 0 = no recall
    std::string text_path;       // "" = the folder's heldout.txt, else its stats-corpus.txt, else the default corpus
    std::string facts_path;      // "" = the model folder's facts.json (none: no recall)
};

struct GeneralAbilityProbe {
    std::string text_source;                     // e.g. "wordnet-glosses.txt (last documents, 4096 tokens)"
    std::vector<std::vector<int64_t>> sequences; // token ids, each at most n_positions long
    int64_t text_tokens = 0;                     // predicted tokens (per sequence: its length - 1)
    std::string facts_source;                    // e.g. "facts.json (64 of 13100 facts, evenly spaced)"
    std::vector<TargetQuery> facts;              // prompt → the model's own answer
    bool empty() const { return sequences.empty() && facts.empty(); }
};

// Tokenises the text and samples the facts (evenly spaced over the file, so the
// sample is the same on every run and covers every relation).
Expected<GeneralAbilityProbe> make_general_probe(const Model& model, const GeneralProbeOptions& options = {});

// Perplexity and fact recall on the model as it is now, as MetricValues with
// protocol "general-ability" (fact details: 1 recalled, 0 not).
Expected<MetricSet> measure_general_ability(const Model& model, const GeneralAbilityProbe& probe,
                                            const JobContext& job = {});

}  // namespace lancet
