#include "inplace_demo_dialog.h"

#include "curve_plot.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::JobError;
using lancet::widgets::CurvePlot;

namespace lancet::gui {

InplaceDemoDialog::InplaceDemoDialog(lancet::app::EngineBridge* bridge, QWidget* parent) : JobDialog(bridge, parent)
{
    setObjectName(u"inplaceDemoDialog"_s);
    setWindowTitle(tr("Long document: In-Place TTT"));
    auto* intro = new QLabel(tr("A document longer than the model's context states one fact about each of several "
                                "invented people. The questions come after it, asked alone: the document is no "
                                "longer in the context, so the model can answer only from what it stored while "
                                "reading. In-Place TTT stores it in the MLP down projections, chunk by chunk."),
                             this);
    intro->setWordWrap(true);

    facts_ = new QSpinBox(this);
    facts_->setObjectName(u"inplaceFacts"_s);
    facts_->setRange(1, 40);
    facts_->setValue(12);
    facts_->setToolTip(tr("Invented people in the document, one fact each (birth city, employer, university or major)."));
    seed_ = new QSpinBox(this);
    seed_->setObjectName(u"inplaceSeed"_s);
    seed_->setRange(0, 1000000);
    seed_->setValue(17);
    seed_->setToolTip(tr("Which invented people and facts: the same seed gives the same document."));
    epochs_ = new QSpinBox(this);
    epochs_->setObjectName(u"inplaceEpochs"_s);
    epochs_->setRange(0, 100);
    epochs_->setValue(20);
    epochs_->setToolTip(tr("Passes of ordinary fine-tuning on the document (the upper bound: it sees the document "
                           "many times, In-Place TTT once). On a laptop CPU 20 epochs take about half a minute."));
    addon_ = new QCheckBox(tr("Also with the trained add-on"), this);
    addon_->setObjectName(u"inplaceUseAddon"_s);
    addon_->setChecked(true);
    addon_->setToolTip(tr("The model folder's inplace-ttt.safetensors: the rule's conv and projection trained for this "
                          "model (lancet-cli train …/inplace-ttt-recipe.json). Without it only the fixed rule runs."));
    auto* form = new QFormLayout;
    form->addRow(tr("Facts:"), facts_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Fine-tune epochs:"), epochs_);
    form->addRow(QString(), addon_);

    run_ = new QPushButton(tr("&Run"), this);
    run_->setObjectName(u"inplaceRun"_s);
    run_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(u"inplaceCancel"_s);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumHeight(10);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addWidget(progress_, 1);

    table_ = new QTableWidget(0, 5, this);
    table_->setObjectName(u"inplaceTable"_s);
    table_->setHorizontalHeaderLabels({tr("Setting"), tr("Recall"), tr("Answer NLL"), tr("First-token rank"), tr("Seconds")});
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setToolTip(tr("Recall: questions whose every answer token is the model's first choice. Answer NLL: the mean "
                          "negative log-likelihood of the answer's tokens (lower is better). Rank: where the answer's first "
                          "token stands among all tokens (1 = first)."));

    plot_ = new CurvePlot(this);
    plot_->setObjectName(u"inplacePlot"_s);
    plot_->setTitle(tr("Next-token loss of the document, chunk by chunk"));
    plot_->setAxisLabels(tr("chunk"), tr("NLL (nats)"));
    plot_->setMinimumHeight(200);

    status_ = new QLabel(tr("Press Run. The model's weights are never changed: every setting runs on copies."), this);
    status_->setObjectName(u"inplaceStatus"_s);
    status_->setWordWrap(true);

    auto* v = new QVBoxLayout(this);
    v->addWidget(intro);
    v->addLayout(form);
    v->addLayout(buttons);
    v->addWidget(table_);
    v->addWidget(plot_, 1);
    v->addWidget(status_);
    resize(640, 620);

    connect(run_, &QPushButton::clicked, this, [this] { run(); });
    connect(cancel_, &QPushButton::clicked, this, &InplaceDemoDialog::cancel);
    connect(bridge_, &lancet::app::EngineBridge::jobProgress, this, [this](quint64 id, double f, const QString& stage) {
        if (id != job_)
            return;
        progress_->setValue(int(f * 1000));
        status_->setText(tr("Running: %1 (Esc cancels)").arg(stage));
    });
    updateButtons();
}

void InplaceDemoDialog::setFacts(int facts) { facts_->setValue(facts); }
void InplaceDemoDialog::setFinetuneEpochs(int epochs) { epochs_->setValue(epochs); }
QString InplaceDemoDialog::statusText() const { return status_->text(); }

quint64 InplaceDemoDialog::run()
{
    if (job_)
        return 0;
    auto job = bridge_->runInplaceDemo(facts_->value(), seed_->value(), epochs_->value(), addon_->isChecked());
    progress_->setValue(0);
    status_->setText(tr("Reading the document… (Esc cancels)"));
    return follow(
        job,
        [this](const lancet::InplaceDemoResult& r) {
            progress_->setValue(1000);
            showResult(r);
        },
        [this](const JobError& e) {
            status_->setText(e.cancelled() ? tr("Cancelled; the model's weights are as they were.") : tr("Failed: %1").arg(e.message));
        });
}

// The engine names its rows in English (CLI, JSON); the table shows them in the interface language.
QString InplaceDemoDialog::settingLabel(const std::string& setting)
{
    if (setting == "no adaptation") return tr("no adaptation");
    if (setting == "in-place TTT") return tr("in-place TTT, fixed rule");
    if (setting == "in-place TTT, trained add-on") return tr("in-place TTT, trained add-on");
    if (setting == "fine-tune on the document") return tr("fine-tune on the document");
    return QString::fromStdString(setting);
}

void InplaceDemoDialog::showResult(const lancet::InplaceDemoResult& r)
{
    result_ = r;
    table_->setRowCount(int(r.rows.size()));
    auto number = [](double v, int digits) { return std::isfinite(v) ? QString::number(v, 'f', digits) : u"–"_s; };
    for (int i = 0; i < int(r.rows.size()); ++i) {
        const auto& row = r.rows[size_t(i)];
        const QString cells[] = {settingLabel(row.setting), number(row.recall, 3), number(row.mean_nll, 2),
                                 number(row.mean_rank, 1), number(row.seconds, 1)};
        for (int c = 0; c < 5; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(QString::fromStdString(row.note));
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(i, c, item);
        }
    }
    table_->resizeColumnsToContents();
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    plot_->clear();
    auto line = [this](const QString& name, const std::vector<double>& nll) {
        if (nll.empty())
            return;
        const int run = plot_->addRun(name, {tr("NLL")});
        for (size_t c = 0; c < nll.size(); ++c)
            plot_->appendPoint(run, double(c + 1), {nll[c]});
    };
    line(tr("no adaptation"), r.chunk_nll_base);
    line(tr("in-place TTT, fixed rule"), r.chunk_nll_inplace);
    line(tr("in-place TTT, trained add-on"), r.chunk_nll_addon);
    status_->setText(tr("%1 facts in a document of %2 tokens (context %3, chunks of %4); questions asked alone "
                        "after it (protocol ttt-inplace-chunk). %5")
                         .arg(r.facts)
                         .arg(r.document_tokens)
                         .arg(r.context)
                         .arg(r.chunk)
                         .arg(r.weights_restored ? tr("The model's weights are untouched.")
                                                 : tr("Warning: a weight slot was not restored.")));
}

void InplaceDemoDialog::updateButtons()
{
    run_->setEnabled(job_ == 0);
    cancel_->setEnabled(job_ != 0);
    for (QWidget* w : {static_cast<QWidget*>(facts_), static_cast<QWidget*>(seed_), static_cast<QWidget*>(epochs_),
                       static_cast<QWidget*>(addon_)})
        w->setEnabled(job_ == 0);
}

}  // namespace lancet::gui
