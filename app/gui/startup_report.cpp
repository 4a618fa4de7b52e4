#include "startup_report.h"

#include "prompt_panel.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace lancet::gui {

namespace {

QByteArray readAll(const char* path)
{
    QFile f(QString::fromLatin1(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

double secondsSinceProcessStart()
{
    const QByteArray stat = readAll("/proc/self/stat");
    const QByteArray uptime = readAll("/proc/uptime");
    // The command name (field 2) may hold spaces; the fields after its closing
    // parenthesis are plain. starttime is field 22, i.e. the 20th after it.
    const int close = stat.lastIndexOf(')');
    if (close < 0 || uptime.isEmpty())
        return -1.0;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 20)
        return -1.0;
    bool ok = false;
    const double startTicks = fields[19].toDouble(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    const double now = uptime.split(' ').value(0).toDouble();
    if (!ok || ticksPerSecond <= 0 || now <= 0)
        return -1.0;
    return now - startTicks / double(ticksPerSecond);
}

void reportFirstPrediction(PromptPanel* panel)
{
    const QByteArray mode = qgetenv("LANCET_STARTUP_REPORT");
    if (mode.isEmpty() || !panel)
        return;
    // The example prompt the first-start hint offers, so the run measures a
    // prediction without anyone typing.
    if (panel->prompt().trimmed().isEmpty())
        panel->setPrompt(PromptPanel::examplePrompt());
    auto* once = new QObject(panel);
    QObject::connect(panel, &PromptPanel::predictionShown, once, [once, mode] {
        std::printf("startup to first next-token bars: %.2f s\n", secondsSinceProcessStart());
        std::fflush(stdout);
        once->deleteLater();
        if (mode == "quit")
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    });
}

}  // namespace lancet::gui
