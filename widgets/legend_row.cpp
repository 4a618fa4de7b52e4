#include "legend_row.h"

#include "qcp.h"

namespace lancet::widgets {

void showLegendRow(QCustomPlot* plot, bool show)
{
    QCPLayoutGrid* layout = plot->plotLayout();
    QCPLayout* holder = plot->legend->layout();
    if (show && !holder) {
        // [spacer | legend | spacer]: a grid stretches every cell to the full
        // width, and a legend stretched that wide scatters its entries.
        auto* row = new QCPLayoutGrid;
        layout->insertRow(1);
        layout->addElement(1, 0, row);
        row->addElement(0, 1, plot->legend);
        row->expandTo(1, 3);
        row->setColumnStretchFactors({1.0, 0.001, 1.0});
        // Only the plot row grows; title and legend keep their natural height.
        QList<double> factors(layout->rowCount(), 0.001);
        factors.last() = 1.0;
        layout->setRowStretchFactors(factors);
    } else if (!show && holder) {
        holder->take(plot->legend);
        layout->remove(holder);  // deletes the (now empty) row grid
        layout->simplify();
    }
    plot->legend->setVisible(show);
}

}  // namespace lancet::widgets
