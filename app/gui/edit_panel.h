// The edit form: "{} is located in the city of" + subject + new target, the
// layer (picked by clicking a heat-map cell, or left to the engine), the method
// with its generated parameter form (method_form.h), and Apply. It fills one
// lancet::EditSpec; the engine calls live in EditController.
#pragma once

#include "edit_request.h"
#include "method_form.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace lancet::gui {

class EditPanel : public QWidget {
    Q_OBJECT

public:
    explicit EditPanel(QWidget* parent = nullptr);

    void setApplyAction(QAction* apply);
    // The engine's methods (EngineBridge::editMethods), with defaults for the loaded model.
    void setMethods(const std::vector<lancet::MethodInfo>& methods);
    MethodForm* methodForm() const { return methodForm_; }
    const std::vector<lancet::MethodInfo>& methods() const { return methods_; }
    QComboBox* methodCombo() const { return method_; }
    QToolButton* applyButton() const { return apply_; }

    EditRequest request() const;
    void setRequest(const EditRequest& request);
    // Fills template, subject and true target from a trace, where they are empty
    // or came from an earlier trace (what the user typed is kept).
    void fillFromTrace(const QString& prompt, const QString& subject, const QString& answer);
    // The prompt bar's prompt as the form's request, where the form is empty or
    // was filled automatically: the template with {} for `subject` (the guessed
    // subject), the subject, and `topToken` (the model's answer now) as the
    // true target unless it is the new target. What the user typed is kept.
    void fillFromPrompt(const QString& prompt, const QString& subject, const QString& topToken);
    // The first field an edit still needs (subject, template, new target: the
    // order of canApply's messages), or null.
    QLineEdit* firstMissingField() const;
    void setTargetNew(const QString& target);

    void setLayerCount(int layers);
    int layer() const;  // -1: the engine decides
    // Picks a layer (from a heat-map cell); `why` is shown beside it.
    void setLayer(int layer, const QString& why = QString());
    void setBusy(bool busy);
    void setStatus(const QString& text);
    QString statusText() const;
    // The "Teach: …" line as plain text.
    QString previewText() const;

    // Whether the form is complete; `why` says what is missing.
    bool canApply(QString* why = nullptr) const;

    QLineEdit* templateEdit() const { return template_; }
    QLineEdit* subjectEdit() const { return subject_; }
    QLineEdit* targetEdit() const { return targetNew_; }
    QLineEdit* targetTrueEdit() const { return targetTrue_; }
    QSpinBox* layerSpin() const { return layer_; }
    QLineEdit* keepEdit() const { return keep_; }

Q_SIGNALS:
    void requestChanged();

private:
    void updatePreview();
    void showMethod(int index);

    QLineEdit* template_ = nullptr;
    QLineEdit* subject_ = nullptr;
    QLineEdit* targetNew_ = nullptr;
    QLineEdit* targetTrue_ = nullptr;
    QSpinBox* layer_ = nullptr;
    QLabel* layerWhy_ = nullptr;
    QComboBox* method_ = nullptr;
    QLabel* methodAbout_ = nullptr;
    MethodForm* methodForm_ = nullptr;
    std::vector<lancet::MethodInfo> methods_;
    // Hyperparameters of a request set before the method list arrived.
    nlohmann::json pendingHparams_ = nlohmann::json::object();
    QLineEdit* keep_ = nullptr;
    QLabel* preview_ = nullptr;
    QLabel* status_ = nullptr;
    QToolButton* apply_ = nullptr;
    // What fillFromTrace last wrote, so a new trace may overwrite it.
    QString autoTemplate_;
    QString autoSubject_;
    QString autoTrue_;
};

}  // namespace lancet::gui
