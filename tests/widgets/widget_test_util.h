// Shared by the widget tests: an isolated environment and optional snapshots.
#pragma once

#include <QDir>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QWidget>
#include <QtGlobal>

namespace lancet::widgets::test {

// Called from initMain(): nothing a widget might read or write (settings,
// caches) leaks between the developer's desktop and the test run.
inline void isolateEnvironment()
{
    static QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_CACHE_HOME", (home.path() + QStringLiteral("/cache")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

// With LANCET_WIDGET_SHOTS=<dir>, saves what the widget looks like on screen
// (QWidget::grab) as <dir>/<name>.png, for a human to look at. Tests never
// compare pixels; this is only a review aid.
inline void maybeShoot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("LANCET_WIDGET_SHOTS");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

}  // namespace lancet::widgets::test
