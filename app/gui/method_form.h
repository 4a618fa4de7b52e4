// A method's hyperparameter form, generated from its description (engine
// edit/method_info.h): one field per parameter, typed by its ParamType, ranged by
// its min/max, with the method's tooltip; the advanced ones folded away. No form
// is written by hand per method: a new method's parameters appear here as soon
// as the engine lists it.
#pragma once

#include "engine_bridge.h"  // lancet::MethodInfo (torch-free)

#include <QWidget>

#include <map>

class QFormLayout;
class QToolButton;

namespace lancet::gui {

class MethodForm : public QWidget {
    Q_OBJECT

public:
    explicit MethodForm(QWidget* parent = nullptr);

    void setMethod(const lancet::MethodInfo& info);
    const lancet::MethodInfo& method() const { return info_; }

    // The values the user changed from the method's defaults (defaults stay the
    // engine's, so a model's published settings keep applying).
    nlohmann::json changedValues() const;
    // Sets the fields named in `values` (others back to their defaults).
    void setValues(const nlohmann::json& values);
    void resetToDefaults();

    QWidget* field(const QString& name) const;
    // The form folds away to one line ("Parameters: 2 changed") so the edit panel
    // fits a 768-pixel screen; unfolded it shows the basic parameters, and the
    // advanced ones behind their own fold.
    void setExpanded(bool expanded);
    bool isExpanded() const;

Q_SIGNALS:
    void valuesChanged();

private:
    void rebuild();
    void updateSummary();
    nlohmann::json valueOf(const lancet::ParamInfo& p) const;
    void setValueOf(const lancet::ParamInfo& p, const nlohmann::json& v);

    lancet::MethodInfo info_;
    QToolButton* toggle_ = nullptr;
    QWidget* body_ = nullptr;
    QFormLayout* basic_ = nullptr;
    QFormLayout* advanced_ = nullptr;
    QWidget* advancedBox_ = nullptr;
    QToolButton* advancedToggle_ = nullptr;
    std::map<std::string, QWidget*> fields_;
};

}  // namespace lancet::gui
