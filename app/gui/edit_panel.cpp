#include "edit_panel.h"

#include "method_texts.h"
#include "theme.h"
#include "token_text.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
// An empty field shows its example in italics (and the palette's lighter
// placeholder colour), so an example never passes for a filled-in value: a
// user once pressed Apply over "Space Needle" in an empty Subject field.
void italicWhenEmpty(QLineEdit* edit)
{
    auto update = [edit] {
        QFont f = edit->font();
        if (f.italic() != edit->text().isEmpty()) {
            f.setItalic(edit->text().isEmpty());
            edit->setFont(f);
        }
    };
    QObject::connect(edit, &QLineEdit::textChanged, edit, update);
    update();
}
}  // namespace

EditPanel::EditPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"editPanel"_s);
    template_ = new QLineEdit(this);
    template_->setObjectName(u"editTemplate"_s);
    template_->setPlaceholderText(tr("e.g. {} is located in the city of"));
    template_->setToolTip(tr("The prompt that states the fact, with {} where the subject goes. ROME rewrites "
                             "the association at the subject's last token, so other phrasings follow too."));
    subject_ = new QLineEdit(this);
    subject_->setObjectName(u"editSubject"_s);
    subject_->setPlaceholderText(tr("e.g. Space Needle"));
    subject_->setToolTip(tr("The entity whose fact changes."));
    targetNew_ = new QLineEdit(this);
    targetNew_->setObjectName(u"editTargetNew"_s);
    targetNew_->setPlaceholderText(tr("e.g. Paris, or click a bar of the next-token chart"));
    targetNew_->setToolTip(tr("What the model should say instead. Start it with a space (“ Paris”): GPT-2's "
                              "tokens carry their leading space. Tip: click a token in the next-token chart."));
    targetTrue_ = new QLineEdit(this);
    targetTrue_->setObjectName(u"editTargetTrue"_s);
    targetTrue_->setPlaceholderText(tr("optional, e.g. the trace's answer"));
    targetTrue_->setToolTip(tr("What the model says now. Optional; the scorecard uses it to measure whether the "
                               "new target now beats the old one."));
    layer_ = new QSpinBox(this);
    layer_->setObjectName(u"editLayer"_s);
    layer_->setRange(-1, 0);
    layer_->setValue(-1);
    layer_->setSpecialValueText(tr("auto (model default)"));
    layer_->setToolTip(tr("The layer whose MLP output projection gets the rank-one update. Click a cell of a "
                          "trace heat map to pick its layer; auto uses the published layer for known models "
                          "or the MLP trace's peak."));
    layerWhy_ = new QLabel(this);
    layerWhy_->setObjectName(u"editLayerWhy"_s);
    layerWhy_->setWordWrap(true);
    layerWhy_->hide();  // until a heat-map cell gives a reason
    method_ = new QComboBox(this);
    method_->setObjectName(u"editMethod"_s);
    method_->addItem(tr("ROME / r-ROME"), u"rome"_s);
    method_->setToolTip(tr("How the edit changes the weights. Each method's parameters appear below it; "
                           "hover a parameter for what it does."));
    methodAbout_ = new QLabel(this);
    methodAbout_->setObjectName(u"editMethodAbout"_s);
    methodAbout_->setWordWrap(true);
    methodAbout_->setVisible(false);
    methodForm_ = new MethodForm(this);
    keep_ = new QLineEdit(this);
    keep_->setObjectName(u"editKeep"_s);
    keep_->setPlaceholderText(tr("optional, e.g. {} was born in | {} studied at"));
    keep_->setToolTip(tr("The subject's other facts to keep, separated by “|”, each with {} for the subject. "
                         "ROME changes the subject's representation, which every fact about the subject reads, "
                         "so an edit of one fact drags the others along. Lancet's extension holds the model's "
                         "current answer to each prompt listed here (a KL term where that fact is predicted), at "
                         "the cost of a slightly weaker paraphrase effect and three times the optimisation steps. "
                         "On the demo model: the subject's other facts kept 52 % → 83 % of the time."));

    preview_ = new QLabel(this);
    preview_->setObjectName(u"editPreview"_s);
    preview_->setWordWrap(true);
    preview_->setTextFormat(Qt::RichText);
    status_ = new QLabel(this);
    status_->setObjectName(u"editStatus"_s);
    status_->setWordWrap(true);
    apply_ = new QToolButton(this);
    apply_->setObjectName(u"applyEditButton"_s);
    apply_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    apply_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Prompt:"), template_);
    form->addRow(tr("&Subject:"), subject_);
    form->addRow(tr("&New target:"), targetNew_);
    form->addRow(tr("&True target:"), targetTrue_);
    // The reason under the spin box, not beside it: beside it, in a 330-px
    // column, "from the MLP map, layer 1 (p = 0.017)" wrapped into a sliver.
    auto* layerRow = new QWidget(this);
    auto* layerLayout = new QVBoxLayout(layerRow);
    layerLayout->setContentsMargins(0, 0, 0, 0);
    layerLayout->setSpacing(2);
    layerLayout->addWidget(layer_);
    layerLayout->addWidget(layerWhy_);
    auto* layerLabel = new QLabel(tr("&Layer:"), this);
    layerLabel->setBuddy(layer_);
    form->addRow(layerLabel, layerRow);
    form->addRow(tr("&Method:"), method_);
    form->addRow(tr("&Keep:"), keep_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(form);
    layout->addWidget(methodAbout_);
    layout->addWidget(methodForm_);
    layout->addWidget(preview_);
    layout->addWidget(apply_);
    layout->addWidget(status_);
    layout->addStretch(1);

    for (QLineEdit* e : {template_, subject_, targetNew_, targetTrue_, keep_})
        italicWhenEmpty(e);
    for (QLineEdit* e : {template_, subject_, targetNew_, targetTrue_, keep_})
        connect(e, &QLineEdit::textChanged, this, [this] {
            updatePreview();
            Q_EMIT requestChanged();
        });
    connect(layer_, &QSpinBox::valueChanged, this, [this] {
        updatePreview();
        Q_EMIT requestChanged();
    });
    connect(method_, &QComboBox::currentIndexChanged, this, [this](int index) {
        showMethod(index);
        Q_EMIT requestChanged();
    });
    connect(methodForm_, &MethodForm::valuesChanged, this, &EditPanel::requestChanged);
    updatePreview();
}

void EditPanel::setApplyAction(QAction* apply) { apply_->setDefaultAction(apply); }

void EditPanel::setMethods(const std::vector<lancet::MethodInfo>& methods)
{
    const QString current = method_->currentData().toString();
    const nlohmann::json values = methods_.empty() ? pendingHparams_ : methodForm_->changedValues();
    methods_ = methods;
    {
        const QSignalBlocker block(method_);
        method_->clear();
        for (const auto& m : methods_)
            method_->addItem(methodText(m.label), qstr(m.name));
        method_->setCurrentIndex(std::max(0, method_->findData(current)));
    }
    showMethod(method_->currentIndex());
    methodForm_->setValues(values);
    pendingHparams_ = nlohmann::json::object();
}

void EditPanel::showMethod(int index)
{
    if (index < 0 || index >= int(methods_.size()))
        return;
    const lancet::MethodInfo& m = methods_[size_t(index)];
    methodForm_->setMethod(m);
    methodAbout_->setText(methodText(m.description));
    methodAbout_->setVisible(false);  // the combo's tooltip carries it; the form stays compact
    method_->setToolTip(methodText(m.description));
}

EditRequest EditPanel::request() const
{
    EditRequest r;
    r.method = sstr(method_->currentData().toString());
    r.prompt = sstr(template_->text());
    r.subject = sstr(subject_->text());
    r.target_new = sstr(targetNew_->text());
    if (!targetTrue_->text().isEmpty())
        r.target_true = sstr(targetTrue_->text());
    if (layer_->value() >= 0)
        r.layers = {layer_->value()};
    for (const QString& k : splitKeepPrompts(keep_->text()))
        r.keep_prompts.push_back(sstr(k));
    r.hparams = methods_.empty() ? pendingHparams_ : methodForm_->changedValues();
    return r;
}

void EditPanel::setRequest(const EditRequest& r)
{
    template_->setText(qstr(r.prompt));
    subject_->setText(qstr(r.subject));
    targetNew_->setText(qstr(r.target_new));
    targetTrue_->setText(qstr(r.target_true.value_or("")));
    const int layer = requestLayer(r);
    if (layer > layer_->maximum())
        layer_->setMaximum(layer);
    layer_->setValue(layer);
    const int index = method_->findData(qstr(r.method));
    if (index >= 0)
        method_->setCurrentIndex(index);
    QStringList keep;
    for (const auto& k : r.keep_prompts)
        keep << qstr(k);
    keep_->setText(keep.join(u" | "_s));
    if (methods_.empty())
        pendingHparams_ = r.hparams;
    else
        methodForm_->setValues(r.hparams);
}

void EditPanel::fillFromTrace(const QString& prompt, const QString& subject, const QString& answer)
{
    const QString tmpl = templateFromPrompt(prompt, subject);
    if (!tmpl.isEmpty() && (template_->text().isEmpty() || template_->text() == autoTemplate_)) {
        template_->setText(tmpl);
        autoTemplate_ = tmpl;
    }
    if (subject_->text().isEmpty() || subject_->text() == autoSubject_) {
        subject_->setText(subject.trimmed());
        autoSubject_ = subject.trimmed();
    }
    if (targetTrue_->text().isEmpty() || targetTrue_->text() == autoTrue_) {
        targetTrue_->setText(answer);
        autoTrue_ = answer;
    }
}

void EditPanel::fillFromPrompt(const QString& prompt, const QString& subject, const QString& topToken)
{
    // The model's current answer is the edit's true target, unless it is the
    // new target itself (the user clicked the top bar).
    const QString answer = topToken.trimmed() == targetNew_->text().trimmed() ? QString() : topToken;
    fillFromTrace(prompt, subject, answer);
}

QLineEdit* EditPanel::firstMissingField() const
{
    const EditRequest r = request();
    if (qstr(r.subject).trimmed().isEmpty())
        return subject_;
    if (qstr(r.prompt).count(u"{}"_s) != 1)
        return template_;
    if (qstr(r.target_new).trimmed().isEmpty())
        return targetNew_;
    return nullptr;
}

void EditPanel::setTargetNew(const QString& target) { targetNew_->setText(target); }

void EditPanel::setLayerCount(int layers)
{
    if (layers <= 0)
        return;  // no model (yet): keep what the form says until one is open
    layer_->setMaximum(layers - 1);
    layerWhy_->clear();
    layerWhy_->hide();
}

int EditPanel::layer() const { return layer_->value(); }

void EditPanel::setLayer(int layer, const QString& why)
{
    layer_->setValue(layer);
    layerWhy_->setText(why);
    layerWhy_->setVisible(!why.isEmpty());
}

void EditPanel::setBusy(bool busy)
{
    for (QWidget* w : std::initializer_list<QWidget*>{template_, subject_, targetNew_, targetTrue_, layer_, method_, keep_,
                                                      methodForm_})
        w->setEnabled(!busy);
}

void EditPanel::setStatus(const QString& text) { status_->setText(text); }

QString EditPanel::statusText() const { return status_->text(); }

QString EditPanel::previewText() const
{
    QTextDocument doc;
    doc.setHtml(preview_->text());
    return doc.toPlainText();
}

bool EditPanel::canApply(QString* why) const { return isValidRequest(request(), why); }

void EditPanel::updatePreview()
{
    const EditRequest r = request();
    QString why;
    if (r.prompt.empty() && r.subject.empty() && r.target_new.empty()) {
        // Nothing typed yet: what to do, not what is wrong.
        preview_->setText(u"<i>"_s +
                          tr("Fill in the fact to change, or type a prompt in the prompt bar and click a bar of "
                             "its chart.")
                              .toHtmlEscaped() +
                          u"</i>"_s);
        return;
    }
    if (!isValidRequest(r, &why)) {
        preview_->setText(u"<i>"_s + why.toHtmlEscaped() + u"</i>"_s);
        return;
    }
    const QString filled = qstr(r.filled_prompt()).toHtmlEscaped();
    // The edited model's blue, lightened on a dark palette so it stays readable.
    const QString blue = theme::currentIsDark() ? u"#6cb4ee"_s : u"#0072b2"_s;
    // The sentence as the model will read it: the engine continues the prompt
    // with the target after exactly one space, whether or not the field starts
    // with one (“Taipei” and “ Taipei” are the same edit), so the line shows
    // one space, never “city ofTaipei” nor a “␣”.
    const QString target = qstr(r.target_new).trimmed().toHtmlEscaped();
    QString text = tr("Teach: <b>%1</b> <span style='color:%3'><b>%2</b></span>").arg(filled, target, blue);
    if (r.target_true)
        text += tr(" instead of <s>%1</s>").arg(qstr(*r.target_true).trimmed().toHtmlEscaped());
    if (!r.keep_prompts.empty())
        text += tr(", keeping %n other fact(s) of the subject", nullptr, static_cast<int>(r.keep_prompts.size()));
    preview_->setText(text);
}

}  // namespace lancet::gui
