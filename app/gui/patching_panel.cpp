#include "patching_panel.h"

#include "buddy_label.h"
#include "patch_check_view.h"
#include "qcp.h"
#include "token_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobError;
using lancet::widgets::TraceHeatmap;
using lancet::widgets::visibleToken;

namespace lancet::gui {

namespace {

QString joinedTokens(const std::vector<std::string>& tokens)
{
    QStringList shown;
    for (const QString& t : lancet::app::tokenLabels(tokens))
        shown << visibleToken(t);
    return shown.join(u" | "_s);
}

// The map rows' labels: a character split over byte-level tokens shown once.
QStringList qtTokens(const std::vector<std::string>& tokens) { return lancet::app::tokenLabels(tokens); }

}  // namespace

PatchingPanel::PatchingPanel(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"patchingPanel"_s);

    clean_ = new QLineEdit(u"The Space Needle is located in the city of"_s, this);
    clean_->setObjectName(u"patchClean"_s);
    clean_->setToolTip(tr("The prompt whose answer you want to locate (A), e.g. “The Space Needle is located in "
                          "the city of” → Seattle."));
    corrupted_ = new QLineEdit(u"The Louvre Museum is located in the city of"_s, this);
    corrupted_->setObjectName(u"patchCorrupted"_s);
    corrupted_->setToolTip(tr("A counterfactual prompt with another answer (B) and the same number of tokens: "
                              "activations are copied position by position between the two runs."));
    cleanAnswer_ = new QLineEdit(this);
    cleanAnswer_->setObjectName(u"patchCleanAnswer"_s);
    cleanAnswer_->setPlaceholderText(tr("clean top-1"));
    cleanAnswer_->setClearButtonEnabled(true);
    cleanAnswer_->setToolTip(tr("Answer A. Empty: the clean prompt's most likely next token."));
    corruptedAnswer_ = new QLineEdit(this);
    corruptedAnswer_->setObjectName(u"patchCorruptedAnswer"_s);
    corruptedAnswer_->setPlaceholderText(tr("corrupted top-1"));
    corruptedAnswer_->setClearButtonEnabled(true);
    corruptedAnswer_->setToolTip(tr("Answer B. Empty: the corrupted prompt's most likely next token."));

    method_ = new QComboBox(this);
    method_->setObjectName(u"patchMethod"_s);
    method_->addItem(tr("Exact"), u"exact"_s);
    method_->addItem(tr("Attribution"), u"attribution"_s);
    method_->setToolTip(tr("Exact: every cell patched for real, many cells per batched forward pass. "
                           "Attribution: every cell estimated at once from one backward pass, "
                           "Δm ≈ (a_source − a_receiving) · ∂m/∂a; fast on a large model, but only a "
                           "first-order guess."));
    direction_ = new QComboBox(this);
    direction_->setObjectName(u"patchDirection"_s);
    direction_->addItem(tr("Denoising"), u"denoising"_s);
    direction_->addItem(tr("Noising"), u"noising"_s);
    direction_->setToolTip(tr("Denoising runs the corrupted prompt and copies in one clean activation: which "
                              "component suffices to bring A back. Noising runs the clean prompt and copies in "
                              "one corrupted activation: which component is necessary."));
    metric_ = new QComboBox(this);
    metric_->setObjectName(u"patchMetric"_s);
    metric_->addItem(tr("Logit difference"), u"logit-diff"_s);
    metric_->addItem(tr("p(A)"), u"prob"_s);
    metric_->setToolTip(tr("Measured at the last position: logit(A) − logit(B), linear in the residual stream "
                           "and never saturating (the field's default), or the probability of A."));

    hidden_ = new QCheckBox(tr("Hidden"), this);
    hidden_->setObjectName(u"patchSiteHidden"_s);
    hidden_->setToolTip(tr("The residual stream after each block."));
    mlp_ = new QCheckBox(tr("MLP"), this);
    mlp_->setObjectName(u"patchSiteMlp"_s);
    mlp_->setToolTip(tr("Each block's MLP output."));
    attn_ = new QCheckBox(tr("Attention"), this);
    attn_->setObjectName(u"patchSiteAttn"_s);
    attn_->setToolTip(tr("Each block's attention output."));
    headsCheck_ = new QCheckBox(tr("Heads"), this);
    headsCheck_->setObjectName(u"patchSiteHeads"_s);
    headsCheck_->setToolTip(tr("Every attention head, patched at all positions at once."));
    for (QCheckBox* c : {hidden_, mlp_, attn_, headsCheck_})
        c->setChecked(true);

    runButton_ = new QPushButton(tr("&Patch"), this);
    runButton_->setObjectName(u"patchRun"_s);
    runButton_->setToolTip(tr("Check that the prompts line up, then patch every cell."));
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(u"patchCancel"_s);
    cancelButton_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setObjectName(u"patchProgress"_s);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setTextVisible(false);
    progress_->setMaximumWidth(180);
    progress_->setMaximumHeight(16);

    auto* prompts = new QGridLayout;
    prompts->addWidget(buddyLabel(tr("C&lean:"), clean_, this), 0, 0);
    prompts->addWidget(clean_, 0, 1);
    prompts->addWidget(buddyLabel(tr("answer A:"), cleanAnswer_, this), 0, 2);
    prompts->addWidget(cleanAnswer_, 0, 3);
    prompts->addWidget(buddyLabel(tr("C&orrupted:"), corrupted_, this), 1, 0);
    prompts->addWidget(corrupted_, 1, 1);
    prompts->addWidget(buddyLabel(tr("answer B:"), corruptedAnswer_, this), 1, 2);
    prompts->addWidget(corruptedAnswer_, 1, 3);
    // Run and cancel beside the prompts, not at the end of the options row:
    // that row then fits the centre of a 1366-px window.
    prompts->addWidget(runButton_, 0, 4);
    prompts->addWidget(cancelButton_, 1, 4);
    prompts->setColumnStretch(1, 4);
    prompts->setColumnStretch(3, 1);
    cleanAnswer_->setMinimumWidth(80);
    corruptedAnswer_->setMinimumWidth(80);

    auto* options = new QHBoxLayout;
    options->addWidget(buddyLabel(tr("Method:"), method_, this));
    options->addWidget(method_);
    options->addWidget(buddyLabel(tr("Direction:"), direction_, this));
    options->addWidget(direction_);
    options->addWidget(buddyLabel(tr("Metric:"), metric_, this));
    options->addWidget(metric_);
    options->addSpacing(8);
    for (QCheckBox* c : {hidden_, mlp_, attn_, headsCheck_})
        options->addWidget(c);
    options->addStretch(1);
    options->addWidget(progress_, 1);

    error_ = new QLabel(this);
    error_->setObjectName(u"patchError"_s);
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(u"QLabel { color: #b00020; }"_s);
    error_->hide();
    summary_ = new QLabel(this);
    summary_->setObjectName(u"patchSummary"_s);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setText(tr("Patching copies one activation at a time between a clean and a counterfactual prompt: "
                         "the cells that carry the answer across show where the model recalls the fact."));

    auto* sites = new QSplitter(Qt::Horizontal, this);
    sites->setChildrenCollapsible(false);
    hiddenMap_ = new TraceHeatmap(sites);
    hiddenMap_->setObjectName(u"patchMapHidden"_s);
    mlpMap_ = new TraceHeatmap(sites);
    mlpMap_->setObjectName(u"patchMapMlp"_s);
    attnMap_ = new TraceHeatmap(sites);
    attnMap_->setObjectName(u"patchMapAttn"_s);
    heads_ = new TraceHeatmap(this);
    heads_->setObjectName(u"patchMapHeads"_s);
    legend_ = new QLabel(this);
    legend_->setObjectName(u"patchLegend"_s);
    legend_->setWordWrap(true);
    legend_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    legend_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    checkView_ = new PatchCheckView(bridge_, this);
    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->setChildrenCollapsible(false);
    lower->addWidget(heads_);
    lower->addWidget(checkView_);
    lower->addWidget(legend_);
    lower->setStretchFactor(0, 2);
    lower->setStretchFactor(1, 3);
    lower->setStretchFactor(2, 2);
    auto* rows = new QSplitter(Qt::Vertical, this);
    rows->setObjectName(u"patchMaps"_s);
    rows->setChildrenCollapsible(false);
    rows->addWidget(sites);
    rows->addWidget(lower);
    rows->setStretchFactor(0, 3);
    rows->setStretchFactor(1, 2);

    const struct {
        TraceHeatmap* map;
        TraceHeatmap::Kind kind;
        QString title;
    } maps[] = {{hiddenMap_, TraceHeatmap::Kind::Hidden, tr("Patching hidden states")},
                {mlpMap_, TraceHeatmap::Kind::Mlp, tr("Patching MLP outputs")},
                {attnMap_, TraceHeatmap::Kind::Attention, tr("Patching attention outputs")},
                {heads_, TraceHeatmap::Kind::Attention, tr("Patching attention heads")}};
    for (const auto& m : maps) {
        m.map->setup({}, 0, 0, 0, m.kind, 1, QString());
        m.map->setTitle(m.title);
        m.map->setScaleLabel(tr("score"));
        m.map->setXAxisLabel(m.map == heads_ ? tr("head (all positions patched at once)") : tr("layer"));
        m.map->setIdleText(tr("Hover a cell to read its score."));
        if (auto* readout = m.map->findChild<QLabel*>(u"traceHeatmapReadout"_s))
            readout->setWordWrap(true);
        const TraceHeatmap::Kind kind = m.map == heads_ ? TraceHeatmap::Kind::Attention : m.kind;
        const bool heads = m.map == heads_;
        m.map->setReadout([this, kind, heads](int row, int column, double value) {
            if (heads) {
                const QString v = std::isnan(value) ? tr("not computed") : tr("score %1").arg(value, 0, 'f', 3);
                return tr("layer %1 · head %2 · %3").arg(row).arg(column).arg(v);
            }
            return cellText(kind, row, column, value);
        });
    }
    teach(false, true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(prompts);
    layout->addLayout(options);
    layout->addWidget(error_);
    layout->addWidget(summary_);
    layout->addWidget(rows, 1);

    lengthTimer_ = new QTimer(this);
    lengthTimer_->setSingleShot(true);
    lengthTimer_->setInterval(400);
    connect(lengthTimer_, &QTimer::timeout, this, [this] {
        if (!modelReady_ || clean_->text().trimmed().isEmpty() || corrupted_->text().trimmed().isEmpty())
            return;
        auto job = bridge_->tokenize({clean_->text(), corrupted_->text()});
        liveCheck_ = job.id;
        job.result.then(this, [this, id = job.id](const EngineBridge::TokenLists& lists) {
            if (id == liveCheck_ && !checking_)
                onTokens(lists, false);
        });
    });
    connect(clean_, &QLineEdit::textChanged, this, &PatchingPanel::scheduleLengthCheck);
    connect(corrupted_, &QLineEdit::textChanged, this, &PatchingPanel::scheduleLengthCheck);
    connect(runButton_, &QPushButton::clicked, this, [this] { run(); });
    connect(clean_, &QLineEdit::returnPressed, this, [this] { run(); });
    connect(corrupted_, &QLineEdit::returnPressed, this, [this] { run(); });
    connect(cancelButton_, &QPushButton::clicked, this, &PatchingPanel::cancel);
    connect(bridge_, &EngineBridge::jobProgress, this, [this](quint64 id, double fraction, const QString&) {
        if (id == running_ && running_) {
            progress_->setRange(0, 1000);
            progress_->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
        }
    });
    // While the check runs, a new patch would replace the estimate under it.
    connect(checkView_, &PatchCheckView::checkStarted, this, [this] { runButton_->setEnabled(false); });
    connect(checkView_, &PatchCheckView::checkFinished, this,
            [this] { runButton_->setEnabled(modelReady_ && !isRunning()); });
    connect(mlpMap_, &TraceHeatmap::cellSelected, this, [this](int position, int layer) {
        Q_EMIT mlpCellSelected(position, layer, mlpMap_->cellValue(position, layer));
    });
    setModelReady(false);
}

QCheckBox* PatchingPanel::siteCheck(const QString& site) const
{
    if (site == u"hidden"_s)
        return hidden_;
    if (site == u"mlp"_s)
        return mlp_;
    if (site == u"attn"_s)
        return attn_;
    if (site == u"heads"_s)
        return headsCheck_;
    return nullptr;
}

TraceHeatmap* PatchingPanel::heatmap(TraceHeatmap::Kind kind) const
{
    switch (kind) {
    case TraceHeatmap::Kind::Mlp: return mlpMap_;
    case TraceHeatmap::Kind::Attention: return attnMap_;
    case TraceHeatmap::Kind::Hidden: break;
    }
    return hiddenMap_;
}

namespace {

// Selects the item whose data is `value`; an unknown value leaves the combo as it is.
void selectData(QComboBox* combo, const QJsonValue& value)
{
    const int i = value.isString() ? combo->findData(value.toString()) : -1;
    if (i >= 0)
        combo->setCurrentIndex(i);
}

void setTextFrom(QLineEdit* edit, const QJsonValue& value)
{
    if (value.isString())
        edit->setText(value.toString());
}

}  // namespace

QJsonObject PatchingPanel::settings() const
{
    QJsonArray sites;
    for (const char* name : {"hidden", "mlp", "attn", "heads"})
        if (siteCheck(QLatin1String(name))->isChecked())
            sites.append(QLatin1String(name));
    return {{u"clean"_s, clean_->text()},
            {u"corrupted"_s, corrupted_->text()},
            {u"clean_answer"_s, cleanAnswer_->text()},
            {u"corrupted_answer"_s, corruptedAnswer_->text()},
            {u"method"_s, method_->currentData().toString()},
            {u"direction"_s, direction_->currentData().toString()},
            {u"metric"_s, metric_->currentData().toString()},
            {u"sites"_s, sites},
            {u"check_cells"_s, checkView_->countSpin()->value()}};
}

void PatchingPanel::setSettings(const QJsonObject& s)
{
    setTextFrom(clean_, s.value(u"clean"_s));
    setTextFrom(corrupted_, s.value(u"corrupted"_s));
    setTextFrom(cleanAnswer_, s.value(u"clean_answer"_s));
    setTextFrom(corruptedAnswer_, s.value(u"corrupted_answer"_s));
    selectData(method_, s.value(u"method"_s));
    selectData(direction_, s.value(u"direction"_s));
    selectData(metric_, s.value(u"metric"_s));
    if (s.value(u"sites"_s).isArray()) {
        const QJsonArray sites = s.value(u"sites"_s).toArray();
        for (const char* name : {"hidden", "mlp", "attn", "heads"})
            siteCheck(QLatin1String(name))->setChecked(sites.contains(QLatin1String(name)));
    }
    if (s.value(u"check_cells"_s).isDouble())
        checkView_->countSpin()->setValue(s.value(u"check_cells"_s).toInt());  // clamped to the spin box's range
}

bool PatchingPanel::isRunning() const { return checking_ != 0 || running_ != 0 || checkView_->isRunning(); }

void PatchingPanel::weightsChanged()
{
    if (checkView_->hasEstimate())
        checkView_->clearEstimate(tr("The weights changed since the estimate: run attribution patching again to check "
                                     "it against them."));
}

void PatchingPanel::setModelReady(bool ready)
{
    modelReady_ = ready;
    if (!ready) {
        cancel();
        checkView_->clearEstimate(tr("Run attribution patching, then check its strongest cells here by patching them "
                                     "exactly."));
        hasResult_ = false;
        for (TraceHeatmap* m : {hiddenMap_, mlpMap_, attnMap_, heads_})
            m->setup({}, 0, 0, 0, m->kind(), 1, QString());
    }
    runButton_->setEnabled(ready && !isRunning());
    if (ready)
        scheduleLengthCheck();
}

void PatchingPanel::scheduleLengthCheck() { lengthTimer_->start(); }

lancet::PatchRequest PatchingPanel::request() const
{
    lancet::PatchRequest r;
    r.clean_prompt = clean_->text().toStdString();
    r.corrupted_prompt = corrupted_->text().toStdString();
    r.clean_answer = cleanAnswer_->text().toStdString();
    r.corrupted_answer = corruptedAnswer_->text().toStdString();
    r.sites.clear();
    if (hidden_->isChecked())
        r.sites.push_back(lancet::PatchSite::Hidden);
    if (mlp_->isChecked())
        r.sites.push_back(lancet::PatchSite::Mlp);
    if (attn_->isChecked())
        r.sites.push_back(lancet::PatchSite::Attn);
    r.heads = headsCheck_->isChecked();
    r.direction = direction_->currentData().toString() == u"noising"_s ? lancet::PatchDirection::Noising
                                                                       : lancet::PatchDirection::Denoising;
    r.metric = metric_->currentData().toString() == u"prob"_s ? lancet::PatchMetric::Probability
                                                              : lancet::PatchMetric::LogitDiff;
    return r;
}

quint64 PatchingPanel::run()
{
    if (!modelReady_ || isRunning())
        return 0;
    if (clean_->text().trimmed().isEmpty() || corrupted_->text().trimmed().isEmpty()) {
        showError(tr("Type a clean prompt and a corrupted (counterfactual) prompt."));
        return 0;
    }
    const lancet::PatchRequest r = request();
    if (r.sites.empty() && !r.heads) {
        showError(tr("Pick at least one site to patch."));
        return 0;
    }
    // Lengths first (a short job): a mismatch is the commonest mistake, and it
    // deserves both tokenizations rather than a failed run.
    lengthTimer_->stop();
    auto job = bridge_->tokenize({clean_->text(), corrupted_->text()});
    checking_ = job.id;
    setBusy(true);
    progress_->setRange(0, 0);  // busy until the engine reports a fraction
    summary_->setText(tr("Checking that the prompts line up…"));
    // Continuations last: on a finished future they run at once, inside this call.
    job.result
        .then(this, [this, id = job.id](const EngineBridge::TokenLists& lists) {
            if (id == checking_)
                onTokens(lists, true);
        })
        .onFailed(this, [this, id = job.id](const JobError& e) {
            if (id == checking_)
                onFailed(e);
        });
    return job.id;
}

void PatchingPanel::cancel()
{
    checkView_->cancel();
    if (running_)
        bridge_->cancel(running_);
    else if (checking_) {
        // Nothing has been patched yet: forget the check, the run never starts.
        checking_ = 0;
        setBusy(false);
        summary_->setText(tr("Patching cancelled."));
        Q_EMIT patchingFinished(false);
    }
}

void PatchingPanel::onTokens(const EngineBridge::TokenLists& lists, bool thenRun)
{
    const bool mismatch = lists.size() == 2 && lists[0].size() != lists[1].size();
    if (mismatch) {
        showError(tr("The prompts tokenize to %1 and %2 tokens. Patching copies activations position by position, "
                     "so pick a counterfactual whose changed words take as many tokens as the originals.\n"
                     "clean (%1): %3\ncorrupted (%2): %4")
                      .arg(lists[0].size())
                      .arg(lists[1].size())
                      .arg(joinedTokens(lists[0]), joinedTokens(lists[1])));
    } else {
        error_->hide();
    }
    if (!thenRun)
        return;
    checking_ = 0;
    if (mismatch) {
        setBusy(false);
        summary_->setText(tr("Not patched: the prompts do not line up."));
        Q_EMIT patchingFinished(false);
        return;
    }
    runAttribution_ = method_->currentData().toString() == u"attribution"_s;
    pendingPrompt_ = clean_->text();
    pendingRequest_ = request();
    auto job = bridge_->patch(pendingRequest_, runAttribution_);
    running_ = job.id;
    summary_->setText(runAttribution_ ? tr("Estimating every cell from one backward pass… (Cancel stops it)")
                                      : tr("Patching every cell… (Cancel stops it)"));
    Q_EMIT patchingStarted(running_);
    job.result
        .then(this, [this, id = job.id](const lancet::PatchResult& r) {
            if (id == running_)
                onResult(r);
        })
        .onFailed(this, [this, id = job.id](const JobError& e) {
            if (id == running_)
                onFailed(e);
        });
}

void PatchingPanel::onResult(const lancet::PatchResult& r)
{
    running_ = 0;
    setBusy(false);
    result_ = r;
    hasResult_ = true;
    patchedPrompt_ = pendingPrompt_;
    error_->hide();
    const QStringList tokens = qtTokens(r.clean_tokens);
    // The swapped words are the "subject" of this pair: starred on the token axis.
    int first = -1;
    int last = -1;
    for (size_t t = 0; t < r.clean_tokens.size() && t < r.corrupted_tokens.size(); ++t)
        if (r.clean_tokens[t] != r.corrupted_tokens[t]) {
            first = first < 0 ? int(t) : first;
            last = int(t);
        }
    const int begin = std::max(first, 0);
    const int end = first < 0 ? 0 : last + 1;
    const QString answer = QString::fromStdString(r.clean_answer);
    for (TraceHeatmap* m : {hiddenMap_, mlpMap_, attnMap_})
        m->setVisible(false);
    for (const lancet::PatchMap& map : r.maps) {
        TraceHeatmap* m = map.site == lancet::PatchSite::Mlp    ? mlpMap_
                          : map.site == lancet::PatchSite::Attn ? attnMap_
                                                                : hiddenMap_;
        const int layers = map.scores.empty() ? 0 : int(map.scores.front().size());
        m->setup(tokens, begin, end, layers, m->kind(), 1, answer);
        m->setScores(0.0, 1.0);  // the colour starts at "behaves as the corrupted prompt"
        for (size_t t = 0; t < map.scores.size(); ++t)
            m->setRow(int(t), QVector<double>(map.scores[t].begin(), map.scores[t].end()));
        m->setVisible(true);
    }
    heads_->setVisible(!r.heads.empty());
    if (!r.heads.empty()) {
        QStringList rows;
        for (size_t l = 0; l < r.heads.size(); ++l)
            rows << u"L%1"_s.arg(l);
        heads_->setup(rows, 0, 0, int(r.heads.front().size()), TraceHeatmap::Kind::Attention, 1, answer);
        heads_->setScores(0.0, 1.0);
        for (size_t l = 0; l < r.heads.size(); ++l)
            heads_->setRow(int(l), QVector<double>(r.heads[l].begin(), r.heads[l].end()));
    }
    teach(r.method == "attribution", r.protocol.find("/noising") == std::string::npos);
    if (r.method == "attribution")
        checkView_->setEstimate(pendingRequest_, r);
    else
        checkView_->clearEstimate(tr("These scores are exact already. Switch the method to Attribution to estimate "
                                     "every cell, then check the estimate here."));
    const bool logitDiff = r.protocol.find("logit-diff") != std::string::npos;
    summary_->setText(tr("%1: answer A %2, answer B %3; %4 on the clean prompt %5, on the corrupted one %6 · "
                         "%7 forward and %8 backward passes in %9 s")
                          .arg(runAttribution_ ? tr("Attribution patching") : tr("Activation patching"),
                               visibleToken(answer), visibleToken(QString::fromStdString(r.corrupted_answer)),
                               logitDiff ? tr("logit(A) − logit(B)") : tr("p(A)"))
                          .arg(r.clean_metric, 0, 'f', 3)
                          .arg(r.corrupted_metric, 0, 'f', 3)
                          .arg(r.forward_passes)
                          .arg(r.backward_passes)
                          .arg(r.seconds, 0, 'f', 2));
    Q_EMIT patchingFinished(true);
}

void PatchingPanel::onFailed(const JobError& e)
{
    running_ = 0;
    checking_ = 0;
    setBusy(false);
    if (e.cancelled()) {
        summary_->setText(tr("Patching cancelled: the maps keep the previous result."));
    } else {
        showError(e.message);
        summary_->setText(tr("Patching failed."));
    }
    Q_EMIT patchingFinished(false);
}

void PatchingPanel::showError(const QString& text)
{
    error_->setText(text);
    error_->show();
}

void PatchingPanel::setBusy(bool busy)
{
    runButton_->setEnabled(!busy && modelReady_);
    cancelButton_->setEnabled(busy);
    checkView_->setEnabled(!busy);  // one engine job of this tab at a time
    if (!busy) {
        progress_->setRange(0, 1000);
        progress_->setValue(0);
    }
}

QString PatchingPanel::swappedText() const
{
    // The bytes joined before decoding: a character split over two swapped
    // tokens decodes whole, where decoding each piece gave two U+FFFD.
    std::string bytes;
    for (size_t t = 0; t < result_.clean_tokens.size() && t < result_.corrupted_tokens.size(); ++t)
        if (result_.clean_tokens[t] != result_.corrupted_tokens[t])
            bytes += result_.clean_tokens[t];
    return QString::fromStdString(bytes).trimmed();
}

QString PatchingPanel::cellText(TraceHeatmap::Kind kind, int position, int layer, double value) const
{
    const auto& clean = result_.clean_tokens;
    const auto& corrupted = result_.corrupted_tokens;
    if (position < 0 || size_t(position) >= clean.size())
        return {};
    QString where = tr("position %1 “%2”").arg(position).arg(visibleToken(QString::fromStdString(clean[size_t(position)])));
    if (size_t(position) < corrupted.size() && corrupted[size_t(position)] != clean[size_t(position)])
        where += tr(" (corrupted “%1”)").arg(visibleToken(QString::fromStdString(corrupted[size_t(position)])));
    where += tr(" · layer %1").arg(layer);
    if (std::isnan(value))
        return where + u" · "_s + tr("not computed");
    QString text = where + u" · "_s
                   + (result_.method == "attribution" ? tr("estimated score ≈ %1") : tr("score %1")).arg(value, 0, 'f', 3);
    if (kind == TraceHeatmap::Kind::Mlp)
        text += u" · "_s + tr("click to edit at this layer");
    return text;
}

// Tooltips that teach what the colours mean, for the method and direction shown.
void PatchingPanel::teach(bool attribution, bool denoising)
{
    const QString how = denoising ? tr("Each cell copies one activation of the clean run into the corrupted run "
                                       "(denoising).")
                                  : tr("Each cell copies one activation of the corrupted run into the clean run "
                                       "(noising).");
    const QString scale = tr("Score 1: the model now behaves as on the clean prompt; 0: as on the corrupted "
                             "prompt. Values beyond 0 or 1 overshoot.");
    const QString estimate = attribution
                                 ? u"\n"_s + tr("Attribution patching estimates each score from one backward pass, "
                                               "Δm ≈ (a_source − a_receiving) · ∂m/∂a: cheap, but it fails where the "
                                               "metric saturates or the patch is large (whole residual streams at "
                                               "early layers). Check strong cells with Exact.")
                                 : QString();
    hiddenMap_->setToolTip(tr("Patching the residual stream after a block, at one position and layer.") + u"\n"_s + how
                           + u" "_s + scale + estimate);
    mlpMap_->setToolTip(tr("Patching one MLP output, at one position and layer. A strong cell at the last subject "
                           "token in the middle layers is where an MLP edit (ROME, MEMIT) writes the fact: click "
                           "it to edit at that layer.")
                        + u"\n"_s + how + u" "_s + scale + estimate);
    attnMap_->setToolTip(tr("Patching one attention output, at one position and layer. Attention matters late, at "
                            "the last token, where it moves the recalled fact to the prediction.")
                         + u"\n"_s + how + u" "_s + scale + estimate);
    heads_->setToolTip(tr("Patching one attention head's output at every position at once (rows: layers, "
                          "columns: heads).")
                       + u"\n"_s + scale + estimate);
    legend_->setText(scale + u"\n\n"_s + how + estimate + u"\n\n"_s
                     + tr("Starred tokens differ between the two prompts. Click an MLP cell to edit at its layer."));
}

}  // namespace lancet::gui
