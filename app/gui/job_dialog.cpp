#include "job_dialog.h"

namespace lancet::gui {

JobDialog::JobDialog(lancet::app::EngineBridge* bridge, QWidget* parent) : QDialog(parent), bridge_(bridge) {}

void JobDialog::cancel()
{
    if (job_)
        bridge_->cancel(job_);
}

void JobDialog::reject()
{
    if (job_) {
        cancel();
        return;
    }
    QDialog::reject();
}

}  // namespace lancet::gui
