// Sessions: save (atomically) and reopen; autosave and the recovery offer after
// a crash; a clean shutdown leaves nothing to recover.
#include "gui_test_util.h"

#include "autosave.h"
#include "edit_panel.h"
#include "generation_panel.h"
#include "lens_panel.h"
#include "message_bar.h"
#include "patch_check_view.h"
#include "patching_panel.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "session.h"
#include "trace_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;

class TestSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void saveAndReopen();
    void roundTripKeepsEverything();
    void patchingAndLensTabsRoundTrip();
    void unreadableSessionIsAProblem();
    void failedSaveKeepsTheOldFile();
    void autosaveAndRecoveryAfterACrash();
    void cleanShutdownOffersNoRecovery();
    void autosaveHoldsASessionBeingRestored();

public:
    static void initMain() { isolateEnvironment(); }

private:
    QTemporaryDir dir_;
};

namespace {
TraceSettings someTraceSettings()
{
    TraceSettings t;
    t.subject = kSubject;
    t.target = QStringLiteral(" Seattle");
    t.samples = 7;
    t.noiseMultiplier = 2.5;
    t.window = 1;
    t.seed = 42;
    return t;
}

EditRequest someDraft()
{
    EditRequest r;
    r.prompt = "The {} is located in the city of";
    r.subject = kSubject.toStdString();
    r.target_new = " Paris";
    r.target_true = " Seattle";
    r.layers = {1};
    r.hparams = {{"v_num_grad_steps", 7}};  // the generated form carries it through the session
    return r;
}

bool waitRestored(MainWindow& w, QSignalSpy& spy)
{
    return spy.wait(kEngineTimeoutMs) || !spy.isEmpty();
}
}  // namespace

void TestSession::saveAndReopen()
{
    const QString path = dir_.path() + QStringLiteral("/nested/folder/demo.lancet-session.json");
    {
        MainWindow w;
        w.show();
        QVERIFY(openTinyModel(w));
        w.promptPanel()->setPrompt(kPrompt);
        w.tracePanel()->setSettings(someTraceSettings());
        w.editPanel()->setRequest(someDraft());
        w.scorecardPanel()->setEvaluationPrompts({QStringLiteral("The Space Needle is in")},
                                                 {{QStringLiteral("The Eiffel Tower is in"), QStringLiteral(" Paris")}});
        QString error;
        QVERIFY2(w.saveSession(path, &error), qPrintable(error));
        QCOMPARE(w.sessionPath(), path);
        QVERIFY(w.windowTitle().contains(QStringLiteral("demo.lancet-session.json")));
    }
    // What is on disk: documented fields.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("lancet-session"));
    const QJsonObject model = o.value(QStringLiteral("model")).toObject();
    QCOMPARE(model.value(QStringLiteral("path")).toString(), QDir::cleanPath(tinyModel()));
    QVERIFY(!model.value(QStringLiteral("device")).toString().isEmpty());
    QVERIFY(!model.value(QStringLiteral("dtype")).toString().isEmpty());
    QVERIFY(o.value(QStringLiteral("edits")).isArray());
    QCOMPARE(o.value(QStringLiteral("prompts")).toObject().value(QStringLiteral("prompt")).toString(), kPrompt);
    QCOMPARE(o.value(QStringLiteral("trace")).toObject().value(QStringLiteral("samples")).toInt(), 7);

    MainWindow w2;
    w2.show();
    QSignalSpy restored(&w2, &MainWindow::sessionRestored);
    QVERIFY(w2.openSession(path));
    QVERIFY(waitRestored(w2, restored));
    QVERIFY(w2.modelReady());
    QCOMPARE(w2.modelPath(), QDir::cleanPath(tinyModel()));
    QCOMPARE(w2.promptPanel()->prompt(), kPrompt);
    const TraceSettings t = w2.tracePanel()->settings();
    QCOMPARE(t.subject, kSubject);
    QCOMPARE(t.samples, 7);
    QCOMPARE(t.noiseMultiplier, 2.5);
    QCOMPARE(t.window, 1);
    QCOMPARE(t.seed, quint64(42));
    const EditRequest d = w2.editPanel()->request();
    QCOMPARE(d.prompt, someDraft().prompt);
    QCOMPARE(d.target_new, std::string(" Paris"));
    QCOMPARE(d.layers, std::vector<int>{1});
    QCOMPARE(d.hparams.value("v_num_grad_steps", 0), 7);
    QCOMPARE(w2.scorecardPanel()->paraphrases(), QStringList{QStringLiteral("The Space Needle is in")});
    QCOMPARE(w2.scorecardPanel()->neighbours().size(), 1);
    QCOMPARE(w2.scorecardPanel()->neighbours().first().answer, QStringLiteral(" Paris"));
    QVERIFY(!w2.hasUnsavedEdits());
}

void TestSession::roundTripKeepsEverything()
{
    Session s;
    s.modelPath = QStringLiteral("/models/gpt2-xl");
    s.device = QStringLiteral("cuda");
    s.dtype = QStringLiteral("float16");
    s.devices = QStringLiteral("cuda:0,cuda:1");
    s.placement = QStringLiteral("balanced");
    EditRequest a = someDraft();
    a.paraphrase_prompts = {"p1", "p2"};
    a.locality_prompts = {{"n1", " a1"}};
    EditRequest b = someDraft();
    b.subject = "Eiffel Tower";
    b.layers.clear();
    b.hparams = {{"key_mode", "original"}};
    s.edits = {a, b};
    s.prompt = kPrompt;
    s.trace = someTraceSettings();
    const QString path = dir_.path() + QStringLiteral("/roundtrip.json");
    QString error;
    QVERIFY2(s.save(path, &error), qPrintable(error));
    Session back;
    QVERIFY2(Session::load(path, &back, &error), qPrintable(error));
    QCOMPARE(back.modelPath, s.modelPath);
    QCOMPARE(back.device, s.device);
    QCOMPARE(back.dtype, s.dtype);
    QCOMPARE(back.devices, s.devices);
    QCOMPARE(back.placement, s.placement);
    QCOMPARE(back.edits.size(), 2);
    QCOMPARE(back.edits[0].paraphrase_prompts, a.paraphrase_prompts);
    QCOMPARE(back.edits[0].locality_prompts.front().answer, std::string(" a1"));
    QCOMPARE(back.edits[1].subject, std::string("Eiffel Tower"));
    QVERIFY(back.edits[1].layers.empty());
    QCOMPARE(back.edits[1].hparams.value("key_mode", std::string()), std::string("original"));
    // A session of an earlier version: "layer" and the "rome-original" method.
    QJsonObject old{{QStringLiteral("prompt"), QStringLiteral("{} is in")}, {QStringLiteral("subject"), QStringLiteral("X")},
                    {QStringLiteral("target_new"), QStringLiteral(" Y")}, {QStringLiteral("target_true"), QString()},
                    {QStringLiteral("layer"), 3}, {QStringLiteral("method"), QStringLiteral("rome-original")}};
    const EditRequest migrated = lancet::gui::requestFromJson(old);
    QCOMPARE(migrated.layers, std::vector<int>{3});
    QCOMPARE(migrated.method, std::string("rome"));
    QCOMPARE(migrated.hparams.value("key_mode", std::string()), std::string("original"));
    QVERIFY(!migrated.target_true.has_value());
    QCOMPARE(back.trace.seed, quint64(42));
}

void TestSession::patchingAndLensTabsRoundTrip()
{
    const QString path = dir_.path() + QStringLiteral("/locate.lancet-session.json");
    {
        MainWindow w;
        PatchingPanel* p = w.patchingPanel();
        p->cleanEdit()->setText(QStringLiteral("The Golden Gate is in"));
        p->corruptedEdit()->setText(QStringLiteral("The Big Ben is in"));
        p->methodCombo()->setCurrentIndex(p->methodCombo()->findData(QStringLiteral("attribution")));
        p->directionCombo()->setCurrentIndex(p->directionCombo()->findData(QStringLiteral("noising")));
        p->metricCombo()->setCurrentIndex(p->metricCombo()->findData(QStringLiteral("prob")));
        p->siteCheck(QStringLiteral("attn"))->setChecked(false);
        p->siteCheck(QStringLiteral("heads"))->setChecked(false);
        p->checkView()->countSpin()->setValue(35);
        LensPanel* l = w.lensPanel();
        l->promptEdit()->setText(QStringLiteral("The Louvre is in the city of"));
        l->answerEdit()->setText(QStringLiteral("Paris"));
        l->topKSpin()->setValue(9);
        l->shadingCombo()->setCurrentIndex(1);
        QString error;
        QVERIFY2(w.currentSession().save(path, &error), qPrintable(error));
    }
    Session back;
    QString error;
    QVERIFY2(Session::load(path, &back, &error), qPrintable(error));
    QCOMPARE(back.patching.value(QStringLiteral("method")).toString(), QStringLiteral("attribution"));
    MainWindow w2;
    w2.applySession(back);
    PatchingPanel* p = w2.patchingPanel();
    QCOMPARE(p->cleanEdit()->text(), QStringLiteral("The Golden Gate is in"));
    QCOMPARE(p->corruptedEdit()->text(), QStringLiteral("The Big Ben is in"));
    QCOMPARE(p->methodCombo()->currentData().toString(), QStringLiteral("attribution"));
    QCOMPARE(p->directionCombo()->currentData().toString(), QStringLiteral("noising"));
    QCOMPARE(p->metricCombo()->currentData().toString(), QStringLiteral("prob"));
    QVERIFY(p->siteCheck(QStringLiteral("hidden"))->isChecked() && p->siteCheck(QStringLiteral("mlp"))->isChecked());
    QVERIFY(!p->siteCheck(QStringLiteral("attn"))->isChecked() && !p->siteCheck(QStringLiteral("heads"))->isChecked());
    QCOMPARE(p->checkView()->countSpin()->value(), 35);
    LensPanel* l = w2.lensPanel();
    QCOMPARE(l->promptEdit()->text(), QStringLiteral("The Louvre is in the city of"));
    QCOMPARE(l->answerEdit()->text(), QStringLiteral("Paris"));
    QCOMPARE(l->topKSpin()->value(), 9);
    QCOMPARE(l->shadingCombo()->currentIndex(), 1);

    // Bad values are ignored, not fatal: the fields keep what they had.
    Session bad;
    bad.patching = QJsonObject{{QStringLiteral("method"), QStringLiteral("telepathy")}, {QStringLiteral("sites"), 3},
                               {QStringLiteral("check_cells"), 1e9}, {QStringLiteral("clean"), 17}};
    bad.lens = QJsonObject{{QStringLiteral("top_k"), -4}, {QStringLiteral("shading"), QStringLiteral("plaid")}};
    w2.applySession(bad);
    QCOMPARE(p->methodCombo()->currentData().toString(), QStringLiteral("attribution"));
    QCOMPARE(p->cleanEdit()->text(), QStringLiteral("The Golden Gate is in"));
    QVERIFY(p->siteCheck(QStringLiteral("hidden"))->isChecked());
    QCOMPARE(p->checkView()->countSpin()->value(), p->checkView()->countSpin()->maximum());
    QCOMPARE(l->topKSpin()->value(), l->topKSpin()->minimum());
    QCOMPARE(l->shadingCombo()->currentIndex(), 1);
    // A session of before these tabs were saved has neither key: the tabs keep their fields.
    QVERIFY(!Session::fromJson(QJsonObject{{QStringLiteral("format"), QStringLiteral("lancet-session")}}).patching.contains(
        QStringLiteral("method")));
}

void TestSession::unreadableSessionIsAProblem()
{
    const QString path = dir_.path() + QStringLiteral("/garbage.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    MainWindow w;
    w.show();
    QVERIFY(!w.openSession(path));
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(countOf(w.problemsDock(), Severity::Error), 1);
    QVERIFY(w.messageBar()->isShowing());
    QVERIFY(!w.openSession(dir_.path() + QStringLiteral("/missing.json")));
    QCOMPARE(w.problemsDock()->count(), 1);  // same key: replaced, not stacked
}

void TestSession::failedSaveKeepsTheOldFile()
{
    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/keep.json");
    Session s;
    s.prompt = QStringLiteral("first");
    QVERIFY(s.save(path));
    s.prompt = QStringLiteral("second");
    QVERIFY(s.save(path));
    // Written through a temporary file and renamed: nothing else left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("keep.json")});
    Session back;
    QVERIFY(Session::load(path, &back));
    QCOMPARE(back.prompt, QStringLiteral("second"));

    // A save that cannot happen (the folder is a file, even for root) says why
    // and leaves the old session as it was.
    QString error;
    s.prompt = QStringLiteral("third");
    QVERIFY(!s.save(path + QStringLiteral("/inside.json"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(Session::load(path, &back));
    QCOMPARE(back.prompt, QStringLiteral("second"));

    // And through the window: an error entry, no dialog.
    MainWindow w;
    QVERIFY(!w.saveSession(path + QStringLiteral("/inside.json"), &error));
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QVERIFY(w.sessionPath().isEmpty());
}

void TestSession::autosaveAndRecoveryAfterACrash()
{
    StartupOptions options;
    options.modelPath = tinyModel();
    QString autosavePath;
    {
        auto* w = new MainWindow;
        w->show();
        QSignalSpy loaded(w, &MainWindow::modelLoaded);
        w->startup(options);
        QVERIFY(loaded.wait(kEngineTimeoutMs) || !loaded.isEmpty());
        QVERIFY(w->autosave()->active());
        QCOMPARE(w->autosave()->interval(), 60 * 1000);
        QVERIFY(!w->autosave()->previousRunCrashed());
        w->promptPanel()->setPrompt(QStringLiteral("Autosaved prompt"));
        QVERIFY(w->autosave()->saveNow());
        autosavePath = w->autosave()->autosavePath();
        QVERIFY(QFile::exists(autosavePath));
        QVERIFY(QFile::exists(w->autosave()->markerPath()));
        // A crash: the window goes without closeEvent, so the marker stays.
        delete w;
    }
    MainWindow w2;
    w2.show();
    QSignalSpy loaded(&w2, &MainWindow::modelLoaded);
    w2.startup(options);
    QVERIFY(w2.autosave()->previousRunCrashed());
    // Still offered once the model has opened (which dismisses a model message).
    QVERIFY(loaded.wait(kEngineTimeoutMs) || !loaded.isEmpty());
    QVERIFY(w2.messageBar()->isShowing() &&
            w2.messageBar()->text().contains(QStringLiteral("did not shut down cleanly")));
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(w2.messageBar()->actionCount(), 2);
    QCOMPARE(w2.messageBar()->actionButton(0)->text(), QStringLiteral("Recover"));
    QSignalSpy restored(&w2, &MainWindow::sessionRestored);
    QTest::mouseClick(w2.messageBar()->actionButton(0), Qt::LeftButton);
    QVERIFY(restored.wait(kEngineTimeoutMs) || !restored.isEmpty());
    QCOMPARE(w2.promptPanel()->prompt(), QStringLiteral("Autosaved prompt"));
    QVERIFY(w2.modelReady());
    // Offered once: the recovered file is gone.
    QVERIFY(!w2.autosave()->hasRecovery());
    QVERIFY(w2.close());
    QVERIFY(!QFile::exists(w2.autosave()->markerPath()));
}

void TestSession::cleanShutdownOffersNoRecovery()
{
    StartupOptions options;
    options.modelPath = tinyModel();
    MainWindow w;
    w.show();
    w.startup(options);
    QVERIFY(!w.autosave()->previousRunCrashed());
    QVERIFY(!w.messageBar()->isShowing() || !w.messageBar()->text().contains(QStringLiteral("cleanly")));
    // A second instance does not take the first one's autosave.
    MainWindow other;
    other.startup(StartupOptions{QString(), false, true, true, false});
    QVERIFY(!other.autosave()->active());
    QVERIFY(w.close());
}

// Until a session's model is open and its edits replayed, the autosave is the
// whole session, not the half-restored window: a crash meanwhile (or during a
// recovery, which discards the crashed run's copy at once) loses no edit.
void TestSession::autosaveHoldsASessionBeingRestored()
{
    const QString path = dir_.path() + QStringLiteral("/restoring.lancet-session.json");
    Session s;
    s.modelPath = QDir::cleanPath(tinyModel());
    s.edits = {someDraft()};
    s.prompt = QStringLiteral("Being restored");
    QVERIFY(s.save(path));
    MainWindow w;
    w.show();
    w.startup(StartupOptions{QString(), false, true, false, false});
    QVERIFY(w.autosave()->active());
    QSignalSpy restored(&w, &MainWindow::sessionRestored);
    QVERIFY(w.openSession(path));
    Session autosaved;
    QVERIFY(Session::load(w.autosave()->autosavePath(), &autosaved));
    QCOMPARE(autosaved.edits.size(), 1);
    QCOMPARE(autosaved.prompt, s.prompt);
    QVERIFY(waitRestored(w, restored));
    QCOMPARE(restored.first().at(0).toInt(), 1);
    QVERIFY(Session::load(w.autosave()->autosavePath(), &autosaved));
    QCOMPARE(autosaved.edits.size(), 1);
    QVERIFY(w.close());
}

QTEST_MAIN(TestSession)
#include "test_session.moc"
