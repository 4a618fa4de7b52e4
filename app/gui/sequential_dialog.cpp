#include "sequential_dialog.h"

#include "curve_plot.h"
#include "edit_request.h"
#include "method_texts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::JobError;

namespace lancet::gui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double pct(double v) { return std::isnan(v) ? kNaN : v * 100.0; }

}  // namespace

SequentialDialog::SequentialDialog(lancet::app::EngineBridge* bridge, QWidget* parent)
    : JobDialog(bridge, parent)
{
    setObjectName(u"sequentialEdits"_s);
    setWindowTitle(tr("Sequential edits: the forgetting curve"));

    dataset_ = new QLineEdit(this);
    dataset_->setObjectName(u"sequentialDataset"_s);
    dataset_->setToolTip(tr("Edit requests in order: CounterFact, zsRE, EasyEdit or a Lancet facts file. The demo "
                            "model's own facts.json edits each of its facts to another answer."));
    auto* browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a dataset file"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Dataset"), dataset_->text(),
                                                          tr("Datasets (*.json *.jsonl);;All files (*)"));
        if (!path.isEmpty())
            dataset_->setText(path);
    });
    auto* datasetRow = new QHBoxLayout;
    datasetRow->addWidget(dataset_, 1);
    datasetRow->addWidget(browse);

    method_ = new QComboBox(this);
    method_->setObjectName(u"sequentialMethod"_s);
    method_->setToolTip(tr("MEMIT and AlphaEdit edit a batch of requests in one computation; the others one at a time."));
    requests_ = new QSpinBox(this);
    requests_->setRange(1, 100000);
    requests_->setValue(200);
    requests_->setToolTip(tr("How many requests from the start of the dataset to edit in, one after another."));
    batch_ = new QSpinBox(this);
    batch_->setRange(1, 10000);
    batch_->setValue(10);
    batch_->setToolTip(tr("Requests per edit (MEMIT, AlphaEdit). Methods that edit one request at a time use 1."));
    every_ = new QSpinBox(this);
    every_->setRange(1, 100000);
    every_->setValue(20);
    every_->setToolTip(tr("Edited requests between two points of the curve. Each point re-scores a fixed sample "
                          "of the earlier edits, locality, perplexity, fact recall and the weight norms."));
    generation_ = new QCheckBox(tr("Generation-based protocol"), this);
    generation_->setChecked(true);
    generation_->setToolTip(tr("Also judge earlier edits by what the model SAYS (greedy generation, first sentence "
                               "begins with the new target), beside teacher-forced token accuracy. Teacher forcing "
                               "flatters: a 2025 study measured 38 % by generation where it claimed 97 %."));

    auto* form = new QFormLayout;
    // Labels with buddies: a row whose field is a layout gets no mnemonic from addRow(QString, ...).
    auto* datasetLabel = new QLabel(tr("&Dataset:"), this);
    datasetLabel->setBuddy(dataset_);
    auto* methodLabel = new QLabel(tr("&Method:"), this);
    methodLabel->setBuddy(method_);
    form->addRow(datasetLabel, datasetRow);
    auto* numbers = new QHBoxLayout;
    numbers->addWidget(method_, 1);
    numbers->addWidget(new QLabel(tr("Requests:"), this));
    numbers->addWidget(requests_);
    numbers->addWidget(new QLabel(tr("Per edit:"), this));
    numbers->addWidget(batch_);
    numbers->addWidget(new QLabel(tr("Point every:"), this));
    numbers->addWidget(every_);
    form->addRow(methodLabel, numbers);
    form->addRow(QString(), generation_);

    run_ = new QPushButton(tr("&Run"), this);
    run_->setDefault(true);
    run_->setToolTip(tr("Edit the requests in, one batch after another, drawing the curve as it goes. The weights "
                        "are restored at the end; running another method overlays its curve."));
    cancel_ = new QPushButton(tr("Cancel"), this);
    clear_ = new QPushButton(tr("C&lear"), this);
    clear_->setToolTip(tr("Remove every curve"));
    exportChart_ = new QPushButton(tr("Export &Chart…"), this);
    exportChart_->setToolTip(tr("Save the chart as PNG or SVG (for slides)"));
    exportData_ = new QPushButton(tr("Export &Data…"), this);
    exportData_->setToolTip(tr("Save every curve as CSV (one row per run and point) or JSON (with the protocols)"));
    viewCombo_ = new QComboBox(this);
    viewCombo_->setObjectName(u"sequentialView"_s);
    viewCombo_->addItems({tr("Retention of earlier edits"), tr("Locality (vs the original model)"), tr("Fact recall"),
                          tr("Perplexity"), tr("Weight growth ‖W‖/‖W₀‖")});
    viewCombo_->setToolTip(tr("What the chart shows for every run"));
    connect(viewCombo_, &QComboBox::currentIndexChanged, this, [this](int i) { setView(View(i)); });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addWidget(clear_);
    buttons->addStretch(1);
    buttons->addWidget(new QLabel(tr("Show:"), this));
    buttons->addWidget(viewCombo_);
    buttons->addWidget(exportChart_);
    buttons->addWidget(exportData_);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumHeight(8);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    plot_ = new lancet::widgets::CurvePlot(this);
    plot_->setAxisLabels(tr("requests edited so far"), tr("%"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(plot_, 1);
    resize(1000, 660);

    connect(run_, &QPushButton::clicked, this, [this] { run(); });
    connect(cancel_, &QPushButton::clicked, this, &SequentialDialog::cancel);
    connect(clear_, &QPushButton::clicked, this, &SequentialDialog::clear);
    connect(method_, &QComboBox::currentIndexChanged, this, [this] { updateButtons(); });
    connect(dataset_, &QLineEdit::textChanged, this, [this] { updateButtons(); });
    connect(exportChart_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), u"forgetting-curve.png"_s,
                                                          tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (!path.isEmpty() && !exportChart(path))
            status_->setText(tr("Could not write %1").arg(path));
    });
    connect(exportData_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export data"), u"forgetting-curve.csv"_s,
                                                          tr("CSV table (*.csv);;JSON (*.json)"));
        if (!path.isEmpty() && !exportData(path))
            status_->setText(tr("Could not write %1").arg(path));
    });
    connect(bridge_, &lancet::app::EngineBridge::curvePoint, this, [this](quint64 id, const lancet::CurvePoint& p) {
        if (id != job_ || liveRun_ < 0)
            return;
        runs_[size_t(liveRun_)].points.push_back(p);
        addPointToPlot(liveRun_, p);
        status_->setText(tr("%1 requests edited (%2 s editing); the latest batch right after its edit: %3 %")
                             .arg(p.edits)
                             .arg(p.edit_seconds, 0, 'f', 1)
                             .arg(std::isnan(p.batch_token_acc) ? u"—"_s : QString::number(pct(p.batch_token_acc), 'f', 1)));
    });
    connect(bridge_, &lancet::app::EngineBridge::jobProgress, this, [this](quint64 id, double f, const QString&) {
        if (id == job_)
            progress_->setValue(int(f * 1000));
    });
    setView(View::Retention);
    status_->setText(tr("Choose a dataset and a method, and press Run."));
    updateButtons();
}

void SequentialDialog::setMethods(const std::vector<lancet::MethodInfo>& methods)
{
    const QString keep = method_->currentData().toString();
    methods_ = methods;
    method_->clear();
    for (const auto& m : methods)
        method_->addItem(methodText(m.label), qstr(m.name));
    setMethod(keep.isEmpty() ? u"memit"_s : keep);
    updateButtons();
}

void SequentialDialog::setDataset(const QString& path) { dataset_->setText(path); }

void SequentialDialog::setMethod(const QString& name)
{
    const int i = method_->findData(name);
    if (i >= 0)
        method_->setCurrentIndex(i);
}

void SequentialDialog::setRequests(int n) { requests_->setValue(n); }
void SequentialDialog::setBatchSize(int n) { batch_->setValue(n); }
void SequentialDialog::setCurveEvery(int n) { every_->setValue(n); }

bool SequentialDialog::methodBatches() const
{
    const QString name = method_->currentData().toString();
    for (const auto& m : methods_)
        if (qstr(m.name) == name)
            return m.batches;
    return false;
}

quint64 SequentialDialog::run()
{
    if (job_ || method_->currentIndex() < 0 || dataset_->text().trimmed().isEmpty())
        return 0;
    lancet::app::SequentialParams p;
    p.dataset = dataset_->text().trimmed();
    p.base.method = method_->currentData().toString().toStdString();
    p.limit = requests_->value();
    p.batchSize = methodBatches() ? batch_->value() : 1;
    p.curveEvery = every_->value();
    p.generation = generation_->isChecked();
    Run r;
    r.label = p.batchSize > 1 ? tr("%1 (%2 per edit)").arg(method_->currentText()).arg(p.batchSize) : method_->currentText();
    runs_.push_back(r);
    liveRun_ = int(runs_.size()) - 1;
    replot();
    auto job = bridge_->runSequential(p);
    progress_->setValue(0);
    status_->setText(tr("Editing %n request(s) in, one batch after another… (Esc cancels)", nullptr, p.limit));
    return follow(
        job,
        [this](const lancet::ForgettingCurve& curve) {
            Run& run = runs_[size_t(liveRun_)];
            run.curve = curve;
            // The finished curve is the record; the streamed points only drew it early.
            if (run.points.size() != curve.points.size()) {
                run.points = curve.points;
                replot();
            }
            progress_->setValue(1000);
            const lancet::CurvePoint* last = curve.points.empty() ? nullptr : &curve.points.back();
            QString text = tr("%1: %2 of %3 requests edited in %4 s (curve scoring %5 s); the weights are "
                              "restored.")
                               .arg(run.label)
                               .arg(curve.edited)
                               .arg(curve.requests)
                               .arg(curve.edit_seconds, 0, 'f', 1)
                               .arg(curve.score_seconds, 0, 'f', 1);
            if (last && last->collapse_warning)
                text += u" "_s + tr("Collapse warning: a weight matrix grew to %1× its norm.")
                                     .arg(last->max_growth, 0, 'f', 2);
            if (!curve.errors.empty())
                text += u" "_s + tr("%n request(s) failed.", nullptr, int(curve.errors.size()));
            status_->setText(text);
            liveRun_ = -1;
        },
        [this](const JobError& e) {
            status_->setText(e.cancelled() ? tr("Cancelled; the curve so far is kept and the weights are restored.")
                                           : tr("Failed: %1").arg(e.message));
            if (!e.cancelled() && liveRun_ >= 0 && runs_[size_t(liveRun_)].points.empty()) {
                runs_.erase(runs_.begin() + liveRun_);
                replot();
            }
            liveRun_ = -1;
        });
}

void SequentialDialog::clear()
{
    if (job_)
        return;
    runs_.clear();
    replot();
    updateButtons();
}

void SequentialDialog::setView(View view)
{
    view_ = view;
    if (viewCombo_->currentIndex() != int(view))
        viewCombo_->setCurrentIndex(int(view));
    replot();
}

void SequentialDialog::replot()
{
    plot_->clear();
    switch (view_) {
    case View::Retention:
        plot_->setTitle(tr("Earlier edits kept (solid: teacher-forced token accuracy; dashed: generation-based)"));
        plot_->setAxisLabels(tr("requests edited so far"), tr("retained (%)"));
        plot_->setValueRange(0, 100);
        break;
    case View::Locality:
        plot_->setTitle(tr("Unrelated prompts answered as the original model did (EasyEdit locality)"));
        plot_->setAxisLabels(tr("requests edited so far"), tr("locality (%)"));
        plot_->setValueRange(0, 100);
        break;
    case View::FactRecall:
        plot_->setTitle(tr("The model's own facts it still completes (general ability)"));
        plot_->setAxisLabels(tr("requests edited so far"), tr("fact recall (%)"));
        plot_->setValueRange(0, 100);
        break;
    case View::Perplexity:
        plot_->setTitle(tr("Perplexity of general text (lower is better)"));
        plot_->setAxisLabels(tr("requests edited so far"), tr("perplexity"));
        plot_->setValueRange(0, 0);
        break;
    case View::WeightGrowth:
        plot_->setTitle(tr("Largest ‖W‖/‖W₀‖ over the edited matrices (growth precedes collapse)"));
        plot_->setAxisLabels(tr("requests edited so far"), tr("‖W‖/‖W₀‖"));
        plot_->setValueRange(0, 0);
        break;
    }
    for (int i = 0; i < int(runs_.size()); ++i) {
        const QStringList metrics = view_ == View::Retention ? QStringList{tr("teacher-forced"), tr("generation")}
                                                             : QStringList{QString()};
        const int r = plot_->addRun(runs_[size_t(i)].label, view_ == View::Retention ? metrics : QStringList{QString()});
        Q_UNUSED(r);
        for (const auto& p : runs_[size_t(i)].points)
            addPointToPlot(i, p);
    }
}

void SequentialDialog::addPointToPlot(int run, const lancet::CurvePoint& p)
{
    QVector<double> v;
    switch (view_) {
    case View::Retention: v = {pct(p.retention_token_acc), pct(p.retention_generation)}; break;
    case View::Locality: v = {pct(p.locality)}; break;
    case View::FactRecall: v = {pct(p.fact_recall)}; break;
    case View::Perplexity: v = {p.perplexity}; break;
    case View::WeightGrowth: v = {p.max_growth}; break;
    }
    plot_->appendPoint(run, double(p.edits), v);
}

bool SequentialDialog::exportChart(const QString& path) const { return plot_->exportTo(path, QSize(1600, 900)); }

bool SequentialDialog::exportData(const QString& path) const
{
    QSaveFile f(path);  // atomic: a failed write leaves any earlier file as it was
    if (!f.open(QIODevice::WriteOnly))
        return false;
    if (path.endsWith(u".json"_s, Qt::CaseInsensitive)) {
        nlohmann::json all = nlohmann::json::array();
        for (const Run& r : runs_) {
            nlohmann::json j = r.curve ? r.curve->to_json() : nlohmann::json::object();
            j["label"] = r.label.toStdString();
            if (!r.curve) {
                j["points"] = nlohmann::json::array();
                for (const auto& p : r.points)
                    j["points"].push_back(p.to_json());
                j["partial"] = true;
            }
            all.push_back(j);
        }
        f.write(QByteArray::fromStdString(all.dump(2)));
    } else {
        QByteArray csv = "run,edits,edit_seconds,retention_token_acc,retention_generation,locality,perplexity,"
                         "fact_recall,max_growth\n";
        auto cell = [](double v) { return std::isnan(v) ? QByteArray() : QByteArray::number(v, 'g', 8); };
        for (const Run& r : runs_)
            for (const auto& p : r.points) {
                QString label = r.label;
                label.replace(u'"', u'\'');
                csv += '"' + label.toUtf8() + "\"," + QByteArray::number(qulonglong(p.edits)) + ',' +
                       cell(p.edit_seconds) + ',' + cell(p.retention_token_acc) + ',' + cell(p.retention_generation) +
                       ',' + cell(p.locality) + ',' + cell(p.perplexity) + ',' + cell(p.fact_recall) + ',' +
                       cell(p.max_growth) + '\n';
            }
        f.write(csv);
    }
    return f.commit();
}

QString SequentialDialog::statusText() const { return status_->text(); }

void SequentialDialog::updateButtons()
{
    const bool idle = job_ == 0;
    run_->setEnabled(idle && method_->currentIndex() >= 0 && !dataset_->text().trimmed().isEmpty());
    cancel_->setEnabled(!idle);
    clear_->setEnabled(idle && !runs_.empty());
    exportChart_->setEnabled(!runs_.empty());
    exportData_->setEnabled(!runs_.empty());
    batch_->setEnabled(idle && methodBatches());
    for (QWidget* w : std::initializer_list<QWidget*>{dataset_, method_, requests_, every_, generation_})
        w->setEnabled(idle);
}

}  // namespace lancet::gui
