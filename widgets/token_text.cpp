#include "token_text.h"

#include <cmath>

namespace lancet::widgets {

QString visibleToken(const QString& token)
{
    if (token.isEmpty())
        return QStringLiteral("∅");
    QString out;
    out.reserve(token.size());
    for (const QChar c : token) {
        if (c == u' ')
            out += u'␣';
        else if (c == u'\n')
            out += u'↵';
        else if (c == u'\t')
            out += u'⇥';
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else
            out += c;
    }
    return out;
}

QString formatProbability(double p)
{
    if (std::isnan(p))
        return QStringLiteral("—");
    if (p >= 0.01)
        return QString::number(100.0 * p, 'f', 1) + u'%';
    if (p >= 0.001)
        return QString::number(100.0 * p, 'f', 2) + u'%';
    if (p <= 0.0)
        return QStringLiteral("0%");
    return QString::number(p, 'e', 1);
}

}  // namespace lancet::widgets
