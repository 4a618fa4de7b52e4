#include "session.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
QJsonArray requestsToJson(const QVector<EditRequest>& requests)
{
    QJsonArray a;
    for (const EditRequest& r : requests)
        a.append(requestToJson(r));
    return a;
}

QVector<EditRequest> requestsFromJson(const QJsonArray& a)
{
    QVector<EditRequest> out;
    for (const QJsonValue& v : a)
        out << requestFromJson(v.toObject());
    return out;
}
}  // namespace

QJsonObject Session::toJson() const
{
    QJsonObject o;
    o[u"format"_s] = u"lancet-session"_s;
    o[u"version"_s] = kSessionVersion;
    QJsonObject model{{u"path"_s, modelPath}, {u"device"_s, device}, {u"dtype"_s, dtype}};
    if (!devices.isEmpty())
        model[u"devices"_s] = devices;
    if (!placement.isEmpty())
        model[u"placement"_s] = placement;
    o[u"model"_s] = model;
    o[u"edits"_s] = requestsToJson(edits);
    o[u"undone_edits"_s] = requestsToJson(undone);
    QJsonArray neigh;
    for (const NeighbourPrompt& n : neighbours)
        neigh.append(QJsonObject{{u"prompt"_s, n.prompt}, {u"answer"_s, n.answer}});
    o[u"prompts"_s] = QJsonObject{{u"prompt"_s, prompt},
                                  {u"generation"_s, generationPrompt},
                                  {u"edit_draft"_s, requestToJson(draft)},
                                  {u"paraphrases"_s, QJsonArray::fromStringList(paraphrases)},
                                  {u"neighbourhood"_s, neigh}};
    o[u"trace"_s] = trace.toJson();
    // Added within version 1: a reader without them ignores them, and a file
    // without them leaves the tabs at their defaults.
    if (!patching.isEmpty())
        o[u"patching"_s] = patching;
    if (!lens.isEmpty())
        o[u"lens"_s] = lens;
    return o;
}

Session Session::fromJson(const QJsonObject& o)
{
    Session s;
    const QJsonObject model = o.value(u"model"_s).toObject();
    s.modelPath = model.value(u"path"_s).toString();
    s.device = model.value(u"device"_s).toString();
    s.dtype = model.value(u"dtype"_s).toString();
    s.devices = model.value(u"devices"_s).toString();
    s.placement = model.value(u"placement"_s).toString();
    s.edits = requestsFromJson(o.value(u"edits"_s).toArray());
    s.undone = requestsFromJson(o.value(u"undone_edits"_s).toArray());
    const QJsonObject prompts = o.value(u"prompts"_s).toObject();
    s.prompt = prompts.value(u"prompt"_s).toString();
    s.generationPrompt = prompts.value(u"generation"_s).toString();
    s.draft = requestFromJson(prompts.value(u"edit_draft"_s).toObject());
    for (const QJsonValue& v : prompts.value(u"paraphrases"_s).toArray())
        s.paraphrases << v.toString();
    for (const QJsonValue& v : prompts.value(u"neighbourhood"_s).toArray()) {
        const QJsonObject n = v.toObject();
        s.neighbours << NeighbourPrompt{n.value(u"prompt"_s).toString(), n.value(u"answer"_s).toString()};
    }
    s.trace = TraceSettings::fromJson(o.value(u"trace"_s).toObject());
    s.patching = o.value(u"patching"_s).toObject();
    s.lens = o.value(u"lens"_s).toObject();
    return s;
}

bool Session::save(const QString& path, QString* error) const
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QObject::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = QObject::tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool Session::load(const QString& path, Session* out, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QObject::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject()) {
        if (error)
            *error = QObject::tr("%1 is not a session file: %2")
                         .arg(QDir::toNativeSeparators(path), parseError.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    if (o.value(u"format"_s).toString() != u"lancet-session"_s) {
        if (error)
            *error = QObject::tr("%1 is not a Lancet session file").arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (o.value(u"version"_s).toInt() > kSessionVersion) {
        if (error)
            *error = QObject::tr("%1 was written by a newer Lancet (session version %2)")
                         .arg(QDir::toNativeSeparators(path))
                         .arg(o.value(u"version"_s).toInt());
        return false;
    }
    *out = fromJson(o);
    return true;
}

}  // namespace lancet::gui
