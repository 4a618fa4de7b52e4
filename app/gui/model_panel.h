// The loaded model at a glance: architecture, size, device and dtype, and
// every layer with its tensors (from the loadModel result, the same JSON as
// `lancet-cli info --json`).
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace lancet::gui {

class ModelPanel : public QWidget {
    Q_OBJECT

public:
    explicit ModelPanel(QWidget* parent = nullptr);

    void setLoading(const QString& path);
    void setModel(const QJsonObject& info);
    void setFailed(const QString& path, const QString& message);
    void setEditCount(int applied);
    void clear();

    bool hasModel() const { return !info_.isEmpty(); }
    QJsonObject info() const { return info_; }
    QString path() const;
    QString family() const;
    int layerCount() const;
    QString device() const;
    QString dtype() const;
    // Text of a summary field ("family", "parameters", "layers", "device", ...).
    QString fieldText(const QString& key) const;
    QTreeWidget* tensorTree() const { return tree_; }
    int layerItemCount() const;  // "layer N" items under the tree's Layers node

private:
    void applyFilter(const QString& text);
    QLabel* addField(const QString& key, const QString& label, const QString& tooltip);

    QJsonObject info_;
    QLabel* title_ = nullptr;
    QWidget* form_ = nullptr;
    QHash<QString, QLabel*> fields_;
    QLineEdit* filter_ = nullptr;
    QTreeWidget* tree_ = nullptr;
    QLabel* warnings_ = nullptr;
};

// "124.4 M", "1.56 B"
QString formatCount(double n);
// "497.8 MB"
QString formatBytes(double bytes);

}  // namespace lancet::gui
