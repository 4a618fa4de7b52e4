#include "merge_apply_box.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace lancet::gui {

QString MergeApplyBox::label(const QString& m)
{
    if (m == u"slerp"_s) return tr("SLERP");
    if (m == u"nuslerp"_s) return tr("NuSLERP");
    if (m == u"multislerp"_s) return tr("Multi-SLERP");
    if (m == u"karcher"_s) return tr("Karcher mean");
    if (m == u"model_stock"_s) return tr("Model Stock");
    if (m == u"breadcrumbs"_s) return tr("Breadcrumbs");
    if (m == u"breadcrumbs_ties"_s) return tr("Breadcrumbs + TIES");
    if (m == u"della"_s) return tr("DELLA");
    if (m == u"della_linear"_s) return tr("DELLA (linear)");
    if (m == u"sce"_s) return tr("SCE");
    if (m == u"nearswap"_s) return tr("NearSwap");
    if (m == u"arcee_fusion"_s) return tr("Arcee Fusion");
    if (m == u"linear"_s) return tr("Linear (model soup)");
    return m;
}

QString MergeApplyBox::description(const QString& m)
{
    if (m == u"slerp"_s) return tr("Spherical interpolation between the base and one task's model at t (mergekit's slerp).");
    if (m == u"nuslerp"_s) return tr("SLERP of two tasks' vectors at t = w2 / (w1 + w2), with the base as origin.");
    if (m == u"multislerp"_s) return tr("The weighted spherical mean of the tasks' vectors (or models).");
    if (m == u"karcher"_s) return tr("The Riemannian (Karcher) mean of the models on the sphere, found iteratively.");
    if (m == u"model_stock"_s) return tr("Model Stock (Jang et al. 2024): moves from the base toward the tasks' average by "
                                         "t = N cos / (1 + (N - 1) cos), from the angle between the task vectors. Needs two or more.");
    if (m == u"breadcrumbs"_s) return tr("Breadcrumbs (Davari & Belilovsky 2024): drop each vector's largest (gamma) and "
                                         "smallest (1 - density - gamma) entries, then add.");
    if (m == u"breadcrumbs_ties"_s) return tr("Breadcrumbs' trimming, then TIES' sign election.");
    if (m == u"della"_s) return tr("DELLA (Deep et al. 2024): drop entries at random, less often the larger they are "
                                   "(epsilon sets the spread), rescale, then TIES' sign election.");
    if (m == u"della_linear"_s) return tr("DELLA's magnitude-ranked random drop and rescale, then a plain sum.");
    if (m == u"sce"_s) return tr("SCE (FuseChat 2.0): keep the entries whose values vary most across the tasks, weight "
                                 "each task by its energy, average the sign-consistent ones.");
    if (m == u"nearswap"_s) return tr("Take the task model's value wherever it lies within t of the base's.");
    if (m == u"arcee_fusion"_s) return tr("Keep only the changes whose importance passes a quartile threshold (Arcee).");
    if (m == u"linear"_s) return tr("The weighted average of the models.");
    return {};
}

QString MergeApplyBox::parameterTip(const QString& n)
{
    if (n == u"t"_s) return tr("Interpolation factor: 0 = the base, 1 = the other model.");
    if (n == u"lambda"_s) return tr("Scale of the merged task vector before it is added to the base.");
    if (n == u"normalize"_s) return tr("Divide by the sum of the weights (a weighted mean rather than a sum).");
    if (n == u"rescale"_s) return tr("After dropping entries, scale the rest up so the vector keeps its size.");
    if (n == u"int8_mask"_s) return tr("Store masks as 8-bit integers (mergekit's memory saving; same result).");
    if (n == u"gamma"_s) return tr("Breadcrumbs: the fraction of largest entries dropped as outliers.");
    if (n == u"epsilon"_s) return tr("DELLA: how much the keep probability varies with an entry's magnitude rank.");
    if (n == u"select_topk"_s) return tr("SCE: the fraction of entries with the highest variance across tasks that are kept.");
    if (n == u"filter_wise"_s) return tr("Model Stock: one interpolation factor per row instead of one per tensor.");
    if (n == u"nuslerp_flatten"_s) return tr("NuSLERP: treat each tensor as one long vector.");
    if (n == u"nuslerp_row_wise"_s) return tr("NuSLERP: interpolate row by row instead of column by column.");
    if (n == u"normalize_weights"_s) return tr("Multi-SLERP: make the weights sum to 1.");
    if (n == u"eps"_s) return tr("A small number that keeps divisions finite.");
    if (n == u"max_iter"_s) return tr("Karcher mean: the most iterations.");
    if (n == u"tol"_s) return tr("Karcher mean: stop when a step moves less than this.");
    return {};
}

MergeApplyBox::MergeApplyBox(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"mergeApplyBox"_s);
    about_ = new QLabel(this);
    about_->setObjectName(u"mergeApplyAbout"_s);
    about_->setWordWrap(true);
    form_ = new QFormLayout;
    form_->setContentsMargins(0, 0, 0, 0);
    apply_ = new QPushButton(tr("&Apply merge"), this);
    apply_->setObjectName(u"mergeApply"_s);
    apply_->setToolTip(tr("Merge once with this method: the tasks whose slider is not at 0 take part, with their "
                          "slider weights where the method has weights. Moving a slider afterwards does not re-merge; "
                          "press Apply again."));
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(about_);
    v->addLayout(form_);
    v->addWidget(apply_, 0, Qt::AlignLeft);
    connect(apply_, &QPushButton::clicked, this, &MergeApplyBox::applyRequested);
}

void MergeApplyBox::setMethod(const QJsonObject& info)
{
    info_ = info;
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    globalEditors_.clear();
    perModelEditors_.clear();
    const QString name = method();
    about_->setText(tr("%1 Takes %2 task(s)%3; merges once, when you press Apply.")
                        .arg(description(name), modelCountText(),
                             info.value(u"base"_s).toString() == u"none"_s ? QString() : tr(" besides the base")));
    auto addEditor = [this](const QJsonObject& p, bool perModel) {
        const QString n = p.value(u"name"_s).toString();
        if (perModel && (n == u"weight"_s || n == u"density"_s))
            return;  // the sliders give these
        const QJsonValue d = p.value(u"default"_s);
        QWidget* editor = nullptr;
        if (d.isBool()) {
            auto* box = new QCheckBox(this);
            box->setChecked(d.toBool());
            connect(box, &QCheckBox::toggled, this, &MergeApplyBox::edited);
            editor = box;
        } else {
            auto* spin = new QDoubleSpinBox(this);
            const bool integral = n == u"max_iter"_s;
            spin->setDecimals(integral ? 0 : (n == u"eps"_s || n == u"tol"_s) ? 8 : 3);
            spin->setRange(integral ? 1 : -1e6, 1e6);
            spin->setSingleStep(integral ? 1 : 0.05);
            spin->setValue(d.isDouble() ? d.toDouble() : 0.5);  // a required parameter without a default (t) starts halfway
            connect(spin, &QDoubleSpinBox::valueChanged, this, &MergeApplyBox::edited);
            editor = spin;
        }
        editor->setObjectName(u"mergeParam_"_s + n);
        editor->setToolTip(parameterTip(n));
        auto* lab = new QLabel(perModel ? tr("%1 (each task):").arg(n) : n + u":"_s, this);
        lab->setToolTip(parameterTip(n));
        form_->addRow(lab, editor);
        (perModel ? perModelEditors_ : globalEditors_).insert(n, editor);
    };
    for (const QJsonValue& p : info.value(u"globals"_s).toArray())
        addEditor(p.toObject(), false);
    for (const QJsonValue& p : info.value(u"per_model"_s).toArray())
        addEditor(p.toObject(), true);
}

namespace {
QJsonObject valuesOf(const QMap<QString, QWidget*>& editors)
{
    QJsonObject o;
    for (auto it = editors.begin(); it != editors.end(); ++it) {
        if (auto* box = qobject_cast<QCheckBox*>(it.value()))
            o.insert(it.key(), box->isChecked());
        else if (auto* spin = qobject_cast<QDoubleSpinBox*>(it.value()))
            o.insert(it.key(), spin->decimals() == 0 ? QJsonValue(int(std::lround(spin->value()))) : QJsonValue(spin->value()));
    }
    return o;
}

bool hasParam(const QJsonObject& info, const QString& name)
{
    for (const QJsonValue& p : info.value(u"per_model"_s).toArray())
        if (p.toObject().value(u"name"_s).toString() == name)
            return true;
    return false;
}
}  // namespace

QJsonObject MergeApplyBox::globals() const { return valuesOf(globalEditors_); }
QJsonObject MergeApplyBox::perModelExtras() const { return valuesOf(perModelEditors_); }
bool MergeApplyBox::usesWeight() const { return hasParam(info_, u"weight"_s); }
bool MergeApplyBox::usesDensity() const { return hasParam(info_, u"density"_s); }

QString MergeApplyBox::modelCountText() const
{
    const int lo = info_.value(u"min_models"_s).toInt(1), hi = info_.value(u"max_models"_s).toInt(-1);
    if (lo == hi)
        return QString::number(lo);
    if (hi < 0)
        return tr("at least %1").arg(lo);
    return tr("%1 to %2").arg(lo).arg(hi);
}

bool MergeApplyBox::acceptsCount(int models) const
{
    const int lo = info_.value(u"min_models"_s).toInt(1), hi = info_.value(u"max_models"_s).toInt(-1);
    return models >= lo && (hi < 0 || models <= hi);
}

void MergeApplyBox::setBusy(bool busy)
{
    apply_->setEnabled(!busy);
    apply_->setText(busy ? tr("Merging…") : tr("&Apply merge"));
}

}  // namespace lancet::gui
