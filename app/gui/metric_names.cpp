#include "metric_names.h"

#include <QCoreApplication>

#include <cstring>

namespace lancet::gui {

namespace {

constexpr const char* kContext = "lancet::gui::MetricNames";

// QT_TRANSLATE_NOOP marks each text for lupdate under kContext; the engine's
// English, word for word.
const MetricText kTexts[] = {
    {"ES", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Efficacy success"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Share of rewrite prompts where the new object is more likely than the true one.")},
    {"EM", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Efficacy magnitude"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Mean P(new object) - P(true object) on the rewrite prompt (per-token geometric mean probabilities).")},
    {"PS", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Paraphrase success"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Share of paraphrased prompts where the new object is more likely than the true one.")},
    {"PM", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Paraphrase magnitude"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Mean P(new object) - P(true object) over paraphrased prompts.")},
    {"PS_heldout", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Held-out paraphrase success"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "PS over phrasings the editor never saw (Lancet facts' heldout_prompts).")},
    {"PM_heldout", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Held-out paraphrase magnitude"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "PM over phrasings the editor never saw.")},
    {"NS", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Neighbourhood success"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Share of neighbouring subjects' prompts where their own answer stays more likely than the new object.")},
    {"NM", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Neighbourhood magnitude"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Mean P(neighbour's answer) - P(new object) over neighbourhood prompts.")},
    {"S", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Score (hmean ES, PS, NS)"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Harmonic mean of the mean ES, PS and NS (ROME's editing score).")},
    {"reliability", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Reliability"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Teacher-forced token accuracy of the new object after the rewrite prompt.")},
    {"generalization", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Generalization"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Teacher-forced token accuracy of the new object after paraphrased prompts.")},
    {"generalization_heldout", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Held-out generalization"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Token accuracy of the new object after phrasings the editor never saw.")},
    {"locality", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Locality"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Share of argmax tokens on unrelated prompts that the edit left unchanged.")},
    {"locality_same_subject", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Same-subject locality"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Share of argmax tokens on the subject's other facts that the edit left unchanged.")},
    {"portability", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Portability"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Token accuracy on questions that need the edited fact (reverse, multi-hop).")},
    {"efficacy", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Efficacy"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "zsRE token accuracy of the inserted answer after the question.")},
    {"paraphrase", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Paraphrase"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "zsRE token accuracy of the inserted answer after the rephrased question.")},
    {"paraphrase_heldout", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Held-out paraphrase"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "zsRE token accuracy after phrasings the editor never saw.")},
    {"specificity", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Specificity"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "zsRE token accuracy of the NQ answers on unrelated questions (not relative to the unedited model).")},
    {"score", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Score (hmean efficacy, paraphrase, specificity)"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Harmonic mean of the mean efficacy, paraphrase and specificity.")},
    {"fluency", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Fluency (n-gram entropy)"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Weighted bi- and tri-gram entropy of sampled generations, in bits; low values mean repetition.")},
    {"perplexity", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "General-text perplexity"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Perplexity of a fixed sample of general text (lower is better): what the edit did to everything it was not about.")},
    {"fact_recall", QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Fact recall"),
     QT_TRANSLATE_NOOP("lancet::gui::MetricNames", "Share of a fixed sample of the model's own facts it still completes token for token: how many of its facts survive the edit.")},
};

const MetricText* find(const std::string& key) {
    for (const auto& t : kTexts)
        if (key == t.key) return &t;
    return nullptr;
}

QString fromEngine(const std::string& s) { return QString::fromStdString(s); }

constexpr const char* kPortabilityPrefix = "portability_";

}  // namespace

QString metricLabel(const std::string& key, const std::string& engineLabel) {
    if (const MetricText* t = find(key)) return QCoreApplication::translate(kContext, t->label);
    if (key.rfind(kPortabilityPrefix, 0) == 0) {
        QString kind = fromEngine(key.substr(std::strlen(kPortabilityPrefix)));
        kind.replace(u'_', u' ');
        return QCoreApplication::translate("lancet::gui::MetricNames", "Portability (%1)").arg(kind);
    }
    return fromEngine(engineLabel.empty() ? key : engineLabel);
}

QString metricDescription(const std::string& key, const std::string& engineDescription) {
    if (const MetricText* t = find(key)) return QCoreApplication::translate(kContext, t->description);
    return fromEngine(engineDescription);
}

const MetricText* metricTexts(int* count) {
    *count = int(sizeof(kTexts) / sizeof(kTexts[0]));
    return kTexts;
}

}  // namespace lancet::gui
