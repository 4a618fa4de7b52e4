// A workbench session on disk: the model (path, device, dtype), the edits in
// the order they were applied, the prompts, the last trace's parameters, and
// the patching and logit-lens tabs' fields (each panel's own JSON).
// Reopening one loads the model and replays the edits through applyEdit.
// Written atomically (QSaveFile): a crash mid-save leaves the old file intact.
#pragma once

#include "edit_request.h"
#include "trace_panel.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace lancet::gui {

struct Session {
    QString modelPath;
    QString device;
    QString dtype;
    QString devices;    // the layers across several devices (empty: all on `device`)
    QString placement;
    QVector<EditRequest> edits;   // applied, oldest first (replayed on open)
    QVector<EditRequest> undone;  // undone edits, informational (not replayed)
    QString prompt;               // the prompt bar
    EditRequest draft;            // the edit form as the user left it
    QString generationPrompt;
    TraceSettings trace;
    QStringList paraphrases;
    QVector<NeighbourPrompt> neighbours;
    QJsonObject patching;         // PatchingPanel::settings(); empty: the panel's defaults
    QJsonObject lens;             // LensPanel::settings()

    bool isEmpty() const { return modelPath.isEmpty() && edits.isEmpty() && prompt.isEmpty(); }

    QJsonObject toJson() const;
    static Session fromJson(const QJsonObject& o);

    bool save(const QString& path, QString* error = nullptr) const;
    static bool load(const QString& path, Session* out, QString* error = nullptr);
};

inline constexpr int kSessionVersion = 1;

}  // namespace lancet::gui
