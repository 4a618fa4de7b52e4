#include "method_form.h"

#include "method_texts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>
#include <cmath>

using namespace Qt::StringLiterals;
using lancet::ParamInfo;
using lancet::ParamType;

namespace lancet::gui {

namespace {

// Decimals that show a value and its range's small end (learning rates need more).
int decimalsFor(const ParamInfo& p)
{
    const double smallest = p.min > 0 ? p.min : 1e-3;
    return std::clamp(int(std::ceil(-std::log10(smallest))) + 2, 2, 8);
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

MethodForm::MethodForm(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"methodForm"_s);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    toggle_ = new QToolButton(this);
    toggle_->setObjectName(u"methodParametersToggle"_s);
    toggle_->setCheckable(true);
    toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle_->setArrowType(Qt::RightArrow);
    toggle_->setAutoRaise(true);
    toggle_->setToolTip(tr("The method's hyperparameters, with the defaults for this model. Hover a field for what "
                           "it does."));
    outer->addWidget(toggle_);
    body_ = new QWidget(this);
    body_->setVisible(false);
    outer->addWidget(body_);
    auto* layout = new QVBoxLayout(body_);
    layout->setContentsMargins(12, 0, 0, 0);
    basic_ = new QFormLayout;
    basic_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(basic_);
    advancedToggle_ = new QToolButton(this);
    advancedToggle_->setObjectName(u"methodAdvancedToggle"_s);
    advancedToggle_->setCheckable(true);
    advancedToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle_->setArrowType(Qt::RightArrow);
    advancedToggle_->setText(tr("Advanced parameters"));
    advancedToggle_->setAutoRaise(true);
    layout->addWidget(advancedToggle_);
    advancedBox_ = new QWidget(this);
    advanced_ = new QFormLayout(advancedBox_);
    advanced_->setContentsMargins(0, 0, 0, 0);
    advanced_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    advancedBox_->setVisible(false);
    layout->addWidget(advancedBox_);
    connect(toggle_, &QToolButton::toggled, this, &MethodForm::setExpanded);
    connect(this, &MethodForm::valuesChanged, this, &MethodForm::updateSummary);
    updateSummary();
    connect(advancedToggle_, &QToolButton::toggled, this, [this](bool open) {
        advancedBox_->setVisible(open);
        advancedToggle_->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
}

void MethodForm::setMethod(const lancet::MethodInfo& info)
{
    info_ = info;
    rebuild();
    updateSummary();
}

void MethodForm::setExpanded(bool expanded)
{
    const QSignalBlocker block(toggle_);
    toggle_->setChecked(expanded);
    toggle_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    body_->setVisible(expanded);
}

bool MethodForm::isExpanded() const { return body_->isVisible() || toggle_->isChecked(); }

void MethodForm::updateSummary()
{
    const int changed = int(changedValues().size());
    toggle_->setText(info_.params.empty() ? tr("Parameters")
                     : changed == 0       ? tr("Parameters: the defaults for this model")
                                          : tr("Parameters: %n changed", nullptr, changed));
}

void MethodForm::rebuild()
{
    while (basic_->rowCount() > 0)
        basic_->removeRow(0);
    while (advanced_->rowCount() > 0)
        advanced_->removeRow(0);
    fields_.clear();
    bool anyAdvanced = false;
    for (const ParamInfo& p : info_.params) {
        QWidget* w = nullptr;
        switch (p.type) {
        case ParamType::Int: {
            auto* s = new QSpinBox(this);
            s->setRange(int(std::max<double>(p.min, INT_MIN)), int(std::min<double>(p.max, INT_MAX)));
            connect(s, &QSpinBox::valueChanged, this, &MethodForm::valuesChanged);
            w = s;
            break;
        }
        case ParamType::Double: {
            auto* s = new QDoubleSpinBox(this);
            s->setDecimals(decimalsFor(p));
            s->setRange(p.min, p.max);
            s->setSingleStep(p.log_scale ? std::max(p.min, 1e-4) : 0.05);
            if (p.log_scale)
                s->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
            connect(s, &QDoubleSpinBox::valueChanged, this, &MethodForm::valuesChanged);
            w = s;
            break;
        }
        case ParamType::Bool: {
            auto* c = new QCheckBox(this);
            connect(c, &QCheckBox::toggled, this, &MethodForm::valuesChanged);
            w = c;
            break;
        }
        case ParamType::Choice: {
            auto* c = new QComboBox(this);
            for (const auto& choice : p.choices)
                c->addItem(qs(choice), qs(choice));
            connect(c, &QComboBox::currentIndexChanged, this, &MethodForm::valuesChanged);
            w = c;
            break;
        }
        case ParamType::String: {
            auto* e = new QLineEdit(this);
            connect(e, &QLineEdit::textChanged, this, &MethodForm::valuesChanged);
            w = e;
            break;
        }
        }
        w->setObjectName(u"param_"_s + qs(p.name));
        w->setToolTip(methodText(p.tooltip) + u"\n\n"_s + tr("Default for this model: %1").arg(qs(p.default_value.dump())));
        fields_[p.name] = w;
        auto* label = new QLabel(methodText(p.label) + u":"_s, this);
        label->setToolTip(w->toolTip());
        label->setBuddy(w);
        (p.advanced ? advanced_ : basic_)->addRow(label, w);
        anyAdvanced = anyAdvanced || p.advanced;
        setValueOf(p, p.default_value);
    }
    advancedToggle_->setVisible(anyAdvanced);
}

nlohmann::json MethodForm::valueOf(const ParamInfo& p) const
{
    QWidget* w = fields_.at(p.name);
    switch (p.type) {
    case ParamType::Int: return static_cast<QSpinBox*>(w)->value();
    case ParamType::Double: return static_cast<QDoubleSpinBox*>(w)->value();
    case ParamType::Bool: return static_cast<QCheckBox*>(w)->isChecked();
    case ParamType::Choice: return static_cast<QComboBox*>(w)->currentData().toString().toStdString();
    case ParamType::String: return static_cast<QLineEdit*>(w)->text().toStdString();
    }
    return nullptr;
}

void MethodForm::setValueOf(const ParamInfo& p, const nlohmann::json& v)
{
    QWidget* w = fields_.at(p.name);
    const QSignalBlocker block(w);
    switch (p.type) {
    case ParamType::Int:
        if (v.is_number())
            static_cast<QSpinBox*>(w)->setValue(v.get<int>());
        break;
    case ParamType::Double:
        if (v.is_number())
            static_cast<QDoubleSpinBox*>(w)->setValue(v.get<double>());
        break;
    case ParamType::Bool:
        if (v.is_boolean())
            static_cast<QCheckBox*>(w)->setChecked(v.get<bool>());
        break;
    case ParamType::Choice:
        if (v.is_string()) {
            auto* c = static_cast<QComboBox*>(w);
            c->setCurrentIndex(std::max(0, c->findData(qs(v.get<std::string>()))));
        }
        break;
    case ParamType::String:
        if (v.is_string())
            static_cast<QLineEdit*>(w)->setText(qs(v.get<std::string>()));
        break;
    }
}

nlohmann::json MethodForm::changedValues() const
{
    nlohmann::json out = nlohmann::json::object();
    for (const ParamInfo& p : info_.params) {
        const nlohmann::json v = valueOf(p);
        // A spin box rounds to its decimals: compare at that precision.
        const bool same = p.type == ParamType::Double && p.default_value.is_number()
                              ? std::abs(v.get<double>() - p.default_value.get<double>()) <
                                    0.5 * std::pow(10.0, -decimalsFor(p))
                              : v == p.default_value;
        if (!same)
            out[p.name] = v;
    }
    return out;
}

void MethodForm::setValues(const nlohmann::json& values)
{
    for (const ParamInfo& p : info_.params)
        setValueOf(p, values.is_object() && values.contains(p.name) ? values[p.name] : p.default_value);
    Q_EMIT valuesChanged();
}

void MethodForm::resetToDefaults() { setValues(nlohmann::json::object()); }

QWidget* MethodForm::field(const QString& name) const
{
    auto it = fields_.find(name.toStdString());
    return it == fields_.end() ? nullptr : it->second;
}

}  // namespace lancet::gui
