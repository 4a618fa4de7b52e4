// The scorecard's metric names and descriptions in the interface language.
// The engine names its metrics in English (eval/scorecard.cpp metric_info),
// for the CLI and the JSON files; the workbench shows them through this table,
// whose English source texts are the engine's (a test keeps the two equal), so
// that a lecture in Traditional Chinese does not show "Efficacy success".
#pragma once

#include <QString>

#include <string>

namespace lancet::gui {

// Translated label of a metric key ("ES", "reliability", "portability_reverse", ...);
// the engine's own label for a key the table does not know.
QString metricLabel(const std::string& key, const std::string& engineLabel);

// Translated one-sentence description; the engine's for an unknown key.
QString metricDescription(const std::string& key, const std::string& engineDescription);

// The English source texts of the table (for the test that compares them with the engine's).
struct MetricText {
    const char* key;
    const char* label;
    const char* description;
};
const MetricText* metricTexts(int* count);

}  // namespace lancet::gui
