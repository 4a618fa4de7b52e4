#include "merge_panel.h"

#include "merge_apply_box.h"

#include "engine_bridge.h"
#include "model_locator.h"
#include "scorecard_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSaveFile>
#include <QFileDialog>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;

namespace lancet::gui {

namespace {

constexpr int kWeightScale = 100;  // slider units per 1.0 of weight

// The demo's base: the default model folder when it has task vectors under tasks/.
QString defaultMergeBase() {
    const QString m = defaultModelPath();
    return QFileInfo::exists(m + u"/tasks"_s) ? m : QString();
}

double num(const QJsonValue& v) { return v.isDouble() ? v.toDouble() : std::nan(""); }

}  // namespace

MergePanel::MergePanel(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"mergePanel"_s);
    baseEdit_ = new QLineEdit(defaultMergeBase(), this);
    baseEdit_->setObjectName(u"mergeBase"_s);
    baseEdit_->setPlaceholderText(tr("Base model folder (its task vectors are in tasks/)"));
    openButton_ = new QPushButton(tr("Open tasks"), this);
    openButton_->setObjectName(u"mergeOpen"_s);
    openButton_->setToolTip(tr("Load the base model's task vectors (BASE/tasks/*/) into a merge of their own: "
                               "the workbench's model is not touched."));

    exportButton_ = new QPushButton(tr("Export YAML…"), this);
    exportButton_->setObjectName(u"mergeExportYaml"_s);
    exportButton_->setToolTip(tr("Save the merge as it stands as a mergekit configuration: "
                                 "lancet-cli merge CONFIG.yml (or mergekit) reproduces these weights."));
    exportButton_->setEnabled(false);

    methodCombo_ = new QComboBox(this);
    methodCombo_->setObjectName(u"mergeMethod"_s);
    methodCombo_->addItem(tr("Task arithmetic"), u"task_arithmetic"_s);
    methodCombo_->addItem(tr("TIES"), u"ties"_s);
    methodCombo_->addItem(tr("DARE"), u"dare_linear"_s);
    methodCombo_->addItem(tr("DARE + TIES"), u"dare_ties"_s);
    methodCombo_->setToolTip(tr("Task arithmetic: base + sum of weight x task vector (Ilharco et al. 2023).\n"
                                "TIES: keep each vector's largest entries, elect a sign per weight, average the "
                                "agreeing ones (Yadav et al. 2023).\n"
                                "DARE: drop entries at random and rescale the rest by 1/density (Yu et al. 2024); "
                                "the drop pattern is seeded, so it does not flicker.\n"
                                "The methods below the line merge once, when you press Apply."));
    methodTable_ = EngineBridge::mergeMethodTable();
    methodCombo_->insertSeparator(methodCombo_->count());
    for (const QJsonValue& v : methodTable_) {
        const QJsonObject m = v.toObject();
        const QString name = m.value(u"name"_s).toString();
        // Live methods are above; passthrough stacks layers (slices), which needs a YAML file.
        if (m.value(u"live"_s).toBool() || name == u"passthrough"_s)
            continue;
        methodCombo_->addItem(MergeApplyBox::label(name), name);
        methodCombo_->setItemData(methodCombo_->count() - 1, MergeApplyBox::description(name), Qt::ToolTipRole);
    }
    applyBox_ = new MergeApplyBox(this);
    applyBox_->setVisible(false);
    densitySlider_ = new QSlider(Qt::Horizontal, this);
    densitySlider_->setObjectName(u"mergeDensity"_s);
    densitySlider_->setRange(1, 100);
    densitySlider_->setValue(50);
    densitySlider_->setToolTip(tr("Density: the fraction of each task vector kept (TIES: the largest entries; DARE: "
                                  "a random subset, so drop rate = 1 - density)."));
    densityLabel_ = new QLabel(this);

    sliderBox_ = new QWidget(this);
    sliderGrid_ = new QGridLayout(sliderBox_);
    sliderGrid_->setContentsMargins(0, 0, 0, 0);

    scorecard_ = new widgets::ScorecardView(this);
    scorecard_->setObjectName(u"mergeScorecard"_s);
    scorecard_->setTitle(tr("Merged model vs base"));
    scorecard_->setEmptyMessage(tr("No scores yet: open the tasks and move a slider."));
    scorecard_->setSeriesNames(tr("base"), tr("merged"));
    generation_ = new QLabel(this);
    generation_->setObjectName(u"mergeGeneration"_s);
    generation_->setWordWrap(true);
    generation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_ = new QLabel(tr("Open a base model's task vectors to merge them."), this);
    status_->setObjectName(u"mergeStatus"_s);
    // "merged in 3.1 ms; accuracies 40 ms from the slider, fluency at 120 ms"
    // on one line was wider than the dock: the panel grew and scrolled sideways.
    status_->setWordWrap(true);

    // Narrow first: on a 1366-px screen the dock is a ~330-px tab of the right
    // column. Side by side, the base field with its two buttons and the method
    // with the density slider asked for ~560 px; the panel scrolled sideways and
    // the task sliders ran past the dock's edge (issue 19). One control a row,
    // labels in one column, is as wide as its widest label and a short field.
    auto* form = new QGridLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addWidget(new QLabel(tr("Base:"), this), 0, 0);
    form->addWidget(baseEdit_, 0, 1, 1, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(openButton_);
    buttons->addWidget(exportButton_);
    buttons->addStretch(1);
    form->addLayout(buttons, 1, 1, 1, 2);
    form->addWidget(new QLabel(tr("Method:"), this), 2, 0);
    form->addWidget(methodCombo_, 2, 1, 1, 2);
    form->addWidget(new QLabel(tr("Density:"), this), 3, 0);
    form->addWidget(densitySlider_, 3, 1);
    form->addWidget(densityLabel_, 3, 2);
    form->setColumnStretch(1, 1);

    // The scorecard wants ~120 px a panel (one per task, base facts, fluency:
    // five for the demo's three tasks): it scrolls sideways in a strip of its
    // own, and the sliders above it keep the dock's width.
    scoreScroll_ = new QScrollArea(this);
    scoreScroll_->setObjectName(u"mergeScorecardScroll"_s);
    scoreScroll_->setWidget(scorecard_);
    scoreScroll_->setWidgetResizable(true);
    scoreScroll_->setFrameShape(QFrame::NoFrame);
    scoreScroll_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scoreScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    fitScorecardHeight();

    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(6, 6, 6, 6);
    v->addLayout(form);
    v->addWidget(applyBox_);
    v->addWidget(sliderBox_);
    v->addWidget(scoreScroll_, 1);
    v->addWidget(generation_);
    v->addWidget(status_);

    auto updateDensityLabel = [this] {
        densityLabel_->setText(QString::number(density(), 'f', 2));
        const bool sparse = isApplyMethod() ? applyBox_->usesDensity() : this->method() != u"task_arithmetic"_s;
        densitySlider_->setEnabled(sparse);
        densityLabel_->setEnabled(sparse);
    };
    updateDensityLabel();
    connect(openButton_, &QPushButton::clicked, this, [this] { openMerge(baseEdit_->text()); });
    connect(exportButton_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export mergekit YAML"), u"merge.yml"_s,
                                                          tr("mergekit configuration (*.yml *.yaml)"));
        if (!path.isEmpty())
            exportYaml(path);
    });
    connect(methodCombo_, &QComboBox::currentIndexChanged, this, [this, updateDensityLabel] {
        methodChanged();
        updateDensityLabel();
        requestScore();
    });
    connect(applyBox_, &MergeApplyBox::applyRequested, this, [this] { applyMerge(); });
    connect(applyBox_, &MergeApplyBox::edited, this, [this] { requestScore(); });
    connect(densitySlider_, &QSlider::valueChanged, this, [this, updateDensityLabel] {
        updateDensityLabel();
        requestScore();
    });
    connect(bridge_, &EngineBridge::jobFinished, this, &MergePanel::onFinished);
    connect(bridge_, &EngineBridge::mergeScorePartial, this, &MergePanel::onPartial);
    connect(bridge_, &EngineBridge::jobFailed, this, &MergePanel::onFailed);
}

void MergePanel::openMerge(const QString& baseDir, const QStringList& taskPaths)
{
    if (baseDir.isEmpty()) {
        status_->setText(tr("Choose a base model folder first."));
        return;
    }
    baseEdit_->setText(baseDir);
    status_->setText(tr("Loading the base model and its task vectors..."));
    openButton_->setEnabled(false);
    openJob_ = bridge_->openMerge(baseDir, taskPaths);
}

QSlider* MergePanel::slider(int task) const { return task >= 0 && task < sliders_.size() ? sliders_[task] : nullptr; }

void MergePanel::setWeight(int task, double weight)
{
    if (auto* s = slider(task))
        s->setValue(int(std::lround(weight * kWeightScale)));
}

double MergePanel::weight(int task) const
{
    auto* s = slider(task);
    return s ? double(s->value()) / kWeightScale : 0.0;
}

QString MergePanel::method() const { return methodCombo_->currentData().toString(); }

void MergePanel::setMethod(const QString& m)
{
    const int i = methodCombo_->findData(m);
    if (i >= 0)
        methodCombo_->setCurrentIndex(i);
}

double MergePanel::density() const { return densitySlider_->value() / 100.0; }

bool MergePanel::isApplyMethod() const
{
    const QString m = method();
    for (const QJsonValue& v : methodTable_)
        if (v.toObject().value(u"name"_s).toString() == m)
            return !v.toObject().value(u"live"_s).toBool();
    return false;
}

void MergePanel::methodChanged()
{
    const bool apply = isApplyMethod();
    if (apply)
        for (const QJsonValue& v : methodTable_)
            if (v.toObject().value(u"name"_s).toString() == method())
                applyBox_->setMethod(v.toObject());
    applyBox_->setVisible(apply);
    applyBox_->applyButton()->setEnabled(isOpen() && applyJob_ == 0);
}

bool MergePanel::applyMerge()
{
    if (!isOpen() || !isApplyMethod() || applyJob_ != 0)
        return false;
    QVector<int> tasks;
    QJsonArray perModel;
    QStringList names;
    for (int i = 0; i < sliders_.size(); ++i) {
        if (weight(i) == 0.0)
            continue;  // a task at 0 takes no part
        tasks << i;
        names << taskNames_.value(i);
        QJsonObject p = applyBox_->perModelExtras();
        if (applyBox_->usesWeight())
            p.insert(u"weight"_s, weight(i));
        if (applyBox_->usesDensity())
            p.insert(u"density"_s, density());
        perModel.append(p);
    }
    if (!applyBox_->acceptsCount(int(tasks.size()))) {
        status_->setText(tr("%1 merges %2 task(s) besides the base; move the sliders of exactly those away from 0 "
                            "(%3 are now).")
                             .arg(MergeApplyBox::label(method()), applyBox_->modelCountText())
                             .arg(tasks.size()));
        return false;
    }
    applyBox_->setBusy(true);
    status_->setText(tr("Merging %1 with %2…").arg(names.join(u", "_s), MergeApplyBox::label(method())));
    latestScoreJob_ = 0;  // a slider position still in flight is not shown over the applied merge
    applyJob_ = bridge_->mergeApply(method(), applyBox_->globals(), perModel, tasks);
    return true;
}

QString MergePanel::statusText() const { return status_->text(); }

void MergePanel::buildSliders(const QJsonObject& opened)
{
    qDeleteAll(sliders_);
    qDeleteAll(valueLabels_);
    sliders_.clear();
    valueLabels_.clear();
    while (QLayoutItem* item = sliderGrid_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    taskNames_.clear();
    const QJsonArray tasks = opened.value(u"tasks"_s).toArray();
    for (int i = 0; i < tasks.size(); ++i) {
        const QJsonObject t = tasks[i].toObject();
        const QString name = t.value(u"name"_s).toString();
        taskNames_ << name;
        auto* label = new QLabel(name, sliderBox_);
        label->setToolTip(t.value(u"description"_s).toString() + u"\n"_s +
                          tr("%1 tensors, %2 parameters").arg(t.value(u"tensors"_s).toInt()).arg(t.value(u"parameters"_s).toDouble()));
        auto* s = new QSlider(Qt::Horizontal, sliderBox_);
        s->setObjectName(u"mergeWeight%1"_s.arg(i));
        s->setRange(-1 * kWeightScale, 2 * kWeightScale);
        s->setValue(0);
        s->setTickPosition(QSlider::TicksBelow);
        s->setTickInterval(kWeightScale / 2);
        s->setPageStep(kWeightScale / 10);
        s->setToolTip(tr("Weight of %1: 0 = the base, 1 = the fine-tuned model, -1 = the task negated "
                         "(subtracted: forgetting), 2 = pushed twice as far.").arg(name));
        auto* value = new QLabel(u"0.00"_s, sliderBox_);
        value->setMinimumWidth(40);
        sliderGrid_->addWidget(label, i, 0);
        sliderGrid_->addWidget(s, i, 1);
        sliderGrid_->addWidget(value, i, 2);
        sliders_ << s;
        valueLabels_ << value;
        // Live while dragging: the bridge keeps only the newest request.
        connect(s, &QSlider::valueChanged, this, [this, value](int v) {
            value->setText(QString::number(double(v) / kWeightScale, 'f', 2));
            requestScore();
        });
    }
    sliderGrid_->setColumnStretch(1, 1);
}

void MergePanel::fitScorecardHeight()
{
    // Vertical scrolling is off in the strip: never shorter than the view and
    // its sideways scroll bar, or the titles and legend are cut off the top.
    scoreScroll_->setMinimumHeight(scorecard_->minimumSizeHint().height() +
                                   scoreScroll_->horizontalScrollBar()->sizeHint().height());
}

QJsonObject MergePanel::currentSpec() const
{
    QJsonArray tasks;
    for (int i = 0; i < sliders_.size(); ++i)
        tasks.append(QJsonObject{{u"weight"_s, weight(i)}, {u"density"_s, density()}});
    return QJsonObject{{u"method"_s, method()}, {u"tasks"_s, tasks}};
}

void MergePanel::requestScore()
{
    if (!isOpen())
        return;
    if (isApplyMethod()) {  // not live: the next Apply uses the new settings
        status_->setText(tr("%1 merges when you press Apply (the sliders choose the tasks and their weights).")
                             .arg(MergeApplyBox::label(method())));
        return;
    }
    requestStartedMs_ = QDateTime::currentMSecsSinceEpoch();
    latestScoreJob_ = bridge_->mergeScore(currentSpec());
}

void MergePanel::showScores(const QJsonObject& given, bool fluencyPending)
{
    QJsonObject scores = given;
    if (fluencyPending) {
        for (const QString& key : {u"fluency"_s, u"base_fluency"_s, u"generation"_s})
            scores.insert(key, lastScores_.value(key));
    } else {
        lastScores_ = scores;
    }
    QVector<widgets::ScoreRow> rows;
    for (const QJsonValue& v : scores.value(u"tasks"_s).toArray()) {
        const QJsonObject t = v.toObject();
        widgets::ScoreRow r;
        r.key = u"task:"_s + t.value(u"name"_s).toString();
        r.label = t.value(u"name"_s).toString();
        r.protocol = tr("exact match, %1 prompts").arg(t.value(u"n"_s).toInt());
        r.before = num(t.value(u"base_accuracy"_s));
        r.after = num(t.value(u"accuracy"_s));
        r.fullScale = 1.0;
        r.tooltip = tr("Share of the task's evaluation prompts (trained and held-out phrasings) the model completes "
                       "exactly right. For a private-record task this is the leak rate: lower is better.");
        rows << r;
    }
    widgets::ScoreRow facts;
    facts.key = u"base_facts"_s;
    facts.label = tr("Base facts kept");
    facts.protocol = tr("%1 facts").arg(scores.value(u"base_facts_n"_s).toInt());
    facts.before = 1.0;
    facts.after = num(scores.value(u"base_facts"_s));
    facts.fullScale = 1.0;
    facts.tooltip = tr("Of a sample of the base model's facts that it answers right, the share the merged model "
                       "still answers right (locality).");
    rows << facts;
    widgets::ScoreRow fl;
    fl.key = u"fluency"_s;
    fl.label = tr("Fluency");
    fl.protocol = fluencyPending ? tr("updating…") : tr("n-gram entropy, bits");
    fl.before = num(scores.value(u"base_fluency"_s));
    fl.after = num(scores.value(u"fluency"_s));
    // A short continuation's entropy is a few bits: scale the panel to the
    // next whole bit above both values, not to the 0-100 of percentages.
    const double top = std::max(std::isnan(fl.before) ? 0.0 : fl.before, std::isnan(fl.after) ? 0.0 : fl.after);
    fl.fullScale = std::max(1.0, std::ceil(top));
    fl.tooltip = tr("ROME's n-gram entropy of a short greedy continuation: it drops when the model starts "
                    "repeating itself.");
    rows << fl;
    scorecard_->setMetrics(rows);
    fitScorecardHeight();
    generation_->setText(tr("<i>Greedy text:</i> %1").arg(scores.value(u"generation"_s).toString().toHtmlEscaped()));
}

void MergePanel::onFinished(quint64 id, JobKind kind, const QJsonObject& result)
{
    if (kind == JobKind::MergeOpen && id == openJob_) {
        openButton_->setEnabled(true);
        exportButton_->setEnabled(true);
        applyBox_->applyButton()->setEnabled(applyJob_ == 0);
        buildSliders(result);
        showScores(result.value(u"scores"_s).toObject());
        status_->setText(tr("%n task vector(s) loaded; every weight at 0 is the base model.", nullptr,
                            int(taskNames_.size())));
        Q_EMIT mergeOpened(taskNames_);
        Q_EMIT scoresUpdated(lastScores_);
        return;
    }
    if (kind == JobKind::MergeApply && id == applyJob_) {
        applyJob_ = 0;
        applyBox_->setBusy(false);
        showScores(result.value(u"scores"_s).toObject());
        QStringList names;
        for (const QJsonValue& t : result.value(u"tasks"_s).toArray())
            names << taskNames_.value(t.toInt());
        status_->setText(tr("%1 merged %2 in %3 ms; scored in %4 ms. Export YAML saves this merge.")
                             .arg(MergeApplyBox::label(result.value(u"applied_method"_s).toString()), names.join(u", "_s))
                             .arg(result.value(u"merge_ms"_s).toDouble(), 0, 'f', 0)
                             .arg(result.value(u"total_ms"_s).toDouble() - result.value(u"merge_ms"_s).toDouble(), 0, 'f', 0));
        Q_EMIT scoresUpdated(lastScores_);
        return;
    }
    if (kind != JobKind::MergeScore || id != latestScoreJob_)
        return;
    const double sinceSlider = double(QDateTime::currentMSecsSinceEpoch() - requestStartedMs_);
    if (partialJob_ != id)  // no stage-1 signal seen: the whole round trip is the latency
        lastRoundTripMs_ = sinceSlider;
    showScores(result.value(u"scores"_s).toObject());
    status_->setText(tr("merged in %1 ms; accuracies %2 ms from the slider, fluency at %3 ms")
                         .arg(result.value(u"merge_ms"_s).toDouble(), 0, 'f', 1)
                         .arg(lastRoundTripMs_, 0, 'f', 0)
                         .arg(sinceSlider, 0, 'f', 0));
    Q_EMIT scoresUpdated(lastScores_);
}

void MergePanel::onPartial(quint64 id, const QJsonObject& result)
{
    if (id != latestScoreJob_)
        return;
    partialJob_ = id;
    lastRoundTripMs_ = double(QDateTime::currentMSecsSinceEpoch() - requestStartedMs_);
    showScores(result.value(u"scores"_s).toObject(), /*fluencyPending=*/true);
    status_->setText(tr("merged in %1 ms; accuracies %2 ms from the slider; fluency follows")
                         .arg(result.value(u"merge_ms"_s).toDouble(), 0, 'f', 1)
                         .arg(lastRoundTripMs_, 0, 'f', 0));
}

void MergePanel::onFailed(quint64 id, JobKind kind, const lancet::app::JobError& error)
{
    const QString& message = error.message;
    const bool cancelled = error.cancelled();
    if (kind == JobKind::MergeOpen && id == openJob_) {
        openButton_->setEnabled(true);
        status_->setText(tr("Could not open the merge: %1").arg(message));
        Q_EMIT failed(message);
        return;
    }
    if (kind == JobKind::MergeApply && id == applyJob_) {
        applyJob_ = 0;
        applyBox_->setBusy(false);
        status_->setText(cancelled ? tr("Apply cancelled; the sliders' live merge is back in place.") : tr("Apply failed: %1").arg(message));
        if (!cancelled)
            Q_EMIT failed(message);
        return;
    }
    if (kind == JobKind::MergeScore && !cancelled && id == latestScoreJob_) {
        status_->setText(tr("Merge failed: %1").arg(message));
        Q_EMIT failed(message);
    }
}

bool MergePanel::exportYaml(const QString& path)
{
    if (!exportButton_->isEnabled())
        return false;
    auto job = bridge_->mergeYaml();
    job.result
        .then(this,
              [this, path](const std::string& yaml) {
                  QSaveFile f(path);  // atomic: a failed write leaves an earlier file as it was
                  const bool ok = f.open(QIODevice::WriteOnly) &&
                                  f.write(QByteArray::fromStdString(yaml)) == qint64(yaml.size()) && f.commit();
                  if (!ok)
                      Q_EMIT failed(tr("Could not write %1").arg(path));
                  Q_EMIT yamlExported(path, ok);
              })
        .onFailed(this, [this, path](const lancet::app::JobError& e) {
            Q_EMIT failed(e.message);
            Q_EMIT yamlExported(path, false);
        });
    return true;
}

}  // namespace lancet::gui
