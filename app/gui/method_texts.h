// Edit methods' labels, descriptions and parameter texts in the interface
// language. The engine describes its methods in English (edit/method_info.h),
// for the CLI and JSON; the workbench's method list, about line and generated
// parameter form show them through this table, so that a lecture in
// Traditional Chinese does not show "Learning rate" and "Weights trained".
// Texts made at run time (the layers a model folder declares) stay English.
#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace lancet::gui {

// The translation of an engine text, or the text itself when it has none.
QString methodText(const std::string& english);

// Every English text the table holds (for the test that checks it covers the engine's).
QStringList methodTextSources();

}  // namespace lancet::gui
