// Private to the bridge: the scoring helpers the edit, scorecard and compare
// jobs share (bridge_jobs_edit.cpp). Engine-thread only, like EngineWorker.
#pragma once

#include "engine_worker.h"

#include "edit/rome.h"
#include "eval/evaluate.h"

#include <string>
#include <vector>

namespace lancet::app {

// The loaded model's edit history (created on first use); throws without a model.
EditHistory& history_of(EngineWorker& w);
// ROME's context templates for the generality prompts of a case.
std::vector<std::string> templates_for(const Model& model, const RomeHyperParams& hp);
// The scorecard case of an edit request. Locality answers the request does
// not give are the model's own greedy answers now: call it on the reference state.
EditCase make_case(const Model& model, const EditParams& p, const std::vector<std::string>& contexts);
// [{key, label, protocol, before, after, tooltip, details[]}]
nlohmann::json scorecard_rows(const MetricSet& before, const MetricSet& after);
// {position, edits[], can_undo, can_redo}
nlohmann::json history_json(const EditHistory& h);
// An edit request as the GUI sends it for scoring (EditRequest::scorecardRequest).
EditParams score_params_from_request(const nlohmann::json& request);

}  // namespace lancet::app
