// "Check top N exactly" under the patching maps: after attribution patching,
// its N strongest cells are patched for real on the engine thread (engine
// check_estimate, as lancet-cli patch --check) and each estimate is set beside
// the truth in a table, with Spearman's rank correlation of the two: where the
// first-order estimate holds and where linearisation fails (saturated metrics,
// whole residual streams at early layers). Progress and cancel as for a patch.
#pragma once

#include "engine_bridge.h"

#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace lancet::gui {

class PatchCheckView : public QWidget {
    Q_OBJECT

public:
    explicit PatchCheckView(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    // An attribution result to check and the request that produced it: enables the check.
    void setEstimate(const lancet::PatchRequest& request, const lancet::PatchResult& estimate);
    // Nothing to check (an exact result, no model, weights changed since): `why` says so.
    void clearEstimate(const QString& why);
    bool hasEstimate() const { return estimate_.has_value(); }

    quint64 run();  // 0 when it cannot start
    void cancel();
    bool isRunning() const { return running_ != 0; }

    QSpinBox* countSpin() const { return count_; }
    QPushButton* runButton() const { return runButton_; }
    QTableWidget* table() const { return table_; }
    QLabel* summaryLabel() const { return summary_; }
    bool hasResult() const { return result_.has_value(); }
    const lancet::EstimateCheck& result() const { return *result_; }

Q_SIGNALS:
    void checkStarted(quint64 id);
    void checkFinished(bool ok);

private:
    void onResult(const lancet::EstimateCheck& check);
    void onFailed(const lancet::app::JobError& e);
    void setBusy(bool busy);
    void updateButton();

    lancet::app::EngineBridge* bridge_;
    QSpinBox* count_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* summary_ = nullptr;
    QTableWidget* table_ = nullptr;
    quint64 running_ = 0;
    lancet::PatchRequest request_;
    std::optional<lancet::PatchResult> estimate_;
    std::optional<lancet::EstimateCheck> result_;
};

}  // namespace lancet::gui
