// The test-time training window (Edit ▸ Test-Time Training…, issue 17): a
// short demo-shift stream on the demo model, drawn live one line per method,
// phases marked, the summary filled, export parseable; cancel (Esc) stops a
// long run and leaves the model's weights bit-identical.
#include "gui_test_util.h"

#include "curve_plot.h"
#include "inplace_demo_dialog.h"
#include "ttt_dialog.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::app::EngineBridge;
using lancet::widgets::CurvePlot;

namespace {

QString demoModel() { return QDir::cleanPath(QStringLiteral(LANCET_DEMO_MODEL)); }

}  // namespace

class TestTttDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void menuEntryWithItsOwnShortcut();
    void defaultsAreTheLectureCommand();
    void shortStreamDrawsOneLinePerMethod();
    void exportWritesParseableJsonAndCsv();
    void escCancelsAndLeavesTheWeightsBitIdentical();
    void digestTellsWeightsApart();
    void longDocumentComparesTheSettingsAndLeavesTheWeights();

public:
    static void initMain() { isolateEnvironment(); }

private:
    QString digest();
    QJsonArray topTokens(const QString& prompt);
    TttDialog* shortRunDialog();
    std::unique_ptr<MainWindow> w_;
    bool ranShort_ = false;
};

QString TestTttDialog::digest()
{
    auto job = w_->bridge()->weightDigest();
    QString out;
    bool done = false;
    job.result.then(this, [&](const QString& d) {
        out = d;
        done = true;
    }).onFailed(this, [&](const lancet::app::JobError&) { done = true; });
    for (int waited = 0; !done && waited < kEngineTimeoutMs; waited += 50)
        QTest::qWait(50);
    return out;
}

QJsonArray TestTttDialog::topTokens(const QString& prompt)
{
    QSignalSpy finished(w_->bridge(), &EngineBridge::jobFinished);
    const quint64 id = w_->bridge()->predict(prompt, 20);
    for (int waited = 0; waited < kEngineTimeoutMs; waited += 200) {
        for (const auto& args : finished)
            if (args.at(0).toULongLong() == id)
                return args.at(2).toJsonObject().value(QStringLiteral("top")).toArray();
        finished.wait(200);
    }
    return {};
}

void TestTttDialog::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    QSignalSpy loaded(w_.get(), &MainWindow::modelLoaded);
    QVERIFY(w_->openModel(demoModel()));
    QVERIFY(loaded.wait(kEngineTimeoutMs) || loaded.count() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(w_->tttAction()->isEnabled(), kEngineTimeoutMs);
}

void TestTttDialog::menuEntryWithItsOwnShortcut()
{
    QAction* a = w_->tttAction();
    QCOMPARE(a->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    // No other action of the window answers the same keys.
    for (QAction* other : w_->findChildren<QAction*>())
        if (other != a)
            QVERIFY2(!other->shortcuts().contains(a->shortcut()), qPrintable(other->text()));
    // It is in the Edit menu, beside Sequential Edits.
    bool inEdit = false;
    for (QAction* m : w_->menuBar()->actions())
        if (m->menu() && m->text().remove(u'&') == QStringLiteral("Edit"))
            inEdit = m->menu()->actions().contains(a);
    QVERIFY(inEdit);
    a->trigger();
    auto* d = w_->findChild<TttDialog*>();
    QVERIFY(d);
    QVERIFY(d->isVisible());
    QVERIFY(!d->isModal());
}

void TestTttDialog::defaultsAreTheLectureCommand()
{
    TttDialog* d = w_->showTtt();
    QVERIFY(d);
    const auto specs = d->methodSpecs();
    QStringList labels;
    for (const auto& s : specs) {
        labels << QString::fromStdString(s.display());
        QCOMPARE(s.lr, 0.01);
        QCOMPARE(s.steps, 1);
    }
    QCOMPARE(labels, QStringList({QStringLiteral("none"), QStringLiteral("tent"), QStringLiteral("episodic"),
                                  QStringLiteral("reset:25"), QStringLiteral("fastslow")}));
    QCOMPARE(specs[1].kind, std::string("continual"));
    QCOMPARE(specs[3].reset_every, 25);
    // Each method's box teaches what it does.
    for (const QString& key : {QStringLiteral("tent"), QStringLiteral("episodic"), QStringLiteral("reset"),
                               QStringLiteral("fastslow")}) {
        auto* box = d->findChild<QWidget*>(QStringLiteral("tttMethod_") + key);
        QVERIFY(box);
        QVERIFY2(box->toolTip().size() > 60, qPrintable(key));
    }
    QVERIFY(d->findChild<QWidget*>(QStringLiteral("tttMethod_tent"))->toolTip().contains(QStringLiteral("TENT")));
    QVERIFY(d->findChild<QWidget*>(QStringLiteral("tttMethod_reset"))->toolTip().contains(QStringLiteral("RDumb")));
    QVERIFY(d->findChild<QWidget*>(QStringLiteral("tttMethod_fastslow"))->toolTip().contains(QStringLiteral("Dynamic-SUTA")));
    // The perplexity view is on a log scale; the protocol is said.
    QVERIFY(d->plot(TttDialog::View::Perplexity)->logScale());
    QVERIFY(!d->plot(TttDialog::View::Accuracy)->logScale());
}

TttDialog* TestTttDialog::shortRunDialog()
{
    TttDialog* d = w_->showTtt();
    if (!d || ranShort_)
        return d;
    d->setDemoShift(2, 1);  // 8 inputs: two per phase
    d->setCheckedMethods({QStringLiteral("none"), QStringLiteral("tent"), QStringLiteral("episodic")});
    d->setLearningRate(0.01);
    d->setProbeEvery(4);
    d->setProbeSize(128, 8);
    d->setWindow(2);
    QSignalSpy records(w_->bridge(), &EngineBridge::tttRecord);
    QSignalSpy probes(w_->bridge(), &EngineBridge::tttForgetting);
    QSignalSpy finished(d, &TttDialog::finished);
    const QString before = digest();
    if (d->run() == 0)
        return nullptr;
    if (!finished.wait(kEngineTimeoutMs * 3) && finished.isEmpty())
        return nullptr;
    if (!finished.first().first().toBool())
        qWarning("%s", qPrintable(d->statusText()));
    // Live: every input of every method crossed as a signal while it ran.
    if (records.count() != 3 * 8 || probes.count() != 3 * 3)
        qWarning("records %d probes %d", int(records.count()), int(probes.count()));
    ranShort_ = finished.first().first().toBool() && records.count() == 24 && probes.count() == 9 && digest() == before;
    return d;
}

void TestTttDialog::shortStreamDrawsOneLinePerMethod()
{
    TttDialog* d = shortRunDialog();
    QVERIFY(d);
    QVERIFY2(ranShort_, qPrintable(d->statusText()));
    QVERIFY2(d->statusText().contains(QStringLiteral("Done")), qPrintable(d->statusText()));
    QCOMPARE(d->runCount(), 3);
    for (auto view : {TttDialog::View::Accuracy, TttDialog::View::Entropy, TttDialog::View::DeltaNorm,
                      TttDialog::View::Recall, TttDialog::View::Perplexity}) {
        CurvePlot* p = d->plot(view);
        QCOMPARE(p->runCount(), 3);  // one line per method, the same order (colour) in every view
        QCOMPARE(p->runNames().at(1), QStringLiteral("TENT, continual"));
        // The demo shift's four phases are marked on every view.
        QCOMPARE(p->markerCount(), 4);
    }
    CurvePlot* acc = d->plot(TttDialog::View::Accuracy);
    CurvePlot* ent = d->plot(TttDialog::View::Entropy);
    CurvePlot* dn = d->plot(TttDialog::View::DeltaNorm);
    CurvePlot* recall = d->plot(TttDialog::View::Recall);
    CurvePlot* ppl = d->plot(TttDialog::View::Perplexity);
    for (int m = 0; m < 3; ++m) {
        QCOMPARE(acc->pointCount(m), 8);
        QCOMPARE(ent->pointCount(m), 8);
        QCOMPARE(recall->pointCount(m), 3);  // before, after 4, after 8
        QCOMPARE(ppl->pointCount(m), 3);
        QVERIFY(d->runEnded(m));
        QCOMPARE(d->runAt(m).status, lancet::TttStatus::Completed);
        QVERIFY(d->runAt(m).weights_restored);
        const double a = acc->value(m, 0, 7);
        QVERIFY(a >= 0 && a <= 100);
        QVERIFY(ent->value(m, 0, 7) > 0);
        QVERIFY(ppl->value(m, 0, 0) > 1);
    }
    // The frozen model does not move; continual TENT does, and stays away from θ₀.
    QCOMPARE(dn->value(0, 0, 7), 0.0);
    QVERIFY(dn->value(1, 0, 7) > 0);
    // Before any input every method sees the same model.
    QCOMPARE(recall->value(1, 0, 0), recall->value(0, 0, 0));
    QCOMPARE(ppl->value(1, 0, 0), ppl->value(0, 0, 0));
    // The summary: one row per method, in its line's colour, with its status.
    QTableWidget* t = d->summaryTable();
    QCOMPARE(t->rowCount(), 3);
    for (int m = 0; m < 3; ++m) {
        QCOMPARE(t->item(m, 0)->foreground().color(), CurvePlot::runColor(m));
        QCOMPARE(t->item(m, 5)->text(), QStringLiteral("completed"));
        QVERIFY(t->item(m, 2)->text().contains(QStringLiteral("→")));
        QVERIFY(t->item(m, 3)->text().contains(QStringLiteral("→")));
    }
}

void TestTttDialog::exportWritesParseableJsonAndCsv()
{
    TttDialog* d = shortRunDialog();
    QVERIFY(d);
    QVERIFY(ranShort_);
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("ttt.json"));
    QVERIFY(d->exportData(json));
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
    const QJsonArray runs = doc.object().value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 3);
    for (const auto& r : runs) {
        QCOMPARE(r.toObject().value(QStringLiteral("records")).toArray().size(), 8);
        QCOMPARE(r.toObject().value(QStringLiteral("forgetting")).toArray().size(), 3);
    }
    QCOMPARE(doc.object().value(QStringLiteral("partial")).toBool(true), false);

    const QString csv = dir.filePath(QStringLiteral("ttt.csv"));
    QVERIFY(d->exportData(csv));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = c.readAll().trimmed().split('\n');
    QVERIFY(lines.first().startsWith("method,index,segment"));
    int rows = 0;
    for (const QByteArray& l : lines)
        if (l.startsWith("none,") || l.startsWith("tent,") || l.startsWith("episodic,"))
            ++rows;
    QCOMPARE(rows, 24);
}

void TestTttDialog::escCancelsAndLeavesTheWeightsBitIdentical()
{
    TttDialog* d = w_->showTtt();
    QVERIFY(d);
    const QString prompt = QStringLiteral("The Space Needle is located in the city of");
    const QString before = digest();
    QVERIFY(!before.isEmpty());
    const QJsonArray topBefore = topTokens(prompt);
    QVERIFY(!topBefore.isEmpty());

    // The lecture's long run, continual TENT at a high rate: cut after a few inputs.
    d->setDemoShift(25, 2);
    d->setCheckedMethods({QStringLiteral("tent"), QStringLiteral("episodic")});
    d->setLearningRate(0.03);
    d->setProbeEvery(0);
    QSignalSpy records(w_->bridge(), &EngineBridge::tttRecord);
    QSignalSpy finished(d, &TttDialog::finished);
    QVERIFY(d->run() != 0);
    QVERIFY(d->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(records.count() >= 5, kEngineTimeoutMs);
    d->activateWindow();
    QTest::keyClick(d, Qt::Key_Escape);
    QVERIFY(finished.wait(kEngineTimeoutMs) || !finished.isEmpty());
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!d->isRunning());
    QVERIFY(d->isVisible());  // Esc cancelled the run, it did not close the window
    QVERIFY2(d->statusText().contains(QStringLiteral("Cancelled")), qPrintable(d->statusText()));
    // It stopped early: far fewer than the 200 inputs of each of two methods.
    QVERIFY(records.count() < 200);
    QVERIFY(d->runAt(0).records.size() >= 5);
    QVERIFY(d->runAt(0).records.back().delta_norm > 0);  // it had adapted when it was cut
    // The weights are bit for bit what they were, and answer the same.
    QCOMPARE(digest(), before);
    QCOMPARE(topTokens(prompt), topBefore);
    // What was measured before the cut can still be exported.
    QTemporaryDir dir;
    QVERIFY(d->exportData(dir.filePath(QStringLiteral("cut.json"))));
}

// The digest the cancel test trusts is not a constant: another model's weights give another.
void TestTttDialog::digestTellsWeightsApart()
{
    const QString demo = digest();
    QVERIFY(!demo.isEmpty());
    QVERIFY(openTinyModel(*w_));
    const QString tiny = digest();
    QVERIFY(!tiny.isEmpty());
    QVERIFY(tiny != demo);
    // The tiny fixture has no facts.json: the demo shift is not offered, a text file is.
    TttDialog* d = w_->showTtt();
    QVERIFY(d);
    QVERIFY(!d->findChild<QWidget*>(QStringLiteral("tttDemoShift"))->isEnabled());
    QVERIFY(!d->findChild<QWidget*>(QStringLiteral("tttRun"))->isEnabled());  // no file chosen yet
    d->setStreamFile(QStringLiteral("/nonexistent/stream.txt"));
    QVERIFY(d->findChild<QWidget*>(QStringLiteral("tttRun"))->isEnabled());
    QSignalSpy finished(d, &TttDialog::finished);
    QVERIFY(d->run() != 0);
    QVERIFY(finished.wait(kEngineTimeoutMs) || !finished.isEmpty());
    QCOMPARE(finished.first().first().toBool(), false);  // a missing file is an error shown, not a crash
    QVERIFY2(d->statusText().startsWith(QStringLiteral("Failed")), qPrintable(d->statusText()));
}

// In-Place TTT's long-document demonstration from the window's "Long document…"
// button: four settings in the table (the demo model ships its trained add-on),
// the per-chunk loss of the three that read the document as lines, and the
// model's weights bit-identical afterwards.
void TestTttDialog::longDocumentComparesTheSettingsAndLeavesTheWeights()
{
    TttDialog* t = w_->showTtt();
    QVERIFY(t);
    InplaceDemoDialog* d = t->showInplaceDemo();
    QVERIFY(d && d->isVisible());
    d->setFacts(4);
    d->setFinetuneEpochs(1);
    // The tiny fixture (loaded by the test before) has no facts to invent people from: a clear error.
    QSignalSpy refused(d, &InplaceDemoDialog::finished);
    QVERIFY(d->run() != 0);
    QVERIFY(refused.wait(kEngineTimeoutMs) || !refused.isEmpty());
    QCOMPARE(refused.first().first().toBool(), false);
    QVERIFY2(d->statusText().contains(QStringLiteral("facts")), qPrintable(d->statusText()));

    QSignalSpy loaded(w_.get(), &MainWindow::modelLoaded);
    QVERIFY(w_->openModel(demoModel()));
    QVERIFY(loaded.wait(kEngineTimeoutMs) || loaded.count() > 0);
    const QString before = digest();
    QSignalSpy finished(d, &InplaceDemoDialog::finished);
    QVERIFY(d->run() != 0);
    QVERIFY(d->run() == 0);  // one at a time
    QVERIFY(finished.wait(kEngineTimeoutMs * 2) || !finished.isEmpty());
    QVERIFY2(finished.first().first().toBool(), qPrintable(d->statusText()));
    QCOMPARE(d->table()->rowCount(), 4);
    QCOMPARE(d->table()->item(0, 0)->text(), QStringLiteral("no adaptation"));
    QCOMPARE(d->table()->item(2, 0)->text(), QStringLiteral("in-place TTT, trained add-on"));
    QCOMPARE(d->plot()->runCount(), 3);
    const auto& r = d->result();
    QVERIFY(r.weights_restored);
    QCOMPARE(r.chunk_nll_addon.size(), r.chunk_nll_base.size());
    QVERIFY(r.document_tokens > r.context);
    QCOMPARE(digest(), before);
    d->close();
}

QTEST_MAIN(TestTttDialog)
#include "test_ttt_dialog.moc"
