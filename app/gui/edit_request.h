// The workbench's side of the one edit request type, lancet::EditSpec
// (engine edit/edit_spec.h, torch-free): the form fills one, the undo stack
// carries it, a session stores it, and the bridge hands it to the engine as is.
// This file holds only what Qt adds: conversions, the form's own validation
// messages (translated), and the session's JSON form.
#pragma once

#include "engine_bridge.h"  // the engine's torch-free request and result types

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace lancet::gui {

using EditRequest = lancet::EditSpec;

// A locality prompt as the scorecard panel's text lists it ("prompt => answer").
struct NeighbourPrompt {
    QString prompt;
    QString answer;  // empty: the unedited model's own answer
};

// Sets the request's evaluation prompts (paraphrases and locality) from the panel's lists.
void setEvaluationPrompts(EditRequest& request, const QStringList& paraphrases, const QVector<NeighbourPrompt>& neighbours);

inline QString qstr(const std::string& s) { return QString::fromStdString(s); }
inline std::string sstr(const QString& s) { return s.toStdString(); }

// Whether the form's request can be sent; `why` says what is missing, in words
// for the form (the engine validates again and answers with an error code).
bool isValidRequest(const EditRequest& request, QString* why = nullptr);
// "Space Needle → Paris @ layer 5"
QString requestSummary(const EditRequest& request);
// The first layer the request names, or -1 (the engine decides).
int requestLayer(const EditRequest& request);

// The session form (EditSpec::to_json as a QJsonObject) and back. Reads the
// records of earlier versions too ("layer": N, "method": "rome-original").
QJsonObject requestToJson(const EditRequest& request);
EditRequest requestFromJson(const QJsonObject& o);

// "{} studied at | {} works for" -> {"{} studied at", "{} works for"} (blank items dropped).
QStringList splitKeepPrompts(const QString& text);

// "The Space Needle is in" + "Space Needle" -> "The {} is in" (first occurrence);
// empty when the subject does not occur in the prompt.
QString templateFromPrompt(const QString& prompt, const QString& subject);

// Engine JSON <-> Qt JSON, for the typed results' JSON fields (diagnostics, hparams).
QJsonObject toQJson(const nlohmann::json& j);
nlohmann::json fromQJson(const QJsonObject& o);

// The optimisation's loss per step from a method's diagnostics ("loss_curve": [{"loss": x}, ...]).
QVector<double> lossCurve(const QJsonObject& diagnostics);

}  // namespace lancet::gui
