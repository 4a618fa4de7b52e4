// How a model token is written on screen.
#pragma once

#include <QString>

namespace lancet::widgets {

// Tokens carry their whitespace (" Paris" and "Paris" are different tokens),
// so we make it visible: ' ' -> '␣', '\n' -> '↵', '\t' -> '⇥'. An empty token
// becomes "∅" so that a row never has a blank label.
QString visibleToken(const QString& token);

// A probability for a label: "41.2%", "5.0%", "0.42%", or "3.1e-05" when tiny, so that
// a very unlikely token never reads as a flat "0.0%".
QString formatProbability(double p);

}  // namespace lancet::widgets
