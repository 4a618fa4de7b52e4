// The logit lens before vs after an edit (lens_panel.h): the engine reads the
// lens of the base model and of the edited weights for the last edit's prompt,
// with its new target as the answer (edit/lens_before_after.h); here the toggle
// between the two tables and the depth plot of p(new answer) that sets them
// side by side.
#include "lens_panel.h"

#include "curve_plot.h"
#include "edit_request.h"
#include "token_text.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using lancet::app::JobError;
using lancet::widgets::formatProbability;
using lancet::widgets::visibleToken;

namespace lancet::gui {

namespace {

// p(answer) at the last position, layer by layer.
QVector<double> lastPositionCurve(const lancet::LensResult& lens)
{
    QVector<double> out;
    for (const auto& row : lens.cells)
        out << (row.empty() ? std::numeric_limits<double>::quiet_NaN() : row.back().answer_prob);
    return out;
}

QString layerText(int layer, int layers)
{
    return layer >= 0 ? LensPanel::tr("layer %1 of %2").arg(layer).arg(layers) : LensPanel::tr("never");
}

}  // namespace

void LensPanel::setEditContext(const std::optional<lancet::EditSpec>& lastApplied)
{
    edit_ = lastApplied;
    updateCompareButton();
}

void LensPanel::updateCompareButton()
{
    compareButton_->setEnabled(modelReady_ && !running_ && edit_.has_value());
    compareButton_->setToolTip(
        edit_ ? tr("Read the lens of the base model and of the edited model for the last edit's prompt “%1”, with "
                   "its new target %2 as the answer: the depth at which the new answer appears. The engine undoes "
                   "and redoes the edits exactly to read both; the model ends as it was.")
                    .arg(qstr(edit_->filled_prompt()), visibleToken(qstr(edit_->target_new)))
              : tr("Apply an edit first: this reads the logit lens of the base model and of the edited model side "
                   "by side."));
}

quint64 LensPanel::runBeforeAfter()
{
    if (!modelReady_ || running_ || !edit_)
        return 0;
    // The fields show what is read, so "Read layers" afterwards reads the same prompt.
    prompt_->setText(qstr(edit_->filled_prompt()));
    answer_->setText(qstr(edit_->target_new));
    lancet::LensBeforeAfterRequest r;
    r.lens.prompt = edit_->filled_prompt();
    r.lens.answer = edit_->target_new;
    r.lens.top_k = topK_->value();
    r.before = 0;   // the base model
    r.after = -1;   // the weights as they are
    auto job = bridge_->logitLensBeforeAfter(r);
    running_ = job.id;
    setBusy(true);
    summary_->setText(tr("Reading every layer of “%1” before and after the edit…").arg(prompt_->text()));
    Q_EMIT lensStarted(running_);
    // Continuations last: on a finished future they run at once, inside this call.
    job.result
        .then(this, [this, id = job.id](const lancet::LensBeforeAfter& c) {
            if (id == running_)
                onComparison(c);
        })
        .onFailed(this, [this, id = job.id](const JobError& e) {
            if (id == running_)
                onFailed(e);
        });
    return job.id;
}

void LensPanel::onComparison(const lancet::LensBeforeAfter& c)
{
    running_ = 0;
    setBusy(false);
    comparison_ = c;
    setComparisonVisible(true);
    {
        const QSignalBlocker block(state_);
        state_->setCurrentIndex(state_->findData(int(State::After)));
    }
    showState(State::After);

    const int layers = int(c.after_lens.cells.size());
    const QString answer = visibleToken(QString::fromStdString(c.after_lens.answer));
    depth_->clear();
    depth_->clearMarkers();
    depth_->setTitle(tr("p(%1) at the last position").arg(answer));
    const int before = depth_->addRun(tr("base model"), {tr("p(answer)")});
    const int after = depth_->addRun(tr("edited model"), {tr("p(answer)")});
    const QVector<double> pb = lastPositionCurve(c.before_lens);
    const QVector<double> pa = lastPositionCurve(c.after_lens);
    for (int l = 0; l < layers; ++l) {
        depth_->appendPoint(before, l, {pb.value(l)});
        depth_->appendPoint(after, l, {pa.value(l)});
    }
    // The edited layer, where the curves may first part.
    if (edit_ && !edit_->layers.empty() && edit_->layers.front() >= 0 && edit_->layers.front() < layers)
        depth_->addMarker(edit_->layers.front(), tr("edited layer %1").arg(edit_->layers.front()));

    const double outBefore = pb.isEmpty() ? 0.0 : pb.last();
    const double outAfter = pa.isEmpty() ? 0.0 : pa.last();
    // A target of several tokens is read by its first: say so, or "␣Tai" puzzles a user who asked for Taipei.
    QString shown = answer;
    const QString target = edit_ ? qstr(edit_->target_new).trimmed() : QString();
    if (!target.isEmpty() && QString::fromStdString(c.after_lens.answer).trimmed() != target)
        shown = tr("%1 (the first token of “%2”)").arg(answer, target);
    summary_->setText(tr("New answer %1: the top token at the last position from %2 after the edit (base model: %3); "
                         "p at the output %4 → %5 · %6 s")
                          .arg(shown, layerText(c.first_layer_after, layers), layerText(c.first_layer_before, layers),
                               formatProbability(outBefore), formatProbability(outAfter))
                          .arg(c.seconds, 0, 'f', 2));
    Q_EMIT lensFinished(true);
}

void LensPanel::showState(State state)
{
    shownState_ = state;
    if (!comparison_)
        return;
    if (state_->currentData().toInt() != int(state)) {
        const QSignalBlocker block(state_);
        state_->setCurrentIndex(state_->findData(int(state)));
    }
    showLens(state == State::Before ? comparison_->before_lens : comparison_->after_lens);
}

void LensPanel::setComparisonVisible(bool visible)
{
    stateLabel_->setVisible(visible);
    state_->setVisible(visible);
    depth_->setVisible(visible);
}

}  // namespace lancet::gui
