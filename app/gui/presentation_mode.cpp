#include "presentation_mode.h"

#include "plot_theme.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>

using namespace Qt::StringLiterals;

namespace lancet::gui {

PresentationMode::PresentationMode(QMainWindow* window) : QObject(window), window_(window)
{
    action_ = new QAction(tr("&Presentation Mode"), this);
    action_->setObjectName(u"actionPresentationMode"_s);
    action_->setCheckable(true);
    // F5 starts a slide show in the usual presentation programs.
    action_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    action_->setStatusTip(tr("Larger text and thicker plot lines for a projector; the side panels fold away "
                             "(F5 or Ctrl+Shift+P again to leave)"));
    action_->setToolTip(action_->statusTip());
    window->addAction(action_);
    connect(action_, &QAction::toggled, this, &PresentationMode::setEnabled);
}

void PresentationMode::setEnabled(bool on)
{
    if (on == on_)
        return;
    on_ = on;
    if (on) {
        normalFont_ = QApplication::font();
        QFont big = normalFont_;
        if (big.pointSizeF() > 0)
            big.setPointSizeF(big.pointSizeF() * kScale);
        else
            big.setPixelSize(int(big.pixelSize() * kScale));
        QApplication::setFont(big);
        widgets::PlotTheme::instance()->setScale(kScale);
        // Fold the docks away: the centre (prompt bar and the maps) gets the
        // window. Floating ones too: on a projector they cover the maps.
        collapsed_.clear();
        front_.clear();
        for (QDockWidget* d : window_->findChildren<QDockWidget*>()) {
            // Open = its View-menu entry is checked: a tab behind another is open, not visible.
            if (!d->toggleViewAction()->isChecked() || kept_.contains(d))
                continue;
            collapsed_ << d;
            if (d->isVisible())
                front_ << d;  // the tab in front of its group, brought back to the front
        }
        for (const QPointer<QDockWidget>& d : std::as_const(collapsed_))
            d->hide();
    } else {
        QApplication::setFont(normalFont_);
        widgets::PlotTheme::instance()->setScale(1.0);
        for (const QPointer<QDockWidget>& d : std::as_const(collapsed_))
            if (d)
                d->show();
        for (const QPointer<QDockWidget>& d : std::as_const(front_))
            if (d)
                d->raise();
        collapsed_.clear();
        front_.clear();
    }
    {
        const QSignalBlocker block(action_);
        action_->setChecked(on);
    }
    Q_EMIT toggled(on);
}

}  // namespace lancet::gui
