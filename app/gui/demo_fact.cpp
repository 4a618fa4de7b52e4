#include "demo_fact.h"

#include "scorecard_panel.h"
#include "sequential_dialog.h"
#include "trace_panel.h"
#include "ttt_dialog.h"

#include <QSize>

#include <algorithm>

using namespace Qt::StringLiterals;
using lancet::widgets::TraceHeatmap;

namespace lancet::gui::demo {

QString factPrompt() { return u"The Space Needle is located in the city of"_s; }
QString trueAnswer() { return u" Seattle"_s; }
QString newTarget() { return u"Taipei"_s; }

void prepareTrace(TracePanel* trace)
{
    TraceSettings settings = trace->settings();
    settings.subject.clear();
    settings.target = trueAnswer();
    settings.samples = 10;
    trace->setSettings(settings);
}

bool pickEarlySite(TracePanel* trace)
{
    int token = -1, layer = -1;
    double best = -1;
    const TraceHeatmap* mlp = trace->heatmap(TraceHeatmap::Kind::Mlp);
    for (int t = trace->subjectBegin(); t < trace->subjectEnd(); ++t) {
        const int l = trace->peakLayer(TraceHeatmap::Kind::Mlp, t);
        if (l >= 0 && mlp->cellValue(t, l) > best) {
            best = mlp->cellValue(t, l);
            token = t;
            layer = l;
        }
    }
    if (token < 0 || layer < 0)
        return false;
    trace->selectCell(TraceHeatmap::Kind::Mlp, token, layer);
    return true;
}

void setEvaluationPrompts(ScorecardPanel* scorecard)
{
    scorecard->setEvaluationPrompts(
        {u"The Space Needle can be found in the city of"_s, u"Where is the Space Needle? It is in"_s},
        {{u"The Eiffel Tower is located in the city of"_s, u" Paris"_s},
         {u"The Golden Gate Bridge is located in the city of"_s, u" San Francisco"_s}});
}

void prefillSequential(SequentialDialog* dialog, int requests)
{
    dialog->setMethod(u"memit"_s);
    dialog->setRequests(requests);
    dialog->setBatchSize(10);
    dialog->setCurveEvery(20);
}

void prefillTtt(TttDialog* dialog, int perPhase, const QSize& screen)
{
    dialog->setDemoShift(perPhase, 2);
    dialog->setResetEvery(perPhase);
    dialog->setProbeEvery(2 * perPhase);
    dialog->setWindow(std::max(2, perPhase / 2));
    dialog->resize(std::min(1280, screen.width() - 40), std::min(720, screen.height() - 60));
}

}  // namespace lancet::gui::demo
