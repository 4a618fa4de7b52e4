#include "edit_request.h"

#include "engine_bridge.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace lancet::gui {

bool EditRequest::isValid(QString* why) const
{
    auto fail = [why](const QString& text) {
        if (why)
            *why = text;
        return false;
    };
    if (subject.trimmed().isEmpty())
        return fail(QObject::tr("Name the subject whose fact you want to change."));
    if (!promptTemplate.contains(u"{}"_s))
        return fail(QObject::tr("The prompt template needs “{}” where the subject goes."));
    if (targetNew.trimmed().isEmpty())
        return fail(QObject::tr("Give the new target the model should predict."));
    if (!targetTrue.isEmpty() && targetTrue.trimmed() == targetNew.trimmed())
        return fail(QObject::tr("The new target is the same as the true one: nothing to change."));
    for (const QString& k : keepPrompts)
        if (!k.contains(u"{}"_s))
            return fail(QObject::tr("Each fact to keep needs “{}” where the subject goes: “%1”.").arg(k));
    return true;
}

QString EditRequest::filledPrompt() const
{
    QString text = promptTemplate;
    const qsizetype at = text.indexOf(u"{}"_s);
    if (at >= 0)
        text.replace(at, 2, subject);
    return text;
}

QString EditRequest::summary() const
{
    QString text = subject.trimmed() + u" → "_s + targetNew.trimmed();
    if (layer >= 0)
        text += QObject::tr(" @ layer %1").arg(layer);
    return text;
}

lancet::app::EditParams EditRequest::toParams() const
{
    lancet::app::EditParams p;
    p.promptTemplate = promptTemplate;
    p.subject = subject;
    p.target = targetNew;
    p.targetTrue = targetTrue;
    p.layer = layer;
    p.originalRome = originalRome;
    p.keepPrompts = keepPrompts;
    p.paraphrases = paraphrases;
    for (const NeighbourPrompt& n : neighbours) {
        p.neighbourPrompts << n.prompt;
        if (!n.answer.isEmpty())
            p.neighbourAnswers << n.answer;
    }
    // Answers go with their prompts or not at all.
    if (p.neighbourAnswers.size() != p.neighbourPrompts.size())
        p.neighbourAnswers.clear();
    return p;
}

QJsonObject EditRequest::toJson() const
{
    QJsonObject o;
    o[u"prompt"_s] = promptTemplate;
    o[u"subject"_s] = subject;
    o[u"target_new"_s] = targetNew;
    o[u"target_true"_s] = targetTrue;
    o[u"layer"_s] = layer;
    o[u"method"_s] = originalRome ? u"rome-original"_s : u"rome"_s;
    if (!keepPrompts.isEmpty())
        o[u"keep_prompts"_s] = QJsonArray::fromStringList(keepPrompts);
    if (!paraphrases.isEmpty())
        o[u"paraphrase_prompts"_s] = QJsonArray::fromStringList(paraphrases);
    if (!neighbours.isEmpty()) {
        QJsonArray neigh;
        for (const NeighbourPrompt& n : neighbours)
            neigh.append(QJsonObject{{u"prompt"_s, n.prompt}, {u"answer"_s, n.answer}});
        o[u"neighbourhood_prompts"_s] = neigh;
    }
    return o;
}

EditRequest EditRequest::fromJson(const QJsonObject& o)
{
    EditRequest r;
    r.promptTemplate = o.value(u"prompt"_s).toString();
    r.subject = o.value(u"subject"_s).toString();
    r.targetNew = o.value(u"target_new"_s).toString();
    r.targetTrue = o.value(u"target_true"_s).toString();
    r.layer = o.value(u"layer"_s).toInt(-1);
    r.originalRome = o.value(u"method"_s).toString() == u"rome-original"_s;
    for (const QJsonValue& v : o.value(u"keep_prompts"_s).toArray())
        r.keepPrompts << v.toString();
    for (const QJsonValue& v : o.value(u"paraphrase_prompts"_s).toArray())
        r.paraphrases << v.toString();
    for (const QJsonValue& v : o.value(u"neighbourhood_prompts"_s).toArray()) {
        const QJsonObject n = v.toObject();
        r.neighbours << NeighbourPrompt{n.value(u"prompt"_s).toString(), n.value(u"answer"_s).toString()};
    }
    return r;
}

QStringList splitKeepPrompts(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(u'|')) {
        const QString k = part.trimmed();
        if (!k.isEmpty())
            out << k;
    }
    return out;
}

QJsonObject EditRequest::scorecardRequest() const
{
    QJsonObject o;
    o[u"prompt"_s] = promptTemplate;
    o[u"subject"_s] = subject;
    o[u"target_new"_s] = targetNew;
    o[u"target_true"_s] = targetTrue;
    QJsonArray para;
    for (const QString& p : paraphrases)
        para.append(p);
    o[u"paraphrase_prompts"_s] = para;
    QJsonArray neigh;
    for (const NeighbourPrompt& n : neighbours)
        neigh.append(QJsonObject{{u"prompt"_s, n.prompt}, {u"answer"_s, n.answer}});
    o[u"neighbourhood_prompts"_s] = neigh;
    return o;
}

QString templateFromPrompt(const QString& prompt, const QString& subject)
{
    const QString s = subject.trimmed();
    if (s.isEmpty())
        return {};
    const qsizetype at = prompt.indexOf(s);
    if (at < 0)
        return {};
    QString t = prompt;
    t.replace(at, s.size(), u"{}"_s);
    return t;
}

QJsonArray scorecardRowsOf(const QJsonObject& result)
{
    if (result.value(u"rows"_s).isArray())
        return result.value(u"rows"_s).toArray();
    return result.value(u"scorecard"_s).toObject().value(u"rows"_s).toArray();
}

bool hasScorecard(const QJsonObject& result)
{
    return result.value(u"rows"_s).isArray() || result.value(u"scorecard"_s).toObject().value(u"rows"_s).isArray();
}

QJsonValue diagnostic(const QJsonObject& d, const QString& key)
{
    static const QHash<QString, QStringList> aliases = {
        {u"relative_delta_norm"_s, {u"delta_norm_ratio"_s}},
        {u"p_target_before"_s, {u"prob_before"_s}},
        {u"p_target_after"_s, {u"prob_after"_s}},
    };
    if (d.contains(key))
        return d.value(key);
    for (const QString& alias : aliases.value(key))
        if (d.contains(alias))
            return d.value(alias);
    if (key == u"seconds"_s) {
        const QJsonValue total = d.value(u"timings"_s).toObject().value(u"total_s"_s);
        if (total.isDouble())
            return total;
    }
    return QJsonValue(QJsonValue::Undefined);
}

QVector<double> lossCurve(const QJsonObject& d)
{
    QVector<double> out;
    const QJsonArray plain = d.value(u"loss"_s).toArray();
    for (const QJsonValue& v : plain)
        out << v.toDouble();
    if (!out.isEmpty())
        return out;
    for (const QJsonValue& v : d.value(u"loss_curve"_s).toArray())
        out << (v.isObject() ? v.toObject().value(u"loss"_s).toDouble() : v.toDouble());
    return out;
}

bool isUnsupportedMessage(const QString& message)
{
    return message.contains(u"not available in this build"_s, Qt::CaseInsensitive);
}

}  // namespace lancet::gui
