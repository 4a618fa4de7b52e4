// Edit-evaluation datasets: one in-memory shape (EditCase) read from the
// formats the model-editing literature publishes, plus Lancet's own facts file.
//
// Supported inputs (detected from the records; a JSON array or JSON Lines):
//
//   "counterfact"   ROME's CounterFact / MEMIT's multi_counterfact records:
//                   {case_id, requested_rewrite{prompt "{}"-template, subject,
//                   target_new{str}, target_true{str}, relation_id},
//                   paraphrase_prompts[], neighborhood_prompts[] (strings, or
//                   {prompt, target} objects as in ROME's zsRE conversion),
//                   attribute_prompts[], generation_prompts[]}.
//   "easyedit"      The flattened CounterFact of MEND / EasyEdit
//                   (counterfact-edit.json): {case_id, prompt (subject already
//                   inserted), subject, target_new, ground_truth, rephrase_prompt,
//                   locality_prompt, locality_ground_truth}; also the KnowEdit
//                   extras portability{kind: [{prompt, ground_truth}]} and
//                   locality{kind: [{prompt, ground_truth}]}. The template is the
//                   prompt with the FIRST occurrence of the subject replaced by "{}".
//   "zsre"          MEND's zsRE (zsre_mend_eval.json): {subject, src, alt,
//                   answers[], rephrase, loc, loc_ans} and EasyEdit's optional
//                   portability{"New Question", "New Answer"}. A record without
//                   `subject` is a problem (the edit cannot be placed).
//                   Targets (DatasetOptions::zsre_target):
//                     Answer (default) = ROME/MEMIT's zsRE protocol (dsets/zsre.py):
//                       target_new = answers[0] (the edit inserts the CORRECT
//                       answer), target_true = "" (ROME uses "<|endoftext|>"
//                       there, which no zsRE metric reads);
//                     Alternative = EasyEdit's ZsreDataset: target_new = alt,
//                       target_true = answers[0]; records with an empty alt are
//                       problems (EasyEdit skips them).
//                   Neighbourhood prompts keep `loc` as written (no "?"); the
//                   zsRE protocol appends ROME's "?" when it scores them.
//   "rome-knowns"   ROME's known_1000.json: {known_id, prompt, subject,
//                   attribute}. target_true = attribute, target_new = "" (these
//                   are for causal tracing; evaluation refuses cases without a
//                   target_new).
//   "lancet-facts"  Lancet's own file, described below.
//
// Lancet facts file (format "lancet-facts/1"), a single JSON object:
//
//   {
//     "format": "lancet-facts/1",
//     "relations": {                     // optional; shared phrasings per relation
//       "P36": {"name": "capital",
//               "prompts": ["The capital of {} is"],
//               "heldout_prompts": ["{}'s capital city is"]}
//     },
//     "facts": [{
//       "id": "france-capital",          // optional; default: the fact's index
//       "subject": "France",             // required
//       "relation": "P36",               // optional; names a "relations" entry
//       "object": "Rome",                // required: the object the edit writes (target_new)
//       "true_object": "Paris",          // optional: what the model believed (target_true)
//       "prompts": ["The capital of {} is", "{} has its capital in"],
//                                        // trained phrasings, each with one "{}" for the
//                                        // subject; the first is the edit prompt, the rest
//                                        // become paraphrase_prompts. Default: the relation's.
//       "heldout_prompts": ["..."],      // phrasings never shown to the editor
//       "bridge": true,                  // optional, see below
//       "neighbours":   [{"prompt": "The capital of Germany is", "answer": "Berlin"}],
//       "same_subject": [{"prompt": "The official language of {} is", "answer": "French"}],
//       "reverse":      [{"prompt": "Rome is the capital of", "answer": "France"}],
//       "two_hop":      [{"prompt": "The capital of the country of the Louvre is", "answer": "Rome"}],
//       "generation_prompts": ["{} is a country where"]
//     }]
//   }
//
// "{}" in any prompt of a fact is replaced by the subject, so templates can be
// shared; reverse and two_hop become PortabilityQuestion kinds "reverse" and "two_hop".
//
// Bridge subjects. A relation may name "bridge_prompts": some of its held-out
// phrasings that facts marked "bridge": true are trained on (they join the
// fact's trained prompts and leave its held-out ones). A model trained from
// scratch then meets a held-out wording as English, with other subjects, the
// way a pretrained model has met "is a native of" before it is edited, while
// every fact not marked bridge still never sees it. This is the knowledge-
// extraction split of Allen-Zhu & Li, "Physics of Language Models: Part 3.1".
// A bridge prompt must be one of the relation's heldout_prompts; a bridge fact
// whose relation has none is a problem.
//
// Malformed records never stop a load: each one becomes a line in
// DatasetLoad::problems naming the record (index, and case_id when it has one)
// and the field, and the other records still load. Only an unreadable file, a
// file that is neither JSON nor JSON Lines, or an unrecognised format fail.
#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lancet {

struct NeighbourPrompt {
    std::string prompt;  // full text, no placeholder
    std::string answer;  // the answer the unedited fact implies (a neighbour's target_true)
};

struct PortabilityQuestion {
    std::string kind;    // "reverse", "two_hop", "multi_hop", "logical_generalization", ...
    std::string prompt;
    std::string answer;
};

struct EditCase {
    std::string case_id;
    std::string prompt_template;  // with "{}" for the subject
    std::string subject;
    std::string target_new;
    std::string target_true;      // may be empty
    std::vector<std::string> paraphrase_prompts;          // full text
    std::vector<std::string> heldout_paraphrase_prompts;  // full text
    std::vector<NeighbourPrompt> neighbourhood_prompts;
    std::vector<NeighbourPrompt> same_subject_prompts;    // the subject's other facts
    std::vector<PortabilityQuestion> portability;
    std::vector<std::string> generation_prompts;
    std::vector<std::string> attribute_prompts;  // CounterFact: other subjects that truly have target_new (kept, not scored)
    std::string relation;

    // prompt_template with the subject inserted (the rewrite prompt).
    std::string prompt() const;
};

enum class ZsreTarget { Answer, Alternative };

struct DatasetOptions {
    // "auto" or one of: counterfact, easyedit, zsre, rome-knowns, lancet-facts.
    std::string format = "auto";
    ZsreTarget zsre_target = ZsreTarget::Answer;
};

struct DatasetLoad {
    std::vector<EditCase> cases;
    std::vector<std::string> problems;  // one line per skipped record (or JSON Lines line)
    std::string format;                 // the detected (or forced) format name
};

// Reads a file (JSON array, JSON Lines, or a Lancet facts object).
Expected<DatasetLoad> load_dataset(const std::string& path, const DatasetOptions& options = {});
// The same from text already in memory (tests, the GUI's paste box).
Expected<DatasetLoad> parse_dataset(const std::string& text, const DatasetOptions& options = {});

// Replaces the first "{}" of a template with the subject (all other text kept).
std::string fill_template(const std::string& prompt_template, const std::string& subject);

// A bridge fact's phrasings (see "Bridge subjects" above): `bridge` appended to
// `trained` (each once) and removed from `heldout`.
void move_bridge_prompts(std::vector<std::string>& trained, std::vector<std::string>& heldout,
                         const std::vector<std::string>& bridge);

// --- Facts for causal tracing -------------------------------------------------

struct TracingFact {
    std::string id;
    std::string prompt;     // full text with the subject in it
    std::string subject;
    std::string attribute;  // what the model is expected to say (the true object)
};

struct TracingLoad {
    std::vector<TracingFact> facts;
    std::vector<std::string> problems;
    std::string format;
};

// Known facts (rome-knowns), CounterFact (prompt, subject, target_true), the
// flattened CounterFact (ground_truth), zsRE (answers[0]) and Lancet facts
// (true_object when given, else object). Records without an attribute, or whose
// prompt does not contain the subject, are problems.
Expected<TracingLoad> load_tracing_facts(const std::string& path, const DatasetOptions& options = {});
Expected<TracingLoad> parse_tracing_facts(const std::string& text, const DatasetOptions& options = {});

}  // namespace lancet
