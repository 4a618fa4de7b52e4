#include "message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace lancet::gui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent)
{
    setObjectName(u"messageBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    icon_ = new QLabel(this);
    label_ = new QLabel(this);
    label_->setObjectName(u"messageBarText"_s);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    actionsLayout_ = new QHBoxLayout;
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon_);
    layout->addWidget(label_, 1);
    layout->addLayout(actionsLayout_);
    layout->addWidget(close);
    timer_ = new QTimer(this);
    timer_->setSingleShot(true);
    connect(timer_, &QTimer::timeout, this, &MessageBar::dismiss);
    connect(close, &QToolButton::clicked, this, &MessageBar::dismiss);
    hide();
}

void MessageBar::showMessage(Severity severity, const QString& text, const QList<Action>& actions, int timeoutMs)
{
    const QStyle::StandardPixmap pm = severity == Severity::Error     ? QStyle::SP_MessageBoxCritical
                                      : severity == Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                      : QStyle::SP_MessageBoxInformation;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon_->setPixmap(style()->standardIcon(pm).pixmap(size, size));
    label_->setText(text);
    // Tinted background: works on light and dark palettes alike.
    const QColor tint = severity == Severity::Error     ? QColor(0xd5, 0x5e, 0x00)
                        : severity == Severity::Warning ? QColor(0xe6, 0x9f, 0x00)
                                                        : QColor(0x00, 0x72, 0xb2);
    QPalette pal = palette();
    const QColor base = parentWidget() ? parentWidget()->palette().color(QPalette::Window) : pal.color(QPalette::Window);
    QColor mixed;
    mixed.setRgbF(base.redF() * 0.8 + tint.redF() * 0.2, base.greenF() * 0.8 + tint.greenF() * 0.2,
                  base.blueF() * 0.8 + tint.blueF() * 0.2);
    pal.setColor(QPalette::Window, mixed);
    setPalette(pal);

    // deleteLater: showMessage may run from one of these buttons' own click.
    for (QPushButton* b : std::as_const(buttons_)) {
        b->hide();
        b->deleteLater();
    }
    buttons_.clear();
    for (const Action& a : actions) {
        auto* b = new QPushButton(a.text, this);
        auto run = a.run;
        connect(b, &QPushButton::clicked, this, [this, run] {
            dismiss();
            if (run)
                run();
        });
        actionsLayout_->addWidget(b);
        buttons_ << b;
    }
    show();
    if (timeoutMs > 0)
        timer_->start(timeoutMs);
    else
        timer_->stop();
}

void MessageBar::dismiss()
{
    timer_->stop();
    hide();
}

QString MessageBar::text() const { return label_->text(); }

}  // namespace lancet::gui
