// Preferences: device, dtype, threads, the statistics corpus and cache, and
// the colour scheme. Non-modal to the engine: opened with open(), never exec().
#pragma once

#include "app_settings.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace lancet::gui {

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);

    AppSettings settings() const;

    QComboBox* deviceCombo() const { return device_; }
    QComboBox* dtypeCombo() const { return dtype_; }
    QComboBox* themeCombo() const { return theme_; }

private:
    QLineEdit* pathRow(const QString& value, const QString& placeholder, QWidget** row);

    QComboBox* device_ = nullptr;
    QComboBox* dtype_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QLineEdit* corpus_ = nullptr;
    QLineEdit* cache_ = nullptr;
    QComboBox* theme_ = nullptr;
};

}  // namespace lancet::gui
