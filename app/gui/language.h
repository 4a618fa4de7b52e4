// The interface language: Settings stores a key (app_settings.h), main.cpp
// installs the translators for it once at start (Qt cannot re-translate the
// widgets it has built, so a change applies at the next start).
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace lancet::gui {

// The locale for a language key: "system" is the desktop's, "en" English,
// "zh_TW" Traditional Chinese (Taiwan), "zh_CN" Simplified Chinese.
QLocale localeForLanguage(const QString& key);
// The key's name in its own language, for the Settings list ("繁體中文").
QString languageDisplayName(const QString& key);

// Installs Qt's own and Lancet's translators for `key` on `app` and makes its
// locale the default; returns the locale used. Lancet's .qm files are looked
// for in `places`, first found wins (default: the embedded :/i18n, then next
// to the executable).
QLocale installTranslations(QCoreApplication* app, const QString& key, QStringList places = {});

}  // namespace lancet::gui
