// The status bar's view of the engine: the running job's name, stage and
// progress, and a button that cancels it. Interactive predictions are too
// short and too frequent to show; everything else is listed.
#pragma once

#include "engine_bridge.h"

#include <QElapsedTimer>
#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace lancet::gui {

class JobMonitor : public QWidget {
    Q_OBJECT

public:
    explicit JobMonitor(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    bool hasActive() const { return !active_.isEmpty(); }
    quint64 currentJob() const;
    lancet::app::JobKind currentKind() const;
    QString stageText() const;
    double fraction() const { return fraction_; }
    void cancelCurrent();

    QProgressBar* progressBar() const { return bar_; }
    QToolButton* cancelButton() const { return cancel_; }

Q_SIGNALS:
    void activeChanged(bool active);

private:
    struct Job {
        quint64 id;
        lancet::app::JobKind kind;
    };
    void onStarted(quint64 id, lancet::app::JobKind kind);
    void onProgress(quint64 id, double fraction, const QString& stage);
    void onEnded(quint64 id);
    void refresh();

    lancet::app::EngineBridge* bridge_;
    QList<Job> active_;  // in start order; the last one is shown
    QLabel* label_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QToolButton* cancel_ = nullptr;
    double fraction_ = -1;
    QString stage_;
};

}  // namespace lancet::gui
