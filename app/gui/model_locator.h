// Finding and checking model folders.
#pragma once

#include <QString>

namespace lancet::gui {

// The model opened when none is named and none was used before: the bundled
// demo model (resources/models/lancet-demo) if present, else the tiny test
// GPT-2 (tests/fixtures/tiny-gpt2). Looked up in $LANCET_DEMO_MODEL, beside the
// executable (../share/lancet/models) and in the source tree above it.
// Empty when none is found.
QString defaultModelPath();

// Checks that a folder looks like a checkpoint the engine can open, before the
// engine is asked. Returns an empty string, or what is wrong, in words. A file
// inside a checkpoint folder stands for its folder (`*resolved` gets the folder).
QString validateModelFolder(const QString& path, QString* resolved = nullptr);

}  // namespace lancet::gui
