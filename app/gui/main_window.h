// The Lancet workbench window: locate a fact (prompt bar + causal-trace maps),
// edit it (edit form, one click, undoable), judge the edit (scorecard and
// generations before vs after). Every engine call goes through EngineBridge
// and returns at once; results arrive as queued signals, so the GUI thread
// never waits on the model.
//
// The window is split over several files: main_window.cpp (layout, wiring,
// engine results), main_window_actions.cpp (menus, toolbar, shortcuts),
// main_window_session.cpp (models, sessions, autosave, closing).
#pragma once

#include "app_settings.h"
#include "engine_bridge.h"
#include "problems_dock.h"
#include "session.h"
#include "trace_heatmap.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QScrollArea;
class QSplitter;
class QToolButton;

namespace lancet::gui {

class Autosave;
class CompareView;
class EditController;
class MethodComparisonDialog;
class SequentialDialog;
class TttDialog;
class EditPanel;
class GenerationPanel;
class HistoryDock;
class LectureTour;
class PresentationMode;
class JobMonitor;
class LensPanel;
class LocateTabs;
class PatchingPanel;
class MessageBar;
class ModelPanel;
class PromptPanel;
class ScorecardPanel;
class TracePanel;

struct StartupOptions {
    QString modelPath;          // from the command line; empty: last or demo model
    bool restoreLast = true;    // open the last model when none is named
    bool autosave = true;       // autosave and crash recovery
    bool offerRecovery = true;  // offer the crashed run's session back
    bool openModel = true;      // false: a session will name the model
    bool offerTour = false;     // the lecture tour on a first start (no tour-seen flag); main.cpp, not --fresh
};

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the model (command line, last used or demo) and offers recovery.
    void startup(const StartupOptions& options);

    // ---- the main actions (also in menus, toolbar and shortcuts) ----
    // Checks the folder, then loads it on the engine thread; false if the
    // folder is not a model (the problem is reported in the problems dock).
    bool openModel(const QString& path);
    quint64 trace();      // Ctrl+T: traces the prompt bar's prompt
    bool applyEdit();     // Ctrl+Return
    void cancelRunning(); // Esc: the running trace, else the job shown in the status bar
    void undoEdit();
    void redoEdit();
    quint64 rescore();    // the scorecard of the last edit, again
    quint64 exportModel(const QString& directory);
    // Opens the compare window on two history states (0: base model; i: after edit i).
    CompareView* showCompare(int from, int to);
    bool saveSession(const QString& path, QString* error = nullptr);
    bool openSession(const QString& path);
    void applySession(const Session& session);
    Session currentSession() const;

    // Whether closing asks about unsaved edits (tests switch it off; so does
    // LANCET_NO_CLOSE_PROMPT=1 in the environment).
    void setConfirmOnClose(bool on) { confirmOnClose_ = on; }
    bool hasUnsavedEdits() const;

    // ---- state, for the demo script and tests ----
    bool modelReady() const { return modelReady_; }
    bool modelLoading() const { return loadJob_ != 0; }
    QString loadingModelPath() const { return loadingPath_; }
    QString modelPath() const { return modelPath_; }
    QString sessionPath() const { return sessionPath_; }
    AppSettings settings() const { return settings_; }
    void setSettings(const AppSettings& settings);  // saves and applies them
    // Device, dtype and layer placement for this run only (command line), not saved.
    void overrideEngine(const QString& device, const QString& dtype, const QString& devices = {},
                        const QString& placement = {});

    lancet::app::EngineBridge* bridge() const { return bridge_.get(); }
    ModelPanel* modelPanel() const { return modelPanel_; }
    PromptPanel* promptPanel() const { return promptPanel_; }
    TracePanel* tracePanel() const { return tracePanel_; }
    // The trace area's other tabs: counterfactual patching and the logit lens.
    PatchingPanel* patchingPanel() const { return patchingPanel_; }
    LensPanel* lensPanel() const { return lensPanel_; }
    LocateTabs* locateTabs() const { return locateTabs_; }
    EditPanel* editPanel() const { return editPanel_; }
    ScorecardPanel* scorecardPanel() const { return scorecardPanel_; }
    GenerationPanel* generationPanel() const { return generationPanel_; }
    HistoryDock* historyDock() const { return historyDock_; }
    ProblemsDock* problemsDock() const { return problemsDock_; }
    MessageBar* messageBar() const { return messageBar_; }
    JobMonitor* jobMonitor() const { return jobMonitor_; }
    EditController* editController() const { return editController_; }
    Autosave* autosave() const { return autosave_; }
    CompareView* compareView() const { return compareView_; }  // null until first opened
    QDockWidget* dock(const QString& objectName) const;

    // The dock arrangement for a window size: below ~1500 px of width the
    // model, history and problems docks are tabs of the right column (compact),
    // so the three heat maps get the centre's width. The constructor picks it
    // for the screen; sessions and the screenshot script may change it.
    static bool wantsCompactDocks(const QSize& window);
    void setCompactDocks(bool compact);
    bool compactDocks() const { return compactDocks_; }

    QAction* openModelAction() const { return openModelAction_; }
    QAction* traceAction() const { return traceAction_; }
    QAction* cancelAction() const { return cancelAction_; }
    QAction* applyAction() const { return applyAction_; }
    QAction* undoAction() const { return undoAction_; }
    QAction* redoAction() const { return redoAction_; }
    QAction* saveSessionAction() const { return saveSessionAction_; }
    QAction* exportAction() const { return exportAction_; }
    QAction* compareAction() const { return compareAction_; }
    QAction* compareMethodsAction() const { return compareMethodsAction_; }
    // The edit form's request by several methods side by side (Edit ▸ Compare Methods…).
    MethodComparisonDialog* showMethodComparison();
    SequentialDialog* showSequentialEdits();
    QAction* sequentialAction() const { return sequentialAction_; }
    // Test-time training on the loaded model, live (Edit ▸ Test-Time Training…).
    TttDialog* showTtt();
    QAction* tttAction() const { return tttAction_; }
    QMenu* recentMenu() const { return recentMenu_; }
    // The lecture tour (Help ▸ Lecture tour…), in a dock at the top; created
    // on first use. Finishing or skipping it sets the tour-seen flag.
    LectureTour* showTour();
    LectureTour* tour() const { return tour_; }
    QAction* tourAction() const { return tourAction_; }
    // View ▸ Presentation Mode (F5, Ctrl+Shift+P), remembered in the settings.
    PresentationMode* presentationMode() const { return presentation_; }

Q_SIGNALS:
    void modelLoaded(const QString& path);
    void modelFailed(const QString& message);
    void traceDone(bool partial);
    void editDone(bool applied);
    void scorecardDone(bool shown);
    void sessionRestored(int appliedEdits, int totalEdits);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // main_window.cpp
    void buildPanels();
    void buildDocks();
    void wireEngine();
    void wirePanels();
    void onJobFailed(quint64 id, lancet::app::JobKind kind, const lancet::app::JobError& error);
    void onLoadFinished(const QJsonObject& info);
    void onLoadFailed(const QString& message, bool cancelled);
    void prefillEditFromPrompt();
    // A located layer offered to the edit form (a trace or patching map's cell).
    void useLayerForEdit(int layer, const QString& why);
    void onEditApplied(int index);
    void onEditFailed(lancet::app::JobKind kind, const lancet::app::JobError& error);
    void onEditStateChanged();
    void onScorecardFinished(const lancet::EditScorecard& card);
    void setModelReady(bool ready);
    void updateActions();
    void updateTitle();
    QWidget* widgetForJob(lancet::app::JobKind kind) const;
    void report(Severity severity, const QString& text, QWidget* target = nullptr, const QString& key = QString());

    // main_window_actions.cpp
    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void rebuildRecentMenu();
    void showOpenModelDialog();
    void showOpenSessionDialog();
    bool showSaveSessionDialog();
    void showExportDialog();
    void showSettingsDialog();
    void showQuickStart();
    void showAbout();

    // main_window_session.cpp
    void startLoad(const QString& path, const QString& device, const QString& dtype, const QString& devices = {},
                   const QString& placement = {});
    void restoreWindowState();
    void saveWindowState();
    void offerRecovery(const Session& session);

    std::unique_ptr<lancet::app::EngineBridge> bridge_;
    AppSettings settings_;
    EditController* editController_ = nullptr;
    Autosave* autosave_ = nullptr;

    MessageBar* messageBar_ = nullptr;
    QSplitter* centralSplit_ = nullptr;
    QScrollArea* centralScroll_ = nullptr;  // around centralSplit_: scrolls on a short screen
    ModelPanel* modelPanel_ = nullptr;
    PromptPanel* promptPanel_ = nullptr;
    TracePanel* tracePanel_ = nullptr;
    PatchingPanel* patchingPanel_ = nullptr;
    LensPanel* lensPanel_ = nullptr;
    LocateTabs* locateTabs_ = nullptr;
    EditPanel* editPanel_ = nullptr;
    ScorecardPanel* scorecardPanel_ = nullptr;
    GenerationPanel* generationPanel_ = nullptr;
    HistoryDock* historyDock_ = nullptr;
    ProblemsDock* problemsDock_ = nullptr;
    JobMonitor* jobMonitor_ = nullptr;
    CompareView* compareView_ = nullptr;
    QLabel* modelStatus_ = nullptr;
    QToolButton* problemsButton_ = nullptr;

    QAction* openModelAction_ = nullptr;
    QAction* compareMethodsAction_ = nullptr;
    MethodComparisonDialog* methodComparison_ = nullptr;
    QAction* sequentialAction_ = nullptr;
    SequentialDialog* sequential_ = nullptr;
    QAction* tttAction_ = nullptr;
    TttDialog* ttt_ = nullptr;
    QAction* openSessionAction_ = nullptr;
    QAction* saveSessionAction_ = nullptr;
    QAction* saveSessionAsAction_ = nullptr;
    QAction* exportAction_ = nullptr;
    QAction* settingsAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QAction* applyAction_ = nullptr;
    QAction* traceAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* rescoreAction_ = nullptr;
    QAction* compareAction_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QAction* tourAction_ = nullptr;
    LectureTour* tour_ = nullptr;
    PresentationMode* presentation_ = nullptr;

    bool modelReady_ = false;
    QString modelPath_;
    QString loadingPath_;
    QString loadDevice_;
    QString loadDtype_;
    QString loadDevices_;    // the layers across several devices, when placed
    QString loadPlacement_;
    quint64 loadJob_ = 0;
    quint64 scorecardJob_ = 0;
    quint64 exportJob_ = 0;
    EditRequest lastEdit_;
    bool hasLastEdit_ = false;
    std::optional<Session> pendingSession_;
    // The session applySession is restoring: until its model is open and its
    // edits replayed, autosave writes it rather than the half-restored window,
    // so a crash meanwhile loses none of its edits.
    std::optional<Session> restoring_;
    QString sessionPath_;
    bool confirmOnClose_ = true;
    bool windowStateRestored_ = false;
    bool compactDocks_ = false;
    bool arrangedOnce_ = false;
};

}  // namespace lancet::gui
