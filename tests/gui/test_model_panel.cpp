// Opening models: the model panel after a load, and what happens with folders
// that are not models (problems dock, message bar, never a modal dialog).
#include "gui_test_util.h"

#include "message_bar.h"
#include "model_panel.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QTreeWidget>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;

class TestModelPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void opensTheTinyModel();
    void recentModelsRemembered();
    void missingFolderIsAProblemNotADialog();
    void folderWithoutConfig();
    void pickleWeightsExplained();
    void engineErrorBecomesAProblem();
    void jumpToFocusesThePanel();

public:
    static void initMain() { isolateEnvironment(); }

private:
    MainWindow* window();
    std::unique_ptr<MainWindow> window_;
};

MainWindow* TestModelPanel::window()
{
    if (!window_) {
        window_ = std::make_unique<MainWindow>();
        window_->show();
    }
    return window_.get();
}

void TestModelPanel::opensTheTinyModel()
{
    MainWindow* w = window();
    QVERIFY(openTinyModel(*w));
    ModelPanel* panel = w->modelPanel();
    QVERIFY(panel->hasModel());
    QCOMPARE(panel->family(), QStringLiteral("gpt2"));
    QCOMPARE(panel->layerCount(), 2);
    QCOMPARE(panel->fieldText(QStringLiteral("layers")), QStringLiteral("2"));
    QCOMPARE(panel->fieldText(QStringLiteral("device")), QStringLiteral("cpu"));
    QCOMPARE(panel->fieldText(QStringLiteral("dtype")), QStringLiteral("float32"));
    QCOMPARE(panel->fieldText(QStringLiteral("vocab")), QStringLiteral("50257"));
    QCOMPARE(panel->fieldText(QStringLiteral("edits")), QStringLiteral("none"));
    QVERIFY(!panel->fieldText(QStringLiteral("parameters")).isEmpty());
    QVERIFY(!panel->fieldText(QStringLiteral("size")).isEmpty());

    // Two blocks in the tree, each with its tensors; c_proj of layer 0 among them.
    QCOMPARE(panel->layerItemCount(), 2);
    QTreeWidgetItem* layers = panel->tensorTree()->topLevelItem(0);
    QTreeWidgetItem* layer0 = layers->child(0);
    QCOMPARE(layer0->data(0, Qt::UserRole).toInt(), 0);
    QStringList names;
    for (int i = 0; i < layer0->childCount(); ++i)
        names << layer0->child(i)->text(0);
    QVERIFY2(names.contains(QStringLiteral("mlp.c_proj.weight")), qPrintable(names.join(QLatin1Char(','))));
    QVERIFY(w->windowTitle().contains(QStringLiteral("tiny-gpt2")));
    QCOMPARE(countOf(w->problemsDock(), Severity::Error), 0);
}

void TestModelPanel::recentModelsRemembered()
{
    MainWindow* w = window();
    QVERIFY(openTinyModel(*w));
    const QStringList recent = recent::models();
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.first(), QDir::cleanPath(tinyModel()));
}

void TestModelPanel::missingFolderIsAProblemNotADialog()
{
    MainWindow* w = window();
    w->problemsDock()->clearAll();
    QVERIFY(!w->openModel(QStringLiteral("/nonexistent/lancet/model")));
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(countOf(w->problemsDock(), Severity::Error), 1);
    QVERIFY(w->problemsDock()->textAt(0).contains(QStringLiteral("does not exist")));
    QVERIFY(w->messageBar()->isShowing());
    QVERIFY(w->messageBar()->text().contains(QStringLiteral("does not exist")));
    // The model already open stays open.
    QVERIFY(w->modelReady());
    // Repeats update the entry instead of piling up.
    QVERIFY(!w->openModel(QStringLiteral("/nonexistent/lancet/model")));
    QCOMPARE(w->problemsDock()->count(), 1);
}

void TestModelPanel::folderWithoutConfig()
{
    MainWindow* w = window();
    w->problemsDock()->clearAll();
    QTemporaryDir empty;
    QVERIFY(!w->openModel(empty.path()));
    QCOMPARE(countOf(w->problemsDock(), Severity::Error), 1);
    QVERIFY(w->problemsDock()->textAt(0).contains(QStringLiteral("config.json")));
    QCOMPARE(w->problemsDock()->targetAt(0), static_cast<QWidget*>(w->modelPanel()));
}

void TestModelPanel::pickleWeightsExplained()
{
    MainWindow* w = window();
    w->problemsDock()->clearAll();
    QTemporaryDir dir;
    QFile::copy(tinyModel() + QStringLiteral("/config.json"), dir.path() + QStringLiteral("/config.json"));
    QFile bin(dir.path() + QStringLiteral("/pytorch_model.bin"));
    QVERIFY(bin.open(QIODevice::WriteOnly));
    bin.write("not really");
    bin.close();
    QVERIFY(!w->openModel(dir.path()));
    QVERIFY(w->problemsDock()->textAt(0).contains(QStringLiteral("safetensors")));
}

void TestModelPanel::engineErrorBecomesAProblem()
{
    // Passes the folder check, fails in the engine: the weights are garbage.
    MainWindow* w = window();
    w->problemsDock()->clearAll();
    QTemporaryDir dir;
    for (const char* f : {"config.json", "vocab.json", "merges.txt"})
        QFile::copy(tinyModel() + QLatin1Char('/') + QLatin1String(f), dir.path() + QLatin1Char('/') + QLatin1String(f));
    QFile weights(dir.path() + QStringLiteral("/model.safetensors"));
    QVERIFY(weights.open(QIODevice::WriteOnly));
    weights.write("garbage, not a safetensors header");
    weights.close();
    QSignalSpy failed(w, &MainWindow::modelFailed);
    QVERIFY(w->openModel(dir.path()));
    QVERIFY(failed.wait(kEngineTimeoutMs) || failed.count() > 0);
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(countOf(w->problemsDock(), Severity::Error), 1);
    QVERIFY(w->problemsDock()->textAt(0).contains(QStringLiteral("Could not open the model")));
    QVERIFY(!w->modelReady());
    QVERIFY(!w->modelPanel()->hasModel());
    // And the window recovers with a good model.
    QVERIFY(openTinyModel(*w));
    QCOMPARE(w->problemsDock()->rowOfKey(QStringLiteral("model-open")), -1);
}

void TestModelPanel::jumpToFocusesThePanel()
{
    MainWindow* w = window();
    QVERIFY(QTest::qWaitForWindowActive(w));
    w->problemsDock()->clearAll();
    QVERIFY(!w->openModel(QStringLiteral("/nonexistent/again")));
    QVERIFY(w->problemsDock()->jumpTo(0));
    QTRY_VERIFY(w->modelPanel()->hasFocus() || w->modelPanel()->isAncestorOf(QApplication::focusWidget()) ||
                QApplication::focusWidget() == w->modelPanel());
}

QTEST_MAIN(TestModelPanel)
#include "test_model_panel.moc"
