#include "lens_grid.h"

#include "plot_theme.h"
#include "token_text.h"

#include <QHeaderView>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

LensGrid::LensGrid(QWidget* parent) : QTableWidget(parent)
{
    setObjectName(u"lensGrid"_s);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setDefaultSectionSize(78);
    horizontalHeader()->setMinimumSectionSize(40);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // Settings ▸ Heat maps recolours the table at once, as it does the trace maps.
    connect(PlotTheme::instance(), &PlotTheme::changed, this, &LensGrid::refill);
}

void LensGrid::setLens(const QStringList& tokens, const QString& answer, const QVector<QVector<LensCellView>>& cells)
{
    tokens_ = tokens;
    answer_ = answer;
    cells_ = cells;
    refill();
}

void LensGrid::clearLens()
{
    tokens_.clear();
    answer_.clear();
    cells_.clear();
    refill();
}

void LensGrid::setShading(Shading shading)
{
    if (shading == shading_)
        return;
    shading_ = shading;
    refill();
}

QString LensGrid::topToken(int layer, int position) const
{
    if (layer < 0 || layer >= cells_.size() || position < 0 || position >= cells_[layer].size())
        return {};
    return cells_[layer][position].topTokens.value(0);
}

double LensGrid::shade(int layer, int position) const
{
    if (layer < 0 || layer >= cells_.size() || position < 0 || position >= cells_[layer].size())
        return std::numeric_limits<double>::quiet_NaN();
    const LensCellView& c = cells_[layer][position];
    return shading_ == Shading::AnswerProbability ? c.answerProb : c.topProbs.value(0);
}

QString LensGrid::cellToolTip(int layer, int position) const
{
    if (layer < 0 || layer >= cells_.size() || position < 0 || position >= cells_[layer].size())
        return {};
    const LensCellView& c = cells_[layer][position];
    QString text = tr("Layer %1, after “%2” (position %3): the next token the model would predict if it "
                      "stopped here, read through its own final norm and unembedding.")
                       .arg(layer)
                       .arg(visibleToken(tokens_.value(position)))
                       .arg(position);
    text += u"\n"_s;
    for (int i = 0; i < c.topTokens.size(); ++i)
        text += u"\n"_s + tr("%1. %2  %3").arg(i + 1).arg(visibleToken(c.topTokens[i]), formatProbability(c.topProbs.value(i)));
    text += u"\n\n"_s + tr("p(%1) = %2, rank %3 (rank 1 = the top token)")
                            .arg(visibleToken(answer_), formatProbability(c.answerProb))
                            .arg(c.answerRank + 1);
    if (layer == cells_.size() - 1)
        text += u"\n"_s + tr("The last layer is the model's own output.");
    return text;
}

QSize LensGrid::minimumSizeHint() const
{
    const int rows = std::clamp(rowCount(), 4, 12);
    const int height = horizontalHeader()->sizeHint().height() + rows * verticalHeader()->defaultSectionSize()
                       + horizontalScrollBar()->sizeHint().height() + 2 * frameWidth();
    return {QTableWidget::minimumSizeHint().width(), height};
}

void LensGrid::refill()
{
    clear();
    setRowCount(int(cells_.size()));
    setColumnCount(int(tokens_.size()));
    QStringList columns;
    for (int t = 0; t < tokens_.size(); ++t)
        columns << u"%1 %2"_s.arg(t).arg(visibleToken(tokens_[t]));
    setHorizontalHeaderLabels(columns);
    QStringList rows;
    for (int l = 0; l < cells_.size(); ++l)
        rows << tr("layer %1").arg(l);
    setVerticalHeaderLabels(rows);
    updateGeometry();  // the minimum height follows the number of layers
    // Light = the lens gives this next to nothing, dark = certain (heatRamp's LensMap).
    const QVector<QColor> ramp = heatRamp(PlotTheme::instance()->heatScheme(), LensMap);
    for (int l = 0; l < cells_.size(); ++l) {
        for (int t = 0; t < cells_[l].size() && t < tokens_.size(); ++t) {
            const QColor background = rampColor(ramp, shade(l, t));
            auto* item = new QTableWidgetItem(visibleToken(topToken(l, t)));
            item->setBackground(background);
            // White on the dark half of the ramp, where black text drowns (by
            // lightness: cividis's yellow end is light though far along the ramp).
            item->setForeground(background.lightnessF() < 0.5 ? QColor(Qt::white) : QColor(0x21, 0x21, 0x21));
            item->setToolTip(cellToolTip(l, t));
            // Bold where the top token is the answer: where in depth it first leads.
            if (cells_[l][t].answerRank == 0) {
                QFont f = font();
                f.setBold(true);
                item->setFont(f);
            }
            setItem(l, t, item);
        }
    }
}

}  // namespace lancet::widgets
