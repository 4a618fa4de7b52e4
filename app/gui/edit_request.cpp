#include "edit_request.h"

#include <QJsonDocument>
#include <QObject>

using namespace Qt::StringLiterals;

namespace lancet::gui {

bool isValidRequest(const EditRequest& r, QString* why)
{
    auto fail = [why](const QString& text) {
        if (why)
            *why = text;
        return false;
    };
    if (qstr(r.subject).trimmed().isEmpty())
        return fail(QObject::tr("Name the subject whose fact you want to change."));
    if (qstr(r.prompt).count(u"{}"_s) != 1)
        return fail(QObject::tr("The prompt template needs “{}” once, where the subject goes."));
    if (qstr(r.target_new).trimmed().isEmpty())
        return fail(QObject::tr("Give the new target the model should predict."));
    if (r.target_true && qstr(*r.target_true).trimmed() == qstr(r.target_new).trimmed())
        return fail(QObject::tr("The new target is the same as the true one: nothing to change."));
    for (const auto& k : r.keep_prompts)
        if (qstr(k).count(u"{}"_s) != 1)
            return fail(QObject::tr("Each fact to keep needs “{}” where the subject goes: “%1”.").arg(qstr(k)));
    if (auto ok = r.validate(); !ok)
        return fail(qstr(ok.error().message));
    return true;
}

QString requestSummary(const EditRequest& r)
{
    QString text = qstr(r.subject).trimmed() + u" → "_s + qstr(r.target_new).trimmed();
    if (requestLayer(r) >= 0)
        text += QObject::tr(" @ layer %1").arg(requestLayer(r));
    return text;
}

void setEvaluationPrompts(EditRequest& r, const QStringList& paraphrases, const QVector<NeighbourPrompt>& neighbours)
{
    r.paraphrase_prompts.clear();
    for (const QString& p : paraphrases)
        r.paraphrase_prompts.push_back(sstr(p));
    r.locality_prompts.clear();
    for (const NeighbourPrompt& n : neighbours)
        r.locality_prompts.push_back({sstr(n.prompt), sstr(n.answer)});
}

int requestLayer(const EditRequest& r) { return r.layers.empty() ? -1 : r.layers.front(); }

QJsonObject toQJson(const nlohmann::json& j)
{
    const auto text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

nlohmann::json fromQJson(const QJsonObject& o)
{
    return nlohmann::json::parse(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(), nullptr, false);
}

QJsonObject requestToJson(const EditRequest& r) { return toQJson(r.to_json()); }

EditRequest requestFromJson(const QJsonObject& o)
{
    nlohmann::json j = fromQJson(o);
    if (j.is_discarded() || !j.is_object())
        return {};
    // Sessions of earlier versions: "rome-original" was a method of its own.
    if (j.value("method", std::string()) == "rome-original") {
        j["method"] = "rome";
        j["hparams"]["key_mode"] = "original";
    }
    if (j.contains("target_true") && j["target_true"].is_string() && j["target_true"].get<std::string>().empty())
        j.erase("target_true");
    auto spec = EditSpec::from_json(j);
    return spec ? spec.value() : EditRequest{};
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

QVector<double> lossCurve(const QJsonObject& d)
{
    QVector<double> out;
    for (const QJsonValue& v : d.value(u"loss_curve"_s).toArray())
        out << (v.isObject() ? v.toObject().value(u"loss"_s).toDouble() : v.toDouble());
    return out;
}

}  // namespace lancet::gui
