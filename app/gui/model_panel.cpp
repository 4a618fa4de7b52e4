#include "model_panel.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>
#include <map>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
double bytesPerElement(const QString& dtype)
{
    if (dtype.contains(u"16"_s))
        return 2;
    if (dtype.contains(u"64"_s))
        return 8;
    if (dtype.contains(u"8"_s))
        return 1;
    return 4;
}

QString shapeText(const QJsonArray& shape)
{
    QStringList parts;
    for (const QJsonValue& v : shape)
        parts << QString::number(v.toInteger());
    return u"["_s + parts.join(u" × "_s) + u"]"_s;
}
}  // namespace

QString formatCount(double n)
{
    if (n >= 1e9)
        return QString::number(n / 1e9, 'f', 2) + u" B"_s;
    if (n >= 1e6)
        return QString::number(n / 1e6, 'f', 1) + u" M"_s;
    if (n >= 1e3)
        return QString::number(n / 1e3, 'f', 1) + u" k"_s;
    return QString::number(qint64(n));
}

QString formatBytes(double bytes)
{
    if (bytes >= 1e9)
        return QString::number(bytes / 1e9, 'f', 2) + u" GB"_s;
    if (bytes >= 1e6)
        return QString::number(bytes / 1e6, 'f', 1) + u" MB"_s;
    if (bytes >= 1e3)
        return QString::number(bytes / 1e3, 'f', 1) + u" kB"_s;
    return QString::number(qint64(bytes)) + u" B"_s;
}

ModelPanel::ModelPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"modelPanel"_s);
    title_ = new QLabel(this);
    title_->setObjectName(u"modelTitle"_s);
    title_->setWordWrap(true);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = title_->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() + 1.5);
    title_->setFont(f);

    form_ = new QWidget(this);
    auto* form = new QFormLayout(form_);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addField(u"family"_s, tr("Architecture"), tr("The model family the engine recognised from config.json"));
    addField(u"parameters"_s, tr("Parameters"), tr("Number of weights (embedding counted once when tied)"));
    addField(u"size"_s, tr("Size in memory"), tr("Bytes of all the tensors at the loaded dtype"));
    addField(u"layers"_s, tr("Layers"), tr("Transformer blocks: the columns of the causal-trace maps"));
    addField(u"width"_s, tr("Width"), tr("d_model (residual stream width) / d_ff (MLP hidden width)"));
    addField(u"heads"_s, tr("Heads"),
             tr("Attention heads × head width. With grouped-query attention (Llama 3, Qwen, Mistral, Gemma) "
                "several query heads share one key/value head, which shrinks the KV cache."));
    addField(u"positions"_s, tr("Positions"),
             tr("How the model knows where a token is: learned position embeddings (GPT-2), or rotary "
                "embeddings that turn queries and keys by an angle per position (base, rotated features, "
                "and any long-context scaling)"));
    addField(u"attention"_s, tr("Attention"),
             tr("Which earlier tokens each layer may look at: all of them, or a sliding window on some layers "
                "(Mistral, Gemma 2/3) — a fact further back than the window is out of that layer's sight"));
    addField(u"context"_s, tr("Context"), tr("Longest prompt the model accepts, in tokens"));
    addField(u"vocab"_s, tr("Vocabulary"), tr("Tokens in the tokenizer's vocabulary"));
    addField(u"device"_s, tr("Device"), tr("Where the weights live and the work runs (Settings → Device)"));
    addField(u"dtype"_s, tr("Dtype"), tr("Number format of the weights (Settings → Dtype)"));
    addField(u"edits"_s, tr("Edits"), tr("Edits currently applied to the weights (Edit → Undo removes the last)"));
    addField(u"fingerprint"_s, tr("Fingerprint"),
             tr("Hash of the base weights: edit files and sessions name the model they were made on"));

    filter_ = new QLineEdit(this);
    filter_->setObjectName(u"tensorFilter"_s);
    filter_->setPlaceholderText(tr("Filter tensors (e.g. mlp.c_proj)"));
    filter_->setClearButtonEnabled(true);
    tree_ = new QTreeWidget(this);
    tree_->setObjectName(u"tensorTree"_s);
    tree_->setColumnCount(3);
    tree_->setHeaderLabels({tr("Tensor"), tr("Shape"), tr("Dtype")});
    tree_->setUniformRowHeights(true);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    tree_->setToolTip(tr("Each layer's weight tensors. ROME edits one matrix: the MLP output projection "
                         "of the chosen layer (mlp.c_proj in GPT-2, mlp.down_proj in Llama, Qwen, Mistral and "
                         "Gemma, mlp.dense_4h_to_h in GPT-NeoX, mlp.fc_out in GPT-J)."));
    warnings_ = new QLabel(this);
    warnings_->setObjectName(u"modelWarnings"_s);
    warnings_->setWordWrap(true);
    warnings_->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(form_);
    layout->addWidget(warnings_);
    layout->addWidget(filter_);
    layout->addWidget(tree_, 1);

    connect(filter_, &QLineEdit::textChanged, this, &ModelPanel::applyFilter);
    clear();
}

QLabel* ModelPanel::addField(const QString& key, const QString& label, const QString& tooltip)
{
    auto* value = new QLabel(form_);
    value->setObjectName(u"modelField_"_s + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setToolTip(tooltip);
    auto* name = new QLabel(label + u":"_s, form_);
    name->setToolTip(tooltip);
    static_cast<QFormLayout*>(form_->layout())->addRow(name, value);
    fields_.insert(key, value);
    return value;
}

void ModelPanel::clear()
{
    info_ = {};
    title_->setText(tr("No model loaded"));
    title_->setToolTip(tr("File → Open model folder… (Ctrl+O) opens a Hugging Face checkpoint folder "
                          "(config.json, *.safetensors, the tokenizer files)."));
    for (QLabel* l : std::as_const(fields_))
        l->setText(u"—"_s);
    tree_->clear();
    warnings_->setVisible(false);
}

void ModelPanel::setLoading(const QString& path)
{
    clear();
    title_->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    title_->setToolTip(QDir::toNativeSeparators(path));
}

void ModelPanel::setFailed(const QString& path, const QString& message)
{
    clear();
    title_->setText(tr("Could not open %1").arg(QFileInfo(path).fileName()));
    title_->setToolTip(message);
}

void ModelPanel::setModel(const QJsonObject& info)
{
    info_ = info;
    const QJsonObject arch = info.value(u"architecture"_s).toObject();
    const QString path = info.value(u"path"_s).toString();
    title_->setText(QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName());
    title_->setToolTip(QDir::toNativeSeparators(path));

    const QJsonArray tensors = info.value(u"tensors"_s).toArray();
    double bytes = 0;
    double elements = 0;
    for (const QJsonValue& tv : tensors) {
        const QJsonObject t = tv.toObject();
        double n = 1;
        for (const QJsonValue& d : t.value(u"shape"_s).toArray())
            n *= d.toDouble();
        elements += n;
        bytes += n * bytesPerElement(t.value(u"dtype"_s).toString());
    }
    const double params = arch.value(u"parameters"_s).toDouble(elements);
    fields_[u"family"_s]->setText(arch.value(u"family"_s).toString());
    fields_[u"parameters"_s]->setText(formatCount(params));
    fields_[u"size"_s]->setText(formatBytes(bytes));
    fields_[u"layers"_s]->setText(QString::number(arch.value(u"n_layer"_s).toInt()));
    fields_[u"width"_s]->setText(tr("%1 / %2").arg(arch.value(u"d_model"_s).toInt()).arg(arch.value(u"d_ff"_s).toInt()));
    const int heads = arch.value(u"n_head"_s).toInt(), kvHeads = arch.value(u"n_kv_head"_s).toInt(heads);
    fields_[u"heads"_s]->setText(kvHeads != heads
                                     ? tr("%1 × %2 (%3 key/value heads)").arg(heads).arg(arch.value(u"d_head"_s).toInt()).arg(kvHeads)
                                     : tr("%1 × %2").arg(heads).arg(arch.value(u"d_head"_s).toInt()));
    const QJsonObject rotary = arch.value(u"rotary"_s).toObject();
    if (rotary.isEmpty()) {
        fields_[u"positions"_s]->setText(tr("learned embeddings"));
    } else {
        QString text = tr("rotary, base %1, %2 features per head").arg(rotary.value(u"base"_s).toDouble()).arg(rotary.value(u"features"_s).toInt());
        const QJsonObject scaling = rotary.value(u"scaling"_s).toObject();
        if (!scaling.isEmpty())
            text += tr(", %1 scaling ×%2").arg(scaling.value(u"type"_s).toString()).arg(scaling.value(u"factor"_s).toDouble());
        fields_[u"positions"_s]->setText(text);
    }
    const QJsonObject window = arch.value(u"sliding_window"_s).toObject();
    fields_[u"attention"_s]->setText(window.isEmpty() ? tr("every earlier token")
                                                     : tr("sliding window of %1 on %2 of %3 layers")
                                                           .arg(window.value(u"window"_s).toInt())
                                                           .arg(window.value(u"layers"_s).toInt())
                                                           .arg(arch.value(u"n_layer"_s).toInt()));
    fields_[u"context"_s]->setText(tr("%1 tokens").arg(arch.value(u"n_positions"_s).toInt()));
    fields_[u"vocab"_s]->setText(QString::number(arch.value(u"vocab_size"_s).toInt()));
    fields_[u"device"_s]->setText(info.value(u"device"_s).toString());
    fields_[u"dtype"_s]->setText(info.value(u"dtype"_s).toString());
    fields_[u"edits"_s]->setText(tr("none"));
    const QString fp = info.value(u"fingerprint"_s).toString();
    fields_[u"fingerprint"_s]->setText(fp.left(16));
    fields_[u"fingerprint"_s]->setToolTip(fp);

    // Tensors: per layer under "Layers", the rest (embeddings, final norm) beside it.
    tree_->clear();
    static const QRegularExpression layerRe(u"(?:^|\\.)(?:h|layers|blocks|layer)\\.(\\d+)\\."_s);
    std::map<int, QTreeWidgetItem*> layers;
    auto* layersNode = new QTreeWidgetItem(tree_, {tr("Layers")});
    auto* otherNode = new QTreeWidgetItem(tree_, {tr("Embeddings, final norm, head")});
    for (const QJsonValue& tv : tensors) {
        const QJsonObject t = tv.toObject();
        const QString name = t.value(u"name"_s).toString();
        const QRegularExpressionMatch m = layerRe.match(name);
        QTreeWidgetItem* parent = otherNode;
        QString shortName = name;
        if (m.hasMatch()) {
            const int layer = m.captured(1).toInt();
            auto it = layers.find(layer);
            if (it == layers.end())
                it = layers.emplace(layer, nullptr).first;
            parent = it->second;
            if (!parent) {
                parent = new QTreeWidgetItem({tr("layer %1").arg(layer)});
                parent->setData(0, Qt::UserRole, layer);
                it->second = parent;
            }
            shortName = name.mid(m.capturedEnd(0));
        }
        auto* item = new QTreeWidgetItem(parent, {shortName, shapeText(t.value(u"shape"_s).toArray()),
                                                  t.value(u"dtype"_s).toString()});
        item->setToolTip(0, name);
    }
    for (auto& kv : layers)
        layersNode->addChild(kv.second);
    layersNode->setText(1, tr("%1 blocks").arg(layers.size()));
    layersNode->setExpanded(true);
    otherNode->setText(1, tr("%1 tensors").arg(otherNode->childCount()));

    const QJsonArray warnings = info.value(u"warnings"_s).toArray();
    QStringList w;
    for (const QJsonValue& v : warnings)
        w << v.toString();
    warnings_->setVisible(!w.isEmpty());
    warnings_->setText(tr("Warnings: %1").arg(w.join(u"; "_s)));
    applyFilter(filter_->text());
}

void ModelPanel::setEditCount(int applied)
{
    if (!hasModel())
        return;
    fields_[u"edits"_s]->setText(applied == 0 ? tr("none") : tr("%n applied", nullptr, applied));
}

QString ModelPanel::path() const { return info_.value(u"path"_s).toString(); }
QString ModelPanel::family() const { return info_.value(u"architecture"_s).toObject().value(u"family"_s).toString(); }
int ModelPanel::layerCount() const { return info_.value(u"architecture"_s).toObject().value(u"n_layer"_s).toInt(); }
QString ModelPanel::device() const { return info_.value(u"device"_s).toString(); }
QString ModelPanel::dtype() const { return info_.value(u"dtype"_s).toString(); }
QString ModelPanel::fieldText(const QString& key) const
{
    QLabel* l = fields_.value(key);
    return l ? l->text() : QString();
}

int ModelPanel::layerItemCount() const
{
    QTreeWidgetItem* layersNode = tree_->topLevelItemCount() > 0 ? tree_->topLevelItem(0) : nullptr;
    return layersNode ? layersNode->childCount() : 0;
}

void ModelPanel::applyFilter(const QString& text)
{
    const QString needle = text.trimmed();
    for (int top = 0; top < tree_->topLevelItemCount(); ++top) {
        QTreeWidgetItem* node = tree_->topLevelItem(top);
        std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) -> bool {
            bool any = false;
            for (int i = 0; i < item->childCount(); ++i)
                any = visit(item->child(i)) || any;
            const bool self = item->childCount() == 0 &&
                              (needle.isEmpty() || item->toolTip(0).contains(needle, Qt::CaseInsensitive));
            const bool show = self || any || (needle.isEmpty());
            item->setHidden(!show);
            if (!needle.isEmpty() && any)
                item->setExpanded(true);
            return self || any;
        };
        visit(node);
        node->setHidden(false);
    }
}

}  // namespace lancet::gui
