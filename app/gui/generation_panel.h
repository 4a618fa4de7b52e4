// Greedy continuations of one prompt before and after the edit, side by side:
// the quickest sanity check that the edit took and that the model still
// writes sensibly around it.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSpinBox;
class QTextBrowser;
class QToolButton;

namespace lancet::app {
class EngineBridge;
}

namespace lancet::gui {

class GenerationPanel : public QWidget {
    Q_OBJECT

public:
    enum class Side { Before, After };

    explicit GenerationPanel(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    QString prompt() const;
    void setPrompt(const QString& prompt);
    int maxNewTokens() const;
    void setModelReady(bool ready);
    // Asks the engine for a continuation of the current prompt on the current
    // weights, shown on `side`. Jobs run in submission order, so "before" asked
    // just ahead of applyEdit sees the weights before the edit.
    quint64 generate(Side side);
    // Highlights these words in both texts (the edit's targets).
    void setHighlights(const QString& newTarget, const QString& oldTarget);
    void clear();

    QString text(Side side) const;  // the continuation shown (plain text)
    QTextBrowser* view(Side side) const { return side == Side::Before ? before_ : after_; }

Q_SIGNALS:
    void generated(lancet::gui::GenerationPanel::Side side);

private:
    void show(Side side);

    lancet::app::EngineBridge* bridge_;
    QLineEdit* prompt_ = nullptr;
    QSpinBox* tokens_ = nullptr;
    QToolButton* regenerate_ = nullptr;
    QLabel* beforeTitle_ = nullptr;
    QLabel* afterTitle_ = nullptr;
    QTextBrowser* before_ = nullptr;
    QTextBrowser* after_ = nullptr;
    quint64 beforeJob_ = 0;
    quint64 afterJob_ = 0;
    QString beforePrompt_, beforeText_;
    QString afterPrompt_, afterText_;
    QString newTarget_, oldTarget_;
    bool ready_ = false;
};

}  // namespace lancet::gui
