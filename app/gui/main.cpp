// lancet [MODEL_DIR]: the workbench.
#include "app_settings.h"
#include "demo_script.h"
#include "language.h"
#include "main_window.h"
#include "model_locator.h"
#include "startup_report.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;
using namespace lancet::gui;

#ifndef LANCET_VERSION
#define LANCET_VERSION "0.0.0"
#endif

namespace {

// --help and --version only print: they get a QCoreApplication, which needs no
// display, so a terminal without one (ssh, a package check) gets the text
// instead of Qt's "could not connect to display" abort.
bool onlyPrints(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"--help", "-h", "--help-all", "--version", "-v", "-?"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

}  // namespace

int main(int argc, char** argv)
{
    const std::unique_ptr<QCoreApplication> application =
        onlyPrints(argc, argv) ? std::make_unique<QCoreApplication>(argc, argv) : std::make_unique<QApplication>(argc, argv);
    QCoreApplication& app = *application;
    QApplication::setOrganizationName(u"Lancet"_s);
    QApplication::setApplicationName(u"lancet"_s);
    QApplication::setApplicationDisplayName(u"Lancet"_s);
    QApplication::setApplicationVersion(QStringLiteral(LANCET_VERSION));
    QApplication::setDesktopFileName(u"lancet"_s);
    // The language chosen in Settings (or the desktop's): read before any
    // translated text is built, which is why a change needs a restart.
    const AppSettings settings = AppSettings::load();
    installTranslations(&app, settings.language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Lancet: locate a fact with causal tracing, edit it with ROME, judge it."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"MODEL_DIR"_s,
                                 QCoreApplication::translate("main", "Model folder to open (default: the last one, "
                                                                     "else the bundled demo model)."),
                                 u"[MODEL_DIR]"_s);
    const QCommandLineOption sessionOpt(u"session"_s, QCoreApplication::translate("main", "Open a saved session."),
                                        u"FILE"_s);
    const QCommandLineOption deviceOpt(u"device"_s,
                                       QCoreApplication::translate("main", "cpu, cuda or auto (this run only)."),
                                       u"DEVICE"_s);
    const QCommandLineOption dtypeOpt(u"dtype"_s,
                                      QCoreApplication::translate("main",
                                                                  "auto, float32, float16 or bfloat16 (this run only)."),
                                      u"DTYPE"_s);
    const QCommandLineOption devicesOpt(
        u"devices"_s,
        QCoreApplication::translate("main", "Split the model's layers across these devices, e.g. cuda:0,cuda:1 "
                                            "(this run only; with --placement)."),
        u"LIST"_s);
    const QCommandLineOption placementOpt(
        u"placement"_s,
        QCoreApplication::translate("main", "How the layers are split: auto (by free memory), balanced, or a layer "
                                            "list such as 0-15:cuda:0,16-31:cuda:1 (this run only)."),
        u"HOW"_s);
    const QCommandLineOption freshOpt(u"fresh"_s, QCoreApplication::translate(
                                                      "main", "Do not reopen the last model; no crash recovery."));
    const QCommandLineOption shotsOpt(
        u"screenshot-dir"_s,
        QCoreApplication::translate("main", "Scripted demo: trace the Space Needle fact, save PNGs of the window "
                                            "into DIR, quit (also $LANCET_SCREENSHOT_DIR)."),
        u"DIR"_s);
    const QCommandLineOption themeOpt(u"theme"_s,
                                      QCoreApplication::translate("main", "desktop, light or dark (this run only)."),
                                      u"SCHEME"_s);
    parser.addOptions({sessionOpt, deviceOpt, dtypeOpt, devicesOpt, placementOpt, freshOpt, shotsOpt, themeOpt});
    parser.process(app);  // --help and --version exit here: from now on `app` is a QApplication

    // The engine reads its environment (threads, corpus, cache) when it starts.
    settings.applyToEnvironment();
    theme::captureDesktopPalette();
    theme::apply(parser.isSet(themeOpt) ? themeModeFromKey(parser.value(themeOpt)) : settings.theme);

    MainWindow window;
    window.overrideEngine(parser.value(deviceOpt), parser.value(dtypeOpt), parser.value(devicesOpt),
                          parser.value(placementOpt));
    const QString modelArg = parser.positionalArguments().value(0);

    QString shots = parser.value(shotsOpt);
    if (shots.isEmpty())
        shots = qEnvironmentVariable("LANCET_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        // A full-HD desktop, unless LANCET_SCREENSHOT_SIZE says otherwise ("1366x768"):
        // layouts are checked at the small laptop size too.
        QSize size(1920, 1080);
        const QStringList wh = qEnvironmentVariable("LANCET_SCREENSHOT_SIZE").split(u'x');
        if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
            size = QSize(wh[0].toInt(), wh[1].toInt());
        window.resize(size);
        window.setCompactDocks(MainWindow::wantsCompactDocks(size));
        window.show();
        const QString model = modelArg.isEmpty() ? defaultModelPath() : modelArg;
        auto* script = new DemoScript(&window, model, QDir(shots).absolutePath(), &window);
        script->start();
        return QApplication::exec();
    }

    reportFirstPrediction(window.promptPanel());
    window.show();
    StartupOptions options;
    options.modelPath = modelArg;
    options.restoreLast = !parser.isSet(freshOpt);
    options.offerRecovery = !parser.isSet(freshOpt);
    options.offerTour = !parser.isSet(freshOpt);  // a fresh run is a developer's, not a first start
    if (parser.isSet(sessionOpt)) {
        options.openModel = false;
        window.startup(options);
        window.openSession(parser.value(sessionOpt));
    } else {
        window.startup(options);
    }
    return QApplication::exec();
}
