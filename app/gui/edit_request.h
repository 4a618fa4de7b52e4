// What the user asked the engine to change: one ROME edit request, as the
// edit panel fills it, the undo command carries it, and a session stores it.
// Field names follow lancet-cli edit --json ("prompt" holds the template with
// "{}" where the subject goes).
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace lancet::app {
struct EditParams;
}

namespace lancet::gui {

struct NeighbourPrompt {
    QString prompt;
    QString answer;
};

struct EditRequest {
    QString promptTemplate;  // "{} is located in the city of"
    QString subject;         // "Space Needle"
    QString targetNew;       // " Paris"
    QString targetTrue;      // " Seattle" (optional)
    int layer = -1;          // -1: the engine decides
    bool originalRome = false;
    // The subject's other facts to keep while the edit moves this one ("{} studied at"):
    // Lancet's extension of ROME, empty = ROME as published.
    QStringList keepPrompts;
    // Evaluation prompts for the scorecard that comes with the edit (empty: the engine's defaults).
    QStringList paraphrases;
    QVector<NeighbourPrompt> neighbours;

    bool isValid(QString* why = nullptr) const;
    // The prompt with the subject filled in.
    QString filledPrompt() const;
    QString summary() const;  // "Space Needle → Paris @ layer 5"

    lancet::app::EditParams toParams() const;
    QJsonObject toJson() const;  // session form: request fields + layer + method
    static EditRequest fromJson(const QJsonObject& o);

    // The scorecard request: request fields plus the evaluation prompts.
    QJsonObject scorecardRequest() const;
};

// "{} studied at | {} works for" -> {"{} studied at", "{} works for"} (blank items dropped).
QStringList splitKeepPrompts(const QString& text);

// "The Space Needle is in" + "Space Needle" -> "The {} is in" (first occurrence);
// empty when the subject does not occur in the prompt.
QString templateFromPrompt(const QString& prompt, const QString& subject);

// The scorecard rows of a result: {"rows": [...]} or {"scorecard": {"rows": [...]}}.
QJsonArray scorecardRowsOf(const QJsonObject& result);
bool hasScorecard(const QJsonObject& result);

// A diagnostics value under its documented name or the engine's alias
// ("relative_delta_norm" / "delta_norm_ratio", "p_target_before" / "prob_before", ...).
QJsonValue diagnostic(const QJsonObject& diagnostics, const QString& key);
// The optimisation's loss per step: "loss": [x, ...] or "loss_curve": [{"loss": x}, ...].
QVector<double> lossCurve(const QJsonObject& diagnostics);

// True when an engine error says the feature is not wired in this build.
bool isUnsupportedMessage(const QString& message);

}  // namespace lancet::gui
