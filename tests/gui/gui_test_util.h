// Shared by the GUI tests: an isolated environment, the tiny model, and
// helpers that drive the real window.
#pragma once

#include "main_window.h"
#include "model_panel.h"
#include "problems_dock.h"

#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QtGlobal>

#include <optional>

namespace lancet::gui::test {

// Call from initMain(), before QApplication exists: settings, autosaves,
// recent models and caches go to a fresh temporary HOME, never the developer's.
inline void isolateEnvironment()
{
    static QTemporaryDir home;
    const QString h = home.path();
    qputenv("HOME", h.toUtf8());
    qputenv("XDG_CONFIG_HOME", (h + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", (h + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CACHE_HOME", (h + QStringLiteral("/cache")).toUtf8());
    qputenv("XDG_STATE_HOME", (h + QStringLiteral("/state")).toUtf8());
    qputenv("LANCET_NO_CLOSE_PROMPT", "1");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LancetTests"));
    QCoreApplication::setApplicationName(QStringLiteral("lancet-gui-tests"));
}

inline QString tinyModel() { return QStringLiteral(LANCET_TINY_MODEL); }

inline const QString kPrompt = QStringLiteral("The Space Needle is located in the city of");
inline const QString kSubject = QStringLiteral("Space Needle");

// Generous: a loaded CI machine shares two cores between many builds.
inline constexpr int kEngineTimeoutMs = 120000;

// The arguments a spy on one of the bridge's job signals (jobFinished,
// jobFailed: the job id first) heard for job `id`, if it heard it.
inline std::optional<QList<QVariant>> signalFor(const QSignalSpy& spy, quint64 id)
{
    for (const QList<QVariant>& args : spy)
        if (args.at(0).toULongLong() == id)
            return args;
    return std::nullopt;
}

// Waits until the spy has heard job `id`; its arguments, or nothing after the timeout.
inline std::optional<QList<QVariant>> waitForJob(const QSignalSpy& spy, quint64 id, int timeoutMs = kEngineTimeoutMs)
{
    (void)QTest::qWaitFor([&] { return signalFor(spy, id).has_value(); }, timeoutMs);
    return signalFor(spy, id);
}

// Opens the tiny model in `w` and waits for it.
inline bool openTinyModel(MainWindow& w)
{
    if (w.modelReady() && w.modelPath() == QDir::cleanPath(tinyModel()))
        return true;
    QSignalSpy loaded(&w, &MainWindow::modelLoaded);
    if (!w.openModel(tinyModel()))
        return false;
    return loaded.wait(kEngineTimeoutMs) || loaded.count() > 0;
}

inline int countOf(const ProblemsDock* dock, Severity severity) { return dock->countOf(severity); }

// All problem texts, for failure messages.
inline QString problemsText(const ProblemsDock* dock)
{
    QStringList lines;
    for (int i = 0; i < dock->count(); ++i)
        lines << severityName(dock->severityAt(i)) + QStringLiteral(": ") + dock->textAt(i);
    return lines.join(QLatin1Char('\n'));
}

}  // namespace lancet::gui::test
