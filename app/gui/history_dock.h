// The edit history: every edit on the undo stack (undone ones greyed), and for
// the selected one its diagnostics: the layer and why, ROME's division factor,
// the relative size of the weight change ‖ΔW‖/‖W‖, p(target) before and after,
// and the loss curve of the optimisation that found the new value vector.
#pragma once

#include <QDockWidget>

class QCustomPlot;
class QLabel;
class QListWidget;
class QPushButton;

namespace lancet::widgets {
class LayerDeltaPlot;
}

namespace lancet::gui {

class EditController;

class HistoryDock : public QDockWidget {
    Q_OBJECT

public:
    explicit HistoryDock(QWidget* parent = nullptr);

    void setController(EditController* controller);
    void setLayerCount(int layers);
    void refresh();

    int selectedIndex() const;
    void select(int index);
    int entryCount() const;
    QString entryText(int index) const;
    bool entryUndone(int index) const;
    QString diagnosticsText() const;

    QListWidget* list() const { return list_; }
    QPushButton* compareButton() const { return compare_; }
    QCustomPlot* lossPlot() const { return loss_; }
    lancet::widgets::LayerDeltaPlot* deltaPlot() const { return delta_; }

Q_SIGNALS:
    // Compare two states of the history (0: the base model; i: after edit i).
    void compareRequested(int from, int to);

private:
    void showDiagnostics(int index);
    void requestCompare();

    EditController* controller_ = nullptr;
    QListWidget* list_ = nullptr;
    QPushButton* compare_ = nullptr;
    QLabel* diagnostics_ = nullptr;
    QCustomPlot* loss_ = nullptr;
    lancet::widgets::LayerDeltaPlot* delta_ = nullptr;
    int layers_ = 0;
};

}  // namespace lancet::gui
