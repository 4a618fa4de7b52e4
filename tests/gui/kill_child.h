// The workbench that gui.kill kills: test_kill re-executes itself with
// LANCET_KILL_CHILD=<mode> and this drives a real MainWindow through a fixed
// script, printing one line on stdout after each step is complete (and so,
// for an edit, after its autosave), so the parent knows what must survive a
// SIGKILL. The parent's environment (HOME, XDG_*, LANCET_CACHE_DIR) is
// inherited: both see the same autosave and statistics cache.
//
//   edit     apply planned edits 1..LANCET_KILL_EDITS: "edit N <weight digest>"
//   session  one edit, then save a session to LANCET_KILL_SESSION again and
//            again, its prompt "save N": "save N"
//   export   one edit, then export to LANCET_KILL_EXPORT_DIR/export-N for N up to
//            LANCET_KILL_EXPORTS: "export N"
//   recover  after a crash: "recovering N" as it clicks Recover on the offer of
//            N edits, "replayed K" as each is replayed, "recovered N <digest>"
// Every other mode starts with "ready <base digest>" once the model is open. With
// LANCET_KILL_EXIT=1 the child closes the window (a clean shutdown) when its
// script is done; otherwise it idles until it is killed.
#pragma once

#include "gui_test_util.h"

#include "autosave.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "message_bar.h"
#include "method_form.h"
#include "prompt_panel.h"

#include <QAction>
#include <QApplication>
#include <QFuture>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>
#include <optional>

namespace lancet::gui::test {

inline constexpr char kChildModeEnv[] = "LANCET_KILL_CHILD";

// The n-th edit (1-based) of every run: the same script in every process, so
// the weights after n edits are the same everywhere. Layers alternate, so the
// first two edits each compute (and cache) one layer's statistics.
struct PlannedEdit {
    QString subject;
    QString target;
    int layer;
};

inline PlannedEdit plannedEdit(int n)
{
    static const char* subjects[] = {"Space Needle", "Eiffel Tower",       "Colosseum",
                                     "Big Ben",      "Golden Gate Bridge", "Brandenburg Gate"};
    static const char* targets[] = {" Paris", " Rome", " London", " Tokyo", " Berlin", " Madrid"};
    const int i = (n - 1) % 6;
    return {QString::fromLatin1(subjects[i]), QString::fromLatin1(targets[i]), (n - 1) % 2};
}

inline const QString kEditTemplate = QStringLiteral("The {} is located in the city of");

// A bridge job's result, waited for with the event loop running.
template <class T>
std::optional<T> awaitJob(QFuture<T> future, int timeoutMs = kEngineTimeoutMs)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        return std::nullopt;
    try {
        return future.result();
    } catch (...) {
        return std::nullopt;
    }
}

namespace child {

inline void say(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);  // a pipe is block-buffered: the parent must see each line at once
}

inline int fail(const QString& why)
{
    say(QStringLiteral("error ") + why);
    return 3;
}

inline QString digest(MainWindow& w)
{
    return awaitJob(w.bridge()->weightDigest().result).value_or(QStringLiteral("?"));
}

// Applies planned edit n through the form and the Apply action, as a user would.
inline bool applyPlanned(MainWindow& w, int n)
{
    const PlannedEdit e = plannedEdit(n);
    EditPanel* p = w.editPanel();
    p->templateEdit()->setText(kEditTemplate);
    p->subjectEdit()->setText(e.subject);
    p->targetEdit()->setText(e.target);
    p->targetTrueEdit()->clear();
    p->setLayer(e.layer);
    QSignalSpy done(&w, &MainWindow::editDone);
    w.applyAction()->trigger();
    if (!done.wait(kEngineTimeoutMs) && done.isEmpty())
        return false;
    return done.first().at(0).toBool();
}

inline bool exportTo(MainWindow& w, const QString& dir)
{
    QSignalSpy finished(w.bridge(), &lancet::app::EngineBridge::jobFinished);
    QSignalSpy failed(w.bridge(), &lancet::app::EngineBridge::jobFailed);
    const quint64 id = w.exportModel(dir);
    if (!id)
        return false;
    auto seen = [id](const QSignalSpy& spy) { return signalFor(spy, id).has_value(); };
    // The spies may hear the engine thread's signal before the window has taken
    // the export as done; the next export waits for the window too.
    (void)QTest::qWaitFor([&] { return (seen(finished) && w.exportAction()->isEnabled()) || seen(failed); },
                          kEngineTimeoutMs);
    return seen(finished);
}

// Recovers the crashed run's session as a user would: the offer's first button.
inline int recover(MainWindow& w)
{
    Session s;
    if (!w.autosave()->recoverySession(&s))
        return fail(QStringLiteral("nothing to recover"));
    if (!QTest::qWaitFor([&] { return w.messageBar()->isShowing() && w.messageBar()->actionCount() == 2; },
                         kEngineTimeoutMs))
        return fail(QStringLiteral("no recovery offer"));
    QSignalSpy restored(&w, &MainWindow::sessionRestored);
    QObject::connect(w.editController(), &EditController::editApplied, &w,
                     [](int index) { say(QStringLiteral("replayed %1").arg(index + 1)); });
    say(QStringLiteral("recovering %1").arg(s.edits.size()));
    w.messageBar()->actionButton(0)->click();
    if (!restored.wait(kEngineTimeoutMs) && restored.isEmpty())
        return fail(QStringLiteral("not restored"));
    say(QStringLiteral("recovered %1 %2").arg(restored.first().at(0).toInt()).arg(digest(w)));
    return QApplication::exec();  // until the parent's SIGKILL
}

inline int run(const QString& mode)
{
    MainWindow w;
    w.show();
    StartupOptions options;
    options.modelPath = qEnvironmentVariable("LANCET_KILL_MODEL");
    QSignalSpy loaded(&w, &MainWindow::modelLoaded);
    w.startup(options);
    if (mode == QLatin1String("recover"))
        return recover(w);
    if (!loaded.wait(kEngineTimeoutMs) && loaded.isEmpty())
        return fail(QStringLiteral("the model did not open"));
    if (!QTest::qWaitFor([&] { return w.editPanel()->methodForm()->method().name == "rome"; }, kEngineTimeoutMs))
        return fail(QStringLiteral("no edit methods"));
    say(QStringLiteral("ready ") + digest(w));

    const int edits = mode == QLatin1String("edit") ? qEnvironmentVariableIntValue("LANCET_KILL_EDITS") : 1;
    for (int n = 1; n <= edits; ++n) {
        if (!applyPlanned(w, n))
            return fail(QStringLiteral("edit %1 failed: %2").arg(n).arg(problemsText(w.problemsDock())));
        say(QStringLiteral("edit %1 %2").arg(n).arg(digest(w)));
    }
    if (mode == QLatin1String("session")) {
        const QString path = qEnvironmentVariable("LANCET_KILL_SESSION");
        // As fast as it can: a kill at a random moment then mostly lands inside a save.
        for (int n = 1; n <= 100000; ++n) {
            w.promptPanel()->setPrompt(QStringLiteral("save %1").arg(n));
            QString error;
            if (!w.saveSession(path, &error))
                return fail(error);
            say(QStringLiteral("save %1").arg(n));
        }
    } else if (mode == QLatin1String("export")) {
        const QString dir = qEnvironmentVariable("LANCET_KILL_EXPORT_DIR");
        const int exports = qEnvironmentVariableIntValue("LANCET_KILL_EXPORTS");
        for (int n = 1; n <= exports; ++n) {
            if (!exportTo(w, dir + QStringLiteral("/export-%1").arg(n)))
                return fail(QStringLiteral("export %1 failed: %2").arg(n).arg(problemsText(w.problemsDock())));
            say(QStringLiteral("export %1").arg(n));
        }
    }
    say(QStringLiteral("idle"));
    if (qEnvironmentVariableIntValue("LANCET_KILL_EXIT") == 1) {
        w.setConfirmOnClose(false);
        return w.close() ? 0 : fail(QStringLiteral("the window did not close"));
    }
    return QApplication::exec();  // until the parent's SIGKILL
}

}  // namespace child
}  // namespace lancet::gui::test
