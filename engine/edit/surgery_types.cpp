#include "edit/surgery_types.h"

namespace lancet {

namespace {

nlohmann::json optional_number(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

const ScoreRow* EditScorecard::find(const std::string& key) const {
    for (const auto& r : rows)
        if (r.key == key) return &r;
    return nullptr;
}

nlohmann::json EditScorecard::to_json() const {
    nlohmann::json rs = nlohmann::json::array();
    for (const auto& r : rows) {
        nlohmann::json details = nlohmann::json::array();
        for (const auto& d : r.details)
            details.push_back({{"prompt", d.prompt}, {"target", d.target}, {"before", optional_number(d.before)}, {"after", d.after}});
        rs.push_back({{"key", r.key}, {"label", r.label}, {"protocol", r.protocol}, {"before", optional_number(r.before)},
                      {"after", r.after}, {"tooltip", r.tooltip}, {"details", details}});
    }
    return {{"rows", rs}, {"timing", timing}};
}

nlohmann::json HistoryState::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : edits)
        list.push_back({{"index", e.index},
                        {"id", e.id},
                        {"applied", e.applied},
                        {"method", e.method},
                        {"request", e.request.to_json()},
                        {"layer", e.layer},
                        {"division_factor", optional_number(e.division_factor)},
                        {"delta_norm_ratio", optional_number(e.delta_norm_ratio)},
                        {"created_at", e.created_at}});
    return {{"position", position}, {"edits", list}, {"can_undo", can_undo}, {"can_redo", can_redo}};
}

nlohmann::json EditOutcome::to_json() const {
    nlohmann::json j;
    j["edit"] = {{"index", index},   {"id", id},
                 {"method", method}, {"request", request.to_json()},
                 {"layer", layer},   {"layer_reason", layer_reason},
                 {"hparams", hparams}, {"diagnostics", diagnostics}};
    j["history"] = history.to_json();
    if (!scorecard.rows.empty()) j["scorecard"] = scorecard.to_json();
    return j;
}

nlohmann::json CompareOutcome::to_json() const {
    nlohmann::json j{{"from", from}, {"to", to}, {"positions", positions}, {"n_layer", n_layer}};
    nlohmann::json ws = nlohmann::json::array();
    for (const auto& w : weights)
        ws.push_back({{"name", w.name}, {"layer", w.layer}, {"matrix", w.matrix}, {"frobenius", w.frobenius},
                      {"relative_change", w.relative_change}});
    j["weights"] = ws;
    if (!prompt.empty()) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& t : next_token)
            rows.push_back({{"id", t.id}, {"text", t.text}, {"from", t.from}, {"to", t.to}, {"role", t.role}});
        j["next_token"] = {{"prompt", prompt}, {"tokens", rows}};
    }
    if (scorecard) j["scorecard"] = scorecard->to_json();
    return j;
}

}  // namespace lancet
