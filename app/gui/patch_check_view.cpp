#include "patch_check_view.h"

#include "buddy_label.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobError;

namespace lancet::gui {

namespace {

// Where linearisation is taken to have failed: the estimate is off by more
// than a quarter of the clean − corrupted span.
constexpr double kLargeGap = 0.25;

QString siteText(const std::string& site)
{
    if (site == "hidden")
        return PatchCheckView::tr("hidden");
    if (site == "mlp")
        return PatchCheckView::tr("MLP");
    if (site == "attn")
        return PatchCheckView::tr("attention");
    return PatchCheckView::tr("head");
}

QTableWidgetItem* number(double v)
{
    auto* item = new QTableWidgetItem(QString::number(v, 'f', 3));
    item->setData(Qt::UserRole, v);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

}  // namespace

PatchCheckView::PatchCheckView(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"patchCheckView"_s);
    count_ = new QSpinBox(this);
    count_->setObjectName(u"patchCheckCount"_s);
    count_->setRange(1, 500);
    count_->setValue(20);
    count_->setToolTip(tr("How many of the estimate's strongest cells (largest |score|) to patch exactly. Each "
                          "costs a share of one batched forward pass."));
    runButton_ = new QPushButton(this);
    runButton_->setObjectName(u"patchCheckRun"_s);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(u"patchCheckCancel"_s);
    cancelButton_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setObjectName(u"patchCheckProgress"_s);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumHeight(16);
    progress_->setMaximumWidth(120);
    summary_ = new QLabel(this);
    summary_->setObjectName(u"patchCheckSummary"_s);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    table_ = new QTableWidget(0, 6, this);
    table_->setObjectName(u"patchCheckTable"_s);
    table_->setHorizontalHeaderLabels({tr("Site"), tr("Layer"), tr("Pos./head"), tr("Estimate"), tr("Exact"), tr("Off by")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setToolTip(tr("The estimate's strongest cells, strongest first, each beside its exact score (1 = as "
                          "the clean prompt, 0 = as the corrupted one). Rows in bold: the estimate is off by more "
                          "than %1, where the first-order estimate fails.")
                           .arg(kLargeGap));

    auto* controls = new QHBoxLayout;
    controls->addWidget(buddyLabel(tr("Top &N:"), count_, this));
    controls->addWidget(count_);
    controls->addWidget(runButton_);
    controls->addWidget(cancelButton_);
    controls->addWidget(progress_);
    controls->addStretch(1);  // spare width here, not in the spin box
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);

    auto label = [this] { runButton_->setText(tr("&Check top %1 exactly").arg(count_->value())); };
    label();
    connect(count_, &QSpinBox::valueChanged, this, label);
    connect(runButton_, &QPushButton::clicked, this, [this] { run(); });
    connect(cancelButton_, &QPushButton::clicked, this, &PatchCheckView::cancel);
    connect(bridge_, &EngineBridge::jobProgress, this, [this](quint64 id, double fraction, const QString&) {
        if (id == running_ && running_)
            progress_->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
    });
    clearEstimate(tr("Run attribution patching, then check its strongest cells here by patching them exactly."));
}

void PatchCheckView::setEstimate(const lancet::PatchRequest& request, const lancet::PatchResult& estimate)
{
    cancel();
    request_ = request;
    estimate_ = estimate;
    result_.reset();
    table_->setRowCount(0);
    summary_->setText(tr("An estimate is a first-order guess: patch its strongest cells exactly to see where it "
                         "holds."));
    updateButton();
}

void PatchCheckView::clearEstimate(const QString& why)
{
    cancel();
    estimate_.reset();
    summary_->setText(why);
    updateButton();
}

void PatchCheckView::updateButton()
{
    runButton_->setEnabled(estimate_.has_value() && !running_);
    runButton_->setToolTip(estimate_ ? tr("Patch the estimate's %1 strongest cells for real and set each estimate "
                                          "beside the truth, with their rank correlation.")
                                           .arg(count_->value())
                                     : summary_->text());
}

quint64 PatchCheckView::run()
{
    if (!estimate_ || running_)
        return 0;
    auto job = bridge_->checkEstimate(request_, *estimate_, count_->value());
    running_ = job.id;
    setBusy(true);
    summary_->setText(tr("Patching the %1 strongest cells exactly… (Cancel stops it)").arg(count_->value()));
    Q_EMIT checkStarted(running_);
    // Continuations last: on a finished future they run at once, inside this call.
    job.result
        .then(this, [this, id = job.id](const lancet::EstimateCheck& c) {
            if (id == running_)
                onResult(c);
        })
        .onFailed(this, [this, id = job.id](const JobError& e) {
            if (id == running_)
                onFailed(e);
        });
    return job.id;
}

void PatchCheckView::cancel()
{
    if (running_)
        bridge_->cancel(running_);
}

void PatchCheckView::onResult(const lancet::EstimateCheck& check)
{
    running_ = 0;
    setBusy(false);
    result_ = check;
    table_->setRowCount(int(check.cells.size()));
    for (int i = 0; i < int(check.cells.size()); ++i) {
        const lancet::CellCheck& c = check.cells[size_t(i)];
        const bool head = c.site == "head";
        const double gap = std::fabs(c.estimate - c.exact);
        QTableWidgetItem* items[] = {new QTableWidgetItem(siteText(c.site)), new QTableWidgetItem(QString::number(c.layer)),
                                     new QTableWidgetItem(head ? tr("head %1").arg(c.index) : tr("pos %1").arg(c.index)),
                                     number(c.estimate), number(c.exact), number(gap)};
        const bool off = gap > kLargeGap;
        for (int col = 0; col < 6; ++col) {
            if (off) {
                QFont f = font();
                f.setBold(true);
                items[col]->setFont(f);
            }
            items[col]->setToolTip(off ? tr("Off by %1: linearisation fails here.").arg(gap, 0, 'f', 3)
                                       : tr("Off by %1.").arg(gap, 0, 'f', 3));
            table_->setItem(i, col, items[col]);
        }
    }
    int off = 0;
    for (const auto& c : check.cells)
        off += std::fabs(c.estimate - c.exact) > kLargeGap;
    const QString rho = std::isfinite(check.rank_correlation) ? QString::number(check.rank_correlation, 'f', 2)
                                                              : tr("undefined");
    summary_->setText(tr("Rank correlation of estimate and exact (Spearman ρ): %1 over %n cell(s); %2 off by more "
                         "than %3 · %4 s",
                         nullptr, int(check.cells.size()))
                          .arg(rho)
                          .arg(off)
                          .arg(kLargeGap)
                          .arg(check.seconds, 0, 'f', 2));
    Q_EMIT checkFinished(true);
}

void PatchCheckView::onFailed(const JobError& e)
{
    running_ = 0;
    setBusy(false);
    summary_->setText(e.cancelled() ? tr("Check cancelled.") : tr("Check failed: %1").arg(e.message));
    Q_EMIT checkFinished(false);
}

void PatchCheckView::setBusy(bool busy)
{
    cancelButton_->setEnabled(busy);
    count_->setEnabled(!busy);
    progress_->setValue(0);
    updateButton();
}

}  // namespace lancet::gui
