// The lecture's running example, shared by the two things that drive the
// window on it: the screenshot script (demo_script.h) and the lecture tour
// (lecture_tour.h). Both ask the same fact of the demo model, trace it the
// same way, pick the same edit site and pre-fill the same dialogs, so what the
// screenshots show is what a class sees.
#pragma once

#include <QString>

class QSize;

namespace lancet::gui {

class ScorecardPanel;
class SequentialDialog;
class TracePanel;
class TttDialog;

namespace demo {

QString factPrompt();  // "The Space Needle is located in the city of"
QString trueAnswer();  // " Seattle": what the demo model says
QString newTarget();   // "Taipei": issue 19's edit, typed without its space as a user would

// The trace a new user runs: subject left to the guess, the fact itself
// traced (as the paper does), ten noise samples.
void prepareTrace(TracePanel* trace);
// After the trace: selects the early site, the brightest MLP cell over the
// subject's tokens (on the demo model " Need", not the last token "le"), which
// hands its layer to the edit form. False if the map has no such cell.
bool pickEarlySite(TracePanel* trace);
// Paraphrases and neighbours the scorecard judges the edit with.
void setEvaluationPrompts(ScorecardPanel* scorecard);
// The forgetting curve's stream: the model's own facts, `requests` of them
// in batches of ten, by MEMIT (AlphaEdit is the dialog's other choice).
void prefillSequential(SequentialDialog* dialog, int requests);
// Test-time training on a short demo shift, `perPhase` inputs per phase,
// sized to fit `screen`.
void prefillTtt(TttDialog* dialog, int perPhase, const QSize& screen);

}  // namespace demo
}  // namespace lancet::gui
