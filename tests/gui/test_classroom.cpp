// Issue 19, "Ready for the classroom": what a teacher met on the demo model.
// A first start says what to do; the edit form's examples read as examples and
// the form takes the prompt bar's fact; the Teach line reads as a sentence; a
// trace guesses the subject without "The" and uses a window that leaves the
// MLP map's columns distinct; and the teacher's edit (Space Needle -> Taipei,
// true target Seattle) scores 0 before and 1 after on the success rows.
#include "gui_test_util.h"

#include "edit_panel.h"
#include "prompt_panel.h"
#include "qcp.h"
#include "scorecard_panel.h"
#include "scorecard_view.h"
#include "topk_bar_chart.h"
#include "trace_panel.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::widgets::TraceHeatmap;

namespace {
QString demoModel() { return QStringLiteral(LANCET_DEMO_MODEL); }

bool openDemoModel(MainWindow& w)
{
    QSignalSpy loaded(&w, &MainWindow::modelLoaded);
    if (!w.openModel(demoModel()))
        return false;
    return loaded.wait(kEngineTimeoutMs) || loaded.count() > 0;
}

bool waitForPrediction(MainWindow& w, const QString& prompt)
{
    PromptPanel* p = w.promptPanel();
    for (int i = 0; i < 600 && p->shownPrompt() != prompt; ++i)
        QTest::qWait(50);
    return p->shownPrompt() == prompt;
}
}  // namespace

class TestClassroom : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstStartSaysWhatToDo();
    void placeholdersReadAsExamples();
    void teachLineIsOneSentence();
    void applyTakesThePromptBarsFact();
    void traceGuessesTheSubjectWithoutTheArticle();
    void teachersEditScoresZeroThenOne();

public:
    static void initMain() { isolateEnvironment(); }

private:
    std::unique_ptr<MainWindow> w_;
};

void TestClassroom::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    QVERIFY(openDemoModel(*w_));
}

void TestClassroom::firstStartSaysWhatToDo()
{
    PromptPanel* p = w_->promptPanel();
    QVERIFY(p->prompt().isEmpty());
    // The hint is where the chart will be, and says what to type and what to click.
    QVERIFY(p->startHintShown());
    QVERIFY(p->startHint()->isVisible());
    QVERIFY(!p->chart()->isVisible());
    const QString hint = p->startHint()->text();
    for (const char* words : {"Type a prompt", "Trace", "Click a bar", "Apply Edit", "Scorecard"})
        QVERIFY2(hint.contains(QLatin1String(words)), words);
    // Its link types the example for the user.
    Q_EMIT p->startHint()->linkActivated(QStringLiteral("example"));
    QCOMPARE(p->prompt(), PromptPanel::examplePrompt());
    QVERIFY(!p->startHintShown());
    QVERIFY(p->chart()->isVisible());
    // Once the user has acted it stays away, even with the bar cleared.
    p->promptEdit()->clear();
    QVERIFY(!p->startHintShown());
}

void TestClassroom::placeholdersReadAsExamples()
{
    EditPanel* e = w_->editPanel();
    e->setRequest({});
    for (QLineEdit* f : {e->templateEdit(), e->subjectEdit(), e->targetEdit(), e->targetTrueEdit(), e->keepEdit()}) {
        QVERIFY(f->text().isEmpty());
        // An example says so, and is drawn in italics while the field is empty.
        QVERIFY2(f->placeholderText().startsWith(QLatin1String("e.g.")) ||
                     f->placeholderText().startsWith(QLatin1String("optional")),
                 qPrintable(f->placeholderText()));
        QVERIFY2(f->font().italic(), qPrintable(f->objectName()));
    }
    QVERIFY(e->subjectEdit()->placeholderText() != kSubject);  // "Space Needle" looked like a value
    e->subjectEdit()->setText(kSubject);
    QVERIFY(!e->subjectEdit()->font().italic());
    // The placeholder colour is lighter than text on the same background.
    const QPalette pal = e->subjectEdit()->palette();
    QVERIFY(pal.color(QPalette::PlaceholderText) != pal.color(QPalette::Text));
    // A form with nothing in it guides instead of scolding.
    e->setRequest({});
    QVERIFY(e->previewText().contains(QLatin1String("prompt bar")));
}

void TestClassroom::teachLineIsOneSentence()
{
    EditPanel* e = w_->editPanel();
    e->templateEdit()->setText(QStringLiteral("{} is located in the city of"));
    e->subjectEdit()->setText(QStringLiteral("The Space Needle"));
    for (const QString& target : {QStringLiteral("Taipei"), QStringLiteral(" Taipei")}) {
        e->targetEdit()->setText(target);
        const QString line = e->previewText();
        // Typed with or without its space, the target follows the prompt after one space.
        QVERIFY2(line.contains(QLatin1String("in the city of Taipei")), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("ofTaipei")) && !line.contains(QStringLiteral("␣")),
                 qPrintable(line));
    }
    e->targetTrueEdit()->setText(QStringLiteral(" Seattle"));
    QVERIFY2(e->previewText().contains(QLatin1String("instead of Seattle")), qPrintable(e->previewText()));
    e->setRequest({});
}

void TestClassroom::applyTakesThePromptBarsFact()
{
    // A user typed a prompt above and pressed Apply with an empty form: the form
    // takes that prompt's fact and asks for what is really missing.
    EditPanel* e = w_->editPanel();
    e->setRequest({});
    w_->promptPanel()->setPrompt(kPrompt);
    QVERIFY(waitForPrediction(*w_, kPrompt));
    const QString top = w_->promptPanel()->topTokens().value(0);
    QCOMPARE(top, QStringLiteral(" Seattle"));
    QVERIFY(!w_->applyEdit());
    QCOMPARE(e->subjectEdit()->text(), kSubject);
    QCOMPARE(e->templateEdit()->text(), QStringLiteral("The {} is located in the city of"));
    QCOMPARE(e->targetTrueEdit()->text(), top);
    QVERIFY2(e->statusText().contains(QLatin1String("new target")), qPrintable(e->statusText()));
    QCOMPARE(e->firstMissingField(), e->targetEdit());
    // Clicking a bar of the chart names the new target; the form is complete.
    e->setRequest({});
    Q_EMIT w_->promptPanel()->tokenActivated(QStringLiteral(" Houston"));
    QCOMPARE(e->targetEdit()->text(), QStringLiteral(" Houston"));
    QCOMPARE(e->subjectEdit()->text(), kSubject);
    QCOMPARE(e->targetTrueEdit()->text(), top);
    QVERIFY(e->canApply());
    // The top bar itself as the new target is not also the true target.
    e->setRequest({});
    Q_EMIT w_->promptPanel()->tokenActivated(top);
    QVERIFY(e->targetTrueEdit()->text().isEmpty());
    e->setRequest({});
}

void TestClassroom::traceGuessesTheSubjectWithoutTheArticle()
{
    TracePanel* t = w_->tracePanel();
    TraceSettings s = t->settings();
    s.subject.clear();  // guessed, as a new user leaves it
    s.target.clear();
    s.window = 0;       // auto
    s.samples = 10;
    t->setSettings(s);
    // Auto on the 8-layer demo model: 3, not 8 (8 restored every layer in every column).
    QVERIFY2(t->heatmap(TraceHeatmap::Kind::Mlp)->titleText().contains(QLatin1String("window 3")),
             qPrintable(t->heatmap(TraceHeatmap::Kind::Mlp)->titleText()));
    w_->promptPanel()->setPrompt(kPrompt);
    QSignalSpy done(w_.get(), &MainWindow::traceDone);
    QVERIFY(w_->trace() != 0);
    QVERIFY(done.wait(kEngineTimeoutMs) || !done.isEmpty());
    QCOMPARE(t->tracedSubject(), kSubject);  // not "The Space Needle"
    QCOMPARE(t->subjectBegin(), 1);          // "The" is not corrupted
    QCOMPARE(t->answer(), QStringLiteral(" Seattle"));
    const TraceHeatmap* mlp = t->heatmap(TraceHeatmap::Kind::Mlp);
    QVERIFY(mlp->isComplete());
    // The columns of the MLP map differ: the early site at the subject stands out.
    double lo = 1, hi = 0;
    for (int l = 0; l < mlp->layerCount(); ++l) {
        const double v = mlp->cellValue(t->subjectBegin() + 1, l);  // " Need"
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    QVERIFY2(hi > 2 * lo + 1e-3, qPrintable(QStringLiteral("%1..%2").arg(lo).arg(hi)));
    // The darkest colour goes to the map's own largest cell, not the clean score.
    QVERIFY(mlp->colorMap()->dataRange().upper < 0.5 * mlp->highScore());
}

void TestClassroom::teachersEditScoresZeroThenOne()
{
    // The teacher's edit, with the form as the trace left it: the true target
    // is the trace's answer token " Seattle" (with its space), the new one
    // typed as "Taipei". The success rows once read 1.000 before and after.
    EditPanel* e = w_->editPanel();
    QCOMPARE(e->targetTrueEdit()->text(), QStringLiteral(" Seattle"));
    e->targetEdit()->setText(QStringLiteral("Taipei"));
    e->layerSpin()->setValue(-1);  // auto: the model's own layer
    QSignalSpy done(w_.get(), &MainWindow::editDone);
    QVERIFY(w_->applyEdit());
    QVERIFY(done.wait(kEngineTimeoutMs) || !done.isEmpty());
    QVERIFY2(done.first().at(0).toBool(), qPrintable(problemsText(w_->problemsDock())));
    const auto metrics = w_->scorecardPanel()->view()->metrics();
    int checked = 0;
    for (const auto& row : metrics) {
        if (row.key != QLatin1String("ES") && row.key != QLatin1String("PS"))
            continue;
        ++checked;
        QVERIFY2(row.before == 0.0, qPrintable(row.key + QStringLiteral(" before %1").arg(row.before)));
        QVERIFY2(row.after == 1.0, qPrintable(row.key + QStringLiteral(" after %1").arg(row.after)));
    }
    QCOMPARE(checked, 2);
    const int es = w_->scorecardPanel()->view()->metricIndex(QStringLiteral("ES"));
    QCOMPARE(w_->scorecardPanel()->view()->changeText(es), QStringLiteral("change +1.000"));
    // After the edit the chart compares with the base model, inside 100 %.
    QVERIFY(w_->promptPanel()->chart()->plot()->xAxis->range().upper <= 1.0);
}

QTEST_MAIN(TestClassroom)
#include "test_classroom.moc"
