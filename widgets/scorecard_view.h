// Before/after scorecard of an edit: one small panel per metric (reliability,
// generality, locality, fluency...), each with a "before" and an "after" bar,
// the numbers printed above the bars and the protocol that produced them
// under the panel ("CounterFact ES" and "EasyEdit token acc." are not the same
// measurement, and the papers' tables are only comparable within a protocol).
//
// Each panel has its own value axis because the metrics live on different
// scales (accuracies in [0, 1] or percent, fluency as n-gram entropy);
// sharing one axis would flatten all but the largest.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <limits>

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPMarginGroup;
class QCPTextElement;
class QResizeEvent;
class QShowEvent;
class QMouseEvent;

namespace lancet::widgets {

struct ScoreRow {
    QString key;       // stable id the app gets back on click ("reliability")
    QString label;     // "Reliability"
    QString protocol;  // "CounterFact ES", "EasyEdit token acc."
    double before = std::numeric_limits<double>::quiet_NaN();  // NaN: not measured
    double after = std::numeric_limits<double>::quiet_NaN();
    QString tooltip;   // one or two sentences: what the number measures
    QStringList detailPrompts;  // the prompts behind the number, shown by the app
    // Top of the panel's axis: 1 for fractions, 100 for percent... 0 infers it
    // (1 if both values are <= 1, 100 if <= 100, else a round number above).
    double fullScale = 0.0;
};

class ScorecardView : public QWidget {
    Q_OBJECT

public:
    explicit ScorecardView(QWidget* parent = nullptr);

    void setMetrics(const QVector<ScoreRow>& rows);
    QVector<ScoreRow> metrics() const { return rows_; }
    void setTitle(const QString& title);
    // What the view says while it has no metrics (wrapped to its width).
    void setEmptyMessage(const QString& message);
    // What the two bars are called in the legend and tooltips ("before" and
    // "after" by default; e.g. "state 0" and "state 2" when comparing states).
    void setSeriesNames(const QString& before, const QString& after);
    QString seriesName(bool after) const { return after ? afterName_ : beforeName_; }

    int metricCount() const { return int(rows_.size()); }
    int metricIndex(const QString& key) const;
    // The metric whose panel contains a pixel of plot(), or -1.
    int metricAt(const QPoint& plotPixel) const;
    // Rich-text tooltip for a metric: label, protocol, explanation, numbers.
    QString toolTipFor(int metric) const;
    // Text printed above a metric's before / after bar.
    QString valueText(int metric, bool after) const;
    // The change line under a metric's title ("change +0.750"; "change ±0.000"
    // when the difference rounds to zero at the numbers' precision).
    QString changeText(int metric) const;
    // The highlighted panel (last activated), or -1.
    int activeMetric() const { return active_; }
    void setActiveMetric(int metric);

    bool exportTo(const QString& path, const QSize& size = {}) const;
    QSize minimumSizeHint() const override;

    QCustomPlot* plot() const { return plot_; }
    QCPAxisRect* panel(int metric) const;
    QCPBars* beforeBars(int metric) const;
    QCPBars* afterBars(int metric) const;

Q_SIGNALS:
    // A metric's panel was clicked: show the prompts behind the number.
    void metricActivated(const QString& key);

private:
    struct Panel {
        QCPAxisRect* rect = nullptr;
        QCPBars* before = nullptr;
        QCPBars* after = nullptr;
        QCPTextElement* title = nullptr;   // the metric's name, wrapped to the panel
        QCPTextElement* change = nullptr;  // "change +0.12", wrapped to the panel
        QString titleText, changeText;     // unwrapped
    };
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;  // a new font rebuilds the panels
    // Re-wraps titles and changes at spaces so each line fits its panel's
    // width (QCustomPlot draws text unclipped: a long title would run into
    // its neighbours when the view is squeezed).
    void fitPanelTexts();

    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void rebuild();
    void buildPanel(int column, const ScoreRow& row);

    QCustomPlot* plot_ = nullptr;
    QCPMarginGroup* marginGroup_ = nullptr;
    QVector<ScoreRow> rows_;
    QVector<Panel> panels_;
    QString title_;
    QString emptyMessage_;
    QCPTextElement* emptyText_ = nullptr;
    QString beforeName_;
    QString afterName_;
    int active_ = -1;
    int hovered_ = -1;
};

}  // namespace lancet::widgets
