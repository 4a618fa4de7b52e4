#include "prompt_panel.h"

#include "engine_bridge.h"
#include "topk_bar_chart.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;

namespace lancet::gui {

namespace {
constexpr int kDebounceMs = 150;
constexpr int kTopK = 10;
constexpr int kCompareK = 4;
constexpr int kBaseCacheSize = 256;
}  // namespace

PromptPanel::PromptPanel(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"promptPanel"_s);
    auto* label = new QLabel(tr("&Prompt:"), this);
    edit_ = new QLineEdit(this);
    edit_->setObjectName(u"promptEdit"_s);
    edit_->setPlaceholderText(tr("Type a prompt: The Space Needle is located in the city of"));
    edit_->setClearButtonEnabled(true);
    edit_->setToolTip(tr("The model's next-token distribution updates as you type. "
                         "This prompt is also the one Trace (Ctrl+T) locates the fact in."));
    label->setBuddy(edit_);
    status_ = new QLabel(this);
    status_->setObjectName(u"promptStatus"_s);
    status_->setTextFormat(Qt::PlainText);

    chart_ = new lancet::widgets::TopKBarChart(this);
    chart_->setObjectName(u"topkChart"_s);
    chart_->setTitle(tr("Next token"));
    chart_->setToolTip(tr("The %1 most likely next tokens. Click a token to make it the edit's new target. "
                          "After an edit, grey bars show the base model's probabilities for the same prompt.")
                           .arg(kTopK));
    // No fixed minimum: the chart's own hint gives each row a line of text.

    // A first start is an empty workbench: say what to do first, in the place
    // the chart will take, until the user types a prompt.
    hint_ = new QLabel(this);
    hint_->setObjectName(u"startHint"_s);
    hint_->setWordWrap(true);
    hint_->setTextFormat(Qt::RichText);
    hint_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    hint_->setFrameShape(QFrame::StyledPanel);
    hint_->setMargin(10);
    hint_->setAutoFillBackground(true);
    hint_->setBackgroundRole(QPalette::Base);
    hint_->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    hint_->setText(
        tr("<p style='font-size:large'><b>Start here</b></p>"
           "<ol style='margin-left:-20px'>"
           "<li><b>Type a prompt</b> that states a fact in the box above, e.g. <i>%1</i> "
           "(<a href='example'>use this example</a>). The bars show the model's next token.</li>"
           "<li>Press <b>Trace</b> (Ctrl+T): the heat maps below show where the model recalls the fact. "
           "Click a bright cell of the MLP map to edit at its layer.</li>"
           "<li><b>Click a bar</b> to make that token the new answer (or type one in the Edit panel), "
           "then <b>Apply Edit</b> (Ctrl+Return).</li>"
           "<li>Read the <b>Scorecard</b> at the bottom: before vs after. Ctrl+Z takes the edit back.</li>"
           "</ol>")
            .arg(examplePrompt().toHtmlEscaped()));
    connect(hint_, &QLabel::linkActivated, this, [this](const QString&) {
        edit_->setText(examplePrompt());
        edit_->setFocus(Qt::OtherFocusReason);
    });

    auto* row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(edit_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addLayout(row);
    layout->addWidget(status_);
    layout->addWidget(hint_, 1);
    layout->addWidget(chart_, 1);

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    connect(debounce_, &QTimer::timeout, this, &PromptPanel::request);
    connect(edit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (!text.trimmed().isEmpty())
            acted_ = true;
        updateHint();
        Q_EMIT promptChanged(text);
        debounce_->start();
    });
    connect(chart_, &lancet::widgets::TopKBarChart::tokenActivated, this, [this](int, const QString& label) {
        const QString text = labelText_.value(label, label);
        if (text.contains(QChar::ReplacementCharacter)) {
            setStatus(tr("“%1” is part of a character, not a whole one: it cannot be a target on its own.")
                          .arg(label),
                      true);
            return;
        }
        Q_EMIT tokenActivated(text);
    });
    connect(bridge_, &EngineBridge::jobFinished, this, [this](quint64 id, JobKind kind, const QJsonObject& result) {
        if (kind == JobKind::Predict)
            onFinished(id, result);
    });
    connect(bridge_, &EngineBridge::jobFailed, this,
            [this](quint64 id, JobKind kind, const lancet::app::JobError& e) {
                if (kind == JobKind::Predict)
                    onFailed(id, e.message, e.cancelled());
            });
    setStatus(tr("Open a model to see what it predicts."));
    updateHint();
}

QString PromptPanel::examplePrompt() { return u"The Space Needle is located in the city of"_s; }

bool PromptPanel::startHintShown() const { return !hint_->isHidden(); }

void PromptPanel::updateHint()
{
    const bool show = !acted_ && edit_->text().trimmed().isEmpty();
    hint_->setVisible(show);
    chart_->setVisible(!show);
}

QString PromptPanel::prompt() const { return edit_->text(); }

void PromptPanel::setPrompt(const QString& text)
{
    if (edit_->text() == text)
        return;
    edit_->setText(text);
}

int PromptPanel::debounceMs() const { return debounce_->interval(); }

QString PromptPanel::statusText() const { return status_->text(); }

void PromptPanel::setModelReady(bool ready)
{
    ready_ = ready;
    // A prompt already in the box (restored, or typed while the model loaded)
    // gets its bars as soon as the model can answer, not at the next keystroke.
    if (ready && !edit_->text().trimmed().isEmpty())
        refresh();
    if (!ready) {
        latest_ = 0;  // whatever was pending belongs to the previous model
        base_.clear();
        chart_->clear();
        shownPrompt_.clear();
        shownTokens_.clear();
        shownProbs_.clear();
        labelText_.clear();
        setStatus(tr("Open a model to see what it predicts."));
    }
}

void PromptPanel::setEditsApplied(int count)
{
    edits_ = count;
    refresh();
}

void PromptPanel::refresh()
{
    debounce_->stop();
    request();
}

void PromptPanel::request()
{
    if (!ready_)
        return;
    const QString text = edit_->text();
    if (text.trimmed().isEmpty()) {
        latest_ = 0;
        chart_->clear();
        shownPrompt_.clear();
        shownTokens_.clear();
        shownProbs_.clear();
        setStatus(tr("Type a prompt to see the model's next token."));
        return;
    }
    latestPrompt_ = text;
    latest_ = bridge_->predict(text, kTopK);
}

void PromptPanel::onFinished(quint64 id, const QJsonObject& result)
{
    if (id != latest_)
        return;  // the user has typed on since
    // The chart shows labels (a piece of a split character as \xNN, not "�");
    // topTokens() and a clicked bar give the tokens' texts.
    QStringList tokens, texts;
    QVector<double> probs;
    for (const QJsonValue& v : result.value(u"top"_s).toArray()) {
        const QJsonObject t = v.toObject();
        const QString text = t.value(u"text"_s).toString();
        const QString label = t.value(u"label"_s).toString(text);
        tokens << label;
        texts << text;
        labelText_.insert(label, text);
        probs << t.value(u"prob"_s).toDouble();
    }
    const QString prompt = result.value(u"prompt"_s).toString(latestPrompt_);
    if (edits_ == 0) {
        if (base_.size() >= kBaseCacheSize)
            base_.clear();
        base_.insert(prompt, {tokens, probs});
    }
    const auto base = base_.constFind(prompt);
    if (edits_ > 0 && base != base_.cend()) {
        // Two top-k lists make up to 2k rows: compare the heads only, so the
        // rows stay readable at the chart's height.
        chart_->setDistribution(tokens.mid(0, kCompareK), probs.mid(0, kCompareK), tr("edited"));
        chart_->setComparison(base->tokens.mid(0, kCompareK), base->probs.mid(0, kCompareK), tr("base model"));
    } else {
        chart_->setDistribution(tokens, probs, tr("model"));
        chart_->clearComparison();
    }
    shownPrompt_ = prompt;
    shownTokens_ = texts;
    shownProbs_ = probs;
    const int n = int(result.value(u"tokens"_s).toArray().size());
    setStatus(tr("%n prompt token(s)", nullptr, n) +
              (edits_ > 0 ? tr(" · with %n edit(s) applied", nullptr, edits_) : QString()));
    Q_EMIT predictionShown(prompt);
}

void PromptPanel::onFailed(quint64 id, const QString& message, bool cancelled)
{
    if (cancelled || id != latest_)
        return;  // superseded by a newer prompt: not an error
    setStatus(message, true);
    Q_EMIT predictionFailed(message);
}

void PromptPanel::setStatus(const QString& text, bool error)
{
    status_->setText(text);
    if (error) {
        QPalette pal = status_->palette();
        pal.setColor(QPalette::WindowText, QColor(0xd5, 0x5e, 0x00));
        status_->setPalette(pal);
    } else {
        status_->setPalette(QPalette());
    }
}

}  // namespace lancet::gui
