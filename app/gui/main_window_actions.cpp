// MainWindow: menus, toolbar, status bar, shortcuts and the dialogs they open.
#include "main_window.h"

#include "autosave.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "history_dock.h"
#include "job_monitor.h"
#include "lecture_tour.h"
#include "message_bar.h"
#include "model_panel.h"
#include "plot_theme.h"
#include "presentation_mode.h"
#include "problems_dock.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "settings_dialog.h"
#include "theme.h"
#include "trace_panel.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
QIcon themed(const QString& name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(name, QApplication::style()->standardIcon(fallback));
}

QString sessionFilter() { return MainWindow::tr("Lancet sessions (*.lancet-session.json *.json)"); }
}  // namespace

void MainWindow::createActions()
{
    auto make = [this](const QString& name, const QString& text, const QIcon& icon, const QKeySequence& key,
                       const QString& tip) {
        auto* a = new QAction(icon, text, this);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setToolTip(key.isEmpty() ? tip : tip + u" ("_s + key.toString(QKeySequence::NativeText) + u")"_s);
        a->setStatusTip(tip);
        return a;
    };
    openModelAction_ = make(u"actionOpenModel"_s, tr("&Open Model Folder…"),
                            themed(u"document-open"_s, QStyle::SP_DialogOpenButton), QKeySequence::Open,
                            tr("Open a Hugging Face checkpoint folder (config.json + *.safetensors)"));
    connect(openModelAction_, &QAction::triggered, this, &MainWindow::showOpenModelDialog);
    openSessionAction_ = make(u"actionOpenSession"_s, tr("Open &Session…"),
                              themed(u"document-open-recent"_s, QStyle::SP_DirOpenIcon),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                              tr("Reopen a saved session: its model, then its edits in order"));
    connect(openSessionAction_, &QAction::triggered, this, &MainWindow::showOpenSessionDialog);
    saveSessionAction_ = make(u"actionSaveSession"_s, tr("&Save Session"),
                              themed(u"document-save"_s, QStyle::SP_DialogSaveButton), QKeySequence::Save,
                              tr("Save the model, the edits, the prompts and the trace settings"));
    connect(saveSessionAction_, &QAction::triggered, this, [this] {
        if (sessionPath_.isEmpty()) {
            showSaveSessionDialog();
            return;
        }
        QString error;
        if (!saveSession(sessionPath_, &error))
            report(Severity::Error, error);
    });
    saveSessionAsAction_ = make(u"actionSaveSessionAs"_s, tr("Save Session &As…"),
                                themed(u"document-save-as"_s, QStyle::SP_DialogSaveButton), QKeySequence::SaveAs,
                                tr("Save the session under a new name"));
    connect(saveSessionAsAction_, &QAction::triggered, this, [this] { showSaveSessionDialog(); });
    exportAction_ = make(u"actionExport"_s, tr("&Export Edited Model…"),
                         themed(u"document-export"_s, QStyle::SP_DriveHDIcon), QKeySequence(Qt::CTRL | Qt::Key_E),
                         tr("Write the edited weights as a new checkpoint folder that any tool can load"));
    connect(exportAction_, &QAction::triggered, this, &MainWindow::showExportDialog);
    quitAction_ = make(u"actionQuit"_s, tr("&Quit"), themed(u"application-exit"_s, QStyle::SP_DialogCloseButton),
                       QKeySequence::Quit, tr("Quit Lancet"));
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);
    settingsAction_ = make(u"actionSettings"_s, tr("&Preferences…"),
                           themed(u"preferences-system"_s, QStyle::SP_FileDialogDetailedView),
                           QKeySequence::Preferences, tr("Device, dtype, threads, statistics corpus, colours"));
    if (settingsAction_->shortcut().isEmpty())
        settingsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settingsAction_, &QAction::triggered, this, &MainWindow::showSettingsDialog);

    undoAction_ = make(u"actionUndo"_s, tr("&Undo"), themed(u"edit-undo"_s, QStyle::SP_ArrowBack), QKeySequence::Undo,
                       tr("Take the last edit back out of the weights (exactly: the engine restores the saved "
                          "values)"));
    undoAction_->setIconText(tr("Undo"));  // the menu shows which edit; the toolbar stays short
    connect(undoAction_, &QAction::triggered, this, &MainWindow::undoEdit);
    redoAction_ = make(u"actionRedo"_s, tr("&Redo"), themed(u"edit-redo"_s, QStyle::SP_ArrowForward), QKeySequence::Redo,
                       tr("Put the undone edit back"));
    redoAction_->setIconText(tr("Redo"));
    connect(redoAction_, &QAction::triggered, this, &MainWindow::redoEdit);
    applyAction_ = make(u"actionApplyEdit"_s, tr("&Apply Edit"), themed(u"dialog-ok-apply"_s, QStyle::SP_DialogApplyButton),
                        QKeySequence(Qt::CTRL | Qt::Key_Return),
                        tr("Compute the ROME edit and write it into the weights; the scorecard follows"));
    applyAction_->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(applyAction_, &QAction::triggered, this, [this] { applyEdit(); });
    traceAction_ = make(u"actionTrace"_s, tr("&Trace"), themed(u"media-playback-start"_s, QStyle::SP_MediaPlay),
                        QKeySequence(Qt::CTRL | Qt::Key_T),
                        tr("Causal trace of the prompt: find the layers and tokens that recall the fact"));
    connect(traceAction_, &QAction::triggered, this, [this] { trace(); });
    cancelAction_ = make(u"actionCancel"_s, tr("&Cancel"), themed(u"process-stop"_s, QStyle::SP_BrowserStop),
                         QKeySequence(Qt::Key_Escape), tr("Stop the running trace or edit"));
    connect(cancelAction_, &QAction::triggered, this, &MainWindow::cancelRunning);
    rescoreAction_ = make(u"actionRescore"_s, tr("&Score Edit Again"), themed(u"view-refresh"_s, QStyle::SP_BrowserReload),
                          QKeySequence(), tr("Recompute the scorecard of the last edit"));
    connect(rescoreAction_, &QAction::triggered, this, [this] { rescore(); });
    compareAction_ = make(u"actionCompare"_s, tr("C&ompare States…"), themed(u"view-split-left-right"_s, QStyle::SP_FileDialogContentsView),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                          tr("Compare two states of the edit history: scorecards, next-token probabilities and "
                             "the change of each weight matrix per layer"));
    connect(compareAction_, &QAction::triggered, this,
            [this] { showCompare(0, editController_->stack()->index()); });
    compareMethodsAction_ = make(u"actionCompareMethods"_s, tr("Compare &Methods…"),
                                 themed(u"view-statistics"_s, QStyle::SP_FileDialogDetailedView),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                                 tr("The edit in the form, made by each method (fine-tuning, its remedies, ROME) and "
                                    "undone before the next: reliability, generality and locality side by side"));
    connect(compareMethodsAction_, &QAction::triggered, this, [this] { showMethodComparison(); });
    sequentialAction_ = make(u"actionSequentialEdits"_s, tr("&Sequential Edits…"),
                             themed(u"view-history"_s, QStyle::SP_FileDialogListView),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
                             tr("Edit hundreds of a dataset's facts in, one after another, and watch the forgetting "
                                "curve: earlier edits kept, locality, fact recall, weight growth (ROME vs MEMIT vs "
                                "AlphaEdit)"));
    connect(sequentialAction_, &QAction::triggered, this, [this] { showSequentialEdits(); });
    tttAction_ = make(u"actionTestTimeTraining"_s, tr("Test-Time &Training…"),
                      themed(u"view-statistics"_s, QStyle::SP_FileDialogInfoView), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                      tr("The model adapts to a stream of unlabeled inputs while answering them (TENT, episodic, "
                         "periodic reset, fast/slow): accuracy, entropy collapse and forgetting, live, one line per "
                         "method"));
    connect(tttAction_, &QAction::triggered, this, [this] { showTtt(); });
    for (QAction* a : {openModelAction_, openSessionAction_, saveSessionAction_, saveSessionAsAction_, exportAction_,
                       quitAction_, settingsAction_, undoAction_, redoAction_, applyAction_, traceAction_,
                       cancelAction_, rescoreAction_, compareAction_, compareMethodsAction_, sequentialAction_, tttAction_})
        addAction(a);  // shortcuts work while the menu bar is hidden, too

    presentation_ = new PresentationMode(this);
    // Remembered when the user switches it (not when a script or the start does).
    connect(presentation_->action(), &QAction::triggered, this, [this](bool on) {
        settings_.presentation = on;
        settings_.save();
    });
    tourAction_ = make(u"actionLectureTour"_s, tr("&Lecture Tour…"), themed(u"help-contents"_s, QStyle::SP_DialogHelpButton),
                       QKeySequence(), tr("The lecture's story on the demo model, one click a step: ask a fact, trace "
                                          "it, edit it by fine-tuning and by ROME, merge task vectors, keep learning"));
    connect(tourAction_, &QAction::triggered, this, [this] {
        if (LectureTour* t = showTour(); t && t->step() == LectureTour::Step::End)
            t->restart();
    });

    tracePanel_->setActions(traceAction_, cancelAction_);
    editPanel_->setApplyAction(applyAction_);
    connect(editController_->stack(), &QUndoStack::indexChanged, this, [this] { updateActions(); });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openModelAction_);
    recentMenu_ = file->addMenu(tr("Open &Recent Model"));
    recentMenu_->setObjectName(u"recentMenu"_s);
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(openSessionAction_);
    file->addAction(saveSessionAction_);
    file->addAction(saveSessionAsAction_);
    file->addSeparator();
    file->addAction(exportAction_);
    file->addSeparator();
    file->addAction(quitAction_);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(undoAction_);
    edit->addAction(redoAction_);
    edit->addSeparator();
    edit->addAction(applyAction_);
    edit->addAction(rescoreAction_);
    edit->addAction(compareAction_);
    edit->addAction(compareMethodsAction_);
    edit->addAction(sequentialAction_);
    edit->addAction(tttAction_);
    edit->addSeparator();
    edit->addAction(settingsAction_);

    QMenu* analyse = menuBar()->addMenu(tr("&Trace"));
    analyse->addAction(traceAction_);
    analyse->addAction(cancelAction_);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>())
        viewMenu_->addAction(d->toggleViewAction());
    viewMenu_->addSeparator();
    viewMenu_->addAction(presentation_->action());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* quick = help->addAction(tr("&Quick Start"), this, &MainWindow::showQuickStart);
    quick->setShortcut(QKeySequence::HelpContents);
    help->addAction(tourAction_);
    help->addAction(tr("&About Lancet"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    rebuildRecentMenu();
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addAction(openModelAction_);
    bar->addAction(saveSessionAction_);
    bar->addSeparator();
    bar->addAction(traceAction_);
    bar->addAction(cancelAction_);
    bar->addSeparator();
    bar->addAction(applyAction_);
    bar->addAction(undoAction_);
    bar->addAction(redoAction_);
}

void MainWindow::createStatusBar()
{
    modelStatus_ = new QLabel(tr("no model"), this);
    modelStatus_->setObjectName(u"modelStatus"_s);
    modelStatus_->setToolTip(tr("Architecture · device · dtype of the open model"));
    problemsButton_ = new QToolButton(this);
    problemsButton_->setObjectName(u"problemsButton"_s);
    problemsButton_->setAutoRaise(true);
    problemsButton_->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    problemsButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    problemsButton_->setToolTip(tr("Show the problems dock"));
    problemsButton_->setVisible(false);
    connect(problemsButton_, &QToolButton::clicked, this, [this] { revealWidget(problemsDock_); });
    jobMonitor_ = new JobMonitor(bridge_.get(), this);
    connect(jobMonitor_, &JobMonitor::activeChanged, this, [this] { updateActions(); });
    statusBar()->addPermanentWidget(problemsButton_);
    statusBar()->addPermanentWidget(jobMonitor_);
    statusBar()->addPermanentWidget(modelStatus_);
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList models = recent::models();
    for (const QString& path : models) {
        QAction* a = recentMenu_->addAction(QFileInfo(path).fileName() + u"  —  "_s + QDir::toNativeSeparators(path));
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { openModel(path); });
    }
    if (models.isEmpty()) {
        recentMenu_->addAction(tr("(none yet)"))->setEnabled(false);
        return;
    }
    recentMenu_->addSeparator();
    recentMenu_->addAction(tr("Clear the list"), this, [] { recent::clear(); });
}

void MainWindow::showOpenModelDialog()
{
    auto* dialog = new QFileDialog(this, tr("Open a model folder"),
                                   modelPath_.isEmpty() ? QDir::homePath() : QFileInfo(modelPath_).absolutePath());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) { openModel(path); });
    dialog->open();
}

void MainWindow::showOpenSessionDialog()
{
    auto* dialog = new QFileDialog(this, tr("Open a session"), QFileInfo(sessionPath_).absolutePath(), sessionFilter());
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) { openSession(path); });
    dialog->open();
}

bool MainWindow::showSaveSessionDialog()
{
    // Modal on purpose: it also runs from the close dialog, which must know the outcome.
    const QString start = !sessionPath_.isEmpty()
                              ? sessionPath_
                              : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u"/"_s +
                                    QFileInfo(modelPath_).fileName() + u".lancet-session.json"_s;
    QString path = QFileDialog::getSaveFileName(this, tr("Save the session"), start, sessionFilter());
    if (path.isEmpty())
        return false;
    if (!path.endsWith(u".json"_s))
        path += u".lancet-session.json"_s;
    QString error;
    if (!saveSession(path, &error)) {
        report(Severity::Error, error);
        messageBar_->showMessage(Severity::Error, error);
        return false;
    }
    return true;
}

void MainWindow::showExportDialog()
{
    auto* dialog = new QFileDialog(this, tr("Export the edited model to a new folder"), QDir::homePath());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) { exportModel(path); });
    dialog->open();
}

void MainWindow::showSettingsDialog()
{
    auto* dialog = new SettingsDialog(settings_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const AppSettings before = settings_;
        setSettings(dialog->settings());
        if (modelReady_ && (before.device != settings_.device || before.dtype != settings_.dtype))
            messageBar_->showMessage(Severity::Info,
                                     tr("The new device and dtype apply the next time a model is opened."),
                                     {{tr("Reopen now"), [this] { openModel(modelPath_); }}}, 15000);
        if (before.threads != settings_.threads)
            statusBar()->showMessage(tr("The thread count takes effect at the next start"), 6000);
        if (before.language != settings_.language)
            messageBar_->showMessage(Severity::Info, tr("The new language applies when Lancet is started again."),
                                     {}, 15000);
    });
    dialog->open();
}

void MainWindow::setSettings(const AppSettings& s)
{
    settings_ = s;
    settings_.save();
    // The engine reads these per job; only touch the environment while it is idle.
    if (!bridge_->busy())
        settings_.applyToEnvironment();
    theme::apply(settings_.theme);
    widgets::PlotTheme::instance()->setHeatScheme(settings_.accessibleHeatMaps ? widgets::HeatScheme::Accessible
                                                                               : widgets::HeatScheme::Paper);
}

void MainWindow::overrideEngine(const QString& device, const QString& dtype, const QString& devices,
                                const QString& placement)
{
    if (!device.isEmpty())
        settings_.device = device;
    if (!dtype.isEmpty())
        settings_.dtype = dtype;
    // A device named for this run, without a placement, means the whole model there.
    if (!devices.isEmpty() || !placement.isEmpty() || !device.isEmpty()) {
        settings_.devices = devices;
        settings_.placement = placement;
    }
}

void MainWindow::showQuickStart()
{
    messageBar_->showMessage(
        Severity::Info,
        tr("<b>Locate</b>: type a prompt that states a fact (“The Space Needle is located in the city of”) and "
           "press Trace (Ctrl+T). <b>Edit</b>: click the brightest MLP cell at the subject's last token, type "
           "the new target (“ Paris”) and press Apply (Ctrl+Return). <b>Judge</b>: read the scorecard and the "
           "generations; Ctrl+Z takes the edit back."));
}

LectureTour* MainWindow::showTour()
{
    if (!tour_) {
        auto* dock = new QDockWidget(tr("Lecture tour"), this);
        dock->setObjectName(u"tourDock"_s);
        // Closed with its own Skip button, which also remembers the tour was seen.
        dock->setFeatures(QDockWidget::NoDockWidgetFeatures);
        dock->setTitleBarWidget(new QWidget(dock));  // the tour names itself; a title bar costs a line
        tour_ = new LectureTour(this, dock);
        dock->setWidget(tour_);
        // Across the top: the steps point at the prompt bar, the maps and the
        // docks below, and the dock costs only a few lines of height.
        addDockWidget(Qt::TopDockWidgetArea, dock);
        presentation_->keepDock(dock);  // a lecture in presentation mode still follows the tour
        connect(tour_, &LectureTour::ended, this, [this, dock](bool) {
            dock->hide();
            settings_.tourSeen = true;
            settings_.save();
        });
    }
    if (auto* dock = qobject_cast<QDockWidget*>(tour_->parentWidget()))
        dock->show();
    return tour_;
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(QMessageBox::NoIcon, tr("About Lancet"),
                                tr("<h3>Lancet %1</h3><p>A workbench for model surgery: locate a fact with causal "
                                   "tracing, edit it with ROME, judge it with scorecards.</p>")
                                    .arg(QApplication::applicationVersion()),
                                QMessageBox::Ok, this);
    box->setIconPixmap(theme::appIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace lancet::gui
