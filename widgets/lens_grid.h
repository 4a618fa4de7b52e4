// The logit lens as a table (nostalgebraist 2020): one row per layer, one
// column per prompt position; each cell names the token the model would
// predict if it stopped after that layer, shaded by a probability (the
// answer's, or that top token's own), with the top-k in its tooltip.
//
// A table and not a colour map: the point of the lens is to read words, and
// a table cell holds a token legibly, scrolls on a deep model and gives every
// cell its own tooltip and accessible text.
#pragma once

#include <QStringList>
#include <QTableWidget>
#include <QVector>

namespace lancet::widgets {

// One (layer, position) cell of the lens, engine-free.
struct LensCellView {
    QStringList topTokens;    // most likely first
    QVector<double> topProbs;
    double answerProb = 0;
    qint64 answerRank = 0;    // 0 = the answer is the top token
};

class LensGrid : public QTableWidget {
    Q_OBJECT

public:
    enum class Shading { AnswerProbability, TopProbability };
    Q_ENUM(Shading)

    explicit LensGrid(QWidget* parent = nullptr);

    // cells[layer][position]; `answer` is the token whose probability shades
    // the cells in AnswerProbability mode.
    void setLens(const QStringList& tokens, const QString& answer, const QVector<QVector<LensCellView>>& cells);
    void clearLens();
    void setShading(Shading shading);
    Shading shading() const { return shading_; }

    int layerCount() const { return int(cells_.size()); }
    int positionCount() const { return int(tokens_.size()); }
    // The raw top token of a cell (as the engine gave it; empty out of range).
    QString topToken(int layer, int position) const;
    // The value a cell is shaded by, in [0, 1] (NaN out of range).
    double shade(int layer, int position) const;
    // What a cell's tooltip says.
    QString cellToolTip(int layer, int position) const;
    // Tall enough for a dozen layers (all of a small model's) before it scrolls:
    // a table squeezed to two rows hides the depth the lens is about.
    QSize minimumSizeHint() const override;

private:
    void refill();

    QStringList tokens_;
    QString answer_;
    QVector<QVector<LensCellView>> cells_;
    Shading shading_ = Shading::AnswerProbability;
};

}  // namespace lancet::widgets
