// Streams of unlabeled test inputs for test-time training, with optional labels
// that only the scoring reads (never the adaptation). A stream hands out one
// input at a time: a text file is read as it is consumed, never loaded whole.
//
//   text file    one input per line ("lines"), or blank-line separated paragraphs
//                ("paragraphs"); in lines mode "INPUT<TAB>LABEL" gives a label.
//                An input longer than max_input_bytes is cut there (the rest of
//                its line or paragraph is skipped, not kept).
//   dataset      the prompts of any file eval/dataset.h reads (CounterFact, zsRE,
//                EasyEdit, Lancet facts, ...): the rewrite prompt, labelled with
//                target_true when the record has one; segment = the relation.
//   demo shift   generated from a Lancet facts file (the demo model's facts.json):
//                the model's own facts in held-out phrasings, then a new register,
//                then character noise, then the subject in another script (ttt/demo_shift.h).
#pragma once

#include "core/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lancet {

struct StreamItem {
    std::string text;
    std::string label;     // only for scoring
    bool has_label = false;
    std::string segment;   // phase of a generated stream, relation of a dataset, "" for text
};

class InputStream {
public:
    virtual ~InputStream() = default;
    // The next input, or nothing at the end. Throws EngineException on a read error.
    virtual std::optional<StreamItem> next() = 0;
    // Back to the first input (each method of a comparison reads the same stream).
    virtual void rewind() = 0;
    virtual std::string describe() const = 0;
    // How far through the stream the last next() got, in [0, 1] (progress reports).
    virtual double fraction_read() const = 0;
};

struct TextStreamOptions {
    std::string mode = "lines";          // lines | paragraphs
    size_t max_input_bytes = 64 * 1024;
};

// Opens the file and checks it can be read; reading happens in next().
Expected<std::unique_ptr<InputStream>> open_text_stream(const std::string& path, const TextStreamOptions& options = {});

// Bytes a text stream has read from its file so far (tests: proof that it reads as it goes);
// -1 for other streams.
int64_t stream_bytes_read(const InputStream& stream);

// A stream over items already in memory (generated streams, tests).
std::unique_ptr<InputStream> make_vector_stream(std::vector<StreamItem> items, std::string description);

// The prompts of a dataset file, in file order.
Expected<std::unique_ptr<InputStream>> open_dataset_stream(const std::string& path);

}  // namespace lancet
