#include "main_window.h"

#include "method_comparison.h"
#include "sequential_dialog.h"
#include "ttt_dialog.h"
#include "merge_dock.h"

#include "autosave.h"
#include "compare_view.h"
#include "dock_tabs.h"
#include "edit_command.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "generation_panel.h"
#include "history_dock.h"
#include "job_monitor.h"
#include "lens_grid.h"
#include "lens_panel.h"
#include "locate_tabs.h"
#include "message_bar.h"
#include "model_panel.h"
#include "patch_check_view.h"
#include "patching_panel.h"
#include "plot_theme.h"
#include "presentation_mode.h"
#include "problems_dock.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "scroll_box.h"
#include "theme.h"
#include "token_text.h"
#include "trace_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QDir>
#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QFileInfo>
#include <QSettings>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;
using lancet::widgets::TraceHeatmap;

namespace lancet::gui {

namespace {
constexpr int kStatusMs = 6000;

QString capitalised(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QString kindLabel(TraceHeatmap::Kind kind)
{
    switch (kind) {
    case TraceHeatmap::Kind::Mlp: return MainWindow::tr("MLP");
    case TraceHeatmap::Kind::Attention: return MainWindow::tr("attention");
    case TraceHeatmap::Kind::Hidden: break;
    }
    return MainWindow::tr("hidden-state");
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), bridge_(std::make_unique<EngineBridge>())
{
    setObjectName(u"lancetMainWindow"_s);
    setWindowIcon(theme::appIcon());
    settings_ = AppSettings::load();
    const QByteArray noPrompt = qgetenv("LANCET_NO_CLOSE_PROMPT");
    confirmOnClose_ = noPrompt.isEmpty() || noPrompt == "0";

    editController_ = new EditController(bridge_.get(), this);
    autosave_ = new Autosave(this);
    // While a session is being restored the window holds only part of it (no
    // model yet, then some of its edits): autosave keeps writing all of it.
    autosave_->setSnapshot([this] {
        return restoring_ && (pendingSession_ || editController_->replaying()) ? *restoring_ : currentSession();
    });

    buildPanels();
    buildDocks();
    createActions();
    createMenus();
    installMergeDock(this, bridge_.get());  // task vectors on sliders (merge_dock.h)
    keepDockTabTitlesWhole(this);           // no "M…" tabs in a narrow column (dock_tabs.h)
    createToolBar();
    createStatusBar();
    wireEngine();
    wirePanels();
    setModelReady(false);
    updateTitle();
    // Room for three heat maps, the edit form and the scorecard; less on a small screen.
    QSize size(1680, 1050);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.94);
    resize(size);
    setCompactDocks(wantsCompactDocks(size));
    widgets::PlotTheme::instance()->setHeatScheme(settings_.accessibleHeatMaps ? widgets::HeatScheme::Accessible
                                                                               : widgets::HeatScheme::Paper);
    // Last: it folds away the docks the arrangement above has just opened.
    if (settings_.presentation)
        presentation_->setEnabled(true);
}

MainWindow::~MainWindow()
{
    // The undo stack announces its own clearing when it is destroyed, which
    // happens after this destructor, among the children: by then the window's
    // members are gone, so nothing may still be listening.
    editController_->stack()->disconnect();
    editController_->disconnect();
    // Stop the engine before the panels that listen to it go.
    bridge_->cancelAll();
    bridge_.reset();
}

void MainWindow::buildPanels()
{
    messageBar_ = new MessageBar(this);
    promptPanel_ = new PromptPanel(bridge_.get(), this);
    tracePanel_ = new TracePanel(bridge_.get(), this);
    patchingPanel_ = new PatchingPanel(bridge_.get(), this);
    lensPanel_ = new LensPanel(bridge_.get(), this);
    // Three ways to locate a fact, one tab each under the prompt bar.
    locateTabs_ = new LocateTabs(this);
    locateTabs_->addTab(tracePanel_, tr("Causal trace"));
    locateTabs_->addTab(patchingPanel_, tr("Patching"));
    locateTabs_->addTab(lensPanel_, tr("Logit lens"));
    locateTabs_->setTabToolTip(0, tr("Corrupt the subject with noise and restore one state at a time (ROME)."));
    locateTabs_->setTabToolTip(1, tr("Copy activations between the prompt and a counterfactual prompt of the same "
                                     "length: exact, or estimated by attribution."));
    locateTabs_->setTabToolTip(2, tr("The token each layer would predict, read through the final norm and "
                                     "unembedding."));
    centralSplit_ = new QSplitter(Qt::Vertical, this);
    centralSplit_->setObjectName(u"centralSplit"_s);
    centralSplit_->setChildrenCollapsible(false);
    centralSplit_->addWidget(promptPanel_);
    centralSplit_->addWidget(locateTabs_);
    centralSplit_->setStretchFactor(0, 4);
    centralSplit_->setStretchFactor(1, 5);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(messageBar_);
    // Scrolls on a short screen instead of squeezing the chart and the maps
    // below their legible size (or growing the window past the screen).
    centralScroll_ = scrollable(centralSplit_, central);
    layout->addWidget(centralScroll_, 1);
    setCentralWidget(central);

    modelPanel_ = new ModelPanel(this);
    editPanel_ = new EditPanel(this);
    scorecardPanel_ = new ScorecardPanel(this);
    generationPanel_ = new GenerationPanel(bridge_.get(), this);
    historyDock_ = new HistoryDock(this);
    historyDock_->setController(editController_);
    problemsDock_ = new ProblemsDock(this);
}

void MainWindow::buildDocks()
{
    // Left: reference material in tabs (model, edit history, problems).
    // Centre: locate (prompt bar, trace maps). Right: edit, and generations
    // before/after. Bottom: the scorecard, as wide as the window allows (one
    // panel per metric, ten with both protocols).
    setDockNestingEnabled(true);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    auto makeDock = [this](const QString& title, const QString& name, QWidget* body) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(body);
        return d;
    };
    // Every body but the scorecard's scrolls: on a short screen a dock then
    // gives up height instead of pushing the window past the screen.
    QDockWidget* modelDock = makeDock(tr("Model"), u"modelDock"_s, scrollable(modelPanel_, this));
    QDockWidget* editDock = makeDock(tr("Edit"), u"editDock"_s, scrollable(editPanel_, this));
    QDockWidget* scoreDock = makeDock(tr("Scorecard"), u"scorecardDock"_s, scorecardPanel_);
    // "Generations", not "…: before vs after": the panel's columns say which is
    // which, and the title is a tab among five in a 1366-px window's right column.
    QDockWidget* genDock = makeDock(tr("Generations"), u"generationDock"_s,
                                     scrollable(generationPanel_, this));
    addDockWidget(Qt::LeftDockWidgetArea, modelDock);
    addDockWidget(Qt::LeftDockWidgetArea, historyDock_);
    addDockWidget(Qt::LeftDockWidgetArea, problemsDock_);
    addDockWidget(Qt::RightDockWidgetArea, editDock);
    addDockWidget(Qt::RightDockWidgetArea, genDock);
    addDockWidget(Qt::BottomDockWidgetArea, scoreDock);
    tabifyDockWidget(modelDock, historyDock_);
    tabifyDockWidget(historyDock_, problemsDock_);
    modelDock->raise();
    splitDockWidget(editDock, genDock, Qt::Vertical);
    resizeDocks({modelDock, editDock}, {260, 420}, Qt::Horizontal);
    resizeDocks({editDock, genDock}, {330, 260}, Qt::Vertical);
    resizeDocks({scoreDock}, {260}, Qt::Vertical);
}

bool MainWindow::wantsCompactDocks(const QSize& window)
{
    // Three heat maps need ~330 px each to show a 10-token prompt legibly; with
    // a left and a right column beside them that takes a window of ~1600 px.
    return window.width() < 1500;
}

void MainWindow::setCompactDocks(bool compact)
{
    // Compact: the reference docks (model, history, problems) become tabs of the
    // right column, behind the generations, so the centre gets the width of the
    // left column (on a 1366-px screen the maps were ~150 px wide).
    if (compact == compactDocks_ && arrangedOnce_)
        return;  // moving docks that are already in place disturbs their tab groups
    arrangedOnce_ = true;
    QDockWidget* gen = dock(u"generationDock"_s);
    const QList<QDockWidget*> reference{dock(u"modelDock"_s), historyDock_, problemsDock_};
    if (compact) {
        for (QDockWidget* d : reference) {
            removeDockWidget(d);
            addDockWidget(Qt::RightDockWidgetArea, d);
            tabifyDockWidget(gen, d);
            d->show();
        }
        gen->raise();
        // The right column runs the window's full height beside the scorecard
        // (which keeps the centre's width, and scrolls sideways).
        setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
        // The edit form first: the tabs below it are reference and results.
        resizeDocks({dock(u"editDock"_s)}, {330}, Qt::Horizontal);
        resizeDocks({dock(u"editDock"_s), gen}, {400, 200}, Qt::Vertical);
    } else {
        QDockWidget* first = reference.front();
        for (QDockWidget* d : reference) {
            removeDockWidget(d);
            addDockWidget(Qt::LeftDockWidgetArea, d);
            if (d != first)
                tabifyDockWidget(first, d);
            d->show();
        }
        first->raise();
        setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
        resizeDocks({first, dock(u"editDock"_s)}, {260, 420}, Qt::Horizontal);
        resizeDocks({dock(u"editDock"_s), gen}, {420, 200}, Qt::Vertical);
    }
    compactDocks_ = compact;
}

QDockWidget* MainWindow::dock(const QString& objectName) const
{
    return findChild<QDockWidget*>(objectName);
}

void MainWindow::wireEngine()
{
    EngineBridge* b = bridge_.get();
    connect(b, &EngineBridge::jobFinished, this, [this](quint64 id, JobKind kind, const QJsonObject& result) {
        if (id == loadJob_) {
            loadJob_ = 0;
            onLoadFinished(result);
        } else if (id == exportJob_) {
            exportJob_ = 0;
            const QString path = result.value(u"path"_s).toString();
            statusBar()->showMessage(tr("Exported the edited model to %1").arg(path), kStatusMs);
            report(Severity::Info, tr("Exported the edited model to %1").arg(path), nullptr, u"export"_s);
        }
        Q_UNUSED(kind);
        updateActions();
    });
    connect(b, &EngineBridge::jobFailed, this, &MainWindow::onJobFailed);
    connect(b, &EngineBridge::jobStarted, this, [this] { updateActions(); });

    connect(editController_, &EditController::editApplied, this, &MainWindow::onEditApplied);
    connect(editController_, &EditController::editFailed, this, &MainWindow::onEditFailed);
    connect(editController_, &EditController::stateChanged, this, &MainWindow::onEditStateChanged);
    connect(editController_, &EditController::busyChanged, this, [this](bool busy) {
        editPanel_->setBusy(busy);
        updateActions();
    });
    connect(editController_, &EditController::outOfSync, this,
            [this](const QString& message) { report(Severity::Warning, message, historyDock_, u"edit-sync"_s); });
    connect(editController_, &EditController::replayFinished, this,
            [this](int applied, int total, const QString& message) {
                if (!message.isEmpty())
                    report(Severity::Warning,
                           tr("Only %1 of the session's %2 edits could be replayed: %3").arg(applied).arg(total).arg(message),
                           historyDock_, u"session-replay"_s);
                else
                    statusBar()->showMessage(tr("Session restored: %n edit(s) replayed", nullptr, applied), kStatusMs);
                if (const int n = editController_->appliedCount(); n > 0) {
                    lastEdit_ = editController_->command(n - 1)->request();
                    hasLastEdit_ = true;
                }
                editController_->stack()->setClean();
                autosave_->saveNow();  // what was replayed, now that the replay is over
                Q_EMIT sessionRestored(applied, total);
            });
    connect(editController_->stack(), &QUndoStack::cleanChanged, this, [this] { updateTitle(); });
    connect(problemsDock_, &ProblemsDock::countsChanged, this, [this](int errors, int warnings) {
        problemsButton_->setText(tr("%1 errors · %2 warnings").arg(errors).arg(warnings));
        problemsButton_->setVisible(errors + warnings > 0);
    });
    connect(autosave_, &Autosave::failed, this, [this](const QString& message) {
        report(Severity::Warning, tr("Autosave failed: %1").arg(message), nullptr, u"autosave"_s);
    });
}

void MainWindow::wirePanels()
{
    // Prompt bar → trace, edit target.
    connect(promptPanel_, &PromptPanel::tokenActivated, this, [this](const QString& token) {
        editPanel_->setTargetNew(token);
        prefillEditFromPrompt();  // a bar of this prompt's chart: the edit is about this prompt
        statusBar()->showMessage(tr("New target: %1").arg(lancet::widgets::visibleToken(token)), kStatusMs);
    });
    connect(promptPanel_, &PromptPanel::predictionFailed, this, [this](const QString& message) {
        report(Severity::Warning, tr("Prediction: %1").arg(message), promptPanel_->promptEdit(), u"predict"_s);
    });
    connect(promptPanel_, &PromptPanel::predictionShown, this,
            [this] { problemsDock_->resolve(u"predict"_s); });
    connect(promptPanel_, &PromptPanel::promptChanged, this, [this] { updateActions(); });

    // Trace → edit form.
    connect(tracePanel_, &TracePanel::setupReceived, this,
            [this](const QString& prompt, const QString& subject, const QString& answer) {
                // On a short screen the maps may be below the fold: bring them up as
                // they fill (after the layout has given them their new height).
                QTimer::singleShot(0, this, [this] {
                    centralScroll_->ensureWidgetVisible(tracePanel_->heatmap(TraceHeatmap::Kind::Hidden), 0, 0);
                });
                editPanel_->fillFromTrace(prompt, subject, answer);
            });
    connect(tracePanel_, &TracePanel::traceStarted, this, [this] { updateActions(); });
    connect(tracePanel_, &TracePanel::traceFinished, this, [this](bool partial) {
        problemsDock_->resolve(u"job-"_s + lancet::app::jobKindName(JobKind::Trace));
        statusBar()->showMessage(partial ? tr("Trace cancelled: the maps show the cells computed so far")
                                         : tr("Trace finished. Click a cell to edit at its layer."),
                                 kStatusMs);
        Q_EMIT traceDone(partial);
    });
    connect(tracePanel_, &TracePanel::traceEnded, this, [this] { updateActions(); });
    connect(tracePanel_, &TracePanel::cellSelected, this, [this](TraceHeatmap::Kind kind, int token, int layer) {
        const TraceHeatmap* map = tracePanel_->heatmap(kind);
        const double p = map->cellValue(token, layer);
        QString why = tr("from the %1 map, layer %2").arg(kindLabel(kind)).arg(layer);
        if (!std::isnan(p))
            why += tr(" (p = %1)").arg(lancet::widgets::formatProbability(p));
        useLayerForEdit(layer, why);
        if (tracePanel_->hasResult() || !tracePanel_->tracedPrompt().isEmpty())
            editPanel_->fillFromTrace(tracePanel_->tracedPrompt(), tracePanel_->tracedSubject(), tracePanel_->answer());
    });
    // Patching → edit form: an MLP cell is a layer where an MLP edit can write
    // the fact; the swapped words are its subject, answer A its true target.
    connect(patchingPanel_, &PatchingPanel::mlpCellSelected, this, [this](int, int layer, double score) {
        QString why = tr("from the patching MLP map, layer %1").arg(layer);
        if (!std::isnan(score))
            why += tr(" (score %1)").arg(score, 0, 'f', 2);
        useLayerForEdit(layer, why);
        if (patchingPanel_->hasResult() && !patchingPanel_->swappedText().isEmpty())
            editPanel_->fillFromTrace(patchingPanel_->patchedPrompt(), patchingPanel_->swappedText(),
                                      patchingPanel_->cleanAnswer());
    });
    connect(patchingPanel_, &PatchingPanel::patchingStarted, this, [this] { updateActions(); });
    connect(patchingPanel_->checkView(), &PatchCheckView::checkStarted, this, [this] { updateActions(); });
    connect(patchingPanel_->checkView(), &PatchCheckView::checkFinished, this, [this] { updateActions(); });
    // Results below the fold on a short screen: bring them up once laid out, as for a trace.
    connect(patchingPanel_, &PatchingPanel::patchingFinished, this, [this](bool ok) {
        updateActions();
        // A short delay: the maps' new minimum heights are laid out by then.
        if (ok)
            QTimer::singleShot(50, this, [this] {
                centralScroll_->ensureWidgetVisible(patchingPanel_->headsMap(), 0, 0);
                centralScroll_->ensureWidgetVisible(patchingPanel_->heatmap(TraceHeatmap::Kind::Hidden), 0, 0);
            });
    });
    // Lens → edit form: a clicked cell's layer, as from the other maps. The
    // lens shows where an answer becomes readable, which is at or above where
    // the fact is written; the reason line says which cell it came from.
    connect(lensPanel_->grid(), &QTableWidget::cellClicked, this, [this](int layer, int position) {
        const double p = lensPanel_->grid()->shade(layer, position);
        QString why = tr("from the logit lens, layer %1").arg(layer);
        if (!std::isnan(p))
            why += tr(" (p %1)").arg(p, 0, 'f', 2);
        useLayerForEdit(layer, why);
    });
    connect(lensPanel_, &LensPanel::lensStarted, this, [this] { updateActions(); });
    connect(lensPanel_, &LensPanel::lensFinished, this, [this](bool ok) {
        updateActions();
        if (ok)
            QTimer::singleShot(50, this, [this] { centralScroll_->ensureWidgetVisible(lensPanel_->grid(), 0, 0); });
    });
    // The lens reads the prompt bar's prompt unless the user typed another.
    connect(locateTabs_, &QTabWidget::currentChanged, this, [this](int) {
        if (locateTabs_->currentWidget() == lensPanel_)
            lensPanel_->offerPrompt(promptPanel_->prompt());
    });

    connect(historyDock_, &HistoryDock::compareRequested, this, [this](int from, int to) { showCompare(from, to); });
    connect(editPanel_, &EditPanel::requestChanged, this, [this] { updateActions(); });
    connect(scorecardPanel_, &ScorecardPanel::scoreRequested, this, [this] { rescore(); });
}

void MainWindow::useLayerForEdit(int layer, const QString& why)
{
    editPanel_->setLayer(layer, why);
    statusBar()->showMessage(tr("Edit layer set to %1").arg(layer), kStatusMs);
}

void MainWindow::report(Severity severity, const QString& text, QWidget* target, const QString& key)
{
    problemsDock_->report(severity, text, target, key);
    // Errors bring their tab to the front (no focus is taken, nothing blocks).
    if (severity == Severity::Error)
        problemsDock_->raise();
}

QWidget* MainWindow::widgetForJob(JobKind kind) const
{
    switch (kind) {
    case JobKind::LoadModel: return modelPanel_;
    case JobKind::Predict: return promptPanel_->promptEdit();
    case JobKind::Generate: return generationPanel_;
    case JobKind::Trace: return tracePanel_;
    case JobKind::Edit:
    case JobKind::Undo:
    case JobKind::Redo:
    case JobKind::EditMethods:
    case JobKind::CompareMethods:
    case JobKind::Sequential: return editPanel_;
    case JobKind::Scorecard: return scorecardPanel_;
    case JobKind::Patch: return patchingPanel_;
    case JobKind::LogitLens: return lensPanel_;
    case JobKind::Export:
    case JobKind::SaveEdits:
    case JobKind::LoadEdits:
    case JobKind::Compare:
    case JobKind::MergeOpen:  // the merge dock reports its own jobs
    case JobKind::MergeScore:
    case JobKind::MergeSweep:
    case JobKind::MergeExport:
    case JobKind::MergeApply:
    case JobKind::Ttt:  // the test-time training dialog shows its own errors
    case JobKind::Tokenize:
    case JobKind::WeightDigest: break;
    }
    return nullptr;
}

void MainWindow::onJobFailed(quint64 id, JobKind kind, const lancet::app::JobError& error)
{
    const QString& message = error.message;
    if (id == loadJob_) {
        loadJob_ = 0;
        onLoadFailed(message, error.cancelled());
        updateActions();
        return;
    }
    if (id == exportJob_)
        exportJob_ = 0;
    updateActions();
    if (kind == JobKind::Predict || kind == JobKind::Tokenize)
        return;  // shown where asked (prompt bar, patching form), and superseded requests are not failures
    const QString what = capitalised(lancet::app::jobKindName(kind));
    if (error.cancelled()) {
        statusBar()->showMessage(tr("%1 cancelled").arg(what), kStatusMs);
        return;
    }
    if (error.unsupported()) {
        // Not a fault of the user's: a feature this build lacks. One line, no storm.
        const QString text = tr("%1: %2").arg(what, message);
        report(Severity::Warning, text, widgetForJob(kind), u"unsupported-"_s + lancet::app::jobKindName(kind));
        statusBar()->showMessage(text, kStatusMs);
        return;
    }
    // The code says what kind of failure it was; the engine's message says which file or value.
    const QString text = error.io()            ? tr("%1 failed: a file could not be read or written (%2)").arg(what, message)
                         : error.outOfMemory() ? tr("%1 failed: out of memory (%2)").arg(what, message)
                                               : tr("%1 failed: %2").arg(what, message);
    report(Severity::Error, text, widgetForJob(kind), u"job-"_s + lancet::app::jobKindName(kind));
    statusBar()->showMessage(text, kStatusMs);
}

void MainWindow::onLoadFinished(const QJsonObject& info)
{
    modelPath_ = loadingPath_;
    modelPanel_->setModel(info);
    problemsDock_->resolve(u"model-open"_s);
    for (const QJsonValue& w : info.value(u"warnings"_s).toArray())
        report(Severity::Warning, tr("Model: %1").arg(w.toString()), modelPanel_);
    recent::add(modelPath_);
    QSettings().setValue(u"recent/lastModel"_s, modelPath_);
    rebuildRecentMenu();
    setModelReady(true);
    // The method list with this model's defaults (published layers and settings differ per model).
    bridge_->editMethods().result.then(this, [this](const std::vector<lancet::MethodInfo>& methods) {
        editPanel_->setMethods(methods);
    });
    modelStatus_->setText(tr("%1 · %2 · %3")
                              .arg(modelPanel_->family(), modelPanel_->device(), modelPanel_->dtype()));
    statusBar()->showMessage(tr("Opened %1 (%2 layers)").arg(modelPath_).arg(modelPanel_->layerCount()), kStatusMs);
    // A model that opens answers a model message, not the crash-recovery offer,
    // which stays until the user decides (dismissed, it would never come back).
    if (messageBar_->isShowing() && !pendingSession_ && !autosave_->hasRecovery())
        messageBar_->dismiss();
    Q_EMIT modelLoaded(modelPath_);
    if (pendingSession_) {
        const Session s = *pendingSession_;
        pendingSession_.reset();
        editPanel_->setRequest(s.draft);  // its layer needed the model's layer count
        if (!s.edits.isEmpty()) {
            statusBar()->showMessage(tr("Replaying %n edit(s) of the session…", nullptr, int(s.edits.size())));
            editController_->replay(s.edits);
        } else {
            editController_->stack()->setClean();
            Q_EMIT sessionRestored(0, 0);
        }
    }
}

void MainWindow::onLoadFailed(const QString& message, bool cancelled)
{
    const QString path = loadingPath_;
    pendingSession_.reset();
    modelPanel_->setFailed(path, message);
    setModelReady(false);
    modelPath_.clear();
    modelStatus_->setText(tr("no model"));
    if (cancelled) {
        statusBar()->showMessage(tr("Opening the model was cancelled"), kStatusMs);
        return;
    }
    const QString text = tr("Could not open the model %1: %2").arg(QDir::toNativeSeparators(path), message);
    report(Severity::Error, text, modelPanel_, u"model-open"_s);
    statusBar()->showMessage(text, kStatusMs);
    messageBar_->showMessage(Severity::Error, text,
                             {{tr("Open another model…"), [this] { showOpenModelDialog(); }}});
    Q_EMIT modelFailed(message);
}

void MainWindow::setModelReady(bool ready)
{
    modelReady_ = ready;
    const int layers = ready ? modelPanel_->layerCount() : 0;
    promptPanel_->setModelReady(ready);
    tracePanel_->setModelReady(ready, layers);
    patchingPanel_->setModelReady(ready);
    lensPanel_->setModelReady(ready);
    editPanel_->setLayerCount(layers);
    generationPanel_->setModelReady(ready);
    historyDock_->setLayerCount(layers);
    if (compareView_) {
        compareView_->cancel();
        compareView_->setLayerCount(layers);
        if (!ready)
            compareView_->hide();  // its states belonged to the previous model
    }
    if (!ready)
        scorecardPanel_->clear();
    if (ready)
        promptPanel_->setEditsApplied(editController_->appliedCount());  // asks for the prompt's top-k
    updateActions();
    updateTitle();
}

quint64 MainWindow::trace()
{
    if (!modelReady_) {
        statusBar()->showMessage(tr("Open a model first (Ctrl+O)"), kStatusMs);
        return 0;
    }
    if (tracePanel_->isRunning())
        return 0;
    const QString prompt = promptPanel_->prompt();
    if (prompt.trimmed().isEmpty()) {
        statusBar()->showMessage(tr("Type the prompt to trace in the prompt bar"), kStatusMs);
        revealWidget(promptPanel_->promptEdit());
        return 0;
    }
    const quint64 id = tracePanel_->startTrace(prompt);
    if (id)
        locateTabs_->setCurrentWidget(tracePanel_);  // Ctrl+T from another tab: show the maps it fills
    updateActions();
    return id;
}

void MainWindow::cancelRunning()
{
    if (tracePanel_->isRunning())
        tracePanel_->cancel();
    else if (locateTabs_->currentWidget() == patchingPanel_ && patchingPanel_->isRunning())
        patchingPanel_->cancel();
    else if (locateTabs_->currentWidget() == lensPanel_ && lensPanel_->isRunning())
        lensPanel_->cancel();
    else if (editController_->busy())
        bridge_->cancel(editController_->pendingJob());
    else if (jobMonitor_->hasActive())
        jobMonitor_->cancelCurrent();
}

bool MainWindow::applyEdit()
{
    if (!modelReady_) {
        statusBar()->showMessage(tr("Open a model first (Ctrl+O)"), kStatusMs);
        return false;
    }
    if (editController_->busy())
        return false;
    prefillEditFromPrompt();
    QString why;
    if (!editPanel_->canApply(&why)) {
        if (QLineEdit* missing = editPanel_->firstMissingField()) {
            revealWidget(missing);
            missing->setFocus(Qt::OtherFocusReason);
        }
        editPanel_->setStatus(why);
        report(Severity::Warning, tr("Edit: %1").arg(why), editPanel_, u"edit-form"_s);
        statusBar()->showMessage(why, kStatusMs);
        return false;
    }
    problemsDock_->resolve(u"edit-form"_s);
    EditRequest r = editPanel_->request();
    setEvaluationPrompts(r, scorecardPanel_->paraphrases(), scorecardPanel_->neighbours());
    // Jobs run in submission order: what is asked now sees the weights before
    // the edit. The prompt bar's distribution becomes the "base model" bars the
    // edited one is compared with (the edited prompt itself if the bar is empty).
    if (promptPanel_->prompt().trimmed().isEmpty())
        promptPanel_->setPrompt(qstr(r.filled_prompt()));
    promptPanel_->refresh();
    generationPanel_->setPrompt(qstr(r.filled_prompt()));
    generationPanel_->setHighlights(qstr(r.target_new), qstr(r.target_true.value_or("")));
    generationPanel_->generate(GenerationPanel::Side::Before);
    lastEdit_ = r;
    hasLastEdit_ = true;
    editPanel_->setStatus(tr("Computing the edit… (Esc cancels)"));
    scorecardPanel_->setStatus(tr("Waiting for the edit…"));
    return editController_->apply(r);
}

void MainWindow::prefillEditFromPrompt()
{
    // A user who typed a prompt above and pressed Apply (or clicked a bar of its
    // chart) means that prompt's fact: fill the form's empty subject and
    // template from it, with the subject the tracer would guess.
    const EditRequest form = editPanel_->request();
    if (!qstr(form.subject).trimmed().isEmpty() && !qstr(form.prompt).isEmpty())
        return;  // the form names its own fact
    const QString prompt = promptPanel_->prompt();
    if (prompt.trimmed().isEmpty())
        return;
    const QString subject = lancet::app::guessSubject(prompt);
    if (subject.isEmpty())
        return;
    const QString top = promptPanel_->shownPrompt() == prompt ? promptPanel_->topTokens().value(0) : QString();
    editPanel_->fillFromPrompt(prompt, subject, top);
}

void MainWindow::onEditApplied(int index)
{
    EditCommand* c = editController_->command(index);
    if (!c)
        return;
    const QJsonObject d = c->diagnostics();
    QString text = tr("Applied at layer %1").arg(c->layer());
    // The method's own before/after target probability (ROME reports it).
    const QJsonValue pb = d.value(u"prob_before"_s);
    const QJsonValue pa = d.value(u"prob_after"_s);
    if (pb.isDouble() && pa.isDouble())
        text += tr(": p(%1) %2 → %3")
                    .arg(lancet::widgets::visibleToken(qstr(c->request().target_new)),
                         lancet::widgets::formatProbability(pb.toDouble()),
                         lancet::widgets::formatProbability(pa.toDouble()));
    // The engine's own warnings about this edit (a huge update, a loss that did not fall).
    for (const QJsonValue& w : d.value(u"warnings"_s).toArray())
        report(Severity::Warning, tr("Edit %1: %2").arg(index + 1).arg(w.toString()), historyDock_);
    editPanel_->setStatus(text);
    statusBar()->showMessage(text, kStatusMs);
    problemsDock_->resolve(u"unsupported-"_s + lancet::app::jobKindName(JobKind::Edit));
    if (!editController_->replaying()) {
        historyDock_->raise();
        lastEdit_ = c->request();
        hasLastEdit_ = true;
        // On the lens tab, the edit's own question: where in depth does the new answer appear?
        if (locateTabs_->currentWidget() == lensPanel_)
            lensPanel_->runBeforeAfter();
        generationPanel_->generate(GenerationPanel::Side::After);
        if (!c->scorecard().rows.empty()) {
            // Scored by the edit job itself, before and after: nothing more to ask.
            onScorecardFinished(c->scorecard());
        } else {
            rescore();
        }
    }
    autosave_->saveNow();
    Q_EMIT editDone(true);
}

void MainWindow::onEditFailed(JobKind kind, const lancet::app::JobError& error)
{
    QString text;
    if (error.cancelled())
        text = tr("Cancelled: the model is unchanged.");
    else if (error.outOfMemory())
        text = tr("Out of memory: the model is unchanged. %1").arg(error.message);
    else
        text = tr("%1 failed: %2").arg(capitalised(lancet::app::jobKindName(kind)), error.message);
    editPanel_->setStatus(text);
    if (kind == JobKind::Edit) {
        scorecardPanel_->setStatus(tr("No edit to judge."));
        Q_EMIT editDone(false);
    }
}

void MainWindow::onEditStateChanged()
{
    // The lens's before/after view reads the latest edit the weights carry.
    const lancet::HistoryState& h = editController_->history();
    std::optional<EditRequest> latest;
    if (h.position > 0 && h.position <= h.edits.size()) {
        const lancet::HistoryEntry& e = h.edits[h.position - 1];
        latest = e.request;
        if (latest->layers.empty() && e.layer >= 0)
            latest->layers = {e.layer};
    }
    lensPanel_->setEditContext(latest);
    patchingPanel_->weightsChanged();
    const int applied = editController_->appliedCount();
    modelPanel_->setEditCount(applied);
    if (modelReady_)
        promptPanel_->setEditsApplied(applied);
    autosave_->saveNow();
    updateActions();
    updateTitle();
}

quint64 MainWindow::rescore()
{
    if (!modelReady_ || !hasLastEdit_ || scorecardJob_)
        return 0;
    setEvaluationPrompts(lastEdit_, scorecardPanel_->paraphrases(), scorecardPanel_->neighbours());
    scorecardPanel_->setPending(requestSummary(lastEdit_));
    auto job = bridge_->scorecard(lastEdit_);
    scorecardJob_ = job.id;
    job.result.then(this, [this](const lancet::EditScorecard& card) {
        scorecardJob_ = 0;
        onScorecardFinished(card);
        updateActions();
    }).onFailed(this, [this](const lancet::app::JobError& error) {
        scorecardJob_ = 0;
        scorecardPanel_->setUnavailable(error.cancelled() ? tr("cancelled") : error.message);
        Q_EMIT scorecardDone(false);
        updateActions();
    });
    return scorecardJob_;
}

void MainWindow::onScorecardFinished(const lancet::EditScorecard& card)
{
    scorecardPanel_->setScorecard(card);
    problemsDock_->resolve(u"job-"_s + lancet::app::jobKindName(JobKind::Scorecard));
    Q_EMIT scorecardDone(true);
}

CompareView* MainWindow::showCompare(int from, int to)
{
    if (!modelReady_)
        return nullptr;
    if (!compareView_) {
        compareView_ = new CompareView(bridge_.get(), editController_, this);
        compareView_->setLayerCount(modelPanel_->layerCount());
    }
    compareView_->setStates(from, to);
    if (compareView_->promptEdit()->text().isEmpty()) {
        // The edited fact is what a comparison is usually about.
        const int edit = std::max(from, to);
        EditCommand* c = edit > 0 ? editController_->command(edit - 1) : nullptr;
        compareView_->setPrompt(c ? qstr(c->request().filled_prompt()) : promptPanel_->prompt());
    }
    compareView_->show();
    compareView_->raise();
    compareView_->activateWindow();
    return compareView_;
}

SequentialDialog* MainWindow::showSequentialEdits()
{
    if (!modelReady_)
        return nullptr;
    if (!sequential_) {
        sequential_ = new SequentialDialog(bridge_.get(), this);
        // The model's own facts are the natural stream: each fact edited to another answer.
        const QString facts = QDir(modelPath_).filePath(u"facts.json"_s);
        if (QFileInfo::exists(facts))
            sequential_->setDataset(facts);
    }
    sequential_->setMethods(editPanel_->methods());
    sequential_->show();
    sequential_->raise();
    return sequential_;
}

TttDialog* MainWindow::showTtt()
{
    if (!modelReady_)
        return nullptr;
    if (!ttt_)
        ttt_ = new TttDialog(bridge_.get(), this);
    ttt_->setModelPath(modelPath_);
    ttt_->show();
    ttt_->raise();
    return ttt_;
}

MethodComparisonDialog* MainWindow::showMethodComparison()
{
    if (!modelReady_)
        return nullptr;
    if (!methodComparison_)
        methodComparison_ = new MethodComparisonDialog(bridge_.get(), this);
    methodComparison_->setMethods(editPanel_->methods());
    EditRequest r = editPanel_->request();
    setEvaluationPrompts(r, scorecardPanel_->paraphrases(), scorecardPanel_->neighbours());
    methodComparison_->setRequest(r);
    methodComparison_->show();
    methodComparison_->raise();
    return methodComparison_;
}

void MainWindow::undoEdit() { editController_->undo(); }
void MainWindow::redoEdit() { editController_->redo(); }

quint64 MainWindow::exportModel(const QString& directory)
{
    if (!modelReady_ || exportJob_)
        return 0;
    exportJob_ = bridge_->exportModel(directory);
    statusBar()->showMessage(tr("Exporting to %1…").arg(directory));
    return exportJob_;
}

void MainWindow::updateActions()
{
    if (!traceAction_)
        return;
    const bool tracing = tracePanel_->isRunning();
    const bool editBusy = editController_->busy();
    traceAction_->setEnabled(modelReady_ && !tracing && !promptPanel_->prompt().trimmed().isEmpty());
    cancelAction_->setEnabled(tracing || editBusy || jobMonitor_->hasActive());
    applyAction_->setEnabled(modelReady_ && !editBusy);
    QUndoStack* stack = editController_->stack();
    undoAction_->setEnabled(modelReady_ && !editBusy && stack->canUndo());
    redoAction_->setEnabled(modelReady_ && !editBusy && stack->canRedo());
    undoAction_->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    redoAction_->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
    exportAction_->setEnabled(modelReady_ && !exportJob_);
    rescoreAction_->setEnabled(modelReady_ && hasLastEdit_ && !scorecardJob_);
    saveSessionAction_->setEnabled(modelReady_);
    saveSessionAsAction_->setEnabled(modelReady_);
    compareAction_->setEnabled(modelReady_ && !editBusy && stack->count() > 0);
    compareMethodsAction_->setEnabled(modelReady_ && !editBusy);
    sequentialAction_->setEnabled(modelReady_ && !editBusy);
    tttAction_->setEnabled(modelReady_ && !editBusy);
}

void MainWindow::updateTitle()
{
    QString title = u"Lancet"_s;
    if (!modelPath_.isEmpty())
        title = QFileInfo(modelPath_).fileName() + u" — "_s + title;
    if (!sessionPath_.isEmpty())
        title = QFileInfo(sessionPath_).fileName() + u" · "_s + title;
    setWindowTitle(title + u"[*]"_s);
    setWindowModified(hasUnsavedEdits());
}

bool MainWindow::hasUnsavedEdits() const
{
    const QUndoStack* stack = editController_->stack();
    return stack->count() > 0 && !stack->isClean();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::ThemeChange && settings_.theme == ThemeMode::FollowDesktop)
        theme::desktopChanged(settings_.theme);
    QMainWindow::changeEvent(event);
}

}  // namespace lancet::gui
