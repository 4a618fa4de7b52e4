#include "autosave.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace lancet::gui {

Autosave::Autosave(QObject* parent) : QObject(parent)
{
    timer_ = new QTimer(this);
    timer_->setInterval(60 * 1000);
    connect(timer_, &QTimer::timeout, this, [this] { saveNow(); });
}

Autosave::~Autosave() = default;

QString Autosave::directory() const
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Autosave::autosavePath() const { return directory() + u"/autosave.lancet-session.json"_s; }
QString Autosave::recoveryPath() const { return directory() + u"/recovery.lancet-session.json"_s; }
QString Autosave::markerPath() const { return directory() + u"/running.marker"_s; }

bool Autosave::begin()
{
    if (active_)
        return true;
    QDir().mkpath(directory());
    lock_ = std::make_unique<QLockFile>(directory() + u"/instance.lock"_s);
    lock_->setStaleLockTime(0);  // a lock is stale only when its process is gone
    if (!lock_->tryLock(0)) {
        lock_.reset();
        return false;
    }
    crashed_ = QFile::exists(markerPath());
    if (crashed_ && QFile::exists(autosavePath())) {
        // Set the crashed run's autosave aside: this run's autosaves must not
        // overwrite it before the user has decided whether to recover it. But
        // when that run crashed before its own offer was answered, with no edit
        // of its own, the earlier crash's edits stay the ones offered: a crash
        // while starting again must not throw them away.
        Session earlier, crashed;
        const bool keepEarlier = Session::load(recoveryPath(), &earlier) && !earlier.edits.isEmpty() &&
                                 !(Session::load(autosavePath(), &crashed) && !crashed.edits.isEmpty());
        if (keepEarlier) {
            QFile::remove(autosavePath());
        } else {
            QFile::remove(recoveryPath());
            QFile::rename(autosavePath(), recoveryPath());
        }
    }
    QFile marker(markerPath());
    if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
        marker.write(QString(QString::number(QCoreApplication::applicationPid()) + u" "_s +
                             QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
                         .toUtf8());
    active_ = true;
    timer_->start();
    return true;
}

bool Autosave::hasRecovery() const
{
    Session s;
    return recoverySession(&s);
}

bool Autosave::recoverySession(Session* out) const
{
    if (!crashed_ || !QFile::exists(recoveryPath()))
        return false;
    Session s;
    if (!Session::load(recoveryPath(), &s))
        return false;
    if (s.modelPath.isEmpty())
        return false;
    *out = s;
    return true;
}

void Autosave::discardRecovery()
{
    crashed_ = false;
    QFile::remove(recoveryPath());
}

void Autosave::setInterval(int ms) { timer_->setInterval(ms); }
int Autosave::interval() const { return timer_->interval(); }

bool Autosave::saveNow()
{
    if (!active_ || !snapshot_)
        return false;
    QString error;
    if (!snapshot_().save(autosavePath(), &error)) {
        Q_EMIT failed(error);
        return false;
    }
    Q_EMIT saved(autosavePath());
    return true;
}

void Autosave::markCleanShutdown()
{
    if (!active_)
        return;
    saveNow();
    timer_->stop();
    QFile::remove(markerPath());
    active_ = false;
    lock_.reset();  // unlocks
}

}  // namespace lancet::gui
