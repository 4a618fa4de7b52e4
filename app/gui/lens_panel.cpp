#include "lens_panel.h"

#include "buddy_label.h"
#include "token_text.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
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

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    // The progress bar beside the summary: the controls' row needs its width for the prompt.
    auto* status = new QHBoxLayout;
    status->addWidget(summary_, 1);
    status->addWidget(progress_);
    layout->addLayout(status);
    layout->addWidget(grid_, 1);

    connect(runButton_, &QPushButton::clicked, this, [this] { run(); });
    connect(prompt_, &QLineEdit::returnPressed, this, [this] { run(); });
    connect(answer_, &QLineEdit::returnPressed, this, [this] { run(); });
    connect(cancelButton_, &QPushButton::clicked, this, &LensPanel::cancel);
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
        grid_->clearLens();
    }
    runButton_->setEnabled(ready && !running_);
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
            if (id != running_)
                return;
            running_ = 0;
            setBusy(false);
            summary_->setText(e.cancelled() ? tr("Logit lens cancelled.") : tr("Logit lens failed: %1").arg(e.message));
            Q_EMIT lensFinished(false);
        });
    return job.id;
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
    // Where in depth the answer first leads at the last position: the lens's headline.
    int first = -1;
    for (size_t l = 0; l < r.cells.size(); ++l)
        if (!r.cells[l].empty() && r.cells[l].back().answer_rank == 0) {
            first = int(l);
            break;
        }
    QString text = tr("Answer %1").arg(lancet::widgets::visibleToken(answer));
    text += first >= 0 ? tr(": first the top token at the last position at layer %1 of %2").arg(first).arg(r.cells.size())
                       : tr(": never the top token at the last position");
    text += u" · "_s + tr("%1 s").arg(r.seconds, 0, 'f', 2);
    summary_->setText(text);
    Q_EMIT lensFinished(true);
}

void LensPanel::setBusy(bool busy)
{
    runButton_->setEnabled(!busy && modelReady_);
    cancelButton_->setEnabled(busy);
    progress_->setValue(0);
}

}  // namespace lancet::gui
