// Private to ROME's sources (edit/rome*.cpp): prompt encoding, batching, the
// request checks and the memoised inverse second moment that compute_u,
// compute_v and compute_rome share. Not part of the engine's interface.
#pragma once

#include "core/job.h"
#include "edit/rome.h"
#include "edit/second_moment.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;
class Tokenizer;

namespace rome_detail {

size_t count_placeholders(const std::string& s);

struct EncodedRow {
    std::vector<int64_t> ids;
    int64_t lookup = 0;  // subject-last token
};
// Token ids of a formatted prompt (BOS first where the tokenizer has one) and
// the index of the last token overlapping the subject's bytes.
EncodedRow encode_subject_row(const Tokenizer& tok, const FormattedPrompt& f);

struct PaddedBatch {
    torch::Tensor ids, mask;  // [B, T] on the device, right padded
    int64_t T = 0;
};
PaddedBatch pad_right(const std::vector<std::vector<int64_t>>& rows, const Model& model);

torch::Tensor long_tensor(const std::vector<int64_t>& v, torch::Device device);

// The columns a target optimisation's loss reads, per row, as
// ForwardInput::last_block_columns wants them: each row's distinct read
// columns ascending, a row with fewer repeating its last (a row with none
// reads column 0). The output of such a pass is [rows, width, d]; read i sits
// at (read_rows[i], index[i]) of it.
struct ReadColumns {
    torch::Tensor columns;       // [rows, width] int64 on the device
    int64_t width = 1;
    std::vector<int64_t> index;  // per read: its column's place among its row's
    std::vector<int64_t> last;   // per row: its last read column (-1: none)
};
ReadColumns read_columns(size_t rows, const std::vector<int64_t>& read_rows, const std::vector<int64_t>& read_pos,
                         torch::Device device);

void check_layer(const Model& model, int layer);
void check_request(const RomeRequest& r);
void check_not_inference_mode();

// A job whose progress maps [0, 1] onto [from, to] of the parent's.
JobContext sub_job(const JobContext& job, double from, double to);

struct InverseEntry {
    InverseSecondMoment inv;
    nlohmann::json info;  // where C came from (corpus, count, cache, ridge), for the diagnostics
};
// C⁻¹ at `layer` for these hyperparameters, from the few most recent in memory,
// else from the statistics (disk cache or a pass over the corpus).
std::shared_ptr<const InverseEntry> cached_inverse(const Model& model, int layer, const RomeHyperParams& hp,
                                                   const RomeStatsSource& stats, const JobContext& job);

// What compute_rome measured along the way, for its diagnostics.
struct RomeReport {
    const RomeKeys& keys;
    const ComputeVResult& cv;
    const RomeOptions& options;
    double division = 0;             // k̄·u of the update
    std::string templates_source;
    nlohmann::json mom2_info;        // InverseEntry::info, or {"used": false}
    nlohmann::json timings;          // seconds per stage so far
    std::chrono::steady_clock::time_point started;
};
// The edit's diagnostics (RomeEdit::diagnostics), including the target's
// probability before and, with options.predict_after, after (a rank-one hook:
// the weights are not touched).
nlohmann::json rome_diagnostics(const Model& model, const RomeEdit& edit, const RomeReport& report);

}  // namespace rome_detail
}  // namespace lancet
