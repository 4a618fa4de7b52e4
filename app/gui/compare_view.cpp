#include "compare_view.h"

#include "edit_command.h"
#include "edit_controller.h"
#include "engine_bridge.h"
#include "layer_delta_plot.h"
#include "plot_style.h"
#include "scorecard_panel.h"
#include "scorecard_view.h"
#include "token_text.h"
#include "topk_bar_chart.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;

namespace lancet::gui {

namespace {
constexpr int kTopK = 10;
constexpr int kChartRows = 8;  // rows of the chart stay readable at its height

QString signedPoints(double delta)
{
    return (delta >= 0 ? u"+"_s : QString()) + QString::number(delta * 100.0, 'f', 2) + u" pp"_s;
}
}  // namespace

CompareView::CompareView(EngineBridge* bridge, EditController* controller, QWidget* parent)
    : QDialog(parent), bridge_(bridge), controller_(controller)
{
    setObjectName(u"compareView"_s);
    setWindowTitle(tr("Compare states of the edit history"));
    setModal(false);

    from_ = new QComboBox(this);
    from_->setObjectName(u"compareFrom"_s);
    from_->setToolTip(tr("The reference state. State 0 is the base model; state i is the model after the first i "
                         "edits of the history (undone edits included: comparing visits them and comes back)."));
    to_ = new QComboBox(this);
    to_->setObjectName(u"compareTo"_s);
    to_->setToolTip(tr("The state compared with the reference: every delta below is this state minus the "
                       "reference."));
    score_ = new QComboBox(this);
    score_->setObjectName(u"compareScore"_s);
    score_->setToolTip(tr("The edit request whose scorecard is computed at both states, with its own evaluation "
                          "prompts. Scoring an edit on a state that does not carry it shows what the edits in "
                          "between did to that fact."));
    prompt_ = new QLineEdit(this);
    prompt_->setObjectName(u"comparePrompt"_s);
    prompt_->setClearButtonEnabled(true);
    prompt_->setPlaceholderText(tr("a prompt whose next token to compare (optional)"));
    prompt_->setToolTip(tr("The model's next-token probabilities for this prompt at both states; the table lists "
                           "the tokens of both top-%1 lists, largest change first.")
                            .arg(kTopK));
    compareButton_ = new QPushButton(tr("&Compare"), this);
    compareButton_->setObjectName(u"compareButton"_s);
    compareButton_->setDefault(true);
    compareButton_->setToolTip(tr("Run the comparison on the engine thread. The model you work on is left as it is."));
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(u"compareCancel"_s);
    cancelButton_->setToolTip(tr("Stop the comparison; the model goes back to the current state."));
    status_ = new QLabel(this);
    status_->setObjectName(u"compareStatus"_s);
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::PlainText);

    auto* form = new QFormLayout;
    auto* states = new QHBoxLayout;
    states->addWidget(from_, 1);
    states->addWidget(new QLabel(tr("→"), this));
    states->addWidget(to_, 1);
    form->addRow(tr("&States:"), states);
    static_cast<QLabel*>(form->labelForField(states))->setBuddy(from_);
    form->addRow(tr("Sc&ore:"), score_);
    form->addRow(tr("&Prompt:"), prompt_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(status_, 1);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(compareButton_);

    scorecard_ = new lancet::widgets::ScorecardView(this);
    scorecard_->setObjectName(u"compareScorecard"_s);
    scorecard_->setMinimumHeight(190);
    chart_ = new lancet::widgets::TopKBarChart(this);
    chart_->setObjectName(u"compareChart"_s);
    chart_->setTitle(tr("Next token"));
    chart_->setMinimumSize(260, 200);
    chart_->setToolTip(tr("Blue: the compared state; grey: the reference state."));
    tokens_ = new QTableWidget(0, 4, this);
    tokens_->setObjectName(u"compareTokens"_s);
    tokens_->setHorizontalHeaderLabels({tr("token"), tr("reference"), tr("compared"), tr("change")});
    tokens_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tokens_->horizontalHeader()->setStretchLastSection(true);
    tokens_->verticalHeader()->setVisible(false);
    tokens_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tokens_->setToolTip(tr("Next-token probabilities at both states; change in percentage points."));
    delta_ = new lancet::widgets::LayerDeltaPlot(this);
    delta_->setObjectName(u"compareDeltaPlot"_s);
    delta_->setTitle(tr("‖ΔW‖/‖W‖ per layer, between the two states"));
    delta_->setMinimumSize(260, 180);
    delta_->setToolTip(tr("How much each weight matrix the edits touch differs between the two states, relative "
                          "to its size. A ROME edit is one bar at its layer."));
    weightsNote_ = new QLabel(this);
    weightsNote_->setObjectName(u"compareWeightsNote"_s);
    weightsNote_->setWordWrap(true);

    auto* nextToken = new QWidget(this);
    auto* ntLayout = new QHBoxLayout(nextToken);
    ntLayout->setContentsMargins(0, 0, 0, 0);
    ntLayout->addWidget(chart_, 3);
    ntLayout->addWidget(tokens_, 2);
    auto* weights = new QWidget(this);
    auto* wLayout = new QVBoxLayout(weights);
    wLayout->setContentsMargins(0, 0, 0, 0);
    wLayout->addWidget(delta_, 1);
    wLayout->addWidget(weightsNote_);
    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->setChildrenCollapsible(false);
    lower->addWidget(nextToken);
    lower->addWidget(weights);
    auto* results = new QSplitter(Qt::Vertical, this);
    results->setChildrenCollapsible(false);
    results->addWidget(scorecard_);
    results->addWidget(lower);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(results, 1);
    resize(1000, 720);

    connect(compareButton_, &QPushButton::clicked, this, [this] { compare(); });
    connect(cancelButton_, &QPushButton::clicked, this, &CompareView::cancel);
    connect(from_, &QComboBox::currentIndexChanged, this, &CompareView::updateButtons);
    connect(to_, &QComboBox::currentIndexChanged, this, &CompareView::updateButtons);
    connect(controller_->stack(), &QUndoStack::indexChanged, this, &CompareView::refreshStates);
    connect(controller_, &EditController::stateChanged, this, &CompareView::refreshStates);
    connect(controller_, &EditController::busyChanged, this, &CompareView::updateButtons);
    refreshStates();
    status_->setText(tr("Pick two states and press Compare."));
}

void CompareView::setLayerCount(int layers)
{
    layers_ = layers;
    delta_->setLayerCount(layers);
}

QString CompareView::stateName(int state) const
{
    if (state == 0)
        return tr("state 0 (base model)");
    return tr("state %1").arg(state);
}

int CompareView::stateCount() const { return controller_->stack()->count() + 1; }

void CompareView::refreshStates()
{
    const QUndoStack* stack = controller_->stack();
    const int keepFrom = from_->currentIndex(), keepTo = to_->currentIndex(), keepScore = score_->currentIndex();
    for (QComboBox* box : {from_, to_}) {
        const QSignalBlocker block(box);
        box->clear();
        for (int s = 0; s <= stack->count(); ++s) {
            QString text = s == 0 ? tr("0 · base model") : tr("%1 · after edit %1").arg(s);
            if (s > 0)
                if (EditCommand* c = controller_->command(s - 1))
                    text += u": "_s + requestSummary(c->request());
            if (s == stack->index())
                text += tr("  (current)");
            else if (s > stack->index())
                text += tr("  (undone)");
            box->addItem(text, s);
        }
    }
    {
        const QSignalBlocker block(score_);
        score_->clear();
        score_->addItem(tr("no scorecard"), 0);
        for (int e = 1; e <= stack->count(); ++e)
            if (EditCommand* c = controller_->command(e - 1))
                score_->addItem(tr("edit %1: %2").arg(e).arg(requestSummary(c->request())), e);
    }
    const int n = stack->count() + 1;
    from_->setCurrentIndex(keepFrom >= 0 && keepFrom < n ? keepFrom : 0);
    to_->setCurrentIndex(keepTo >= 0 && keepTo < n ? keepTo : stack->index());
    score_->setCurrentIndex(keepScore >= 0 && keepScore < score_->count() ? keepScore : score_->count() - 1);
    updateButtons();
}

void CompareView::setStates(int from, int to)
{
    refreshStates();
    from_->setCurrentIndex(std::clamp(from, 0, stateCount() - 1));
    to_->setCurrentIndex(std::clamp(to, 0, stateCount() - 1));
    // The edit that tells the most: the later state's last one.
    setScoredEdit(std::max(from, to));
}

void CompareView::setPrompt(const QString& prompt) { prompt_->setText(prompt); }

void CompareView::setScoredEdit(int edit) { score_->setCurrentIndex(std::clamp(edit, 0, score_->count() - 1)); }

int CompareView::fromState() const { return from_->currentData().toInt(); }
int CompareView::toState() const { return to_->currentData().toInt(); }
QString CompareView::statusText() const { return status_->text(); }

void CompareView::updateButtons()
{
    compareButton_->setEnabled(!job_ && !controller_->busy() && from_->count() > 0);
    cancelButton_->setEnabled(job_ != 0);
}

quint64 CompareView::compare()
{
    // Positions are counted on the undo stack: while an edit job is in flight
    // the stack and the engine may disagree by one, so wait for it.
    if (job_ || controller_->busy())
        return 0;
    lancet::app::CompareParams p;
    p.from = fromState();
    p.to = toState();
    p.prompt = prompt_->text();
    p.topK = kTopK;
    const int edit = score_->currentData().toInt();
    if (edit > 0)
        if (EditCommand* c = controller_->command(edit - 1))
            p.scoreRequest = c->request();
    result_ = {};
    auto job = bridge_->compare(p);
    job_ = job.id;
    job.result
        .then(this,
              [this, id = job.id](const lancet::CompareOutcome& outcome) {
                  if (id == job_)
                      onFinished(outcome);
              })
        .onFailed(this, [this, id = job.id](const lancet::app::JobError& error) {
            if (id == job_)
                onFailed(error);
        });
    status_->setText(tr("Comparing %1 with %2…").arg(stateName(p.from), stateName(p.to)));
    updateButtons();
    return job_;
}

void CompareView::cancel()
{
    if (job_)
        bridge_->cancel(job_);
}

void CompareView::onFinished(const lancet::CompareOutcome& result)
{
    job_ = 0;
    result_ = result;
    const int from = result.from, to = result.to;
    const QString a = stateName(from), b = stateName(to);

    QVector<lancet::widgets::ScoreRow> metrics;
    if (result.scorecard)
        for (const lancet::ScoreRow& row : result.scorecard->rows)
            metrics << scoreRowOf(row);
    scorecard_->setSeriesNames(a, b);
    scorecard_->setTitle(metrics.isEmpty() ? tr("Scorecard: choose an edit to score")
                                           : tr("Scorecard of %1: %2 vs %3").arg(score_->currentText(), a, b));
    scorecard_->setMetrics(metrics);

    showNextToken(result);
    showWeights(result.weights);
    status_->setText(from == to ? tr("Compared %1 with itself: nothing differs.").arg(a)
                                : tr("Compared %1 (reference) with %2.").arg(a, b));
    updateButtons();
    Q_EMIT compared(true);
}

void CompareView::onFailed(const lancet::app::JobError& error)
{
    job_ = 0;
    status_->setText(error.cancelled() ? tr("Cancelled; the model is back at the current state.")
                                       : tr("Comparison failed: %1").arg(error.message));
    updateButtons();
    Q_EMIT compared(false);
}

void CompareView::showNextToken(const lancet::CompareOutcome& result)
{
    tokens_->setRowCount(0);
    if (result.next_token.empty()) {
        chart_->clear();
        chart_->setTitle(tr("Next token: type a prompt to compare"));
        return;
    }
    struct Row {
        QString text;
        double from, to;
        QString role;
    };
    QVector<Row> list;
    for (const lancet::TokenChange& t : result.next_token)
        list << Row{qstr(t.text), t.from, t.to, qstr(t.role)};
    // The table keeps the engine's order (largest change first).
    tokens_->setRowCount(int(list.size()));
    for (int r = 0; r < list.size(); ++r) {
        const Row& row = list[r];
        const double delta = row.to - row.from;
        auto* change = new QTableWidgetItem(signedPoints(delta));
        change->setForeground(delta >= 0 ? lancet::widgets::palette::gain : lancet::widgets::palette::loss);
        auto* token = new QTableWidgetItem(lancet::widgets::visibleToken(row.text));
        token->setData(Qt::UserRole, row.text);
        if (!row.role.isEmpty()) {
            // The scored edit's own targets, listed even outside both top lists.
            QFont bold = token->font();
            bold.setBold(true);
            token->setFont(bold);
            token->setToolTip(tr("the scored edit's %1").arg(row.role));
        }
        tokens_->setItem(r, 0, token);
        tokens_->setItem(r, 1, new QTableWidgetItem(lancet::widgets::formatProbability(row.from)));
        tokens_->setItem(r, 2, new QTableWidgetItem(lancet::widgets::formatProbability(row.to)));
        tokens_->setItem(r, 3, change);
        for (int c = 1; c < 4; ++c)
            tokens_->item(r, c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    // The chart: the compared state's most likely tokens, the reference in grey.
    std::stable_sort(list.begin(), list.end(), [](const Row& x, const Row& y) { return x.to > y.to; });
    QStringList tokens;
    QVector<double> to, from;
    for (int r = 0; r < list.size() && r < kChartRows; ++r) {
        tokens << list[r].text;
        to << list[r].to;
        from << list[r].from;
    }
    chart_->setTitle(tr("Next token after “%1”").arg(qstr(result.prompt)));
    chart_->setDistribution(tokens, to, stateName(toState()));
    chart_->setComparison(tokens, from, stateName(fromState()));
}

void CompareView::showWeights(const std::vector<lancet::WeightChange>& weights)
{
    delta_->clear();
    if (layers_ > 0)
        delta_->setLayerCount(layers_);
    QMap<QString, QVector<double>> series;  // matrix kind -> per layer
    int changed = 0;
    double largest = 0;
    for (const lancet::WeightChange& w : weights) {
        const int layer = w.layer;
        const double r = w.relative_change;
        if (layer < 0 || layer >= delta_->layerCount())
            continue;
        QVector<double>& per = series[qstr(w.matrix)];
        per.resize(delta_->layerCount());
        per[layer] = r;
        changed += r > 0 ? 1 : 0;
        largest = std::max(largest, r);
    }
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        delta_->setSeries(it.key(), it.value());
    weightsNote_->setText(weights.empty()
                              ? tr("No edit in the history touches any weight yet.")
                              : tr("%n matrix/matrices differ", nullptr, changed) +
                                    (changed > 0 ? tr("; the largest change is %1 of the matrix.")
                                                       .arg(QString::number(largest, 'g', 3))
                                                 : u"."_s));
}

}  // namespace lancet::gui
