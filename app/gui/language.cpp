#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace lancet::gui {

QLocale localeForLanguage(const QString& key)
{
    if (key == u"en"_s)
        return QLocale(QLocale::English, QLocale::UnitedStates);
    if (key == u"zh_TW"_s)
        return QLocale(QLocale::Chinese, QLocale::TraditionalChineseScript, QLocale::Taiwan);
    if (key == u"zh_CN"_s)
        return QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China);
    return QLocale::system();
}

QString languageDisplayName(const QString& key)
{
    // Each language in itself: a user who cannot read the current one still
    // finds their own in the list.
    if (key == u"en"_s)
        return u"English"_s;
    if (key == u"zh_TW"_s)
        return u"繁體中文"_s;
    if (key == u"zh_CN"_s)
        return u"简体中文"_s;
    return QCoreApplication::translate("SettingsDialog", "System (%1)").arg(QLocale::system().nativeLanguageName());
}

QLocale installTranslations(QCoreApplication* app, const QString& key, QStringList places)
{
    const QLocale locale = localeForLanguage(key);
    // Numbers and dates follow the chosen language too.
    QLocale::setDefault(locale);
    auto* qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    if (places.isEmpty()) {
        const QString dir = QCoreApplication::applicationDirPath();
        places = {u":/i18n"_s, dir + u"/../share/lancet/translations"_s, dir + u"/translations"_s};
    }
    auto* own = new QTranslator(app);
    for (const QString& where : places) {
        if (own->load(locale, u"lancet"_s, u"_"_s, where)) {
            QCoreApplication::installTranslator(own);
            return locale;
        }
    }
    delete own;
    return locale;
}

}  // namespace lancet::gui
