#include "trace_panel.h"

#include "buddy_label.h"
#include "engine_bridge.h"
#include "qcp.h"
#include "token_text.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;
using lancet::widgets::TraceHeatmap;

namespace lancet::gui {

QJsonObject TraceSettings::toJson() const
{
    return {{u"subject"_s, subject},
            {u"target"_s, target},
            {u"samples"_s, samples},
            {u"noise_multiplier"_s, noiseMultiplier},
            {u"window"_s, window},
            {u"seed"_s, double(seed)}};
}

TraceSettings TraceSettings::fromJson(const QJsonObject& o)
{
    TraceSettings s;
    s.subject = o.value(u"subject"_s).toString();
    s.target = o.value(u"target"_s).toString();
    s.samples = o.value(u"samples"_s).toInt(10);
    s.noiseMultiplier = o.value(u"noise_multiplier"_s).toDouble(3.0);
    s.window = o.value(u"window"_s).toInt(0);
    s.seed = quint64(o.value(u"seed"_s).toDouble(1));
    return s;
}

namespace {
// Three maps side by side leave each about a third of the centre: the paper's
// long titles get a slightly smaller font (the map wraps them to its width)
// and the hover read-out wraps instead of being cut off.
void compactHeatmap(TraceHeatmap* map)
{
    if (auto* title = qobject_cast<QCPTextElement*>(map->plot()->plotLayout()->element(0, 0))) {
        QFont f = title->font();
        f.setPointSizeF(std::max(7.0, map->font().pointSizeF() - 0.5));
        title->setFont(f);
    }
    if (auto* readout = map->findChild<QLabel*>(QStringLiteral("traceHeatmapReadout"))) {
        readout->setWordWrap(true);
        readout->setMinimumHeight(readout->fontMetrics().lineSpacing() * 2 + 6);
        readout->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    }
}

}  // namespace

TracePanel::TracePanel(EngineBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    setObjectName(u"tracePanel"_s);

    subject_ = new QLineEdit(this);
    subject_->setObjectName(u"traceSubject"_s);
    subject_->setPlaceholderText(tr("guessed from the prompt"));
    subject_->setClearButtonEnabled(true);
    subject_->setToolTip(tr("The words whose embeddings get corrupted. Leave empty to use the first "
                            "capitalised phrase of the prompt, as the ROME reference code does."));
    target_ = new QLineEdit(this);
    target_->setObjectName(u"traceTarget"_s);
    target_->setPlaceholderText(tr("model's top-1"));
    target_->setClearButtonEnabled(true);
    target_->setToolTip(tr("The answer whose probability is measured. Empty: the token the clean model "
                           "finds most likely."));
    samples_ = new QSpinBox(this);
    samples_->setObjectName(u"traceSamples"_s);
    samples_->setRange(1, 100000);
    samples_->setValue(10);
    samples_->setToolTip(tr("Noise samples averaged per cell. The paper uses 10; more samples give smoother "
                            "maps and take proportionally longer."));
    noise_ = new QDoubleSpinBox(this);
    noise_->setObjectName(u"traceNoise"_s);
    noise_->setRange(0.0, 100.0);
    noise_->setDecimals(1);
    noise_->setSingleStep(0.5);
    noise_->setValue(3.0);
    noise_->setSuffix(tr(" σ"));
    noise_->setToolTip(tr("Standard deviation of the Gaussian noise added to the subject's embeddings, in "
                          "units of σ, the spread of real token embeddings. 3σ is the paper's choice: large "
                          "enough to wipe out what the model knows about the subject (the answer's probability "
                          "collapses), yet of the same scale as real embeddings, so the model still sees a "
                          "plausible input rather than garbage."));
    window_ = new QSpinBox(this);
    window_->setObjectName(u"traceWindow"_s);
    window_->setRange(0, 1000);
    window_->setValue(0);
    window_->setSpecialValueText(tr("auto"));
    window_->setToolTip(tr("For the MLP and attention maps, each cell restores a window of this many "
                           "consecutive layers centred on its column, not a single layer: one layer's MLP "
                           "alone rarely carries enough of the signal to show. Auto keeps the paper's share of "
                           "the depth (10 of GPT-2 XL's 48 layers), at least 3 and at most 10: 3 on the 8-layer "
                           "demo model. A window as deep as the model restores every layer in every column, and "
                           "the map goes flat."));
    seed_ = new QSpinBox(this);
    seed_->setObjectName(u"traceSeed"_s);
    seed_->setRange(0, 1 << 30);
    seed_->setValue(1);
    seed_->setToolTip(tr("Seed of the noise draws: the same seed gives the same map."));

    traceButton_ = new QToolButton(this);
    traceButton_->setObjectName(u"traceButton"_s);
    traceButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    cancelButton_ = new QToolButton(this);
    cancelButton_->setObjectName(u"traceCancelButton"_s);
    cancelButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    subject_->setMinimumWidth(150);
    target_->setMinimumWidth(90);
    auto* controls = new QHBoxLayout;
    controls->addWidget(buddyLabel(tr("S&ubject:"), subject_, this));
    controls->addWidget(subject_, 2);
    controls->addWidget(buddyLabel(tr("Tar&get:"), target_, this));
    controls->addWidget(target_, 1);
    controls->addWidget(traceButton_);
    controls->addWidget(cancelButton_);
    auto* params = new QHBoxLayout;
    params->addWidget(buddyLabel(tr("Samples:"), samples_, this));
    params->addWidget(samples_);
    params->addWidget(buddyLabel(tr("Noise:"), noise_, this));
    params->addWidget(noise_);
    params->addWidget(buddyLabel(tr("Window:"), window_, this));
    params->addWidget(window_);
    params->addWidget(buddyLabel(tr("Seed:"), seed_, this));
    params->addWidget(seed_);
    params->addStretch(1);

    summary_ = new QLabel(this);
    summary_->setObjectName(u"traceSummary"_s);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setText(tr("Trace (Ctrl+T) corrupts the subject with noise, then restores one internal state at a "
                         "time: the cells that bring the answer back show where the model recalls the fact."));

    maps_ = new QSplitter(Qt::Horizontal, this);
    maps_->setChildrenCollapsible(false);
    hidden_ = new TraceHeatmap(maps_);
    hidden_->setObjectName(u"heatmapHidden"_s);
    mlp_ = new TraceHeatmap(maps_);
    mlp_->setObjectName(u"heatmapMlp"_s);
    attn_ = new TraceHeatmap(maps_);
    attn_->setObjectName(u"heatmapAttn"_s);
    hidden_->setToolTip(tr("Restoring the whole hidden state at one token and layer. Early-layer peaks at the "
                           "last subject token and late peaks at the last token are the typical pattern."));
    mlp_->setToolTip(tr("Restoring MLP outputs (a window of layers). A peak at the last subject token in the "
                        "middle layers is where ROME edits: click a cell to use its layer."));
    attn_->setToolTip(tr("Restoring attention outputs (a window of layers). Attention matters late, at the last "
                         "token, where it moves the recalled fact to the prediction."));
    for (TraceHeatmap* map : {hidden_, mlp_, attn_}) {
        // No fixed minimum: the map's own hint grows with the prompt so that
        // token labels never overprint (the centre scrolls on a short screen).
        maps_->addWidget(map);
        compactHeatmap(map);
    }
    hidden_->setup({}, 0, 0, 0, TraceHeatmap::Kind::Hidden, 1, QString());
    mlp_->setup({}, 0, 0, 0, TraceHeatmap::Kind::Mlp, 1, QString());
    attn_->setup({}, 0, 0, 0, TraceHeatmap::Kind::Attention, 1, QString());
    retitle();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addLayout(params);
    layout->addWidget(summary_);
    layout->addWidget(maps_, 1);

    for (TraceHeatmap* map : {hidden_, mlp_, attn_}) {
        connect(map, &TraceHeatmap::cellSelected, this, [this, map](int token, int layer) {
            for (TraceHeatmap* other : {hidden_, mlp_, attn_})
                if (other != map)
                    other->selectCell(token, layer);
            Q_EMIT cellSelected(map->kind(), token, layer);
        });
    }
    connect(bridge_, &EngineBridge::traceSetup, this, &TracePanel::onSetup);
    connect(bridge_, &EngineBridge::traceChunk, this, &TracePanel::onChunk);
    connect(bridge_, &EngineBridge::jobFinished, this, [this](quint64 id, JobKind, const QJsonObject& result) {
        if (id == running_)
            onFinished(id, result);
    });
    connect(bridge_, &EngineBridge::jobFailed, this,
            [this](quint64 id, JobKind, const lancet::app::JobError& e) {
                if (id == running_)
                    onFailed(id, e.message, e.cancelled());
            });
}

void TracePanel::setActions(QAction* trace, QAction* cancel)
{
    traceButton_->setDefaultAction(trace);
    cancelButton_->setDefaultAction(cancel);
}

TraceHeatmap* TracePanel::heatmap(Kind kind) const
{
    switch (kind) {
    case Kind::Mlp: return mlp_;
    case Kind::Attention: return attn_;
    case Kind::Hidden: break;
    }
    return hidden_;
}

TraceHeatmap* TracePanel::heatmapNamed(const QString& kind) const
{
    if (kind == u"mlp"_s)
        return mlp_;
    if (kind == u"attn"_s || kind == u"attention"_s)
        return attn_;
    if (kind == u"hidden"_s)
        return hidden_;
    return nullptr;
}

void TracePanel::retitle()
{
    // The paper's titles ("Impact of restoring MLP after corrupted input") do
    // not fit a third of the window; the short form says the same beside the
    // axis label, and the long one stays in the tooltip.
    const int window = effectiveWindow();
    for (TraceHeatmap* map : {hidden_, mlp_, attn_})
        map->setTitle(map->kind() == Kind::Hidden ? tr("Restoring hidden states")
                      : map->kind() == Kind::Mlp  ? tr("Restoring MLP outputs (window %1)").arg(window)
                                                  : tr("Restoring attention (window %1)").arg(window));
}

void TracePanel::setPartial(bool partial)
{
    for (TraceHeatmap* map : {hidden_, mlp_, attn_})
        map->setPartial(partial);
    retitle();
}

void TracePanel::selectCell(Kind kind, int token, int layer)
{
    for (TraceHeatmap* map : {hidden_, mlp_, attn_})
        map->selectCell(token, layer);
    Q_EMIT cellSelected(kind, token, layer);
}

int TracePanel::peakLayer(Kind kind, int token) const
{
    const TraceHeatmap* map = heatmap(kind);
    int best = -1;
    double bestValue = 0;
    for (int l = 0; l < map->layerCount(); ++l) {
        const double v = map->cellValue(token, l);
        if (!std::isnan(v) && (best < 0 || v > bestValue)) {
            best = l;
            bestValue = v;
        }
    }
    return best;
}

TraceSettings TracePanel::settings() const
{
    TraceSettings s;
    s.subject = subject_->text();
    s.target = target_->text();
    s.samples = samples_->value();
    s.noiseMultiplier = noise_->value();
    s.window = window_->value();
    s.seed = quint64(seed_->value());
    return s;
}

void TracePanel::setSettings(const TraceSettings& s)
{
    subject_->setText(s.subject);
    target_->setText(s.target);
    samples_->setValue(s.samples);
    noise_->setValue(s.noiseMultiplier);
    window_->setValue(s.window);
    seed_->setValue(int(s.seed));
}

void TracePanel::setModelReady(bool ready, int layers)
{
    layers_ = ready ? layers : 0;
    setupWindow_ = 0;
    if (!ready) {
        cancel();
        running_ = 0;
        lastResult_ = {};
        for (TraceHeatmap* map : {hidden_, mlp_, attn_})
            map->setup({}, 0, 0, 0, map->kind(), 1, QString());
    }
    retitle();  // the auto window depends on the model's depth
}

int TracePanel::effectiveWindow() const
{
    if (window_->value() > 0)
        return window_->value();
    // The window the engine used for the running trace, else the rule it will use.
    return setupWindow_ > 0 ? setupWindow_ : lancet::app::defaultTraceWindow(layers_);
}

quint64 TracePanel::startTrace(const QString& prompt)
{
    if (running_ || prompt.trimmed().isEmpty())
        return 0;
    lancet::app::TraceParams p;
    const TraceSettings s = settings();
    p.prompt = prompt;
    p.subject = s.subject.trimmed();
    p.target = s.target;
    p.samples = s.samples;
    p.noiseMultiplier = s.noiseMultiplier;
    p.window = s.window;
    p.seed = s.seed;
    // Small chunks stream often enough to watch the map fill, even on a big model.
    p.maxCellsPerChunk = 8;
    setupSeen_ = false;
    setupWindow_ = 0;
    pendingPrompt_ = prompt;
    lastResult_ = {};
    setPartial(false);
    summary_->setText(tr("Tracing “%1”… the maps fill in as cells are computed (Esc cancels).").arg(prompt));
    running_ = bridge_->trace(p);
    Q_EMIT traceStarted(running_);
    return running_;
}

void TracePanel::cancel()
{
    if (running_)
        bridge_->cancel(running_);
}

void TracePanel::onSetup(quint64 id, const QJsonObject& setup)
{
    if (id != running_)
        return;
    setupSeen_ = true;
    // The rows' labels: characters split over byte-level tokens joined (a
    // Chinese prompt's "tokens" hold U+FFFD for each piece); older results have none.
    QStringList tokens;
    const bool labelled = setup.contains(u"labels"_s);
    for (const QJsonValue& v : setup.value(labelled ? u"labels"_s : u"tokens"_s).toArray())
        tokens << v.toString();
    const QJsonObject subject = setup.value(u"subject"_s).toObject();
    const QJsonArray range = subject.value(u"range"_s).toArray();
    subjectBegin_ = range.size() > 0 ? range[0].toInt() : 0;
    subjectEnd_ = range.size() > 1 ? range[1].toInt() : 0;
    tracedSubject_ = subject.value(u"text"_s).toString();
    answer_ = setup.value(u"answer"_s).toObject().value(u"text"_s).toString();
    tracedPrompt_ = pendingPrompt_;
    const int layers = setup.value(u"n_layer"_s).toInt(layers_);
    if (layers > 0)
        layers_ = layers;
    setupWindow_ = setup.value(u"window"_s).toInt(0);
    const int window = effectiveWindow();
    const double low = setup.value(u"low_score"_s).toDouble();
    const double high = setup.value(u"high_score"_s).toDouble();
    hidden_->setup(tokens, subjectBegin_, subjectEnd_, layers_, TraceHeatmap::Kind::Hidden, 1, answer_);
    mlp_->setup(tokens, subjectBegin_, subjectEnd_, layers_, TraceHeatmap::Kind::Mlp, window, answer_);
    attn_->setup(tokens, subjectBegin_, subjectEnd_, layers_, TraceHeatmap::Kind::Attention, window, answer_);
    for (TraceHeatmap* map : {hidden_, mlp_, attn_})
        map->setScores(low, high);
    retitle();

    QString text = tr("Answer %1: p = %2 on the clean prompt, %3 with “%4” corrupted")
                       .arg(lancet::widgets::visibleToken(answer_), lancet::widgets::formatProbability(high),
                            lancet::widgets::formatProbability(low), tracedSubject_);
    if (subject.value(u"guessed"_s).toBool())
        text += tr(" (subject guessed)");
    if (!setup.value(u"answer"_s).toObject().value(u"correct_prediction"_s).toBool(true))
        text += tr(" · note: the target is not the model's top-1 prediction");
    summary_->setText(text + u" · "_s + tr("computing cells…"));
    Q_EMIT setupReceived(tracedPrompt_, tracedSubject_, answer_);
}

void TracePanel::onChunk(quint64 id, const QString& kind, const QVector<int>& tokens, const QVector<int>& layers,
                         const QVector<double>& probs)
{
    if (id != running_)
        return;
    TraceHeatmap* map = heatmapNamed(kind);
    if (!map)
        return;
    const int n = int(std::min({tokens.size(), layers.size(), probs.size()}));
    for (int i = 0; i < n; ++i)
        map->setCell(tokens[i], layers[i], probs[i]);
}

void TracePanel::onFinished(quint64, const QJsonObject& result)
{
    running_ = 0;
    lastResult_ = result;
    // The result holds every cell: fill in any the stream did not deliver.
    for (const QJsonValue& kv : result.value(u"kinds"_s).toArray()) {
        const QJsonObject k = kv.toObject();
        TraceHeatmap* map = heatmapNamed(k.value(u"kind"_s).toString());
        if (!map)
            continue;
        const QJsonArray rows = k.value(u"scores"_s).toArray();
        for (int t = 0; t < rows.size(); ++t) {
            const QJsonArray row = rows[t].toArray();
            for (int l = 0; l < row.size(); ++l)
                if (row[l].isDouble() && std::isnan(map->cellValue(t, l)))
                    map->setCell(t, l, row[l].toDouble());
        }
    }
    const bool partial = result.value(u"partial"_s).toBool();
    setPartial(partial);
    const double seconds = result.value(u"seconds"_s).toDouble();
    const qint64 cells = result.value(u"cells"_s).toInteger();
    QString text = summary_->text();
    const qsizetype cut = text.lastIndexOf(u" · "_s);
    if (cut > 0)
        text.truncate(cut);
    if (partial)
        text += u" · "_s + tr("cancelled after %n cell(s): grey cells were not computed", nullptr, int(cells));
    else
        text += u" · "_s + tr("%1 cells in %2 s").arg(cells).arg(seconds, 0, 'f', 1);
    summary_->setText(text);
    Q_EMIT traceFinished(partial);
    Q_EMIT traceEnded();
}

void TracePanel::onFailed(quint64, const QString& message, bool cancelled)
{
    running_ = 0;
    if (cancelled) {
        if (setupSeen_)
            setPartial(true);
        summary_->setText(tr("Trace cancelled%1.").arg(setupSeen_ ? tr(": the grey cells were not computed")
                                                                  : QString()));
    } else {
        summary_->setText(tr("Trace failed: %1").arg(message));
    }
    Q_EMIT traceEnded();
}

}  // namespace lancet::gui
