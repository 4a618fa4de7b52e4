// Time from the process's start to the first next-token bars on screen: the
// laptop goal of issue 19 (≤ 2 s on the demo model). Measured from the
// kernel's record of when the process started, so loading LibTorch's and Qt's
// shared libraries counts too, which a timer started in main() would miss.
#pragma once

class QObject;

namespace lancet::gui {

class PromptPanel;

// Seconds since this process started (Linux: /proc/self/stat against
// /proc/uptime, 10 ms resolution); a negative value where that is unknown.
double secondsSinceProcessStart();

// With LANCET_STARTUP_REPORT set, prints one line to standard output when the
// first prediction of the example prompt is shown ("startup to first
// next-token bars: 1.23 s"); with
// LANCET_STARTUP_REPORT=quit the application then quits (for benchmarks).
void reportFirstPrediction(PromptPanel* panel);

}  // namespace lancet::gui
