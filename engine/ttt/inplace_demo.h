// The In-Place TTT demonstration: a document longer than the model's context
// that states facts about invented people (names the model has never seen,
// objects it knows), then questions about them asked after the document, with
// none of its text left in the context. Three settings answer:
//   no adaptation            the frozen model (it cannot know: chance level)
//   in-place TTT             fast down projections after reading the document chunk by chunk
//                            (the fixed rule; and, given an add-on, again with its trained
//                            conv and projection)
//   fine-tune on the document ordinary next-token training of the down
//                            projections of every layer on the document (an upper bound)
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "ttt/inplace_ttt.h"
#include "ttt/ttt_types.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct InplaceDemoOptions {
    std::string facts_path;        // lancet-facts file: relation phrasings and the objects to draw from
    std::string filler_path;       // text between the facts (default: the model folder's stats-corpus.txt)
    size_t facts = 12;
    uint64_t seed = 17;
    int64_t min_tokens = 0;        // document length at least (0: 2.5 × the context)
    InplaceOptions inplace;        // chunk 0: a quarter of the context
    // A trained conv and projection (ttt/inplace_addon.h): adds the row "in-place TTT,
    // trained add-on", run with the add-on's own layers, lr, chunk and target.
    std::shared_ptr<const InplaceAddon> addon;
    std::string addon_path;             // where it was read from (reported)
    std::set<std::string> avoid_names;  // invented names never to use (training keeps the demonstration's apart)
    int finetune_epochs = 20;      // passes over the document's chunks
    double finetune_lr = 1e-3;
};

// Reads the trained add-on into o.addon (and o.addon_path): from `path`, or,
// when it is empty, the model folder's inplace-ttt.safetensors if there is one
// (none there: no add-on, not an error). One reader for the CLI and the workbench.
Expected<void> attach_inplace_addon(InplaceDemoOptions& o, const Model& model, const std::string& path = {});

struct InplaceDemoDocument {
    std::string text;
    std::vector<InplaceQuestion> questions;
    std::vector<std::string> names;  // the invented people, in order of their facts
};

// The generated document and its questions (deterministic for a seed).
Expected<InplaceDemoDocument> make_inplace_document(const Model& model, const InplaceDemoOptions& options);

Expected<InplaceDemoResult> run_inplace_demo(const Model& model, const InplaceDemoOptions& options, const JobContext& job = {});

}  // namespace lancet
