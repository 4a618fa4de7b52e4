// A scripted tour of the workbench for screenshots (packaging/screenshots.sh):
// opens the model, types the Space Needle prompt, traces it, picks the MLP
// peak as the edit layer, applies the edit (where this build can), waits for
// the results, saves PNGs of the window and of its panels, and quits.
// LANCET_SCREENSHOT_QUICK=1 stops after the workbench's own shots (first start,
// traced, edited, merge dock open), leaving out the method comparison and the
// sequential edits (LANCET_SCREENSHOT_TTT=1 adds the test-time training window
// after a short run; the full tour ends with it). LANCET_SCREENSHOT_PATCHING=1
// replaces the edit with the trace area's other tabs: activation patching, its
// attribution estimate checked exactly, the logit lens on the demo prompt, and
// the edit applied on the lens tab, read before and after (demo_script_locate.cpp).
// LANCET_SCREENSHOT_TOUR=1 instead runs the lecture tour step by step and
// saves the window after each step (demo_script_tour.cpp);
// LANCET_SCREENSHOT_PRESENTATION=1 adds the workbench in presentation mode,
// with the paper's and the colour-blind-safe heat maps.
#pragma once

#include <QObject>
#include <QString>

class QTimer;

namespace lancet::gui {

class MainWindow;

class DemoScript : public QObject {
    Q_OBJECT

public:
    DemoScript(MainWindow* window, const QString& modelPath, const QString& outputDir, QObject* parent = nullptr);

    void start();
    // Exit code the script asks for (0: every step ran).
    int exitCode() const { return exitCode_; }

private:
    void step(const QString& what);
    void onModelLoaded();
    void onPrediction();
    void onTraceDone(bool partial);
    void afterEdit(bool applied);
    void finish();
    void exitNow();
    void sequentialShots();
    void tttShots();
    // LANCET_SCREENSHOT_MERGE_APPLY=1: the merge dock on the demo tasks, Model Stock applied.
    void mergeApplyShots();
    // LANCET_SCREENSHOT_LONG_DOCUMENT=1: In-Place TTT's long-document demonstration, run.
    void longDocumentShots();
    void locateShots();
    void attributionShots();
    void lensShots();
    void tourShots();
    void presentationShots();
    bool grab(QWidget* widget, const QString& name);

    MainWindow* window_;
    QString modelPath_;
    QString outputDir_;
    QTimer* watchdog_ = nullptr;
    int exitCode_ = 0;
    bool predicted_ = false;
    bool finished_ = false;
};

}  // namespace lancet::gui
