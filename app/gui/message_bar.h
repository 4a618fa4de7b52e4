// A non-blocking message strip at the top of the window (instead of a modal
// box): a model that did not open, a crashed session to recover. It offers
// actions as buttons and never stops the user from working.
#pragma once

#include "problems_dock.h"

#include <QFrame>
#include <QList>

#include <functional>

class QLabel;
class QHBoxLayout;
class QPushButton;
class QTimer;

namespace lancet::gui {

class MessageBar : public QFrame {
    Q_OBJECT

public:
    struct Action {
        QString text;
        std::function<void()> run;
    };

    explicit MessageBar(QWidget* parent = nullptr);

    // Replaces what is shown. timeoutMs > 0 hides the bar after that long.
    void showMessage(Severity severity, const QString& text, const QList<Action>& actions = {}, int timeoutMs = 0);
    void dismiss();

    QString text() const;
    bool isShowing() const { return !isHidden(); }
    int actionCount() const { return int(buttons_.size()); }
    QPushButton* actionButton(int i) const { return buttons_.value(i); }

private:
    QLabel* icon_ = nullptr;
    QLabel* label_ = nullptr;
    QHBoxLayout* actionsLayout_ = nullptr;
    QList<QPushButton*> buttons_;
    QTimer* timer_ = nullptr;
};

}  // namespace lancet::gui
