#include "app_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace lancet::gui {

QString themeModeKey(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::Light: return u"light"_s;
    case ThemeMode::Dark: return u"dark"_s;
    case ThemeMode::FollowDesktop: break;
    }
    return u"desktop"_s;
}

ThemeMode themeModeFromKey(const QString& key)
{
    if (key == u"light"_s)
        return ThemeMode::Light;
    if (key == u"dark"_s)
        return ThemeMode::Dark;
    return ThemeMode::FollowDesktop;
}

QStringList languageKeys() { return {u"system"_s, u"en"_s, u"zh_TW"_s, u"zh_CN"_s}; }

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    a.device = s.value(u"engine/device"_s, a.device).toString();
    a.dtype = s.value(u"engine/dtype"_s, a.dtype).toString();
    a.devices = s.value(u"engine/devices"_s).toString();
    a.placement = s.value(u"engine/placement"_s).toString();
    a.threads = s.value(u"engine/threads"_s, a.threads).toInt();
    a.corpusDir = s.value(u"engine/corpusDir"_s).toString();
    a.cacheDir = s.value(u"engine/cacheDir"_s).toString();
    a.theme = themeModeFromKey(s.value(u"ui/theme"_s).toString());
    a.language = s.value(u"ui/language"_s, a.language).toString();
    if (!languageKeys().contains(a.language))
        a.language = u"system"_s;
    a.presentation = s.value(u"ui/presentation"_s, false).toBool();
    a.accessibleHeatMaps = s.value(u"ui/accessibleHeatMaps"_s, false).toBool();
    a.tourSeen = s.value(u"ui/tourSeen"_s, false).toBool();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(u"engine/device"_s, device);
    s.setValue(u"engine/dtype"_s, dtype);
    s.setValue(u"engine/devices"_s, devices);
    s.setValue(u"engine/placement"_s, placement);
    s.setValue(u"engine/threads"_s, threads);
    s.setValue(u"engine/corpusDir"_s, corpusDir);
    s.setValue(u"engine/cacheDir"_s, cacheDir);
    s.setValue(u"ui/theme"_s, themeModeKey(theme));
    s.setValue(u"ui/language"_s, language);
    s.setValue(u"ui/presentation"_s, presentation);
    s.setValue(u"ui/accessibleHeatMaps"_s, accessibleHeatMaps);
    s.setValue(u"ui/tourSeen"_s, tourSeen);
}

void AppSettings::applyToEnvironment() const
{
    if (!corpusDir.isEmpty())
        qputenv("LANCET_CORPUS_DIR", QFile::encodeName(corpusDir));
    if (!cacheDir.isEmpty())
        qputenv("LANCET_CACHE_DIR", QFile::encodeName(cacheDir));
    if (threads > 0 && !qEnvironmentVariableIsSet("OMP_NUM_THREADS"))
        qputenv("OMP_NUM_THREADS", QByteArray::number(threads));
}

namespace recent {

QStringList models()
{
    return QSettings().value(u"recent/models"_s).toStringList();
}

void add(const QString& path)
{
    const QString p = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList list = models();
    list.removeAll(p);
    list.prepend(p);
    while (list.size() > kMax)
        list.removeLast();
    QSettings().setValue(u"recent/models"_s, list);
}

void remove(const QString& path)
{
    QStringList list = models();
    list.removeAll(path);
    QSettings().setValue(u"recent/models"_s, list);
}

void clear() { QSettings().remove(u"recent/models"_s); }

}  // namespace recent

}  // namespace lancet::gui
