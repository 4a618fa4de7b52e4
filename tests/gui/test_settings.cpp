// Preferences: the dialog reads and writes QSettings; the colour scheme follows
// the desktop or an override; the engine settings reach its environment.
#include "gui_test_util.h"

#include "app_settings.h"
#include "engine_bridge.h"
#include "eval/scorecard.h"  // metric_info: the engine's English names
#include "language.h"
#include "method_texts.h"
#include "metric_names.h"
#include "settings_dialog.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QtTest>

#include <optional>

using namespace lancet::gui;
using namespace lancet::gui::test;
using namespace Qt::StringLiterals;

class TestSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void dialogRoundTrip();
    void palettes();
    void themeOverrideApplies();
    void environmentForTheEngine();
    void recentModelsMenu();
    // Last: it installs a translator for the rest of the process.
    void languageAppliedAtStartup();
    void metricNamesAreTheEnginesAndTranslated();
    void methodTextsCoverTheEnginesAndAreTranslated();

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
    // No device list: no placement, whatever the combo shows.
    QVERIFY(back.devices.isEmpty() && back.placement.isEmpty());

    // Layer placement: a device list with a named way, or a typed layer list.
    s.devices = QStringLiteral("cuda:0,cuda:1");
    s.placement = QStringLiteral("auto");
    SettingsDialog placed(s);
    QCOMPARE(placed.settings().devices, s.devices);
    QCOMPARE(placed.settings().placement, QStringLiteral("auto"));
    placed.placementCombo()->setCurrentIndex(placed.placementCombo()->findData(QStringLiteral("balanced")));
    QCOMPARE(placed.settings().placement, QStringLiteral("balanced"));
    placed.devicesEdit()->clear();
    placed.placementCombo()->setEditText(QStringLiteral("0-15:cuda:0,16-31:cuda:1"));
    QCOMPARE(placed.settings().placement, QStringLiteral("0-15:cuda:0,16-31:cuda:1"));
    placed.settings().save();
    QCOMPARE(AppSettings::load().placement, QStringLiteral("0-15:cuda:0,16-31:cuda:1"));
    s.placement = AppSettings::load().placement;
    s.devices.clear();
    SettingsDialog reopened(s);
    QCOMPARE(reopened.settings().placement, s.placement);
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

void TestSettings::languageAppliedAtStartup()
{
    // The dialog offers the shipped languages and says a restart is needed.
    AppSettings s = AppSettings::load();
    QCOMPARE(s.language, QStringLiteral("system"));
    {
        SettingsDialog dialog(s);
        QComboBox* combo = dialog.languageCombo();
        QStringList keys;
        for (int i = 0; i < combo->count(); ++i)
            keys << combo->itemData(i).toString();
        QCOMPARE(keys, QStringList({QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("zh_TW"),
                                    QStringLiteral("zh_CN")}));
        QVERIFY(combo->itemText(2).contains(QStringLiteral("繁體中文")));
        QVERIFY(dialog.restartNote()->isHidden());
        combo->setCurrentIndex(2);
        QVERIFY(!dialog.restartNote()->isHidden());
        // LANCET_TEST_SHOTS=DIR: the dialog as drawn, to look at.
        if (const QString dir = qEnvironmentVariable("LANCET_TEST_SHOTS"); !dir.isEmpty()) {
            dialog.adjustSize();
            dialog.grab().save(dir + QStringLiteral("/settings-language.png"));
        }
        QVERIFY(dialog.restartNote()->text().contains(QLatin1String("started again")));
        s = dialog.settings();
        s.save();
    }
    QCOMPARE(AppSettings::load().language, QStringLiteral("zh_TW"));
    // What the dialog does not show survives it.
    s.tourSeen = true;
    s.save();
    QVERIFY(SettingsDialog(AppSettings::load()).settings().tourSeen);

    // The startup path (main.cpp): the stored key picks the locale and the
    // translation, whatever the desktop's locale is.
    QCOMPARE(QCoreApplication::translate("lancet::gui::MainWindow", "&File"), QStringLiteral("&File"));
    const QLocale locale = installTranslations(qApp, AppSettings::load().language,
                                               {QStringLiteral(LANCET_QM_DIR)});
    QCOMPARE(locale.language(), QLocale::Chinese);
    QCOMPARE(locale.territory(), QLocale::Taiwan);
    QCOMPARE(QLocale().territory(), QLocale::Taiwan);
    const QString file = QCoreApplication::translate("lancet::gui::MainWindow", "&File");
    QVERIFY2(file != QStringLiteral("&File") && file.contains(QStringLiteral("檔案")), qPrintable(file));
    QCOMPARE(localeForLanguage(QStringLiteral("zh_CN")).territory(), QLocale::China);
    QCOMPARE(localeForLanguage(QStringLiteral("en")).language(), QLocale::English);
    QCOMPARE(localeForLanguage(QStringLiteral("system")), QLocale::system());
}

// The scorecard shows the engine's metrics through the GUI's table: its English
// must be the engine's word for word (else a renamed metric would be shown under
// its old name), and in zh_TW every name and description is translated.
void TestSettings::metricNamesAreTheEnginesAndTranslated()
{
    int count = 0;
    const MetricText* texts = metricTexts(&count);
    QVERIFY(count >= 20);
    for (int i = 0; i < count; ++i) {
        const lancet::MetricInfo engine = lancet::metric_info(texts[i].key);
        QCOMPARE(QString::fromUtf8(texts[i].label), QString::fromStdString(engine.label));
        QCOMPARE(QString::fromUtf8(texts[i].description), QString::fromStdString(engine.description));
    }
    // An unknown key shows the engine's label as it is.
    QCOMPARE(metricLabel("made_up_metric", "Made-up metric"), QStringLiteral("Made-up metric"));

    installTranslations(qApp, QStringLiteral("zh_TW"), {QStringLiteral(LANCET_QM_DIR)});
    for (int i = 0; i < count; ++i) {
        const QString label = metricLabel(texts[i].key, texts[i].label);
        QVERIFY2(label != QString::fromUtf8(texts[i].label), texts[i].key);
        QVERIFY2(metricDescription(texts[i].key, texts[i].description) != QString::fromUtf8(texts[i].description),
                 texts[i].key);
    }
    QVERIFY(metricLabel("portability_one_hop", "").contains(QStringLiteral("one hop")));
    QVERIFY(!metricLabel("portability_one_hop", "").startsWith(QStringLiteral("Portability")));
}

// The edit panel's method list, about line and parameter form show the
// engine's texts through method_texts: every label, description and tooltip
// the engine gives must be in its list (else a new or reworded one would stay
// English in a Chinese lecture), and in zh_TW each one is translated.
void TestSettings::methodTextsCoverTheEnginesAndAreTranslated()
{
    const QStringList sources = methodTextSources();
    QStringList missing;
    int seen = 0;
    auto expect = [&](const std::string& text) {
        ++seen;
        if (!sources.contains(QString::fromStdString(text)))
            missing << QString::fromStdString(text);
    };
    // The methods as the edit panel gets them: through the bridge, for a loaded model.
    lancet::app::EngineBridge bridge;
    QSignalSpy finished(&bridge, &lancet::app::EngineBridge::jobFinished);
    QVERIFY(waitForJob(finished, bridge.loadModel(tinyModel())).has_value());
    std::optional<std::vector<lancet::MethodInfo>> methods;
    bridge.editMethods().result.then(this, [&](const std::vector<lancet::MethodInfo>& m) { methods = m; });
    QVERIFY(QTest::qWaitFor([&] { return methods.has_value(); }, kEngineTimeoutMs));
    for (const lancet::MethodInfo& info : *methods) {
        expect(info.label);
        expect(info.description);
        for (const auto& p : info.params) {
            expect(p.label);
            expect(p.tooltip);
        }
    }
    QVERIFY(seen >= 80);
    QVERIFY2(missing.isEmpty(), qPrintable(u"not in method_texts.cpp: "_s + missing.join(u" | "_s)));

    installTranslations(qApp, QStringLiteral("zh_TW"), {QStringLiteral(LANCET_QM_DIR)});
    // Method names and a symbol read the same in every language.
    const QStringList sameEverywhere{u"ROME / r-ROME"_s, u"MEMIT"_s, u"AlphaEdit"_s, u"LoRA"_s, u"α"_s};
    QStringList untranslated;
    for (const QString& s : sources)
        if (!sameEverywhere.contains(s) && methodText(s.toStdString()) == s)
            untranslated << s;
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(u" | "_s)));
    QCOMPARE(methodText("Learning rate"), QStringLiteral("學習率"));
    // A text the table does not know (a model folder's own note) stays as it is.
    QCOMPARE(methodText("ending at the ROME layer 5"), QStringLiteral("ending at the ROME layer 5"));
}

QTEST_MAIN(TestSettings)
#include "test_settings.moc"
