#include "ttt_dialog.h"

#include "curve_plot.h"
#include "edit_request.h"
#include "inplace_demo_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using lancet::app::JobError;
using lancet::widgets::CurvePlot;

namespace lancet::gui {

namespace {

constexpr double kTttNaN = std::numeric_limits<double>::quiet_NaN();

QString tttNumber(double v, int decimals)
{
    if (!std::isfinite(v))
        return u"—"_s;
    if (std::fabs(v) >= 10000)
        return QString::number(v, 'g', 3);
    return QString::number(v, 'f', decimals);
}

// The method keys of the form, in the order of the lecture's command.
const QStringList kTttKeys = {u"none"_s, u"tent"_s, u"episodic"_s, u"reset"_s, u"fastslow"_s, u"inplace"_s};

}  // namespace

TttDialog::TttDialog(lancet::app::EngineBridge* bridge, QWidget* parent) : JobDialog(bridge, parent)
{
    setObjectName(u"tttDialog"_s);
    setWindowTitle(tr("Test-time training: adapting while answering"));

    // ---- the stream
    auto* streamBox = new QGroupBox(tr("Stream"), this);
    demo_ = new QRadioButton(tr("&Demo shift"), streamBox);
    demo_->setObjectName(u"tttDemoShift"_s);
    demo_->setToolTip(tr("The model's own facts (facts.json), asked in four phases of fresh facts: held-out "
                         "phrasings, a register its corpus never used, typos, the subject in Cyrillic. Labels "
                         "(the true answers) are only scored, never shown to the adaptation."));
    perPhase_ = new QSpinBox(streamBox);
    perPhase_->setObjectName(u"tttPerPhase"_s);
    perPhase_->setRange(1, 1000);
    perPhase_->setValue(25);
    perPhase_->setSuffix(tr(" per phase"));
    perPhase_->setToolTip(tr("Inputs in each of the four phases"));
    cycles_ = new QSpinBox(streamBox);
    cycles_->setObjectName(u"tttCycles"_s);
    cycles_->setRange(1, 20);
    cycles_->setValue(2);
    cycles_->setSuffix(tr(" cycles"));
    cycles_->setToolTip(tr("The four phases this many times, each on fresh facts: a long horizon is where "
                           "continual adaptation collapses"));
    file_ = new QRadioButton(tr("Text &file"), streamBox);
    file_->setObjectName(u"tttTextFile"_s);
    file_->setToolTip(tr("One input per line (INPUT<Tab>LABEL adds a label for scoring), read as it goes"));
    path_ = new QLineEdit(streamBox);
    path_->setObjectName(u"tttStreamFile"_s);
    path_->setPlaceholderText(tr("stream.txt"));
    auto* browse = new QToolButton(streamBox);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a text file"));
    paragraphs_ = new QCheckBox(tr("paragraphs"), streamBox);
    paragraphs_->setToolTip(tr("Blank-line separated inputs instead of one per line"));
    auto* group = new QButtonGroup(this);
    group->addButton(demo_);
    group->addButton(file_);
    demo_->setChecked(true);
    auto* sg = new QGridLayout(streamBox);
    sg->addWidget(demo_, 0, 0);
    sg->addWidget(perPhase_, 0, 1);
    sg->addWidget(cycles_, 0, 2, 1, 2);
    sg->addWidget(file_, 1, 0);
    sg->addWidget(path_, 1, 1, 1, 1);
    sg->addWidget(browse, 1, 2);
    sg->addWidget(paragraphs_, 1, 3);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString p = QFileDialog::getOpenFileName(this, tr("Stream"), path_->text(),
                                                       tr("Text (*.txt *.tsv);;All files (*)"));
        if (!p.isEmpty())
            setStreamFile(p);
    });

    // ---- the methods
    auto* methodBox = new QGroupBox(tr("Methods (one line each)"), this);
    none_ = new QCheckBox(tr("none"), methodBox);
    none_->setToolTip(tr("No adaptation: the frozen model, the baseline every method must beat"));
    tent_ = new QCheckBox(tr("TENT, continual"), methodBox);
    tent_->setToolTip(tr("TENT (Wang et al. 2021): after answering an input, one gradient step lowers the entropy "
                         "of its next-token distribution, over the norms' scale and shift (γ, β). Never reset: "
                         "it accumulates, first sharpening right answers, then drifting into a confident "
                         "constant prediction (entropy → 0) and forgetting"));
    episodic_ = new QCheckBox(tr("episodic (SUTA)"), methodBox);
    episodic_->setToolTip(tr("SUTA's protocol: adapt on the input, answer it, then reset weights and optimiser to "
                             "the base. Nothing accumulates, so nothing collapses (and nothing is learnt across "
                             "inputs)"));
    reset_ = new QCheckBox(tr("reset every"), methodBox);
    reset_->setToolTip(tr("RDumb (Press et al. 2023): continual TENT with a hard reset to the base every N "
                          "inputs, the baseline that beat elaborate continual methods on long streams"));
    resetEvery_ = new QSpinBox(methodBox);
    resetEvery_->setObjectName(u"tttResetEvery"_s);
    resetEvery_->setRange(1, 100000);
    resetEvery_->setValue(25);
    resetEvery_->setToolTip(reset_->toolTip());
    fastslow_ = new QCheckBox(tr("fast/slow"), methodBox);
    fastslow_->setToolTip(tr("After Dynamic-SUTA (Lin et al. 2024): per input, fast weights start from slow ones, "
                             "adapt and answer; every few inputs the slow weights move toward the fast ones' mean; "
                             "a jump of the slow model's entropy (a distribution shift) resets them to the base"));
    inplace_ = new QCheckBox(tr("In-Place TTT"), methodBox);
    inplace_->setToolTip(tr("In-Place TTT (2026): the MLP down projections of the upper layers as fast weights, "
                            "one Hebbian update per input toward the next token's embedding. Never reset on a "
                            "stream: with the untrained conv it accumulates without bound"));
    for (auto [box, key] : {std::pair{none_, u"none"_s}, {tent_, u"tent"_s}, {episodic_, u"episodic"_s},
                            {reset_, u"reset"_s}, {fastslow_, u"fastslow"_s}, {inplace_, u"inplace"_s}}) {
        box->setObjectName(u"tttMethod_"_s + key);
        connect(box, &QCheckBox::toggled, this, [this] { updateButtons(); });
    }
    auto* mg = new QGridLayout(methodBox);
    mg->addWidget(none_, 0, 0);
    mg->addWidget(tent_, 0, 1);
    mg->addWidget(episodic_, 0, 2);
    auto* resetRow = new QHBoxLayout;
    resetRow->setSpacing(2);
    resetRow->addWidget(reset_);
    resetRow->addWidget(resetEvery_);
    resetRow->addStretch(1);
    mg->addLayout(resetRow, 1, 0);
    mg->addWidget(fastslow_, 1, 1);
    mg->addWidget(inplace_, 1, 2);
    setCheckedMethods({u"none"_s, u"tent"_s, u"episodic"_s, u"reset"_s, u"fastslow"_s});

    // ---- the adaptation and the probe
    auto* adaptBox = new QGroupBox(tr("Adaptation and probe"), this);
    lr_ = new QDoubleSpinBox(adaptBox);
    lr_->setObjectName(u"tttLearningRate"_s);
    lr_->setDecimals(4);
    lr_->setRange(0.0001, 10.0);
    lr_->setSingleStep(0.001);
    lr_->setValue(0.01);
    lr_->setToolTip(tr("Adam's learning rate for every TENT-based method. 1e-2 shows the collapse within 200 "
                       "inputs on the demo model; 1e-3 (TENT's default) barely moves; 3e-2 collapses in the "
                       "first phase. A rate that diverges stops the run and restores the weights."));
    steps_ = new QSpinBox(adaptBox);
    steps_->setObjectName(u"tttSteps"_s);
    steps_->setRange(1, 100);
    steps_->setValue(1);
    steps_->setToolTip(tr("Optimiser steps per input"));
    every_ = new QSpinBox(adaptBox);
    every_->setObjectName(u"tttProbeEvery"_s);
    every_->setRange(0, 100000);
    every_->setValue(50);
    every_->setSpecialValueText(tr("never"));
    every_->setToolTip(tr("Every N inputs (and before the first and after the last), the forgetting side is "
                          "measured with the adapted weights: recall of the model's own facts and the perplexity "
                          "of general text (about a second on the demo model)"));
    window_ = new QSpinBox(adaptBox);
    window_->setObjectName(u"tttWindow"_s);
    window_->setRange(1, 1000);
    window_->setValue(10);
    window_->setToolTip(tr("Accuracy and entropy are drawn as the mean of the last N inputs"));
    auto* ag = new QGridLayout(adaptBox);
    ag->addWidget(new QLabel(tr("lr"), adaptBox), 0, 0);
    ag->addWidget(lr_, 0, 1);
    ag->addWidget(new QLabel(tr("steps"), adaptBox), 0, 2);
    ag->addWidget(steps_, 0, 3);
    ag->addWidget(new QLabel(tr("probe every"), adaptBox), 1, 0);
    ag->addWidget(every_, 1, 1);
    ag->addWidget(new QLabel(tr("average"), adaptBox), 1, 2);
    ag->addWidget(window_, 1, 3);

    auto* inputs = new QHBoxLayout;
    inputs->addWidget(streamBox, 3);
    inputs->addWidget(methodBox, 3);
    inputs->addWidget(adaptBox, 2);

    // ---- buttons, progress, status
    run_ = new QPushButton(tr("&Run"), this);
    run_->setObjectName(u"tttRun"_s);
    run_->setDefault(true);
    run_->setToolTip(tr("Each checked method over the same stream, one after another, drawn as it goes. The "
                        "model's weights are restored after every method."));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(u"tttCancel"_s);
    cancel_->setToolTip(tr("Stop after the current input (Esc); what was measured is kept, the weights are the "
                           "base again"));
    export_ = new QPushButton(tr("&Export…"), this);
    export_->setObjectName(u"tttExport"_s);
    export_->setToolTip(tr("Save every run: JSON (settings, records, probe points, status) or CSV (one row per "
                           "method and input), as lancet-cli ttt writes them"));
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumHeight(10);
    status_ = new QLabel(this);
    status_->setObjectName(u"tttStatus"_s);
    status_->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addWidget(export_);
    auto* longDocument = new QPushButton(tr("&Long document…"), this);
    longDocument->setObjectName(u"tttLongDocument"_s);
    longDocument->setToolTip(tr("In-Place TTT's demonstration: facts in a document longer than the context, "
                                "questions after it; no adaptation, the rule, its trained add-on and a fine-tune "
                                "side by side"));
    connect(longDocument, &QPushButton::clicked, this, [this] { showInplaceDemo(); });
    buttons->addWidget(longDocument);
    buttons->addWidget(progress_, 1);

    legend_ = new QLabel(this);
    legend_->setObjectName(u"tttLegend"_s);
    legend_->setTextFormat(Qt::RichText);
    legend_->setWordWrap(true);
    protocol_ = new QLabel(this);
    protocol_->setObjectName(u"tttProtocol"_s);
    protocol_->setWordWrap(true);
    protocol_->setStyleSheet(u"color: #616161;"_s);

    // ---- the views: five plots and the summary, one colour per method everywhere
    auto* grid = new QGridLayout;
    grid->setSpacing(6);
    for (int i = 0; i < 5; ++i) {
        auto* p = new CurvePlot(this);
        p->setObjectName(u"tttPlot%1"_s.arg(i));
        p->setLegendVisible(false);
        p->setMinimumSize(260, 170);
        plots_.push_back(p);
    }
    plot(View::Perplexity)->setLogScale(true);
    table_ = new QTableWidget(0, 6, this);
    table_->setObjectName(u"tttSummary"_s);
    table_->setHorizontalHeaderLabels({tr("method"), tr("acc"), tr("recall"), tr("perplexity"), tr("‖Δθ‖"), tr("status")});
    table_->horizontalHeaderItem(1)->setToolTip(tr("Accuracy over every labelled input of the stream"));
    table_->horizontalHeaderItem(2)->setToolTip(tr("Base-fact recall at the first probe → at the last"));
    table_->horizontalHeaderItem(3)->setToolTip(tr("General-text perplexity at the first probe → at the last"));
    table_->horizontalHeaderItem(4)->setToolTip(tr("‖θ − θ₀‖ of the adapted parameters after the last input"));
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    // The name takes what the numbers leave (elided; its tooltip has it whole), so the status stays in view.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->setTextElideMode(Qt::ElideRight);
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table_->setMinimumSize(260, 170);
    grid->addWidget(plots_[0], 0, 0);
    grid->addWidget(plots_[1], 0, 1);
    grid->addWidget(plots_[4], 0, 2);
    grid->addWidget(plots_[2], 1, 0);
    grid->addWidget(plots_[3], 1, 1);
    grid->addWidget(table_, 1, 2);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(inputs);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addWidget(legend_);
    layout->addLayout(grid, 1);
    layout->addWidget(protocol_);
    resize(1280, 700);

    connect(run_, &QPushButton::clicked, this, [this] { run(); });
    connect(cancel_, &QPushButton::clicked, this, &TttDialog::cancel);
    connect(export_, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Export test-time training runs"), u"ttt.json"_s,
                                                       tr("JSON (*.json);;CSV table (*.csv)"));
        if (!p.isEmpty() && !exportData(p))
            status_->setText(tr("Could not write %1").arg(p));
    });
    connect(demo_, &QRadioButton::toggled, this, [this] { updateButtons(); });
    connect(path_, &QLineEdit::textChanged, this, [this] { updateButtons(); });
    connect(window_, &QSpinBox::valueChanged, this, [this] {
        if (!job_)
            replotAll();
    });
    connect(bridge_, &lancet::app::EngineBridge::tttMethodStarted, this,
            [this](quint64 id, int method, const QString& stream) {
                if (id != job_ || method < 0 || method >= int(runs_.size()))
                    return;
                streamName_ = stream;
                runs_[size_t(method)].run.stream = stream.toStdString();
                status_->setText(tr("Running %1 (%2 of %3) on %4… Esc cancels.")
                                     .arg(displayName(specs_[size_t(method)]))
                                     .arg(method + 1)
                                     .arg(specs_.size())
                                     .arg(stream));
            });
    connect(bridge_, &lancet::app::EngineBridge::tttRecord, this,
            [this](quint64 id, int method, const lancet::TttRecord& r) {
                if (id == job_)
                    onRecord(method, r);
            });
    connect(bridge_, &lancet::app::EngineBridge::tttForgetting, this,
            [this](quint64 id, int method, const lancet::TttForgettingPoint& p) {
                if (id == job_)
                    onForgetting(method, p);
            });
    connect(bridge_, &lancet::app::EngineBridge::tttMethodDone, this,
            [this](quint64 id, int method, const lancet::TttRun& run) {
                if (id == job_)
                    onMethodDone(method, run);
            });
    connect(bridge_, &lancet::app::EngineBridge::jobProgress, this, [this](quint64 id, double f, const QString&) {
        if (id == job_)
            progress_->setValue(int(f * 1000));
    });

    specs_ = methodSpecs();
    resetViews();
    status_->setText(tr("The defaults reproduce the lecture's picture (lancet-cli ttt MODEL --shift demo --per-phase 25 "
                        "--cycles 2 --lr 1e-2 --method none,tent,episodic,reset:25,fastslow --every 50): continual "
                        "TENT first beats the frozen model, then collapses below it; episodic and fast/slow do not. "
                        "Press Run."));
    updateButtons();
}

void TttDialog::setModelPath(const QString& dir)
{
    modelPath_ = dir;
    const bool facts = !dir.isEmpty() && QFileInfo::exists(QDir(dir).filePath(u"facts.json"_s));
    demo_->setEnabled(facts);
    if (!facts)
        file_->setChecked(true);
    demo_->setToolTip(facts ? demo_->toolTip() : tr("This model's folder has no facts.json: choose a text file"));
    updateButtons();
}

void TttDialog::setDemoShift(int perPhase, int cycles)
{
    perPhase_->setValue(perPhase);
    cycles_->setValue(cycles);
    if (demo_->isEnabled())
        demo_->setChecked(true);
}

void TttDialog::setStreamFile(const QString& path)
{
    path_->setText(path);
    if (path.isEmpty()) {
        if (demo_->isEnabled())
            demo_->setChecked(true);
    } else {
        file_->setChecked(true);
    }
}

void TttDialog::setCheckedMethods(const QStringList& keys)
{
    const QList<QCheckBox*> boxes = {none_, tent_, episodic_, reset_, fastslow_, inplace_};
    for (int i = 0; i < boxes.size(); ++i)
        boxes[i]->setChecked(keys.contains(kTttKeys[i]));
}

QStringList TttDialog::checkedMethods() const
{
    const QList<QCheckBox*> boxes = {none_, tent_, episodic_, reset_, fastslow_, inplace_};
    QStringList out;
    for (int i = 0; i < boxes.size(); ++i)
        if (boxes[i]->isChecked())
            out << kTttKeys[i];
    return out;
}

void TttDialog::setResetEvery(int n) { resetEvery_->setValue(n); }
void TttDialog::setLearningRate(double lr) { lr_->setValue(lr); }
void TttDialog::setSteps(int steps) { steps_->setValue(steps); }
void TttDialog::setProbeEvery(int n) { every_->setValue(n); }
void TttDialog::setProbeSize(int textTokens, int facts)
{
    probeTokens_ = textTokens;
    probeFacts_ = facts;
}
void TttDialog::setWindow(int n) { window_->setValue(n); }

std::vector<lancet::TttMethodSpec> TttDialog::methodSpecs() const
{
    lancet::TttMethodSpec base;
    base.lr = lr_->value();
    base.steps = steps_->value();
    QStringList names;
    for (const QString& k : checkedMethods())
        names << (k == u"reset"_s ? u"reset:%1"_s.arg(resetEvery_->value()) : k);
    if (names.isEmpty())
        return {};
    // The CLI's parser: the same names, labels and defaults as `lancet-cli ttt --method`.
    lancet::TttMethodList list = lancet::parse_ttt_methods(names.join(u',').toStdString(), base);
    return list.error.empty() ? list.methods : std::vector<lancet::TttMethodSpec>{};
}

QString TttDialog::displayName(const lancet::TttMethodSpec& spec) const
{
    const QString k = qstr(spec.kind);
    if (k == u"none"_s)
        return tr("none (frozen)");
    if (k == u"continual"_s)
        return tr("TENT, continual");
    if (k == u"episodic"_s)
        return tr("episodic (SUTA)");
    if (k == u"reset"_s)
        return tr("reset every %1 (RDumb)").arg(spec.reset_every);
    if (k == u"fastslow"_s)
        return tr("fast/slow (Dynamic-SUTA)");
    if (k == u"inplace"_s)
        return tr("In-Place TTT");
    return qstr(spec.display());
}

quint64 TttDialog::run()
{
    if (job_)
        return 0;
    std::vector<lancet::TttMethodSpec> specs = methodSpecs();
    if (specs.empty())
        return 0;
    lancet::app::TttParams p;
    if (file_->isChecked()) {
        p.streamFile = path_->text().trimmed();
        if (p.streamFile.isEmpty())
            return 0;
        p.paragraphs = paragraphs_->isChecked();
    }
    p.perPhase = perPhase_->value();
    p.cycles = cycles_->value();
    p.methods = specs;
    p.every = every_->value();
    p.probeTokens = probeTokens_;
    p.probeFacts = probeFacts_;
    specs_ = specs;
    windowUsed_ = window_->value();
    runs_.clear();
    for (const auto& s : specs_) {
        Live l;
        l.run.method = s;
        runs_.push_back(std::move(l));
    }
    streamName_.clear();
    resetViews();
    auto job = bridge_->runTtt(p);
    progress_->setValue(0);
    status_->setText(tr("Starting: %n method(s) over the same stream… (Esc cancels)", nullptr, int(specs.size())));
    return follow(
        job,
        [this](const lancet::TttComparison& c) {
            for (size_t i = 0; i < c.runs.size() && i < runs_.size(); ++i)
                if (!runs_[i].ended)
                    onMethodDone(int(i), c.runs[i]);
            progress_->setValue(1000);
            double seconds = 0;
            bool restored = true;
            QStringList diverged;
            for (const auto& r : c.runs) {
                seconds += r.seconds;
                restored = restored && r.weights_restored;
                if (r.status == lancet::TttStatus::Diverged)
                    diverged << displayName(r.method);
            }
            QString text = tr("Done: %n method(s) in %1 s on %2.", nullptr, int(c.runs.size()))
                               .arg(seconds, 0, 'f', 1)
                               .arg(streamName_);
            text += u" "_s + (restored ? tr("The weights are the base again (checked bit for bit).")
                                       : tr("Warning: a run did not restore the adapted weights."));
            if (!diverged.isEmpty())
                text += u" "_s + tr("Diverged (stopped, restored): %1.").arg(diverged.join(u", "_s));
            status_->setText(text);
        },
        [this](const JobError& e) {
            for (Live& l : runs_)
                if (!l.ended && !l.run.records.empty()) {
                    l.run.status = lancet::TttStatus::Cancelled;
                    l.ended = true;
                }
            updateTable();
            status_->setText(e.cancelled() ? tr("Cancelled: what was measured is kept; the weights are the base again.")
                                           : tr("Failed: %1").arg(e.message));
        });
}

InplaceDemoDialog* TttDialog::showInplaceDemo()
{
    if (!inplaceDemo_)
        inplaceDemo_ = new InplaceDemoDialog(bridge_, this);
    inplaceDemo_->show();
    inplaceDemo_->raise();
    inplaceDemo_->activateWindow();
    return inplaceDemo_;
}

CurvePlot* TttDialog::plot(View view) const { return plots_.at(size_t(view)); }

QString TttDialog::statusText() const { return status_->text(); }

void TttDialog::updateTitles()
{
    const QString w = QString::number(windowUsed_);
    const QString probe = every_->value() > 0
                              ? tr("probe: %1 facts, %2 tokens, every %3 inputs").arg(probeFacts_).arg(probeTokens_).arg(every_->value())
                              : tr("no probe (probe every: never)");
    plot(View::Accuracy)->setTitle(tr("Accuracy, mean of the last %1 inputs\nttt-stream: label tokens all argmax").arg(w));
    plot(View::Accuracy)->setAxisLabels(tr("inputs"), tr("accuracy (%)"));
    plot(View::Entropy)->setTitle(tr("Next-token entropy, last %1 inputs\nttt-stream: → 0 is collapse").arg(w));
    plot(View::Entropy)->setAxisLabels(tr("inputs"), tr("entropy (nats)"));
    plot(View::DeltaNorm)->setTitle(tr("‖θ − θ₀‖ of the adapted parameters\nafter each input (0: reset)"));
    plot(View::DeltaNorm)->setAxisLabels(tr("inputs"), tr("‖θ − θ₀‖"));
    plot(View::Recall)->setTitle(tr("Base-fact recall (forgetting)\n%1").arg(probe));
    plot(View::Recall)->setAxisLabels(tr("inputs"), tr("recall (%)"));
    plot(View::Perplexity)->setTitle(tr("General-text perplexity (log scale)\n%1").arg(probe));
    plot(View::Perplexity)->setAxisLabels(tr("inputs"), tr("perplexity"));
    protocol_->setText(tr("Protocols: accuracy and entropy per input (ttt-stream; TENT, reset and none score before "
                          "adapting on the input, episodic and fast/slow after; labels are never adapted on). Recall and "
                          "perplexity: the general-ability probe with the adapted weights bound. Dashed lines: the "
                          "stream's phases."));
}

void TttDialog::resetViews()
{
    updateTitles();
    plot(View::Accuracy)->setValueRange(0, 100);
    plot(View::Recall)->setValueRange(0, 100);
    for (CurvePlot* p : plots_) {
        p->clear();
        p->clearMarkers();
    }
    markedUpTo_ = 0;
    lastSegment_.clear();
    for (const auto& s : specs_)
        for (CurvePlot* p : plots_)
            p->addRun(displayName(s), {QString()});
    updateLegend();
    updateTable();
}

void TttDialog::replotAll()
{
    windowUsed_ = window_->value();
    resetViews();
    for (size_t m = 0; m < runs_.size(); ++m) {
        for (size_t i = 0; i < runs_[m].run.records.size(); ++i) {
            markPhase(runs_[m].run.records[i]);
            plotRecord(int(m), i);
        }
        for (const auto& p : runs_[m].run.forgetting)
            plotForgetting(int(m), p);
    }
}

void TttDialog::updateLegend()
{
    QStringList parts;
    for (size_t i = 0; i < specs_.size(); ++i)
        parts << u"<span style=\"color:%1; font-weight:bold;\">━━</span>&nbsp;%2"_s.arg(
                     CurvePlot::runColor(int(i)).name(), displayName(specs_[i]).toHtmlEscaped());
    legend_->setText(parts.join(u"&nbsp;&nbsp;&nbsp;&nbsp;"_s));
}

void TttDialog::markPhase(const lancet::TttRecord& r)
{
    if (r.index < markedUpTo_)
        return;
    markedUpTo_ = r.index + 1;
    if (r.segment.empty() || r.segment == lastSegment_)
        return;
    lastSegment_ = r.segment;
    // Between the last input of one phase and the first of the next.
    for (CurvePlot* p : plots_)
        p->addMarker(double(r.index) + 0.5, qstr(r.segment));
}

void TttDialog::plotRecord(int method, size_t index)
{
    const auto& recs = runs_[size_t(method)].run.records;
    const lancet::TttRecord& r = recs[index];
    const size_t w = size_t(std::max(1, windowUsed_));
    double ok = 0, labelled = 0, ent = 0, entN = 0;
    for (size_t k = index + 1 > w ? index + 1 - w : 0; k <= index; ++k) {
        if (recs[k].has_label) {
            labelled += 1;
            ok += recs[k].correct ? 1 : 0;
        }
        if (std::isfinite(recs[k].entropy)) {
            ent += recs[k].entropy;
            entN += 1;
        }
    }
    const double x = double(r.index + 1);
    plot(View::Accuracy)->appendPoint(method, x, {labelled > 0 ? 100.0 * ok / labelled : kTttNaN});
    plot(View::Entropy)->appendPoint(method, x, {entN > 0 ? ent / entN : kTttNaN});
    plot(View::DeltaNorm)->appendPoint(method, x, {r.delta_norm});
}

void TttDialog::plotForgetting(int method, const lancet::TttForgettingPoint& p)
{
    const double x = double(p.inputs);
    plot(View::Recall)->appendPoint(method, x, {std::isfinite(p.fact_recall) ? 100.0 * p.fact_recall : kTttNaN});
    plot(View::Perplexity)->appendPoint(method, x, {p.perplexity});
}

void TttDialog::onRecord(int method, const lancet::TttRecord& r)
{
    if (method < 0 || method >= int(runs_.size()))
        return;
    auto& recs = runs_[size_t(method)].run.records;
    recs.push_back(r);
    markPhase(r);
    plotRecord(method, recs.size() - 1);
    export_->setEnabled(true);
    if (r.index % 10 == 0)
        updateTable();
}

void TttDialog::onForgetting(int method, const lancet::TttForgettingPoint& p)
{
    if (method < 0 || method >= int(runs_.size()))
        return;
    runs_[size_t(method)].run.forgetting.push_back(p);
    plotForgetting(method, p);
    updateTable();
}

void TttDialog::onMethodDone(int method, const lancet::TttRun& run)
{
    if (method < 0 || method >= int(runs_.size()))
        return;
    Live& l = runs_[size_t(method)];
    // The finished run is the record; the streamed points only drew it early.
    const bool redraw = l.run.records.size() != run.records.size() || l.run.forgetting.size() != run.forgetting.size();
    l.run = run;
    l.ended = true;
    if (redraw)
        replotAll();
    updateTable();
}

void TttDialog::updateTable()
{
    table_->setRowCount(int(runs_.size()));
    auto set = [this](int row, int col, const QString& text, const QString& tip = {}) {
        auto* item = new QTableWidgetItem(text);
        if (!tip.isEmpty())
            item->setToolTip(tip);
        if (col > 0 && col < 5)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, col, item);
        return item;
    };
    for (int i = 0; i < int(runs_.size()); ++i) {
        const Live& l = runs_[size_t(i)];
        const lancet::TttRun& r = l.run;
        QTableWidgetItem* name = set(i, 0, displayName(r.method),
                                     tr("%1 — %2: %3, lr %4, %5 step(s), params %6")
                                         .arg(displayName(r.method), qstr(r.method.display()),
                                              r.order.empty() ? tr("order per method") : qstr(r.order))
                                         .arg(r.method.lr)
                                         .arg(r.method.steps)
                                         .arg(qstr(r.method.params)));
        name->setForeground(CurvePlot::runColor(i));
        QFont f = name->font();
        f.setBold(true);
        name->setFont(f);
        set(i, 1, r.records.empty() ? u"—"_s : tttNumber(r.accuracy(), 2),
            tr("%n input(s) so far", nullptr, int(r.records.size())));
        const auto& fp = r.forgetting;
        if (!fp.empty()) {
            set(i, 2, tttNumber(fp.front().fact_recall, 2) + u" → "_s + tttNumber(fp.back().fact_recall, 2));
            set(i, 3, tttNumber(fp.front().perplexity, 1) + u" → "_s + tttNumber(fp.back().perplexity, 1));
        } else {
            set(i, 2, u"—"_s);
            set(i, 3, u"—"_s);
        }
        set(i, 4, r.records.empty() ? u"—"_s : tttNumber(r.records.back().delta_norm, 2));
        QString status;
        if (!l.ended)
            status = r.records.empty() ? tr("waiting") : tr("running");
        else
            status = qstr(lancet::ttt_status_name(r.status));
        QTableWidgetItem* st = set(i, 5, status, qstr(r.message));
        if (l.ended && r.status == lancet::TttStatus::Diverged)
            st->setForeground(QColor(0xd5, 0x5e, 0x00));
    }
}

lancet::TttComparison TttDialog::comparison() const
{
    lancet::TttComparison c;
    for (const Live& l : runs_)
        if (l.ended || !l.run.records.empty())
            c.runs.push_back(l.run);
    return c;
}

bool TttDialog::exportData(const QString& path) const
{
    const lancet::TttComparison c = comparison();
    if (c.runs.empty())
        return false;
    QSaveFile f(path);  // atomic: a failed write leaves an earlier file as it was
    if (!f.open(QIODevice::WriteOnly))
        return false;
    if (path.endsWith(u".csv"_s, Qt::CaseInsensitive)) {
        f.write(QByteArray::fromStdString(c.to_csv()));
    } else {
        nlohmann::json j = c.to_json();
        j["partial"] = job_ != 0 || std::any_of(runs_.begin(), runs_.end(), [](const Live& l) { return !l.ended; });
        f.write(QByteArray::fromStdString(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)));
    }
    return f.commit();
}

void TttDialog::updateButtons()
{
    if (!run_)
        return;  // still being built
    const bool idle = job_ == 0;
    const bool facts = modelPath_.isEmpty() || QFileInfo::exists(QDir(modelPath_).filePath(u"facts.json"_s));
    const bool haveStream = demo_->isChecked() ? facts : !path_->text().trimmed().isEmpty();
    run_->setEnabled(idle && haveStream && !checkedMethods().isEmpty());
    cancel_->setEnabled(!idle);
    bool any = false;
    for (const Live& l : runs_)
        any = any || !l.run.records.empty();
    export_->setEnabled(any);
    for (QWidget* w : std::initializer_list<QWidget*>{demo_, file_, perPhase_, cycles_, path_, paragraphs_, none_, tent_,
                                                      episodic_, reset_, resetEvery_, fastslow_, inplace_, lr_, steps_,
                                                      every_, window_})
        w->setEnabled(idle);
    if (idle && !facts)
        demo_->setEnabled(false);
}

}  // namespace lancet::gui
