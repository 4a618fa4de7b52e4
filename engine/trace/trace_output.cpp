// JSON and CSV forms of a trace (stable field names: documented in `lancet-cli trace --help`).
#include "trace/causal_trace.h"

#include "tokenizer/token_labels.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace lancet {

namespace {
nlohmann::json number_or_null(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

std::string csv_field(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}
}  // namespace

double TraceResult::max_score_difference(const TraceResult& other) const {
    double worst = 0;
    for (size_t k = 0; k < kinds.size() && k < other.kinds.size(); ++k)
        for (size_t t = 0; t < kinds[k].scores.size() && t < other.kinds[k].scores.size(); ++t)
            for (size_t l = 0; l < kinds[k].scores[t].size() && l < other.kinds[k].scores[t].size(); ++l)
                worst = std::max(worst, std::fabs(kinds[k].scores[t][l] - other.kinds[k].scores[t][l]));
    return worst;
}

nlohmann::json TraceResult::to_json() const {
    nlohmann::json j;
    const TraceSetup& s = setup;
    j["tokens"] = s.tokens;
    // The rows as read: tokens are bytes, and a piece of a split character
    // arrives in JSON as U+FFFD (token_labels.h).
    j["labels"] = token_labels(s.tokens);
    j["token_ids"] = s.token_ids;
    j["subject"] = {{"text", s.subject}, {"range", {s.subject_begin, s.subject_end}}, {"guessed", s.subject_guessed}};
    j["answer"] = {{"id", s.answer_id}, {"text", s.answer}, {"correct_prediction", s.correct_prediction}};
    j["high_score"] = s.high_score;
    j["low_score"] = s.low_score;
    j["noise"] = {{"std", s.noise_std}, {"source", s.noise_std_source}};
    j["n_layer"] = s.n_layer;
    j["kinds"] = nlohmann::json::array();
    for (const auto& k : kinds) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : k.scores) {
            nlohmann::json r = nlohmann::json::array();
            for (double v : row) r.push_back(number_or_null(v));
            rows.push_back(r);
        }
        j["kinds"].push_back({{"kind", trace_kind_name(k.kind)}, {"window", k.window}, {"scores", rows}});
    }
    j["partial"] = partial;
    j["seconds"] = seconds;
    j["setup_seconds"] = setup_seconds;
    j["forward_passes"] = forward_passes;
    j["cells"] = cells;
    j["out_of_memory_retries"] = out_of_memory_retries;
    j["notes"] = notes;
    return j;
}

std::string TraceResult::to_csv() const {
    std::ostringstream os;
    os << "kind,token_index,token,is_subject,layer,window,prob,low_score,high_score\n";
    for (const auto& k : kinds) {
        for (size_t t = 0; t < k.scores.size(); ++t) {
            bool subj = static_cast<int>(t) >= setup.subject_begin && static_cast<int>(t) < setup.subject_end;
            for (size_t l = 0; l < k.scores[t].size(); ++l) {
                os << trace_kind_name(k.kind) << ',' << t << ',' << csv_field(setup.tokens[t]) << ',' << (subj ? 1 : 0) << ','
                   << l << ',' << k.window << ',';
                if (!std::isnan(k.scores[t][l])) os << k.scores[t][l];
                os << ',' << setup.low_score << ',' << setup.high_score << '\n';
            }
        }
    }
    return os.str();
}

}  // namespace lancet
