// Preferences: device, dtype, layer placement, threads, the statistics corpus and cache, the
// colour scheme, the heat maps' colours and the language (at the next start). Non-modal to the engine: opened with open(), never exec().
#pragma once

#include "app_settings.h"

#include <QDialog>

class QComboBox;
class QLabel;
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
    QLineEdit* devicesEdit() const { return devices_; }
    QComboBox* placementCombo() const { return placement_; }
    QComboBox* themeCombo() const { return theme_; }
    QComboBox* languageCombo() const { return language_; }
    QComboBox* heatMapCombo() const { return heatMaps_; }
    // "Takes effect at the next start", shown while the language differs from the running one.
    QLabel* restartNote() const { return restartNote_; }

private:
    QLineEdit* pathRow(const QString& value, const QString& placeholder, QWidget** row);

    QComboBox* device_ = nullptr;
    QComboBox* dtype_ = nullptr;
    QLineEdit* devices_ = nullptr;
    QComboBox* placement_ = nullptr;  // editable: auto, balanced or a layer list
    QSpinBox* threads_ = nullptr;
    QLineEdit* corpus_ = nullptr;
    QLineEdit* cache_ = nullptr;
    QComboBox* theme_ = nullptr;
    QComboBox* language_ = nullptr;
    QComboBox* heatMaps_ = nullptr;
    QLabel* restartNote_ = nullptr;
    AppSettings original_;  // what the dialog does not show (presentation mode, tour) is kept
};

}  // namespace lancet::gui
