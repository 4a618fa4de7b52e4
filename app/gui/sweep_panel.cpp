#include "sweep_panel.h"

#include "engine_bridge.h"
#include "sweep_heatmap.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;

namespace lancet::gui {

SweepPanel::SweepPanel(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"sweepPanel"_s);
    taskA_ = new QComboBox(this);
    taskA_->setObjectName(u"sweepTaskA"_s);
    taskB_ = new QComboBox(this);
    taskB_->setObjectName(u"sweepTaskB"_s);
    metric_ = new QComboBox(this);
    metric_->setObjectName(u"sweepMetric"_s);
    grid_ = new QSpinBox(this);
    grid_->setRange(2, 21);
    grid_->setValue(7);
    grid_->setSuffix(tr(" x n"));
    grid_->setToolTip(tr("Grid points per task, evenly spaced over the weight range [-1, 2]"));
    runButton_ = new QPushButton(tr("Sweep"), this);
    runButton_->setObjectName(u"sweepRun"_s);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(u"sweepCancel"_s);
    cancelButton_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    status_ = new QLabel(tr("Open task vectors in the Merge tab, then sweep two of them."), this);
    heatmap_ = new widgets::SweepHeatmap(this);
    heatmap_->setObjectName(u"sweepHeatmap"_s);

    status_->setWordWrap(true);

    // One field a row, as in the Merge tab: four side by side were wider than
    // the dock on a 1366-px screen. A long task name is cut in its combo box
    // (the full name is in the list) rather than widening the panel.
    for (QComboBox* box : {taskA_, taskB_, metric_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    auto* form = new QGridLayout;
    form->addWidget(new QLabel(tr("Rows:"), this), 0, 0);
    form->addWidget(taskA_, 0, 1);
    form->addWidget(new QLabel(tr("Columns:"), this), 1, 0);
    form->addWidget(taskB_, 1, 1);
    form->addWidget(new QLabel(tr("Metric:"), this), 2, 0);
    form->addWidget(metric_, 2, 1);
    form->addWidget(new QLabel(tr("Grid:"), this), 3, 0);
    form->addWidget(grid_, 3, 1, Qt::AlignLeft);
    form->setColumnStretch(1, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(runButton_);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(progress_, 1);
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(6, 6, 6, 6);
    v->addLayout(form);
    v->addLayout(buttons);
    v->addWidget(heatmap_, 1);
    v->addWidget(status_);

    connect(runButton_, &QPushButton::clicked, this, &SweepPanel::run);
    connect(cancelButton_, &QPushButton::clicked, this, &SweepPanel::cancel);
    connect(metric_, &QComboBox::currentIndexChanged, this, &SweepPanel::redraw);
    connect(heatmap_, &widgets::SweepHeatmap::cellActivated, this, [this](double wa, double wb) {
        Q_EMIT weightsChosen(taskA_->currentIndex(), wa, taskB_->currentIndex(), wb);
    });
    connect(bridge_, &EngineBridge::mergeSweepCell, this, &SweepPanel::onCell);
    connect(bridge_, &EngineBridge::jobProgress, this, &SweepPanel::onProgress);
    connect(bridge_, &EngineBridge::jobFinished, this, &SweepPanel::onFinished);
    connect(bridge_, &EngineBridge::jobFailed, this, &SweepPanel::onFailed);
    setTasks({});
}

void SweepPanel::setTasks(const QStringList& names)
{
    taskA_->clear();
    taskB_->clear();
    taskA_->addItems(names);
    taskB_->addItems(names);
    if (names.size() > 1)
        taskB_->setCurrentIndex(1);
    const QString keep = metric_->currentData().toString();
    metric_->clear();
    for (const auto& n : names)
        metric_->addItem(tr("accuracy on %1").arg(n), QString(u"task:"_s + n));
    metric_->addItem(tr("base facts kept"), u"base_facts"_s);
    metric_->addItem(tr("fluency (bits)"), u"fluency"_s);
    // Keep the user's choice across reopenings; the default is the first task's accuracy.
    const int i = names.isEmpty() ? -1 : metric_->findData(keep);
    metric_->setCurrentIndex(i >= 0 && keep.startsWith(u"task:"_s) ? i : 0);
    runButton_->setEnabled(names.size() >= 2 && job_ == 0);
}

QString SweepPanel::metricKey() const { return metric_->currentData().toString(); }

void SweepPanel::run()
{
    if (job_ != 0 || taskA_->count() < 2)
        return;
    if (taskA_->currentIndex() == taskB_->currentIndex()) {
        status_->setText(tr("Choose two different tasks."));
        return;
    }
    const int n = grid_->value();
    values_.clear();
    for (int i = 0; i < n; ++i)
        values_ << -1.0 + 3.0 * double(i) / double(n - 1);
    cells_ = QVector<QVector<QJsonObject>>(n, QVector<QJsonObject>(n));
    heatmap_->setup(taskA_->currentText(), values_, taskB_->currentText(), values_, metric_->currentText());
    progress_->setValue(0);
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    status_->setText(tr("Sweeping %1 cells...").arg(n * n));
    job_ = bridge_->mergeSweep(taskA_->currentIndex(), taskB_->currentIndex(), values_);
}

void SweepPanel::cancel()
{
    if (job_ != 0)
        bridge_->cancel(job_);
}

double SweepPanel::metricOf(const QJsonObject& scores, const QString& key)
{
    if (scores.isEmpty())
        return std::nan("");
    if (key == u"base_facts"_s || key == u"fluency"_s) {
        const QJsonValue v = scores.value(key);
        return v.isDouble() ? v.toDouble() : std::nan("");
    }
    for (const QJsonValue& t : scores.value(u"tasks"_s).toArray())
        if (u"task:"_s + t.toObject().value(u"name"_s).toString() == key) {
            const QJsonValue v = t.toObject().value(u"accuracy"_s);
            return v.isDouble() ? v.toDouble() : std::nan("");
        }
    return std::nan("");
}

void SweepPanel::redraw()
{
    if (values_.isEmpty())
        return;
    const bool partial = heatmap_->isPartial();
    heatmap_->setup(taskA_->currentText(), values_, taskB_->currentText(), values_, metric_->currentText());
    for (int a = 0; a < cells_.size(); ++a)
        for (int b = 0; b < cells_[a].size(); ++b)
            heatmap_->setCell(a, b, metricOf(cells_[a][b], metricKey()));
    heatmap_->setPartial(partial);
}

void SweepPanel::onCell(quint64 id, int a, int b, const QJsonObject& scores)
{
    if (id != job_ || a < 0 || a >= cells_.size() || b < 0 || b >= cells_[a].size())
        return;
    cells_[a][b] = scores;
    heatmap_->setCell(a, b, metricOf(scores, metricKey()));
}

void SweepPanel::onProgress(quint64 id, double fraction, const QString& stage)
{
    if (id != job_)
        return;
    progress_->setValue(int(fraction * 1000));
    status_->setText(stage);
}

void SweepPanel::onFinished(quint64 id, JobKind kind, const QJsonObject& result)
{
    if (kind != JobKind::MergeSweep || id != job_)
        return;
    job_ = 0;
    const bool partial = result.value(u"partial"_s).toBool();
    heatmap_->setPartial(partial);
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    progress_->setValue(partial ? progress_->value() : 1000);
    status_->setText(partial ? tr("Cancelled: %1 of %2 cells computed.").arg(heatmap_->computedCells()).arg(values_.size() * values_.size())
                             : tr("%1 cells in %2 s. Click a cell to set the sliders there.")
                                   .arg(values_.size() * values_.size())
                                   .arg(result.value(u"seconds"_s).toDouble(), 0, 'f', 1));
    Q_EMIT finished(partial);
}

void SweepPanel::onFailed(quint64 id, JobKind kind, const lancet::app::JobError& error)
{
    const QString& message = error.message;
    const bool cancelled = error.cancelled();
    if (kind != JobKind::MergeSweep || id != job_)
        return;
    job_ = 0;
    heatmap_->setPartial(cancelled);
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    status_->setText(cancelled ? tr("Cancelled.") : tr("Sweep failed: %1").arg(message));
    Q_EMIT finished(true);
}

}  // namespace lancet::gui
