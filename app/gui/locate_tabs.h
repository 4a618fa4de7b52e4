// The trace area's tabs: causal trace, activation patching, logit lens.
//
// A plain QTabWidget asks for the largest minimum size among its pages, so the
// patching page (two rows of maps) would make the causal-trace page scroll on a
// 1366×768 screen although its own maps fit. Here only the page on show counts:
// hidden pages get an Ignored size policy, which QStackedLayout leaves out of
// its minimum size.
#pragma once

#include <QTabWidget>

namespace lancet::gui {

class LocateTabs : public QTabWidget {
    Q_OBJECT

public:
    explicit LocateTabs(QWidget* parent = nullptr);

protected:
    void tabInserted(int index) override;

private:
    void sizeToCurrent();
};

}  // namespace lancet::gui
