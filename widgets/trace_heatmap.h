// Causal-tracing heat map (Meng et al., ROME §2, Figure 1).
//
// One row per prompt token (top to bottom in prompt order, subject tokens
// marked with '*'), one column per layer. Cell (t, l) is p(answer) when the
// clean state at token t, layer l (or a window of MLP/attention layers centred
// on l) is restored into a run whose subject embedding was corrupted. The
// colour scale starts at the corrupted score ("low"), as in the paper
// (pcolor(vmin=low_score)), so white means "restoring here does not help".
//
// Cells may arrive one by one or a column at a time while the engine runs;
// cells not computed yet are NaN and drawn in a neutral grey, so the map
// visibly fills in, and a cancelled run can stay on screen marked partial.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <functional>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPTextElement;
class QLabel;
class QMouseEvent;
class QResizeEvent;

namespace lancet::widgets {

class TraceHeatmap : public QWidget {
    Q_OBJECT

public:
    enum class Kind { Hidden, Mlp, Attention };
    Q_ENUM(Kind)

    explicit TraceHeatmap(QWidget* parent = nullptr);

    // Starts a new map: every cell becomes NaN and the selection is dropped.
    // [subjectBegin, subjectEnd) is the half-open token span of the subject.
    // `window` is the number of consecutive layers restored per cell (1 for
    // hidden states; 10 in the paper for MLP and attention).
    void setup(const QStringList& tokens, int subjectBegin, int subjectEnd, int layers, Kind kind,
               int window, const QString& answer);
    // low: p(answer) with the subject corrupted and nothing restored;
    // high: p(answer) on the clean prompt. The colour scale starts at low.
    void setScores(double low, double high);

    void setCell(int token, int layer, double prob);
    void setRow(int token, const QVector<double>& probsPerLayer);      // one token, every layer
    void setColumn(int layer, const QVector<double>& probsPerToken);  // one layer, every token
    // Keeps tokens/layers/kind but forgets every computed cell and the scores.
    void clear();
    // Marks the title "partial (cancelled)": the engine stopped before every
    // cell was computed, and the grey cells were never measured.
    void setPartial(bool partial);

    bool isComplete() const;
    bool isPartial() const { return partial_; }
    double cellValue(int token, int layer) const;  // NaN if not computed yet or out of range
    int tokenCount() const { return int(tokens_.size()); }
    QStringList tokens() const { return tokens_; }  // the rows' labels, as given to setup()
    int layerCount() const { return layers_; }
    Kind kind() const { return kind_; }
    double lowScore() const { return low_; }
    double highScore() const { return high_; }

    int selectedToken() const { return selectedToken_; }
    int selectedLayer() const { return selectedLayer_; }
    // Selects a cell programmatically (no signal: the caller already knows).
    // Out-of-range values clear the selection.
    void selectCell(int token, int layer);

    // The (token, layer) under a pixel of plot(), or false outside the map.
    bool cellAt(const QPoint& plotPixel, int* token, int* layer) const;
    // The hover read-out for a cell: token, layer, probability, effect over low.
    QString readoutText(int token, int layer) const;
    // What the read-out line under the map shows now.
    QString hoverText() const;
    QString titleText() const;  // as drawn (wrapped to the plot's width)
    QString xAxisLabel() const;  // as drawn (wrapped to the axis rect's width)
    // Replaces the paper's title ("Impact of restoring MLP after corrupted
    // input"); empty restores it. "— partial (cancelled)" is still added.
    void setTitle(const QString& title);
    // Other grids drawn with the same map (activation patching, attention
    // heads): an x-axis label in place of the restored-layer wording (empty
    // restores it), the colour bar's label (empty: p(answer)), the read-out
    // shown before any hover, and the read-out of a hovered cell (empty
    // function: the causal-trace wording, with p and the effect over low).
    using Readout = std::function<QString(int row, int column, double value)>;
    void setXAxisLabel(const QString& label);
    void setScaleLabel(const QString& label);
    void setIdleText(const QString& text);
    void setReadout(Readout readout);
    // Room for every token's label (no two overprint), the colour scale and a
    // map of a few pixels per layer; grows with the prompt.
    QSize minimumSizeHint() const override;

    // PNG, SVG or PDF by suffix (see exportPlot in plot_style.h).
    bool exportTo(const QString& path, const QSize& size = {}) const;

    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return map_; }
    QCPColorScale* colorScale() const { return scale_; }

Q_SIGNALS:
    void cellSelected(int token, int layer);
    // (-1, -1) when the pointer leaves the map.
    void cellHovered(int token, int layer);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void writeCell(int token, int layer, double prob);
    void rebuildAxes();
    void updateTitle();
    // Wraps the title and the x-axis label at spaces to the current width:
    // a third of a 1366-px window cut "Restoring MLP outputs (window 8)" to
    // "estoring MLP outputs (window 8".
    void fitTexts();
    void updateDataRange();
    void updateSelectionItems();
    void scheduleReplot();

    QCustomPlot* plot_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPItemRect* selectionOuter_ = nullptr;
    QCPItemRect* selectionInner_ = nullptr;
    QLabel* readout_ = nullptr;

    QStringList tokens_;
    int subjectBegin_ = 0;
    int subjectEnd_ = 0;
    int layers_ = 0;
    Kind kind_ = Kind::Hidden;
    int window_ = 1;
    QString answer_;
    QString customTitle_;
    QString customXLabel_;
    QString customScaleLabel_;
    QString idleText_;
    Readout readoutFn_;
    QString titleFull_;   // unwrapped
    QString xLabelFull_;  // unwrapped
    int lastChrome_ = -1;  // plot height minus map height at the last layout
    double low_;
    double high_;
    QVector<double> values_;  // row-major [token][layer], NaN = not computed
    int computed_ = 0;
    bool partial_ = false;
    int selectedToken_ = -1;
    int selectedLayer_ = -1;
    int hoverToken_ = -1;
    int hoverLayer_ = -1;
};

}  // namespace lancet::widgets
