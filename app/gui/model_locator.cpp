#include "model_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
bool looksLikeModel(const QString& dir) { return QFileInfo::exists(dir + u"/config.json"_s); }
}  // namespace

QString defaultModelPath()
{
    const QString env = qEnvironmentVariable("LANCET_DEMO_MODEL");
    if (!env.isEmpty() && looksLikeModel(env))
        return QDir::cleanPath(env);

    QStringList roots;
#ifdef LANCET_SOURCE_DIR
    roots << QStringLiteral(LANCET_SOURCE_DIR);
#endif
    const QString exeDir = QCoreApplication::applicationDirPath();
    if (!exeDir.isEmpty()) {
        const QString share = QDir::cleanPath(exeDir + u"/../share/lancet/models/lancet-demo"_s);
        if (looksLikeModel(share))
            return share;
        // A build folder inside (or beside) the source tree: walk up to it.
        QDir d(exeDir);
        for (int up = 0; up < 6; ++up) {
            roots << d.absolutePath();
            if (!d.cdUp())
                break;
        }
    }
    for (const QString& root : std::as_const(roots)) {
        const QString demo = root + u"/resources/models/lancet-demo"_s;
        if (looksLikeModel(demo))
            return QDir::cleanPath(demo);
    }
    for (const QString& root : std::as_const(roots)) {
        const QString tiny = root + u"/tests/fixtures/tiny-gpt2"_s;
        if (looksLikeModel(tiny))
            return QDir::cleanPath(tiny);
    }
    return {};
}

QString validateModelFolder(const QString& path, QString* resolved)
{
    if (path.trimmed().isEmpty())
        return QCoreApplication::translate("lancet", "No folder was given.");
    QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (!info.exists())
        return QCoreApplication::translate("lancet", "%1 does not exist.").arg(shown);
    QString dir = info.absoluteFilePath();
    if (info.isFile()) {
        // config.json or a weights file: its folder is the checkpoint.
        dir = info.absolutePath();
    }
    QDir d(dir);
    if (!d.isReadable())
        return QCoreApplication::translate("lancet", "%1 cannot be read (permissions).").arg(shown);
    if (!d.exists(u"config.json"_s))
        return QCoreApplication::translate("lancet",
                                           "%1 has no config.json, so it is not a model folder. A Hugging Face "
                                           "checkpoint folder holds config.json, the weights (*.safetensors) and "
                                           "the tokenizer (vocab.json and merges.txt, or tokenizer.json).")
            .arg(QDir::toNativeSeparators(dir));
    const QStringList weights = d.entryList({u"*.safetensors"_s, u"*.safetensors.index.json"_s}, QDir::Files);
    if (weights.isEmpty()) {
        const bool bin = !d.entryList({u"*.bin"_s, u"*.pt"_s, u"*.pth"_s}, QDir::Files).isEmpty();
        if (bin)
            return QCoreApplication::translate("lancet",
                                               "%1 holds PyTorch pickle weights (.bin) only. Lancet reads "
                                               "safetensors, which cannot run code when loaded: convert the "
                                               "checkpoint with transformers' save_pretrained(..., "
                                               "safe_serialization=True).")
                .arg(QDir::toNativeSeparators(dir));
        return QCoreApplication::translate("lancet", "%1 has config.json but no weights (*.safetensors).")
            .arg(QDir::toNativeSeparators(dir));
    }
    if (resolved)
        *resolved = QDir::cleanPath(dir);
    return {};
}

}  // namespace lancet::gui
