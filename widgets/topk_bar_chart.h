// Horizontal bars of a next-token distribution: the k most likely tokens,
// most likely on top, each labelled with its probability.
//
// An optional comparison distribution (typically "before the edit") is drawn
// as a second, grey bar per token, and each token's label gains the change
// in percentage points. The two lists are matched by token string; a token
// that is in one top-k but not the other still gets a row, labelled "not in
// top-k" on the side where it was not among the k most likely.
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
    // Label printed next to a row's bars ("41.2%  +38.1 pp").
    QString rowLabel(int row) const;
    // Probability of a row's token in each series (NaN where not in that top-k).
    double probability(int row) const;
    double comparisonProbability(int row) const;
    // The row under a pixel of plot(), or -1.
    int rowAt(const QPoint& plotPixel) const;

    bool exportTo(const QString& path, const QSize& size = {}) const;

    QCustomPlot* plot() const { return plot_; }
    QCPBars* bars() const { return bars_; }
    QCPBars* comparisonBars() const { return comparisonBars_; }

Q_SIGNALS:
    // A row was clicked: the app can, e.g., make that token the edit target.
    void tokenActivated(int row, const QString& token);

private:
    void onMousePress(QMouseEvent* event);
    void rebuild();
    QCPItemText* addBarLabel(double value, double key, const QString& text, const QColor& color);

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
};

}  // namespace lancet::widgets
