#include "scorecard_panel.h"

#include "metric_names.h"

#include "scorecard_view.h"
#include "token_text.h"

#include <QGridLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using WidgetRow = lancet::widgets::ScoreRow;
using lancet::widgets::ScorecardView;

namespace lancet::gui {

namespace {
constexpr int kPanelWidth = 165;  // readable metric labels ("Neighbourhood success")

QString numberText(double x)
{
    if (std::isnan(x))
        return u"—"_s;
    return std::abs(x) <= 1.0 ? lancet::widgets::formatProbability(x) : QString::number(x, 'g', 4);
}
}  // namespace

ScorecardPanel::ScorecardPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"scorecardPanel"_s);
    view_ = new ScorecardView(this);
    view_->setObjectName(u"scorecardView"_s);
    view_->setTitle(tr("Scorecard: before vs after the edit"));
    view_->setToolTip(tr("Reliability: the edited prompt now gives the new target. Generality: paraphrases do "
                         "too. Locality: prompts about other subjects keep their answers (the edit did not "
                         "bleed onto neighbours). Fluency: generated text stays varied. Click a metric to see "
                         "the prompts behind it."));

    status_ = new QLabel(this);
    status_->setObjectName(u"scorecardStatus"_s);
    status_->setWordWrap(true);
    score_ = new QToolButton(this);
    score_->setObjectName(u"scoreButton"_s);
    score_->setText(tr("Score again"));
    score_->setToolTip(tr("Recompute the scorecard of the last edit with the prompts below"));
    score_->setEnabled(false);

    detailsTitle_ = new QLabel(tr("Click a metric to list the prompts behind its bars."), this);
    detailsTitle_->setObjectName(u"scorecardDetailsTitle"_s);
    details_ = new QTableWidget(0, 4, this);
    details_->setObjectName(u"scorecardDetails"_s);
    details_->setHorizontalHeaderLabels({tr("Prompt"), tr("Target"), tr("Before"), tr("After")});
    details_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        details_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    details_->verticalHeader()->setVisible(false);
    details_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    details_->setAlternatingRowColors(true);

    auto* promptsBox = new QWidget(this);
    paraphrases_ = new QPlainTextEdit(promptsBox);
    paraphrases_->setObjectName(u"paraphrasePrompts"_s);
    paraphrases_->setPlaceholderText(tr("Paraphrases of the edited fact, one per line, e.g.\n"
                                        "The Space Needle can be found in the city of"));
    paraphrases_->setToolTip(tr("Generality: other ways to ask for the edited fact. A good edit changes "
                                "their answer too, not just the exact prompt it was made with."));
    neighbours_ = new QPlainTextEdit(promptsBox);
    neighbours_->setObjectName(u"neighbourhoodPrompts"_s);
    neighbours_->setPlaceholderText(tr("Neighbourhood: prompt => answer, one per line, e.g.\n"
                                       "The Eiffel Tower is located in the city of => Paris"));
    neighbours_->setToolTip(tr("Locality: facts about other, similar subjects. Their answers should not move: "
                               "an edit that drags them along is too broad."));
    auto* promptsLayout = new QGridLayout(promptsBox);
    promptsLayout->setContentsMargins(4, 4, 4, 4);
    promptsLayout->addWidget(new QLabel(tr("Paraphrases (generality):"), promptsBox), 0, 0);
    promptsLayout->addWidget(new QLabel(tr("Neighbours (locality), prompt => answer:"), promptsBox), 0, 1);
    promptsLayout->addWidget(paraphrases_, 1, 0);
    promptsLayout->addWidget(neighbours_, 1, 1);
    promptsLayout->addWidget(score_, 2, 1, Qt::AlignRight);

    auto* detailsBox = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->setContentsMargins(4, 4, 4, 4);
    detailsLayout->addWidget(detailsTitle_);
    detailsLayout->addWidget(details_);

    // One panel per metric: with both protocols that is ten panels, which need
    // width; below that the view scrolls sideways instead of clipping labels.
    scroll_ = new QScrollArea(this);
    scroll_->setWidget(view_);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    side_ = new QTabWidget(this);
    side_->setObjectName(u"scorecardTabs"_s);
    side_->addTab(detailsBox, tr("Prompts behind a metric"));
    side_->addTab(promptsBox, tr("Evaluation prompts"));
    side_->setCurrentWidget(promptsBox);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll_);
    split->addWidget(side_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(status_);
    layout->addWidget(split, 1);

    connect(view_, &ScorecardView::metricActivated, this, &ScorecardPanel::showDetails);
    connect(score_, &QToolButton::clicked, this, &ScorecardPanel::scoreRequested);
    clear();
}

void ScorecardPanel::clear()
{
    view_->setMetrics({});
    view_->setMinimumWidth(0);
    fitViewHeight();
    detailRows_.clear();
    labels_.clear();
    shownKey_.clear();
    details_->setRowCount(0);
    detailsTitle_->setText(tr("Click a metric to list the prompts behind its bars."));
    setStatus(tr("Apply an edit to judge it: the scorecard compares the model before and after."));
}

void ScorecardPanel::fitViewHeight()
{
    // Never shorter than the view with its horizontal scroll bar: with vertical
    // scrolling off, a shorter area cut the titles and the legend off the top.
    // The view asks for little before there are scores, its full height after.
    scroll_->setMinimumHeight(view_->minimumSizeHint().height() + scroll_->horizontalScrollBar()->sizeHint().height());
}

void ScorecardPanel::setStatus(const QString& text) { status_->setText(text); }

QString ScorecardPanel::statusText() const { return status_->text(); }

void ScorecardPanel::setPending(const QString& what)
{
    setStatus(tr("Scoring %1…").arg(what));
    score_->setEnabled(false);
}

void ScorecardPanel::setUnavailable(const QString& message)
{
    setStatus(tr("No scorecard: %1").arg(message));
    score_->setEnabled(true);
}

WidgetRow scoreRowOf(const lancet::ScoreRow& row)
{
    WidgetRow r;
    r.key = qstr(row.key);
    r.label = metricLabel(row.key, row.label);
    r.protocol = qstr(row.protocol);
    r.before = row.before.value_or(std::numeric_limits<double>::quiet_NaN());
    r.after = row.after;
    r.tooltip = metricDescription(row.key, row.tooltip);
    for (const auto& d : row.details)
        r.detailPrompts << qstr(d.prompt);
    return r;
}

void ScorecardPanel::setScorecard(const lancet::EditScorecard& card)
{
    QVector<WidgetRow> metrics;
    detailRows_.clear();
    labels_.clear();
    for (const lancet::ScoreRow& row : card.rows) {
        const WidgetRow r = scoreRowOf(row);
        detailRows_.insert(r.key, row.details);
        labels_.insert(r.key, r.label);
        metrics << r;
    }
    view_->setMetrics(metrics);
    view_->setMinimumWidth(int(metrics.size()) * kPanelWidth);
    fitViewHeight();
    setStatus(tr("%n metric(s). Hover a panel for what it measures; click it for its prompts.", nullptr,
                 int(metrics.size())));
    score_->setEnabled(true);
    if (!shownKey_.isEmpty() && detailRows_.contains(shownKey_))
        showDetails(shownKey_);
    else {
        shownKey_.clear();
        details_->setRowCount(0);
    }
}

void ScorecardPanel::showDetails(const QString& key)
{
    shownKey_ = key;
    const std::vector<lancet::ScoreDetail> rows = detailRows_.value(key);
    detailsTitle_->setText(tr("Prompts behind %1 (%n prompt(s))", nullptr, int(rows.size()))
                               .arg(labels_.value(key, key)));
    details_->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const lancet::ScoreDetail& d = rows[size_t(i)];
        auto* prompt = new QTableWidgetItem(qstr(d.prompt));
        prompt->setToolTip(prompt->text());
        details_->setItem(i, 0, prompt);
        details_->setItem(i, 1, new QTableWidgetItem(lancet::widgets::visibleToken(qstr(d.target))));
        details_->setItem(i, 2, new QTableWidgetItem(d.before ? numberText(*d.before) : u"—"_s));
        details_->setItem(i, 3, new QTableWidgetItem(numberText(d.after)));
    }
    side_->setCurrentIndex(0);
    const int metric = view_->metricIndex(key);
    if (metric >= 0 && view_->activeMetric() != metric)
        view_->setActiveMetric(metric);
}

QStringList ScorecardPanel::paraphrases() const
{
    QStringList out;
    for (const QString& line : paraphrases_->toPlainText().split(u'\n'))
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    return out;
}

QVector<NeighbourPrompt> ScorecardPanel::neighbours() const
{
    QVector<NeighbourPrompt> out;
    for (const QString& line : neighbours_->toPlainText().split(u'\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype at = line.indexOf(u"=>"_s);
        NeighbourPrompt n;
        n.prompt = (at >= 0 ? line.left(at) : line).trimmed();
        if (at >= 0) {
            n.answer = line.mid(at + 2).trimmed();
            // Answers are continuations: GPT-2 tokens carry their leading space.
            if (!n.answer.isEmpty() && !n.answer.startsWith(u' '))
                n.answer.prepend(u' ');
        }
        out << n;
    }
    return out;
}

void ScorecardPanel::setEvaluationPrompts(const QStringList& paraphrases, const QVector<NeighbourPrompt>& neighbours)
{
    paraphrases_->setPlainText(paraphrases.join(u'\n'));
    QStringList lines;
    for (const NeighbourPrompt& n : neighbours)
        lines << (n.answer.isEmpty() ? n.prompt : n.prompt + u" => "_s + n.answer.trimmed());
    neighbours_->setPlainText(lines.join(u'\n'));
}

}  // namespace lancet::gui
