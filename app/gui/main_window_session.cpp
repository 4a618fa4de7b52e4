// MainWindow: opening models, sessions, autosave and recovery, closing.
#include "main_window.h"

#include "autosave.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "generation_panel.h"
#include "lens_panel.h"
#include "message_bar.h"
#include "model_locator.h"
#include "model_panel.h"
#include "patching_panel.h"
#include "problems_dock.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "trace_panel.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace lancet::gui {

void MainWindow::startup(const StartupOptions& options)
{
    restoreWindowState();
    Session recovery;
    bool recover = false;
    if (options.autosave && autosave_->begin())
        recover = options.offerRecovery && autosave_->recoverySession(&recovery);

    QString path = options.modelPath;
    if (path.isEmpty() && options.restoreLast) {
        const QString last = QSettings().value(u"recent/lastModel"_s).toString();
        if (!last.isEmpty() && QFileInfo::exists(last + u"/config.json"_s))
            path = last;
    }
    if (path.isEmpty())
        path = defaultModelPath();
    if (!options.openModel)
        ;
    else if (!path.isEmpty())
        openModel(path);
    else
        messageBar_->showMessage(Severity::Info,
                                 tr("No model is open. Open a Hugging Face checkpoint folder (config.json + "
                                    "*.safetensors) to start."),
                                 {{tr("Open Model Folder…"), [this] { showOpenModelDialog(); }}});
    if (recover)
        offerRecovery(recovery);  // after the model message, so it stays on screen
    // A first start: the tour, whose first step waits for the model opening now.
    else if (options.offerTour && !settings_.tourSeen)
        showTour();
}

void MainWindow::offerRecovery(const Session& s)
{
    messageBar_->showMessage(
        Severity::Warning,
        tr("Lancet did not shut down cleanly last time. Recover the autosaved session (%1, %n edit(s))?", nullptr,
           int(s.edits.size()))
            .arg(QFileInfo(s.modelPath).fileName()),
        {{tr("Recover"), [this, s] {
              applySession(s);
              autosave_->discardRecovery();
          }},
         {tr("Discard"), [this] { autosave_->discardRecovery(); }}});
}

bool MainWindow::openModel(const QString& path)
{
    QString resolved;
    const QString problem = validateModelFolder(path, &resolved);
    if (!problem.isEmpty()) {
        pendingSession_.reset();
        report(Severity::Error, problem, modelPanel_, u"model-open"_s);
        statusBar()->showMessage(problem, 8000);
        messageBar_->showMessage(Severity::Error, problem,
                                 {{tr("Open another model…"), [this] { showOpenModelDialog(); }}});
        Q_EMIT modelFailed(problem);
        return false;
    }
    startLoad(resolved, settings_.device, settings_.dtype, settings_.devices, settings_.placement);
    return true;
}

void MainWindow::startLoad(const QString& path, const QString& device, const QString& dtype, const QString& devices,
                           const QString& placement)
{
    if (loadJob_)
        bridge_->cancel(loadJob_);
    tracePanel_->cancel();
    editController_->reset();  // the engine drops the old model's history with it
    setModelReady(false);
    modelPath_.clear();
    hasLastEdit_ = false;
    loadingPath_ = path;
    loadDevice_ = device.isEmpty() ? settings_.device : device;
    loadDtype_ = dtype.isEmpty() ? settings_.dtype : dtype;
    // A placement replaces the device (LoadOptions); the session's, else the settings'.
    const bool ownPlacement = !devices.isEmpty() || !placement.isEmpty();
    loadDevices_ = ownPlacement ? devices : settings_.devices;
    loadPlacement_ = ownPlacement ? placement : settings_.placement;
    modelPanel_->setLoading(path);
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    loadJob_ = bridge_->loadModel(path, loadDevice_, loadDtype_, loadDevices_, loadPlacement_);
    updateTitle();
}

Session MainWindow::currentSession() const
{
    Session s;
    s.modelPath = modelReady_ ? modelPath_ : loadingPath_;
    s.device = loadDevice_;
    s.dtype = loadDtype_;
    s.devices = loadDevices_;
    s.placement = loadPlacement_;
    s.edits = editController_->appliedRequests();
    s.undone = editController_->undoneRequests();
    s.prompt = promptPanel_->prompt();
    s.draft = editPanel_->request();
    s.generationPrompt = generationPanel_->prompt();
    s.trace = tracePanel_->settings();
    s.paraphrases = scorecardPanel_->paraphrases();
    s.neighbours = scorecardPanel_->neighbours();
    s.patching = patchingPanel_->settings();
    s.lens = lensPanel_->settings();
    return s;
}

bool MainWindow::saveSession(const QString& path, QString* error)
{
    QString why;
    if (!currentSession().save(path, &why)) {
        if (error)
            *error = why;
        return false;
    }
    sessionPath_ = path;
    editController_->stack()->setClean();
    statusBar()->showMessage(tr("Session saved to %1").arg(QDir::toNativeSeparators(path)), 6000);
    updateTitle();
    return true;
}

bool MainWindow::openSession(const QString& path)
{
    Session s;
    QString error;
    if (!Session::load(path, &s, &error)) {
        report(Severity::Error, error, nullptr, u"session-open"_s);
        messageBar_->showMessage(Severity::Error, error);
        return false;
    }
    problemsDock_->resolve(u"session-open"_s);
    sessionPath_ = path;
    applySession(s);
    return true;
}

void MainWindow::applySession(const Session& s)
{
    // What can be shown at once is; the edits wait for the model.
    promptPanel_->setPrompt(s.prompt);
    tracePanel_->setSettings(s.trace);
    patchingPanel_->setSettings(s.patching);
    lensPanel_->setSettings(s.lens);
    editPanel_->setRequest(s.draft);
    generationPanel_->setPrompt(s.generationPrompt);
    scorecardPanel_->setEvaluationPrompts(s.paraphrases, s.neighbours);
    if (s.modelPath.isEmpty()) {
        Q_EMIT sessionRestored(0, int(s.edits.size()));
        return;
    }
    QString resolved;
    const QString problem = validateModelFolder(s.modelPath, &resolved);
    if (!problem.isEmpty()) {
        report(Severity::Error, tr("The session's model cannot be opened: %1").arg(problem), modelPanel_,
               u"model-open"_s);
        messageBar_->showMessage(Severity::Error, tr("The session's model cannot be opened: %1").arg(problem),
                                 {{tr("Open another model…"), [this] { showOpenModelDialog(); }}});
        Q_EMIT sessionRestored(0, int(s.edits.size()));
        return;
    }
    restoring_ = s;
    pendingSession_ = s;
    startLoad(resolved, s.device, s.dtype, s.devices, s.placement);
    // Autosaved whole before Recover discards the crashed run's copy: a crash
    // during the load or the replay offers every edit again.
    autosave_->saveNow();
    updateTitle();
}

namespace {
// The dock layout's version: bumped when the default arrangement changes for a
// reason (2: the merge dock tabbed with the generations so the window fits
// 1366×768), so a layout saved by an older version is not restored over it.
constexpr int kWindowStateVersion = 2;
}  // namespace

void MainWindow::restoreWindowState()
{
    if (windowStateRestored_)
        return;
    windowStateRestored_ = true;
    QSettings settings;
    const QByteArray geometry = settings.value(u"ui/geometry"_s).toByteArray();
    const QByteArray state = settings.value(u"ui/state"_s).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    if (!state.isEmpty())
        restoreState(state, kWindowStateVersion);  // an older layout is dropped for today's defaults
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(u"ui/geometry"_s, saveGeometry());
    settings.setValue(u"ui/state"_s, saveState(kWindowStateVersion));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (confirmOnClose_ && hasUnsavedEdits()) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved edits"),
            tr("The model carries %n edit(s) that are not saved in a session. Save the session before closing?",
               nullptr, editController_->appliedCount()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !showSaveSessionDialog())) {
            event->ignore();
            return;
        }
    }
    if (windowStateRestored_)
        saveWindowState();
    autosave_->markCleanShutdown();
    bridge_->cancelAll();
    event->accept();
}

}  // namespace lancet::gui
