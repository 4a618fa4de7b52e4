// What the dialogs that run one engine job at a time share (method comparison,
// sequential edits, test-time training, the long-document demonstration): one
// job at a time; a result or failure that arrives for a job no longer the
// current one is ignored; Esc while a job runs cancels it instead of closing
// (the engine restores the weights); finished(ok) when the job ends.
#pragma once

#include "engine_bridge.h"

#include <QDialog>

namespace lancet::gui {

class JobDialog : public QDialog {
    Q_OBJECT

public:
    explicit JobDialog(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    void cancel();
    bool isRunning() const { return job_ != 0; }

Q_SIGNALS:
    void finished(bool ok);

protected:
    void reject() override;
    // Enables and disables the dialog's controls for isRunning().
    virtual void updateButtons() = 0;

    // Makes `job` the current one. On the GUI thread when it ends: onResult(T)
    // or onFailure(JobError), then updateButtons() and finished(ok). Returns the job's id.
    template <class T, class OnResult, class OnFailure>
    quint64 follow(const lancet::app::Job<T>& job, OnResult onResult, OnFailure onFailure)
    {
        job_ = job.id;
        QFuture<T> result = job.result;
        result
            .then(this,
                  [this, id = job.id, onResult](const T& value) {
                      if (id != job_)
                          return;
                      job_ = 0;
                      onResult(value);
                      updateButtons();
                      Q_EMIT finished(true);
                  })
            .onFailed(this, [this, id = job.id, onFailure](const lancet::app::JobError& e) {
                if (id != job_)
                    return;
                job_ = 0;
                onFailure(e);
                updateButtons();
                Q_EMIT finished(false);
            });
        updateButtons();
        return job.id;
    }

    lancet::app::EngineBridge* bridge_;
    quint64 job_ = 0;
};

}  // namespace lancet::gui
