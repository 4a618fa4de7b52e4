#include "lens_panel.h"

#include "buddy_label.h"
#include "curve_plot.h"
#include "token_text.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobError;
using lancet::widgets::LensGrid;

namespace lancet::gui {

LensPanel::LensPanel(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"lensPanel"_s);
    prompt_ = new QLineEdit(this);
    prompt_->setObjectName(u"lensPrompt"_s);
    prompt_->setPlaceholderText(tr("the prompt bar's prompt"));
    prompt_->setToolTip(tr("The prompt read through the lens, every layer and every position."));
    answer_ = new QLineEdit(this);
    answer_->setObjectName(u"lensAnswer"_s);
    answer_->setPlaceholderText(tr("model's top-1"));
    answer_->setClearButtonEnabled(true);
    answer_->setToolTip(tr("The token whose probability shades the cells. Empty: the model's own next-token "
                           "prediction."));
    topK_ = new QSpinBox(this);
    topK_->setObjectName(u"lensTopK"_s);
    topK_->setRange(1, 20);
    topK_->setValue(5);
    topK_->setToolTip(tr("How many of each cell's most likely tokens its tooltip lists."));
    shading_ = new QComboBox(this);
    shading_->setObjectName(u"lensShading"_s);
    shading_->addItem(tr("p(answer)"), int(LensGrid::Shading::AnswerProbability));
    shading_->addItem(tr("top-1 probability"), int(LensGrid::Shading::TopProbability));
    shading_->setToolTip(tr("p(answer): how early in depth the answer takes shape. Top-1 probability: how sure "
                            "each layer already is of its own guess."));
    runButton_ = new QPushButton(tr("&Read layers"), this);
    runButton_->setObjectName(u"lensRun"_s);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(u"lensCancel"_s);
    cancelButton_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setObjectName(u"lensProgress"_s);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumWidth(180);
    progress_->setMaximumHeight(16);

    auto* controls = new QHBoxLayout;
    controls->addWidget(buddyLabel(tr("P&rompt:"), prompt_, this));
    controls->addWidget(prompt_, 3);
    controls->addWidget(buddyLabel(tr("Ans&wer:"), answer_, this));
    controls->addWidget(answer_, 1);
    controls->addWidget(buddyLabel(tr("Top-k:"), topK_, this));
    controls->addWidget(topK_);
    controls->addWidget(buddyLabel(tr("Shade by:"), shading_, this));
    controls->addWidget(shading_);
    controls->addWidget(runButton_);
    controls->addWidget(cancelButton_);
    answer_->setMinimumWidth(80);

    summary_ = new QLabel(this);
    summary_->setObjectName(u"lensSummary"_s);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setText(tr("The logit lens reads the residual stream after every layer through the model's own "
                         "final norm and unembedding: each cell is the token the model would predict if it "
                         "stopped there. Bold cells already put the answer first."));
    grid_ = new LensGrid(this);
    grid_->setToolTip(tr("Rows: layers (the last one is the model's output). Columns: positions. Darker: more "
                         "probable. Hover a cell for its top tokens."));

    // Before vs after an edit (lens_panel_compare.cpp).
    compareButton_ = new QPushButton(tr("&Before/after edit"), this);
    compareButton_->setObjectName(u"lensBeforeAfter"_s);
    state_ = new QComboBox(this);
    state_->setObjectName(u"lensState"_s);
    state_->addItem(tr("Edited model"), int(State::After));
    state_->addItem(tr("Base model"), int(State::Before));
    state_->setToolTip(tr("Which model the table shows: the weights with the edits, or the base model the "
                          "edits were made on. The plot beside it shows both."));
    stateLabel_ = buddyLabel(tr("Sh&ow:"), state_, this);
    depth_ = new lancet::widgets::CurvePlot(this);
    depth_->setObjectName(u"lensDepthPlot"_s);
    depth_->setAxisLabels(tr("layer"), tr("p(answer)"));  // the title names the position
    depth_->setValueRange(0.0, 1.0);
    depth_->setToolTip(tr("The new answer's probability at the last position, read after every layer, before the "
                          "edit and after it. The curves part where the edit starts to act; the layer where the "
                          "edited curve rises is where the new answer appears in depth. The last layer is the "
                          "model's output."));
    depth_->setMinimumWidth(240);
    auto* views = new QSplitter(Qt::Horizontal, this);
    views->setObjectName(u"lensViews"_s);
    views->setChildrenCollapsible(false);
    views->addWidget(grid_);
    views->addWidget(depth_);
    views->setStretchFactor(0, 3);
    views->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    // The progress bar beside the summary: the controls' row needs its width for the prompt.
    auto* status = new QHBoxLayout;
    status->addWidget(summary_, 1);
    status->addWidget(stateLabel_);
    status->addWidget(state_);
    status->addWidget(compareButton_);
    status->addWidget(progress_);
    layout->addLayout(status);
    layout->addWidget(views, 1);
    setComparisonVisible(false);

    connect(runButton_, &QPushButton::clicked, this, [this] { run(); });
    connect(prompt_, &QLineEdit::returnPressed, this, [this] { run(); });
    connect(answer_, &QLineEdit::returnPressed, this, [this] { run(); });
    connect(cancelButton_, &QPushButton::clicked, this, &LensPanel::cancel);
    connect(compareButton_, &QPushButton::clicked, this, [this] { runBeforeAfter(); });
    connect(state_, &QComboBox::currentIndexChanged, this, [this] { showState(State(state_->currentData().toInt())); });
    connect(shading_, &QComboBox::currentIndexChanged, this,
            [this] { grid_->setShading(LensGrid::Shading(shading_->currentData().toInt())); });
    connect(bridge_, &EngineBridge::jobProgress, this, [this](quint64 id, double fraction, const QString&) {
        if (id == running_ && running_) {
            progress_->setRange(0, 1000);
            progress_->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
        }
    });
    setModelReady(false);
}

void LensPanel::setModelReady(bool ready)
{
    modelReady_ = ready;
    if (!ready) {
        cancel();
        hasResult_ = false;
        comparison_.reset();
        setComparisonVisible(false);
        grid_->clearLens();
    }
    runButton_->setEnabled(ready && !running_);
    updateCompareButton();
}

QJsonObject LensPanel::settings() const
{
    return {{u"prompt"_s, prompt_->text()},
            {u"answer"_s, answer_->text()},
            {u"top_k"_s, topK_->value()},
            {u"shading"_s, shading_->currentIndex() == 1 ? u"top"_s : u"answer"_s}};
}

void LensPanel::setSettings(const QJsonObject& s)
{
    if (s.value(u"prompt"_s).isString())
        prompt_->setText(s.value(u"prompt"_s).toString());
    if (s.value(u"answer"_s).isString())
        answer_->setText(s.value(u"answer"_s).toString());
    if (s.value(u"top_k"_s).isDouble())
        topK_->setValue(s.value(u"top_k"_s).toInt());  // clamped to the spin box's range
    const QString shading = s.value(u"shading"_s).toString();
    if (shading == u"top"_s || shading == u"answer"_s)
        shading_->setCurrentIndex(shading == u"top"_s ? 1 : 0);
}

void LensPanel::offerPrompt(const QString& prompt)
{
    if (prompt_->text().trimmed().isEmpty())
        prompt_->setText(prompt);
}

quint64 LensPanel::run()
{
    if (!modelReady_ || running_ || prompt_->text().trimmed().isEmpty())
        return 0;
    lancet::LensRequest r;
    r.prompt = prompt_->text().toStdString();
    r.answer = answer_->text().toStdString();
    r.top_k = topK_->value();
    auto job = bridge_->logitLens(r);
    running_ = job.id;
    setBusy(true);
    summary_->setText(tr("Reading every layer of “%1”…").arg(prompt_->text()));
    Q_EMIT lensStarted(running_);
    // Continuations last: on a finished future they run at once, inside this call.
    job.result
        .then(this, [this, id = job.id](const lancet::LensResult& result) {
            if (id == running_)
                onResult(result);
        })
        .onFailed(this, [this, id = job.id](const JobError& e) {
            if (id == running_)
                onFailed(e);
        });
    return job.id;
}

void LensPanel::onFailed(const JobError& e)
{
    running_ = 0;
    setBusy(false);
    summary_->setText(e.cancelled() ? tr("Logit lens cancelled.") : tr("Logit lens failed: %1").arg(e.message));
    Q_EMIT lensFinished(false);
}

void LensPanel::cancel()
{
    if (running_)
        bridge_->cancel(running_);
}

void LensPanel::onResult(const lancet::LensResult& r)
{
    running_ = 0;
    setBusy(false);
    // A plain reading replaces a before/after one: its plot would describe another prompt.
    comparison_.reset();
    setComparisonVisible(false);
    showLens(r);
    // Where in depth the answer first leads at the last position: the lens's headline.
    int first = -1;
    for (size_t l = 0; l < r.cells.size() && first < 0; ++l)
        if (!r.cells[l].empty() && r.cells[l].back().answer_rank == 0)
            first = int(l);
    const QString answer = QString::fromStdString(r.answer);
    QString text = tr("Answer %1").arg(lancet::widgets::visibleToken(answer));
    text += first >= 0 ? tr(": first the top token at the last position at layer %1 of %2").arg(first).arg(r.cells.size())
                       : tr(": never the top token at the last position");
    text += u" · "_s + tr("%1 s").arg(r.seconds, 0, 'f', 2);
    summary_->setText(text);
    Q_EMIT lensFinished(true);
}

void LensPanel::showLens(const lancet::LensResult& r)
{
    result_ = r;
    hasResult_ = true;
    // Split characters joined (byte-level pieces of a Chinese prompt).
    const QStringList tokens = lancet::app::tokenLabels(r.tokens);
    QVector<QVector<lancet::widgets::LensCellView>> cells;
    for (const auto& row : r.cells) {
        QVector<lancet::widgets::LensCellView> out;
        for (const lancet::LensCell& c : row) {
            lancet::widgets::LensCellView v;
            for (const std::string& t : c.top_tokens)
                v.topTokens << lancet::app::tokenLabel(t);
            v.topProbs = QVector<double>(c.top_probs.begin(), c.top_probs.end());
            v.answerProb = c.answer_prob;
            v.answerRank = c.answer_rank;
            out.push_back(v);
        }
        cells.push_back(out);
    }
    const QString answer = QString::fromStdString(r.answer);
    grid_->setLens(tokens, answer, cells);
    // The last position is the one the answer is read at: in view, and unselected so its shade shows.
    // Deferred: the depth plot appearing beside the grid narrows it only once the layout has run.
    grid_->clearSelection();
    QTimer::singleShot(0, grid_, [grid = grid_] {
        if (grid->rowCount() > 0 && grid->columnCount() > 0)
            grid->scrollTo(grid->model()->index(grid->rowCount() - 1, grid->columnCount() - 1));
    });
}

void LensPanel::setBusy(bool busy)
{
    runButton_->setEnabled(!busy && modelReady_);
    cancelButton_->setEnabled(busy);
    progress_->setValue(0);
    updateCompareButton();
}

}  // namespace lancet::gui
