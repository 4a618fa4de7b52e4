// The prompt bar: what the model is asked, and its next-token distribution
// (top-k), updated as the user types. Requests are debounced (150 ms) and
// "latest wins": a result whose job is not the latest request is dropped, so
// a slow answer never overwrites a newer one.
//
// Once edits are applied, each prompt's distribution is compared with the base
// model's for the same prompt (remembered from before the first edit).
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;

namespace lancet::app {
class EngineBridge;
}
namespace lancet::widgets {
class TopKBarChart;
}

namespace lancet::gui {

class PromptPanel : public QWidget {
    Q_OBJECT

public:
    explicit PromptPanel(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    QString prompt() const;
    void setPrompt(const QString& text);  // also schedules a prediction
    void setModelReady(bool ready);
    // Edits currently applied (0: the base model; its answers are remembered).
    void setEditsApplied(int count);
    // Asks again now (after a model load, an edit, an undo).
    void refresh();

    QLineEdit* promptEdit() const { return edit_; }
    // The first-start hint (what to type, what to click), shown in the chart's
    // place until the user first types a prompt.
    QLabel* startHint() const { return hint_; }
    bool startHintShown() const;
    // The example prompt the hint offers.
    static QString examplePrompt();
    lancet::widgets::TopKBarChart* chart() const { return chart_; }
    quint64 latestRequest() const { return latest_; }
    QStringList topTokens() const { return shownTokens_; }
    // The prompt whose distribution the chart shows (empty: none yet).
    QString shownPrompt() const { return shownPrompt_; }
    QVector<double> topProbs() const { return shownProbs_; }
    int debounceMs() const;
    QString statusText() const;

Q_SIGNALS:
    void promptChanged(const QString& text);
    // A top-k row was clicked: that token, e.g. as the edit's new target.
    void tokenActivated(const QString& token);
    void predictionShown(const QString& prompt);
    void predictionFailed(const QString& message);

private:
    void request();
    void onFinished(quint64 id, const QJsonObject& result);
    void onFailed(quint64 id, const QString& message, bool cancelled);
    void setStatus(const QString& text, bool error = false);
    void updateHint();

    struct Distribution {
        QStringList tokens;
        QVector<double> probs;
    };

    lancet::app::EngineBridge* bridge_;
    QLineEdit* edit_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* hint_ = nullptr;
    bool acted_ = false;  // the user has typed a prompt: the hint has done its job
    lancet::widgets::TopKBarChart* chart_ = nullptr;
    QTimer* debounce_ = nullptr;
    quint64 latest_ = 0;
    QString latestPrompt_;
    bool ready_ = false;
    int edits_ = 0;
    QHash<QString, Distribution> base_;  // prompt -> the base model's top-k
    QString shownPrompt_;
    QStringList shownTokens_;
    QVector<double> shownProbs_;
    // The chart's labels -> the tokens' texts: they differ for a byte piece of
    // a character, drawn as \xNN (its text is U+FFFD, no target to offer).
    QHash<QString, QString> labelText_;
};

}  // namespace lancet::gui
