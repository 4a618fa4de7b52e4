#include "method_comparison.h"

#include "edit_request.h"
#include "grouped_bar_chart.h"
#include "method_texts.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::JobError;

namespace lancet::gui {

namespace {

// The scorecard rows the comparison shows, in order: key, column title.
struct Column {
    const char* key;
    const char* title;
};
const Column kColumns[] = {{"reliability", QT_TRANSLATE_NOOP("lancet::gui::MethodComparisonDialog", "Reliability")},
                           {"generalization", QT_TRANSLATE_NOOP("lancet::gui::MethodComparisonDialog", "Generality")},
                           {"locality", QT_TRANSLATE_NOOP("lancet::gui::MethodComparisonDialog", "Locality")},
                           {"locality_same_subject", QT_TRANSLATE_NOOP("lancet::gui::MethodComparisonDialog", "Same subject")},
                           {"fact_recall", QT_TRANSLATE_NOOP("lancet::gui::MethodComparisonDialog", "Fact recall")}};

double percentOf(const lancet::EditOutcome& o, const char* key)
{
    const lancet::ScoreRow* r = o.scorecard.find(key);
    return r ? r->after * 100.0 : std::nan("");
}

}  // namespace

MethodComparisonDialog::MethodComparisonDialog(lancet::app::EngineBridge* bridge, QWidget* parent)
    : JobDialog(bridge, parent)
{
    setObjectName(u"methodComparison"_s);
    setWindowTitle(tr("Compare editing methods"));
    requestLabel_ = new QLabel(this);
    requestLabel_->setWordWrap(true);
    methodBox_ = new QWidget(this);
    new QHBoxLayout(methodBox_);
    methodBox_->layout()->setContentsMargins(0, 0, 0, 0);
    run_ = new QPushButton(tr("&Run"), this);
    run_->setToolTip(tr("Edit the model once per method, score it, undo it: every method starts from the same "
                        "weights. Your own edits and their undo history stay as they are."));
    cancel_ = new QPushButton(tr("Cancel"), this);
    export_ = new QPushButton(tr("&Export Chart…"), this);
    export_->setToolTip(tr("Save the chart as PNG or SVG (for slides)"));
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    table_ = new QTableWidget(this);
    table_->setObjectName(u"methodComparisonTable"_s);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setVisible(false);
    QStringList headers{tr("Method")};
    for (const Column& c : kColumns)
        headers << tr(c.title);
    headers << tr("Fluency (bits)") << tr("Perplexity") << tr("‖ΔW‖/‖W‖") << tr("Time (s)");
    table_->setColumnCount(int(headers.size()));
    table_->setHorizontalHeaderLabels(headers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setToolTip(tr("After the edit, x100: EasyEdit's token accuracy (reliability: the edited prompt; "
                          "generality: its paraphrases; locality: unrelated prompts keep their answers; same "
                          "subject: the subject's other facts, from the Keep field; fact recall: a fixed sample "
                          "of the model's own facts it still completes). Fluency: n-gram entropy of a greedy "
                          "continuation. Perplexity: general text like the model's training text, before → after "
                          "(lower is better)."));
    chart_ = new lancet::widgets::GroupedBarChart(this);
    chart_->setTitle(tr("The same edit, method by method"));
    chart_->setValueLabel(tr("after the edit (%)"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addStretch(1);
    buttons->addWidget(export_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(chart_);
    split->addWidget(table_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(requestLabel_);
    layout->addWidget(methodBox_);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addWidget(split, 1);
    resize(960, 640);

    connect(run_, &QPushButton::clicked, this, [this] { run(); });
    connect(cancel_, &QPushButton::clicked, this, &MethodComparisonDialog::cancel);
    connect(export_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), u"method-comparison.png"_s,
                                                          tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (!path.isEmpty() && !exportChart(path))
            status_->setText(tr("Could not write %1").arg(path));
    });
    status_->setText(tr("Choose the methods and press Run."));
    updateButtons();
}

void MethodComparisonDialog::setMethods(const std::vector<lancet::MethodInfo>& methods)
{
    const QStringList keep = checkedMethods();
    for (QCheckBox* c : checks_)
        delete c;
    checks_.clear();
    for (const auto& m : methods) {
        auto* c = new QCheckBox(qstr(m.name), methodBox_);
        c->setObjectName(u"compare_"_s + qstr(m.name));
        c->setToolTip(methodText(m.label) + u": "_s + methodText(m.description));
        c->setChecked(keep.isEmpty() || keep.contains(qstr(m.name)));
        methodBox_->layout()->addWidget(c);
        checks_.push_back(c);
    }
    updateButtons();
}

void MethodComparisonDialog::setRequest(const lancet::EditSpec& request)
{
    request_ = request;
    requestLabel_->setText(tr("<b>%1</b> → <b>%2</b>")
                               .arg(qstr(request.filled_prompt()).toHtmlEscaped(), qstr(request.target_new).toHtmlEscaped()));
    updateButtons();
}

QStringList MethodComparisonDialog::checkedMethods() const
{
    QStringList out;
    for (const QCheckBox* c : checks_)
        if (c->isChecked())
            out << c->text();
    return out;
}

void MethodComparisonDialog::setCheckedMethods(const QStringList& names)
{
    for (QCheckBox* c : checks_)
        c->setChecked(names.contains(c->text()));
}

QString MethodComparisonDialog::statusText() const { return status_->text(); }

quint64 MethodComparisonDialog::run()
{
    const QStringList methods = checkedMethods();
    QString why;
    if (job_ || methods.isEmpty() || !isValidRequest(request_, &why)) {
        if (!why.isEmpty())
            status_->setText(why);
        return 0;
    }
    auto job = bridge_->compareMethods(request_, methods);
    status_->setText(tr("Running %n method(s), each edit undone before the next… (Esc cancels)", nullptr,
                        int(methods.size())));
    return follow(
        job,
        [this](const std::vector<lancet::MethodComparison>& rows) {
            showResults(rows);
        },
        [this](const JobError& e) {
            status_->setText(e.cancelled() ? tr("Cancelled; the model is as it was.") : tr("Failed: %1").arg(e.message));
        });
}

void MethodComparisonDialog::showResults(const std::vector<lancet::MethodComparison>& rows)
{
    results_ = rows;
    table_->setRowCount(int(rows.size()));
    QStringList series, categories;
    for (const Column& c : kColumns)
        categories << tr(c.title);
    QVector<QVector<double>> values;
    int failed = 0;
    for (int i = 0; i < int(rows.size()); ++i) {
        const lancet::MethodComparison& r = rows[size_t(i)];
        auto* name = new QTableWidgetItem(qstr(r.method));
        table_->setItem(i, 0, name);
        if (!r.outcome) {
            ++failed;
            auto* err = new QTableWidgetItem(tr("failed: %1").arg(qstr(r.error ? r.error->message : std::string())));
            table_->setItem(i, 1, err);
            table_->setSpan(i, 1, 1, table_->columnCount() - 1);
            continue;
        }
        const lancet::EditOutcome& o = *r.outcome;
        series << qstr(r.method);
        QVector<double> v;
        int col = 1;
        for (const Column& c : kColumns) {
            const double x = percentOf(o, c.key);
            v << x;
            table_->setItem(i, col++, new QTableWidgetItem(std::isnan(x) ? u"—"_s : QString::number(x, 'f', 1)));
        }
        values << v;
        const lancet::ScoreRow* fl = o.scorecard.find("fluency");
        table_->setItem(i, col++, new QTableWidgetItem(fl ? QString::number(fl->after, 'f', 2) : u"—"_s));
        // Perplexity before → after: a number without its baseline says nothing.
        const lancet::ScoreRow* pp = o.scorecard.find("perplexity");
        QString ppText = u"—"_s;
        if (pp)
            ppText = pp->before ? u"%1 → %2"_s.arg(*pp->before, 0, 'f', 1).arg(pp->after, 0, 'f', 1)
                                : QString::number(pp->after, 'f', 1);
        table_->setItem(i, col++, new QTableWidgetItem(ppText));
        double rel = 0;
        for (const auto& t : o.diagnostics.value("delta", nlohmann::json::array()))
            rel = std::max(rel, t.value("relative", 0.0));
        table_->setItem(i, col++, new QTableWidgetItem(QString::number(rel, 'g', 3)));
        table_->setItem(i, col++, new QTableWidgetItem(QString::number(r.seconds, 'f', 2)));
    }
    chart_->setData(categories, series, values, 100.0);
    status_->setText(failed ? tr("%n method(s) failed; see the table.", nullptr, failed)
                            : tr("Each method edited the same weights and was undone. Values after the edit, x100 "
                                 "(EasyEdit token accuracy)."));
}

bool MethodComparisonDialog::exportChart(const QString& path) const { return chart_->exportTo(path, QSize(1600, 900)); }

void MethodComparisonDialog::updateButtons()
{
    run_->setEnabled(!job_ && !checks_.empty() && isValidRequest(request_));
    cancel_->setEnabled(job_ != 0);
    export_->setEnabled(!results_.empty());
}

}  // namespace lancet::gui
