#include "generation_panel.h"

#include "engine_bridge.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTextBrowser>
#include <QToolButton>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;

namespace lancet::gui {

GenerationPanel::GenerationPanel(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"generationPanel"_s);
    prompt_ = new QLineEdit(this);
    prompt_->setObjectName(u"generationPrompt"_s);
    prompt_->setPlaceholderText(tr("Prompt to continue (filled from the edit)"));
    prompt_->setToolTip(tr("Greedy continuation (always the most likely next token) of this prompt, on the "
                           "weights before the last edit (left) and now (right)."));
    tokens_ = new QSpinBox(this);
    tokens_->setRange(1, 512);
    tokens_->setValue(24);
    tokens_->setSuffix(tr(" tokens"));
    tokens_->setToolTip(tr("How many tokens to generate"));
    regenerate_ = new QToolButton(this);
    regenerate_->setObjectName(u"generateButton"_s);
    regenerate_->setText(tr("Generate now"));
    regenerate_->setToolTip(tr("Continue the prompt with the current weights (right-hand side)"));

    beforeTitle_ = new QLabel(tr("<b>Before the edit</b>"), this);
    afterTitle_ = new QLabel(tr("<b>After the edit</b>"), this);
    before_ = new QTextBrowser(this);
    before_->setObjectName(u"generationBefore"_s);
    after_ = new QTextBrowser(this);
    after_->setObjectName(u"generationAfter"_s);
    for (QTextBrowser* b : {before_, after_}) {
        b->setOpenLinks(false);
        b->setMinimumHeight(60);
    }

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Prompt:"), this));
    top->addWidget(prompt_, 1);
    top->addWidget(tokens_);
    top->addWidget(regenerate_);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->addLayout(top, 0, 0, 1, 2);
    grid->addWidget(beforeTitle_, 1, 0);
    grid->addWidget(afterTitle_, 1, 1);
    grid->addWidget(before_, 2, 0);
    grid->addWidget(after_, 2, 1);
    grid->setRowStretch(2, 1);

    connect(regenerate_, &QToolButton::clicked, this, [this] { generate(Side::After); });
    connect(prompt_, &QLineEdit::returnPressed, this, [this] { generate(Side::After); });
    connect(bridge_, &EngineBridge::jobFinished, this, [this](quint64 id, JobKind, const QJsonObject& result) {
        if (id == 0 || (id != beforeJob_ && id != afterJob_))
            return;
        const Side side = id == beforeJob_ ? Side::Before : Side::After;
        (side == Side::Before ? beforeJob_ : afterJob_) = 0;
        (side == Side::Before ? beforeText_ : afterText_) = result.value(u"text"_s).toString();
        (side == Side::Before ? beforePrompt_ : afterPrompt_) = result.value(u"prompt"_s).toString();
        show(side);
        Q_EMIT generated(side);
    });
    connect(bridge_, &EngineBridge::jobFailed, this,
            [this](quint64 id, JobKind, const lancet::app::JobError& e) {
                const QString& message = e.message;
                const bool cancelled = e.cancelled();
                if (id == 0 || (id != beforeJob_ && id != afterJob_))
                    return;
                const Side side = id == beforeJob_ ? Side::Before : Side::After;
                (side == Side::Before ? beforeJob_ : afterJob_) = 0;
                view(side)->setPlainText(cancelled ? tr("(cancelled)") : tr("(failed: %1)").arg(message));
            });
    setModelReady(false);
}

QString GenerationPanel::prompt() const { return prompt_->text(); }
void GenerationPanel::setPrompt(const QString& prompt) { prompt_->setText(prompt); }
int GenerationPanel::maxNewTokens() const { return tokens_->value(); }

void GenerationPanel::setModelReady(bool ready)
{
    ready_ = ready;
    regenerate_->setEnabled(ready);
    if (!ready)
        clear();
}

void GenerationPanel::clear()
{
    beforeJob_ = afterJob_ = 0;
    beforeText_.clear();
    afterText_.clear();
    before_->setHtml(tr("<i>Apply an edit: the model's continuation before it appears here.</i>"));
    after_->setHtml(tr("<i>…and the continuation after it, here.</i>"));
}

quint64 GenerationPanel::generate(Side side)
{
    if (!ready_ || prompt_->text().trimmed().isEmpty())
        return 0;
    const quint64 id = bridge_->generate(prompt_->text(), tokens_->value());
    (side == Side::Before ? beforeJob_ : afterJob_) = id;
    view(side)->setHtml(tr("<i>generating…</i>"));
    return id;
}

void GenerationPanel::setHighlights(const QString& newTarget, const QString& oldTarget)
{
    newTarget_ = newTarget.trimmed();
    oldTarget_ = oldTarget.trimmed();
    if (!beforeText_.isEmpty())
        show(Side::Before);
    if (!afterText_.isEmpty())
        show(Side::After);
}

QString GenerationPanel::text(Side side) const { return side == Side::Before ? beforeText_ : afterText_; }

void GenerationPanel::show(Side side)
{
    const QString& prompt = side == Side::Before ? beforePrompt_ : afterPrompt_;
    QString body = (side == Side::Before ? beforeText_ : afterText_).toHtmlEscaped();
    // The engine's text may or may not repeat the prompt; show the prompt once, in bold.
    QString shownPrompt = prompt.toHtmlEscaped();
    if (!prompt.isEmpty() && body.startsWith(shownPrompt))
        body = body.mid(shownPrompt.size());
    // Whole words only: a target like " the" must not light up every "then".
    auto mark = [&body](const QString& word, const QString& color) {
        if (word.isEmpty())
            return;
        const QRegularExpression re(u"\\b("_s + QRegularExpression::escape(word.toHtmlEscaped()) + u")\\b"_s);
        body.replace(re, u"<span style='background:"_s + color + u"; color:black'>\\1</span>"_s);
    };
    mark(newTarget_, u"#9fd3f0"_s);
    mark(oldTarget_, u"#d9d9d9"_s);
    body.replace(u'\n', u"<br>"_s);
    view(side)->setHtml(u"<b>"_s + shownPrompt + u"</b>"_s + body);
}

}  // namespace lancet::gui
