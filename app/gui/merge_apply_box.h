// The merge panel's "apply" mode: the merge methods the sliders cannot drive
// live (SLERP, Model Stock, DELLA, ...; the engine's table, merge/merge_methods.h)
// merge once when the user presses Apply. This box shows the chosen method's
// parameters as a small form built from the engine's table (defaults filled in)
// and the Apply button; the panel supplies the tasks (those whose slider is not
// at 0) and their weights and density.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

namespace lancet::gui {

class MergeApplyBox : public QWidget {
    Q_OBJECT

public:
    explicit MergeApplyBox(QWidget* parent = nullptr);

    // One entry of EngineBridge::mergeMethodTable(): rebuilds the form.
    void setMethod(const QJsonObject& info);
    QString method() const { return info_.value(QStringLiteral("name")).toString(); }
    // The global parameters as the form holds them, and the per-model ones other
    // than weight and density (the same for every task).
    QJsonObject globals() const;
    QJsonObject perModelExtras() const;
    bool usesWeight() const;   // the method takes a weight per model
    bool usesDensity() const;  // ... a density per model
    // How many models the method merges besides the base: "1", "2", "at least 2"...
    QString modelCountText() const;
    bool acceptsCount(int models) const;

    QPushButton* applyButton() const { return apply_; }
    void setBusy(bool busy);

    // The method's name, its one-line description and each parameter's tooltip, translated.
    static QString label(const QString& method);
    static QString description(const QString& method);
    static QString parameterTip(const QString& name);

Q_SIGNALS:
    void applyRequested();
    void edited();  // a parameter changed since the last apply

private:
    QJsonObject info_;
    QFormLayout* form_ = nullptr;
    QLabel* about_ = nullptr;
    QPushButton* apply_ = nullptr;
    QMap<QString, QWidget*> globalEditors_;
    QMap<QString, QWidget*> perModelEditors_;
};

}  // namespace lancet::gui
