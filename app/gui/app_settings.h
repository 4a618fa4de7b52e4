// Preferences kept in QSettings: where models run, the engine's statistics
// corpus and cache, the colour scheme, the language, the classroom options
// (presentation mode, colour-blind-safe heat maps, the lecture tour seen),
// recent models.
#pragma once

#include <QString>
#include <QStringList>

namespace lancet::gui {

enum class ThemeMode { FollowDesktop, Light, Dark };

struct AppSettings {
    QString device = QStringLiteral("auto");  // cpu | cuda | auto
    QString dtype = QStringLiteral("auto");   // auto | float32 | float16 | bfloat16
    // A model's layers across several devices (engine model/placement.h), for
    // models larger than one GPU: `devices` lists them ("cuda:0,cuda:1"),
    // `placement` says how ("auto", "balanced" or "0-15:cuda:0,16-31:cuda:1").
    // Both empty: everything on `device`.
    QString devices;
    QString placement;
    int threads = 0;                          // 0: LibTorch's default (one per core)
    QString corpusDir;                        // empty: the shipped corpus
    QString cacheDir;                         // empty: ~/.cache/lancet
    ThemeMode theme = ThemeMode::FollowDesktop;
    // "system" (the desktop's locale), "en", "zh_TW" or "zh_CN"; main.cpp
    // installs the translators at start, so a change needs a restart.
    QString language = QStringLiteral("system");
    bool presentation = false;      // View ▸ Presentation Mode, remembered
    bool accessibleHeatMaps = false; // viridis-like heat maps instead of the paper's purple/green/red
    bool tourSeen = false;          // the lecture tour was finished or skipped once

    static AppSettings load();
    void save() const;
    // Hands corpus, cache and thread settings to the engine through the
    // environment it reads (LANCET_CORPUS_DIR, LANCET_CACHE_DIR, OMP_NUM_THREADS).
    // Threads only take effect before the engine starts: call it early.
    void applyToEnvironment() const;
};

// The languages Lancet ships translations for, as AppSettings::language keys.
QStringList languageKeys();
QString themeModeKey(ThemeMode mode);
ThemeMode themeModeFromKey(const QString& key);

namespace recent {
QStringList models();
void add(const QString& path);
void remove(const QString& path);
void clear();
inline constexpr int kMax = 8;
}  // namespace recent

}  // namespace lancet::gui
