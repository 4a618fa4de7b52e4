// Preferences: the dialog reads and writes QSettings; the colour scheme follows
// the desktop or an override; the engine settings reach its environment.
#include "gui_test_util.h"

#include "app_settings.h"
#include "settings_dialog.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMenu>
#include <QSettings>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;

class TestSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void dialogRoundTrip();
    void palettes();
    void themeOverrideApplies();
    void environmentForTheEngine();
    void recentModelsMenu();

public:
    static void initMain() { isolateEnvironment(); }
};

void TestSettings::defaults()
{
    const AppSettings s = AppSettings::load();
    QCOMPARE(s.device, QStringLiteral("auto"));
    QCOMPARE(s.dtype, QStringLiteral("auto"));
    QCOMPARE(s.threads, 0);
    QCOMPARE(s.theme, ThemeMode::FollowDesktop);
}

void TestSettings::dialogRoundTrip()
{
    AppSettings s;
    s.device = QStringLiteral("cpu");
    s.dtype = QStringLiteral("bfloat16");
    s.threads = 3;
    s.corpusDir = QStringLiteral("/data/corpus");
    s.cacheDir = QStringLiteral("/data/cache");
    s.theme = ThemeMode::Dark;
    SettingsDialog dialog(s);
    const AppSettings back = dialog.settings();
    QCOMPARE(back.device, s.device);
    QCOMPARE(back.dtype, s.dtype);
    QCOMPARE(back.threads, 3);
    QCOMPARE(back.corpusDir, s.corpusDir);
    QCOMPARE(back.cacheDir, s.cacheDir);
    QCOMPARE(back.theme, ThemeMode::Dark);
    dialog.deviceCombo()->setCurrentIndex(dialog.deviceCombo()->findData(QStringLiteral("cuda")));
    dialog.settings().save();
    QCOMPARE(AppSettings::load().device, QStringLiteral("cuda"));
    QCOMPARE(AppSettings::load().theme, ThemeMode::Dark);
    AppSettings().save();  // back to the defaults for the other tests
}

void TestSettings::palettes()
{
    QVERIFY(theme::isDark(theme::darkPalette()));
    QVERIFY(!theme::isDark(theme::lightPalette()));
    // Text stays readable on both: a clear lightness gap between text and base.
    for (const QPalette& p : {theme::darkPalette(), theme::lightPalette()}) {
        const int gap = std::abs(p.color(QPalette::Text).lightness() - p.color(QPalette::Base).lightness());
        QVERIFY2(gap > 150, qPrintable(QString::number(gap)));
    }
}

void TestSettings::themeOverrideApplies()
{
    theme::captureDesktopPalette();
    QVERIFY(theme::apply(ThemeMode::Dark));
    QVERIFY(theme::isDark(QApplication::palette()));
    QVERIFY(!theme::apply(ThemeMode::Light));
    QVERIFY(!theme::isDark(QApplication::palette()));
    // Following the desktop: whatever the desktop's palette says.
    QCOMPARE(theme::apply(ThemeMode::FollowDesktop), theme::desktopIsDark());

    MainWindow w;
    AppSettings s = w.settings();
    s.theme = ThemeMode::Dark;
    w.setSettings(s);
    QVERIFY(theme::currentIsDark());
    QCOMPARE(AppSettings::load().theme, ThemeMode::Dark);
    s.theme = ThemeMode::FollowDesktop;
    w.setSettings(s);
}

void TestSettings::environmentForTheEngine()
{
    AppSettings s;
    s.corpusDir = QStringLiteral("/somewhere/corpus");
    s.cacheDir = QStringLiteral("/somewhere/cache");
    s.applyToEnvironment();
    QCOMPARE(qEnvironmentVariable("LANCET_CORPUS_DIR"), s.corpusDir);
    QCOMPARE(qEnvironmentVariable("LANCET_CACHE_DIR"), s.cacheDir);
    qunsetenv("LANCET_CORPUS_DIR");
    qunsetenv("LANCET_CACHE_DIR");
}

void TestSettings::recentModelsMenu()
{
    recent::clear();
    for (int i = 0; i < recent::kMax + 3; ++i)
        recent::add(QStringLiteral("/models/m%1").arg(i));
    const QStringList list = recent::models();
    QCOMPARE(list.size(), recent::kMax);
    QCOMPARE(list.first(), QStringLiteral("/models/m%1").arg(recent::kMax + 2));  // most recent first
    recent::add(QStringLiteral("/models/m5"));
    QCOMPARE(recent::models().first(), QStringLiteral("/models/m5"));
    QCOMPARE(recent::models().count(QStringLiteral("/models/m5")), 1);

    MainWindow w;
    Q_EMIT w.recentMenu()->aboutToShow();
    int entries = 0;
    for (QAction* a : w.recentMenu()->actions())
        entries += a->data().toString().startsWith(QStringLiteral("/models/")) ? 1 : 0;
    QCOMPARE(entries, recent::kMax);
}

QTEST_MAIN(TestSettings)
#include "test_settings.moc"
