#include "scorecard_panel.h"

#include "scorecard_view.h"
#include "token_text.h"

#include <QGridLayout>
#include <QScrollArea>
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
using lancet::widgets::ScoreRow;
using lancet::widgets::ScorecardView;

namespace lancet::gui {

namespace {
constexpr int kPanelWidth = 165;  // readable metric labels ("Neighbourhood success")

double numberOrNaN(const QJsonValue& v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

QString numberText(const QJsonValue& v)
{
    if (v.isDouble()) {
        const double x = v.toDouble();
        return std::abs(x) <= 1.0 ? lancet::widgets::formatProbability(x) : QString::number(x, 'g', 4);
    }
    if (v.isBool())
        return v.toBool() ? ScorecardPanel::tr("yes") : ScorecardPanel::tr("no");
    if (v.isString())
        return v.toString();
    return u"—"_s;
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
    view_->setMinimumHeight(170);

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
    detailRows_.clear();
    labels_.clear();
    shownKey_.clear();
    details_->setRowCount(0);
    detailsTitle_->setText(tr("Click a metric to list the prompts behind its bars."));
    setStatus(tr("Apply an edit to judge it: the scorecard compares the model before and after."));
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

ScoreRow scoreRowFromJson(const QJsonObject& o)
{
    ScoreRow r;
    r.key = o.value(u"key"_s).toString();
    r.label = o.value(u"label"_s).toString(r.key);
    r.protocol = o.value(u"protocol"_s).toString();
    r.before = numberOrNaN(o.value(u"before"_s));
    r.after = numberOrNaN(o.value(u"after"_s));
    r.tooltip = o.value(u"tooltip"_s).toString();
    for (const QJsonValue& d : o.value(u"details"_s).toArray())
        r.detailPrompts << d.toObject().value(u"prompt"_s).toString();
    if (o.contains(u"full_scale"_s))
        r.fullScale = o.value(u"full_scale"_s).toDouble();
    return r;
}

void ScorecardPanel::setRows(const QJsonArray& rows)
{
    QVector<ScoreRow> metrics;
    detailRows_.clear();
    labels_.clear();
    for (const QJsonValue& v : rows) {
        const QJsonObject o = v.toObject();
        const ScoreRow r = scoreRowFromJson(o);
        const QJsonArray details = o.value(u"details"_s).toArray();
        detailRows_.insert(r.key, details);
        labels_.insert(r.key, r.label);
        metrics << r;
    }
    view_->setMetrics(metrics);
    view_->setMinimumWidth(int(metrics.size()) * kPanelWidth);
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
    const QJsonArray rows = detailRows_.value(key);
    detailsTitle_->setText(tr("Prompts behind %1 (%n prompt(s))", nullptr, int(rows.size()))
                               .arg(labels_.value(key, key)));
    details_->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonObject d = rows[i].toObject();
        auto* prompt = new QTableWidgetItem(d.value(u"prompt"_s).toString());
        prompt->setToolTip(prompt->text());
        details_->setItem(i, 0, prompt);
        details_->setItem(i, 1, new QTableWidgetItem(lancet::widgets::visibleToken(d.value(u"target"_s).toString())));
        details_->setItem(i, 2, new QTableWidgetItem(numberText(d.value(u"before"_s))));
        details_->setItem(i, 3, new QTableWidgetItem(numberText(d.value(u"after"_s))));
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
