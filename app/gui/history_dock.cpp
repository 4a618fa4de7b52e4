#include "history_dock.h"

#include "scroll_box.h"

#include "edit_command.h"
#include "edit_controller.h"
#include "layer_delta_plot.h"
#include "plot_style.h"
#include "qcp.h"
#include "token_text.h"

#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QMap>
#include <QRegularExpression>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
QString num(const QJsonValue& v, int precision = 4)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'g', precision) : u"—"_s;
}
}  // namespace

HistoryDock::HistoryDock(QWidget* parent) : QDockWidget(tr("Edit history"), parent)
{
    setObjectName(u"historyDock"_s);
    auto* body = new QSplitter(Qt::Vertical, this);
    list_ = new QListWidget(this);
    list_->setObjectName(u"historyList"_s);
    list_->setToolTip(tr("Edits in the order they were applied. Greyed entries were undone (Ctrl+Shift+Z redoes "
                         "them). Select one to see its diagnostics."));

    compare_ = new QPushButton(tr("Compare States…"), this);
    compare_->setObjectName(u"historyCompare"_s);
    compare_->setToolTip(tr("Compare two states of the history: the model before and after the selected edit, or "
                            "any other pair. Shows scorecard deltas, next-token probability deltas and how much "
                            "each weight matrix changed, per layer."));
    compare_->setEnabled(false);
    auto* top = new QWidget(body);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(list_, 1);
    topLayout->addWidget(compare_);

    auto* details = new QWidget(body);
    details->setObjectName(u"historyDetails"_s);
    diagnostics_ = new QLabel(details);
    diagnostics_->setObjectName(u"historyDiagnostics"_s);
    diagnostics_->setWordWrap(true);
    diagnostics_->setTextFormat(Qt::RichText);
    diagnostics_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    diagnostics_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    diagnostics_->setToolTip(
        tr("Division factor: ROME's closed-form update divides by (C⁻¹k)·k*; a divisor near zero means a huge, "
           "unstable update (the failure mode r-ROME fixes).\n"
           "‖ΔW‖/‖W‖: how big the change is next to the matrix it changes; a rank-one edit is usually a few "
           "percent."));
    loss_ = new QCustomPlot(details);
    loss_->setObjectName(u"historyLossPlot"_s);
    lancet::widgets::applyBaseStyle(loss_);
    loss_->addGraph();
    loss_->graph(0)->setPen(QPen(lancet::widgets::palette::after, 2));
    loss_->xAxis->setLabel(tr("optimisation step"));
    loss_->yAxis->setLabel(tr("loss"));
    loss_->setMinimumHeight(120);
    loss_->setToolTip(tr("Loss of the search for the value vector that makes the model say the new target; "
                         "it should fall steadily."));
    delta_ = new lancet::widgets::LayerDeltaPlot(details);
    delta_->setObjectName(u"historyDeltaPlot"_s);
    delta_->setTitle(tr("‖ΔW‖/‖W‖ per layer"));
    delta_->setMinimumHeight(120);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(diagnostics_);
    detailsLayout->addWidget(loss_, 1);
    detailsLayout->addWidget(delta_, 1);
    body->addWidget(top);
    // The diagnostics and their two plots scroll: their minimum height must not
    // make the dock, and so the window, taller than a small screen.
    body->addWidget(scrollable(details, body));
    body->setStretchFactor(0, 1);
    body->setStretchFactor(1, 3);
    setWidget(body);

    connect(list_, &QListWidget::currentRowChanged, this, &HistoryDock::showDiagnostics);
    connect(compare_, &QPushButton::clicked, this, &HistoryDock::requestCompare);
    connect(list_, &QListWidget::itemDoubleClicked, this, &HistoryDock::requestCompare);
    refresh();
}

void HistoryDock::requestCompare()
{
    if (!controller_ || entryCount() == 0)
        return;
    // The selected edit's own effect: the state before it against the state after it.
    const int selected = selectedIndex();
    if (selected >= 0)
        Q_EMIT compareRequested(selected, selected + 1);
    else
        Q_EMIT compareRequested(0, controller_->stack()->index());
}

void HistoryDock::setController(EditController* controller)
{
    controller_ = controller;
    connect(controller_->stack(), &QUndoStack::indexChanged, this, &HistoryDock::refresh);
    connect(controller_, &EditController::stateChanged, this, &HistoryDock::refresh);
    connect(controller_, &EditController::editApplied, this, [this](int index) {
        refresh();
        select(index);
    });
    refresh();
}

void HistoryDock::setLayerCount(int layers)
{
    layers_ = layers;
    delta_->setLayerCount(layers);
}

void HistoryDock::refresh()
{
    const int keep = list_->currentRow();
    list_->blockSignals(true);
    list_->clear();
    if (controller_) {
        QUndoStack* stack = controller_->stack();
        for (int i = 0; i < stack->count(); ++i) {
            EditCommand* c = controller_->command(i);
            QString text = tr("%1. %2").arg(i + 1).arg(c->text().mid(c->text().indexOf(u' ') + 1));
            auto* item = new QListWidgetItem(text, list_);
            const bool undone = i >= stack->index();
            if (undone) {
                QFont f = item->font();
                f.setItalic(true);
                item->setFont(f);
                item->setForeground(list_->palette().color(QPalette::Disabled, QPalette::Text));
                item->setText(text + tr("  (undone)"));
            }
            item->setData(Qt::UserRole, undone);
        }
    }
    if (list_->count() == 0) {
        auto* item = new QListWidgetItem(tr("No edits yet"), list_);
        item->setFlags(Qt::NoItemFlags);
    }
    list_->blockSignals(false);
    compare_->setEnabled(list_->count() > 0 && entryCount() > 0);
    const int row = (keep >= 0 && keep < entryCount()) ? keep : entryCount() - 1;
    if (row >= 0)
        list_->setCurrentRow(row);
    showDiagnostics(row);
}

int HistoryDock::entryCount() const
{
    return controller_ ? controller_->stack()->count() : 0;
}

int HistoryDock::selectedIndex() const { return entryCount() > 0 ? list_->currentRow() : -1; }

void HistoryDock::select(int index)
{
    if (index >= 0 && index < entryCount())
        list_->setCurrentRow(index);
}

QString HistoryDock::entryText(int index) const
{
    return index >= 0 && index < list_->count() ? list_->item(index)->text() : QString();
}

bool HistoryDock::entryUndone(int index) const
{
    return index >= 0 && index < list_->count() && list_->item(index)->data(Qt::UserRole).toBool();
}

QString HistoryDock::diagnosticsText() const { return diagnostics_->text(); }

void HistoryDock::showDiagnostics(int index)
{
    EditCommand* c = (controller_ && index >= 0 && index < entryCount()) ? controller_->command(index) : nullptr;
    delta_->clear();
    loss_->graph(0)->data()->clear();
    // The plots only make sense for an edit: no empty axes otherwise.
    const bool plots = c != nullptr;
    loss_->setVisible(plots);
    delta_->setVisible(plots);
    if (!c) {
        diagnostics_->setText(entryCount() == 0
                                  ? tr("<i>Each edit you apply is listed above. Select one to see its diagnostics: "
                                       "the layer and why, the size of the weight change, the optimisation's "
                                       "loss curve.</i>")
                                  : tr("<i>Select an edit to see its diagnostics.</i>"));
        loss_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const lancet::EditOutcome& o = c->outcome();
    const QJsonObject d = c->diagnostics();
    QString html = u"<b>"_s + qstr(o.request.filled_prompt()).toHtmlEscaped() + u"</b> → <b>"_s +
                   lancet::widgets::visibleToken(qstr(o.request.target_new)).toHtmlEscaped() + u"</b><br>"_s;
    html += tr("Method: %1 · layer %2").arg(qstr(o.method), QString::number(o.layer));
    if (!o.layer_reason.empty())
        html += u" ("_s + qstr(o.layer_reason).toHtmlEscaped() + u")"_s;
    html += u"<br>"_s;
    // Per edited tensor: its change relative to the weight (every method reports "delta").
    for (const QJsonValue& t : d.value(u"delta"_s).toArray()) {
        const QJsonObject tensor = t.toObject();
        html += tr("%1 (%2): ‖ΔW‖/‖W‖ %3")
                    .arg(tensor.value(u"weight"_s).toString().toHtmlEscaped(), tensor.value(u"kind"_s).toString(),
                         num(tensor.value(u"relative"_s)));
        html += u"<br>"_s;
    }
    if (d.contains(u"division_factor"_s))
        html += tr("Division factor k·u: %1").arg(num(d.value(u"division_factor"_s))) + u"<br>"_s;
    const QJsonValue pb = d.value(u"prob_before"_s);
    const QJsonValue pa = d.value(u"prob_after"_s);
    if (pb.isDouble() || pa.isDouble())
        html += tr("p(new target): %1 → %2")
                    .arg(pb.isDouble() ? lancet::widgets::formatProbability(pb.toDouble()) : u"—"_s,
                         pa.isDouble() ? lancet::widgets::formatProbability(pa.toDouble()) : u"—"_s);
    const QJsonValue seconds = d.value(u"timings"_s).toObject().value(u"total_s"_s);
    if (seconds.isDouble())
        html += tr(" · %1 s").arg(seconds.toDouble(), 0, 'f', 1);
    const QJsonArray warnings = d.value(u"warnings"_s).toArray();
    for (const QJsonValue& w : warnings)
        html += u"<br><span style='color:#d55e00'>⚠ "_s + w.toString().toHtmlEscaped() + u"</span>"_s;
    if (index >= controller_->stack()->index())
        html += u"<br><i>"_s + tr("Undone: the weights do not carry this edit now.") + u"</i>"_s;
    diagnostics_->setText(html);

    const QVector<double> ys = lossCurve(d);
    QVector<double> xs;
    for (int i = 0; i < ys.size(); ++i)
        xs << i;
    loss_->graph(0)->setData(xs, ys, true);
    loss_->rescaleAxes();
    loss_->replot(QCustomPlot::rpQueuedReplot);

    // ‖ΔW‖/‖W‖ per layer, one series per edited matrix kind ("mlp.c_proj").
    static const QRegularExpression layerPart(u"^(?:.*\\.)?(?:h|layers|blocks)\\.(\\d+)\\.(.+?)(?:\\.weight)?$"_s);
    QMap<QString, QVector<double>> series;
    for (const QJsonValue& t : d.value(u"delta"_s).toArray()) {
        const QJsonObject tensor = t.toObject();
        const auto m = layerPart.match(tensor.value(u"weight"_s).toString());
        if (!m.hasMatch() || !tensor.value(u"relative"_s).isDouble())
            continue;
        const int l = m.captured(1).toInt();
        if (l < 0 || l >= layers_)
            continue;
        QVector<double>& per = series[m.captured(2)];
        if (per.isEmpty())
            per = QVector<double>(layers_, 0.0);
        per[l] = tensor.value(u"relative"_s).toDouble();
    }
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        delta_->setSeries(it.key(), it.value());
}

}  // namespace lancet::gui
