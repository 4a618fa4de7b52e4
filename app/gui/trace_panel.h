// Causal tracing: the three heat maps of the ROME paper (hidden states, MLP
// outputs, attention outputs) filling live as the engine streams cells, with
// the trace's parameters beside them. Clicking a cell picks that layer for
// the edit. A cancelled trace keeps its computed cells, marked partial.
#pragma once

#include "trace_heatmap.h"

#include <QJsonObject>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;
class QSplitter;

namespace lancet::app {
class EngineBridge;
}

namespace lancet::gui {

struct TraceSettings {
    QString subject;  // empty: guessed
    QString target;   // empty: the clean top-1
    int samples = 10;
    double noiseMultiplier = 3.0;
    int window = 0;  // 0: min(10, layers)
    quint64 seed = 1;

    QJsonObject toJson() const;
    static TraceSettings fromJson(const QJsonObject& o);
};

class TracePanel : public QWidget {
    Q_OBJECT

public:
    using Kind = lancet::widgets::TraceHeatmap::Kind;

    explicit TracePanel(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    // Buttons for the window's Trace and Cancel actions (shortcuts live there).
    void setActions(QAction* trace, QAction* cancel);

    // Starts tracing `prompt` with the panel's settings; 0 when it cannot start.
    quint64 startTrace(const QString& prompt);
    void cancel();
    bool isRunning() const { return running_ != 0; }
    quint64 currentJob() const { return running_; }
    void setModelReady(bool ready, int layers);

    TraceSettings settings() const;
    void setSettings(const TraceSettings& s);

    lancet::widgets::TraceHeatmap* heatmap(Kind kind) const;
    // Selects a cell in every map, as a click on `kind`'s map would (emits cellSelected).
    void selectCell(Kind kind, int token, int layer);
    // The layer where `kind`'s map peaks at a token (-1 if nothing is computed there).
    int peakLayer(Kind kind, int token) const;
    QLineEdit* subjectEdit() const { return subject_; }
    QSpinBox* samplesSpin() const { return samples_; }
    QLabel* summaryLabel() const { return summary_; }

    // What the last trace found (valid once its setup arrived).
    QString tracedPrompt() const { return tracedPrompt_; }
    QString tracedSubject() const { return tracedSubject_; }
    QString answer() const { return answer_; }
    int subjectBegin() const { return subjectBegin_; }
    int subjectEnd() const { return subjectEnd_; }
    bool hasResult() const { return !lastResult_.isEmpty(); }
    QJsonObject lastResult() const { return lastResult_; }

Q_SIGNALS:
    void traceStarted(quint64 id);
    void setupReceived(const QString& prompt, const QString& subject, const QString& answer);
    void traceFinished(bool partial);
    void traceEnded();  // finished, failed or cancelled
    void cellSelected(lancet::widgets::TraceHeatmap::Kind kind, int token, int layer);

private:
    void onSetup(quint64 id, const QJsonObject& setup);
    void onChunk(quint64 id, const QString& kind, const QVector<int>& tokens, const QVector<int>& layers,
                 const QVector<double>& probs);
    void onFinished(quint64 id, const QJsonObject& result);
    void onFailed(quint64 id, const QString& message, bool cancelled);
    lancet::widgets::TraceHeatmap* heatmapNamed(const QString& kind) const;
    void setPartial(bool partial);
    void retitle();
    int effectiveWindow() const;

    lancet::app::EngineBridge* bridge_;
    QLineEdit* subject_ = nullptr;
    QLineEdit* target_ = nullptr;
    QSpinBox* samples_ = nullptr;
    QDoubleSpinBox* noise_ = nullptr;
    QSpinBox* window_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QToolButton* traceButton_ = nullptr;
    QToolButton* cancelButton_ = nullptr;
    QLabel* summary_ = nullptr;
    QSplitter* maps_ = nullptr;
    lancet::widgets::TraceHeatmap* hidden_ = nullptr;
    lancet::widgets::TraceHeatmap* mlp_ = nullptr;
    lancet::widgets::TraceHeatmap* attn_ = nullptr;

    quint64 running_ = 0;
    bool setupSeen_ = false;
    int setupWindow_ = 0;  // the window the engine reported for the last trace (0: none yet)
    int layers_ = 0;
    QString pendingPrompt_;
    QString tracedPrompt_;
    QString tracedSubject_;
    QString answer_;
    int subjectBegin_ = 0;
    int subjectEnd_ = 0;
    QJsonObject lastResult_;
};

}  // namespace lancet::gui
