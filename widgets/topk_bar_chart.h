// Horizontal bars of a next-token distribution: the k most likely tokens,
// most likely on top, each labelled with its probability.
//
// An optional comparison distribution (typically "before the edit") is drawn
// as a second, grey bar per token. Each row then carries one label, "before →
// after" and the change in percentage points, so two bars never need two
// labels in a row's height (they overprinted each other on a short chart).
// The two lists are matched by token string; a token that is in one top-k but
// not the other still gets a row, "not in top-k" on the side where it was not
// among the k most likely.
//
// The value axis never runs past 100 %. A label goes after its bars where it
// fits, else over the bar's end on a light backing: it is placed in pixels
// after each layout, so it fits at any chart size.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPItemText;
class QMouseEvent;

namespace lancet::widgets {

class TopKBarChart : public QWidget {
    Q_OBJECT

public:
    explicit TopKBarChart(QWidget* parent = nullptr);

    // The current distribution (probabilities in [0, 1], most likely first).
    // `name` labels its series in the legend when a comparison is shown.
    void setDistribution(const QStringList& tokens, const QVector<double>& probs,
                         const QString& name = QString());
    // The reference distribution to compare against (e.g. before the edit).
    void setComparison(const QStringList& tokens, const QVector<double>& probs,
                       const QString& name = QString());
    void clearComparison();
    void clear();
    void setTitle(const QString& title);

    bool hasComparison() const { return !comparisonTokens_.isEmpty(); }
    // Rows top to bottom: the distribution's tokens, then comparison-only tokens.
    QStringList rowTokens() const { return rows_; }
    // Label printed next to a row's bars ("41.2%"; compared: "3.1% → 41.2%  +38.1 pp").
    QString rowLabel(int row) const;
    // Where a row's label is drawn, in plot() pixels (empty for no such row).
    QRectF rowLabelRect(int row) const;
    // Probability of a row's token in each series (NaN where not in that top-k).
    double probability(int row) const;
    double comparisonProbability(int row) const;
    // The row under a pixel of plot(), or -1.
    int rowAt(const QPoint& plotPixel) const;

    bool exportTo(const QString& path, const QSize& size = {}) const;
    // A line of height per row (the labels never overprint) and the title,
    // legend and axis around them: grows with the rows shown.
    QSize minimumSizeHint() const override;

    QCustomPlot* plot() const { return plot_; }
    QCPBars* bars() const { return bars_; }
    QCPBars* comparisonBars() const { return comparisonBars_; }

Q_SIGNALS:
    // A row was clicked: the app can, e.g., make that token the edit target.
    void tokenActivated(int row, const QString& token);

private:
    struct RowLabel {
        QCPItemText* value = nullptr;  // "3.1% → 41.2%"
        QCPItemText* change = nullptr;  // "+38.1 pp" in the colour of its sign; null without one
        double end = 0.0;               // the longer bar's end (probability)
    };
    void onMousePress(QMouseEvent* event);
    void rebuild();
    // After each layout: each label after its bars where it fits, else over their end.
    void placeLabels();
    QString valueText(int row) const;
    QString changeText(int row) const;
    QCPItemText* addLabel(const QString& text, const QColor& color);

    QCustomPlot* plot_ = nullptr;
    QCPBars* bars_ = nullptr;
    QCPBars* comparisonBars_ = nullptr;
    QStringList tokens_;
    QVector<double> probs_;
    QString name_;
    QStringList comparisonTokens_;
    QVector<double> comparisonProbs_;
    QString comparisonName_;
    QStringList rows_;
    QVector<RowLabel> labels_;
    int lastChrome_ = -1;
};

}  // namespace lancet::widgets
