// Causal tracing in the window: the three maps fill from the engine's stream,
// the subject span is marked, a clicked cell sets the edit layer, and Esc
// cancels a long trace, leaving a partial map and no error.
#include "gui_test_util.h"

#include "edit_panel.h"
#include "job_monitor.h"
#include "prompt_panel.h"
#include "qcp.h"
#include "trace_panel.h"

#include <QAction>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::app::EngineBridge;
using lancet::widgets::TraceHeatmap;
using Kind = TraceHeatmap::Kind;

class TestTrace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void traceFillsTheMaps();
    void traceFilledTheEditForm();
    void clickingACellSetsTheEditLayer();
    void escCancelsALongTrace();
    void traceNeedsAPrompt();
    void chineseTokensReadable();

public:
    static void initMain() { isolateEnvironment(); }

private:
    std::unique_ptr<MainWindow> w_;
};

void TestTrace::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    QVERIFY(QTest::qWaitForWindowActive(w_.get()));
    QVERIFY(openTinyModel(*w_));
}

void TestTrace::traceFillsTheMaps()
{
    TracePanel* panel = w_->tracePanel();
    w_->promptPanel()->setPrompt(kPrompt);
    panel->subjectEdit()->setText(kSubject);
    panel->samplesSpin()->setValue(10);

    int chunks = 0;
    const QMetaObject::Connection counting =
        connect(w_->bridge(), &EngineBridge::traceChunk, this, [&chunks] { ++chunks; });
    QSignalSpy done(w_.get(), &MainWindow::traceDone);
    QVERIFY(w_->traceAction()->isEnabled());
    w_->traceAction()->trigger();  // what Ctrl+T does
    QVERIFY(panel->isRunning());
    QVERIFY(!w_->traceAction()->isEnabled());
    QVERIFY(w_->cancelAction()->isEnabled());

    for (Kind kind : {Kind::Hidden, Kind::Mlp, Kind::Attention})
        QTRY_VERIFY_WITH_TIMEOUT(panel->heatmap(kind)->isComplete(), kEngineTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kEngineTimeoutMs);
    QCOMPARE(done.first().at(0).toBool(), false);  // not partial
    disconnect(counting);
    QVERIFY2(chunks >= 3, "the maps are streamed, not delivered at the end");
    QVERIFY(!panel->isRunning());
    QVERIFY(w_->traceAction()->isEnabled());

    // "The| Space| Need|le| is| located| in| the| city| of": subject = tokens [1, 4).
    for (Kind kind : {Kind::Hidden, Kind::Mlp, Kind::Attention}) {
        TraceHeatmap* map = panel->heatmap(kind);
        QCOMPARE(map->tokenCount(), 10);
        QCOMPARE(map->layerCount(), 2);
        QVERIFY(!map->isPartial());
        QVERIFY(!std::isnan(map->lowScore()));
        QVERIFY(!std::isnan(map->highScore()));
        for (int t = 0; t < map->tokenCount(); ++t)
            for (int l = 0; l < map->layerCount(); ++l)
                QVERIFY(!std::isnan(map->cellValue(t, l)));
    }
    QCOMPARE(panel->subjectBegin(), 1);
    QCOMPARE(panel->subjectEnd(), 4);
    QCOMPARE(panel->tracedSubject(), kSubject);
    // The subject rows are starred on the map's token axis.
    auto ticker = panel->heatmap(Kind::Mlp)->plot()->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QVERIFY(ticker->ticks().value(1).endsWith(QLatin1Char('*')));
    QVERIFY(ticker->ticks().value(3).endsWith(QLatin1Char('*')));
    QVERIFY(!ticker->ticks().value(4).endsWith(QLatin1Char('*')));
    QVERIFY(panel->summaryLabel()->text().contains(QStringLiteral("cells in")));
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
}

void TestTrace::traceFilledTheEditForm()
{
    EditPanel* edit = w_->editPanel();
    QCOMPARE(edit->templateEdit()->text(), QStringLiteral("The {} is located in the city of"));
    QCOMPARE(edit->subjectEdit()->text(), kSubject);
    QCOMPARE(edit->targetTrueEdit()->text(), w_->tracePanel()->answer());
}

void TestTrace::clickingACellSetsTheEditLayer()
{
    TracePanel* panel = w_->tracePanel();
    TraceHeatmap* map = panel->heatmap(Kind::Mlp);
    QCOMPARE(w_->editPanel()->layer(), -1);  // the engine decides until a cell is clicked
    QCustomPlot* plot = map->plot();
    plot->replot();
    const int token = 3, layer = 1;
    const QPoint at(int(plot->xAxis->coordToPixel(layer)), int(plot->yAxis->coordToPixel(token)));
    QSignalSpy selected(map, &TraceHeatmap::cellSelected);
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().at(0).toInt(), token);
    QCOMPARE(selected.first().at(1).toInt(), layer);
    QCOMPARE(w_->editPanel()->layer(), layer);
    QCOMPARE(lancet::gui::requestLayer(w_->editPanel()->request()), layer);
    // The other maps show the same cell.
    QCOMPARE(panel->heatmap(Kind::Hidden)->selectedLayer(), layer);
    QCOMPARE(panel->heatmap(Kind::Attention)->selectedToken(), token);

    const QPoint first(int(plot->xAxis->coordToPixel(0)), int(plot->yAxis->coordToPixel(token)));
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, first);
    QCOMPARE(w_->editPanel()->layer(), 0);
}

void TestTrace::escCancelsALongTrace()
{
    TracePanel* panel = w_->tracePanel();
    w_->problemsDock()->clearAll();
    // On the tiny model 5000 samples take tens of seconds: far longer than the
    // test waits, while the setup (clean and corrupted runs) stays quick.
    panel->samplesSpin()->setValue(5000);
    // traceSetup is emitted on the engine thread: counted on this one, through
    // a queued connection, never by a spy written from the engine thread.
    int setups = 0;
    const QMetaObject::Connection counting =
        connect(w_->bridge(), &EngineBridge::traceSetup, this, [&setups] { ++setups; }, Qt::QueuedConnection);
    QSignalSpy ended(panel, &TracePanel::traceEnded);
    QVERIFY(w_->trace() != 0);
    QTRY_VERIFY_WITH_TIMEOUT(setups > 0, kEngineTimeoutMs);
    disconnect(counting);
    QVERIFY(panel->isRunning());
    QTRY_VERIFY(w_->jobMonitor()->hasActive());  // progress and cancel in the status bar

    QVERIFY(QTest::qWaitForWindowActive(w_.get()));
    w_->promptPanel()->promptEdit()->setFocus();  // Esc works wherever the focus is
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), kEngineTimeoutMs);
    QVERIFY(!panel->isRunning());

    for (Kind kind : {Kind::Hidden, Kind::Mlp, Kind::Attention}) {
        TraceHeatmap* map = panel->heatmap(kind);
        QVERIFY(map->isPartial());
        QVERIFY(!map->isComplete());
        QVERIFY(map->titleText().contains(QStringLiteral("partial")));
    }
    QVERIFY2(countOf(w_->problemsDock(), Severity::Error) == 0, qPrintable(problemsText(w_->problemsDock())));
    QTRY_VERIFY(!w_->jobMonitor()->hasActive());
    QVERIFY(w_->traceAction()->isEnabled());

    // A new trace clears the partial marking.
    panel->samplesSpin()->setValue(4);
    QSignalSpy done(w_.get(), &MainWindow::traceDone);
    QVERIFY(w_->trace() != 0);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), kEngineTimeoutMs);
    QVERIFY(!panel->heatmap(Kind::Mlp)->isPartial());
    QVERIFY(panel->heatmap(Kind::Mlp)->isComplete());
}

void TestTrace::traceNeedsAPrompt()
{
    w_->promptPanel()->setPrompt(QString());
    QVERIFY(!w_->traceAction()->isEnabled());
    QCOMPARE(w_->trace(), quint64(0));
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
}

// Issue 19: the lecture is in Chinese, and GPT-2's byte-level tokens cut
// characters it has no token for into pieces. Each piece decoded alone was
// U+FFFD, so the map's rows read "� � � …". Each character must now show once.
void TestTrace::chineseTokensReadable()
{
    const QString prompt = QStringLiteral("台北101位於哪個城市？");
    TracePanel* panel = w_->tracePanel();
    w_->promptPanel()->setPrompt(prompt);
    panel->subjectEdit()->setText(QStringLiteral("台北101"));
    panel->samplesSpin()->setValue(2);
    QSignalSpy done(w_.get(), &MainWindow::traceDone);
    QVERIFY(w_->trace() != 0);
    QVERIFY(done.wait(kEngineTimeoutMs) || !done.isEmpty());
    const QStringList rows = panel->heatmap(TraceHeatmap::Kind::Hidden)->tokens();
    QVERIFY(rows.size() > prompt.size() / 2);
    QString joined;
    int continuations = 0;
    for (const QString& row : rows) {
        QVERIFY2(!row.contains(QChar(0xfffd)) && !row.contains(QLatin1String("\\x")), qPrintable(rows.join(u'|')));
        if (row == QStringLiteral("⋯"))
            ++continuations;
        else
            joined += row;
    }
    QCOMPARE(joined, prompt);
    QVERIFY2(continuations > 0, qPrintable(rows.join(u'|')));  // some character was split, and shown once
    // LANCET_TEST_SHOTS=DIR: the maps as drawn, to look at.
    if (const QString dir = qEnvironmentVariable("LANCET_TEST_SHOTS"); !dir.isEmpty())
        panel->grab().save(dir + QStringLiteral("/trace-chinese.png"));
    // The same rule for the other views' token lists (patching, logit lens).
    QCOMPARE(lancet::app::tokenLabels({"\xe5\x8f", "\xb0"}), QStringList({QStringLiteral("台"), QStringLiteral("⋯")}));
}

QTEST_MAIN(TestTrace)
#include "test_trace.moc"
