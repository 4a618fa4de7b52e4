#include "job_monitor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;
using lancet::app::JobKind;

namespace lancet::gui {

JobMonitor::JobMonitor(lancet::app::EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"jobMonitor"_s);
    label_ = new QLabel(this);
    bar_ = new QProgressBar(this);
    bar_->setObjectName(u"jobProgress"_s);
    bar_->setMaximumWidth(200);
    bar_->setMaximumHeight(16);
    bar_->setRange(0, 1000);
    bar_->setTextVisible(false);
    cancel_ = new QToolButton(this);
    cancel_->setObjectName(u"jobCancel"_s);
    cancel_->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    cancel_->setAutoRaise(true);
    cancel_->setToolTip(tr("Cancel the running job (Esc). A cancelled trace keeps the cells it has computed."));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);

    connect(bridge_, &lancet::app::EngineBridge::jobStarted, this, &JobMonitor::onStarted);
    connect(bridge_, &lancet::app::EngineBridge::jobProgress, this, &JobMonitor::onProgress);
    connect(bridge_, &lancet::app::EngineBridge::jobSucceeded, this, [this](quint64 id) { onEnded(id); });
    connect(bridge_, &lancet::app::EngineBridge::jobFailed, this, [this](quint64 id) { onEnded(id); });
    connect(cancel_, &QToolButton::clicked, this, &JobMonitor::cancelCurrent);
    refresh();
}

quint64 JobMonitor::currentJob() const { return active_.isEmpty() ? 0 : active_.last().id; }

JobKind JobMonitor::currentKind() const { return active_.isEmpty() ? JobKind::Predict : active_.last().kind; }

QString JobMonitor::stageText() const { return label_->text(); }

void JobMonitor::cancelCurrent()
{
    if (!active_.isEmpty())
        bridge_->cancel(active_.last().id);
}

void JobMonitor::onStarted(quint64 id, JobKind kind)
{
    if (kind == JobKind::Predict || kind == JobKind::Tokenize)
        return;  // interactive and short: a status-bar flicker per keystroke would be noise
    const bool was = hasActive();
    active_.append({id, kind});
    fraction_ = -1;
    stage_.clear();
    refresh();
    if (!was)
        Q_EMIT activeChanged(true);
}

void JobMonitor::onProgress(quint64 id, double fraction, const QString& stage)
{
    if (active_.isEmpty() || active_.last().id != id)
        return;
    fraction_ = fraction;
    stage_ = stage;
    refresh();
}

void JobMonitor::onEnded(quint64 id)
{
    for (int i = 0; i < active_.size(); ++i) {
        if (active_[i].id == id) {
            active_.removeAt(i);
            fraction_ = -1;
            stage_.clear();
            refresh();
            if (!hasActive())
                Q_EMIT activeChanged(false);
            return;
        }
    }
}

void JobMonitor::refresh()
{
    const bool on = hasActive();
    setVisible(on);
    if (!on)
        return;
    QString text = lancet::app::jobKindName(active_.last().kind);
    text[0] = text[0].toUpper();
    if (!stage_.isEmpty())
        text += u": "_s + stage_;
    if (active_.size() > 1)
        text += tr(" (+%1 queued)").arg(active_.size() - 1);
    label_->setText(text);
    if (fraction_ < 0) {
        bar_->setRange(0, 0);  // busy indicator until the first progress report
    } else {
        bar_->setRange(0, 1000);
        bar_->setValue(int(fraction_ * 1000));
    }
}

}  // namespace lancet::gui
