#!/usr/bin/env bash
# Draws the demo model card's figures with gnuplot (Debian package gnuplot-nox):
#   training-curve.png  loss and learning rate from training-curve.csv
#   trace-aie.png       average indirect effect of restoring MLP outputs / hidden
#                       states at the last subject token vs the last token, per layer,
#                       from a `lancet-cli trace-avg --json` result.
# Usage: bash tools/demo-corpus/plot_card.sh TRACE_AVG.json
set -euo pipefail
DIR=resources/models/lancet-demo
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
python3 - "$1" "$TMP/aie.dat" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
k = {x["kind"]: x["buckets"] for x in d["kinds"]}
with open(sys.argv[2], "w") as f:
    f.write("# layer mlp_subj mlp_last hid_subj hid_last attn_subj attn_last\n")
    for l in range(len(k["mlp"]["last_token"]["mean_effect"])):
        row = [k[kind][b]["mean_effect"][l] for kind in ("mlp", "hidden", "attn") for b in ("last_subject_token", "last_token")]
        f.write(" ".join([str(l)] + [f"{v:.5f}" for v in row]) + "\n")
print(f'{d["facts_used"]} facts', file=sys.stderr)
PY
N=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['facts_used'])" "$1")
gnuplot <<GP
set terminal pngcairo size 900,420 font "DejaVu Sans,11"
set output "$DIR/trace-aie.png"
set multiplot layout 1,2 title "Causal tracing of lancet-demo: average indirect effect over $N facts (window 3)"
set xlabel "layer"; set ylabel "AIE: p(restored) - p(corrupted)"; set key top right; set grid
set xrange [-0.5:7.5]; set yrange [-0.05:1]
set title "restoring MLP outputs"
plot "$TMP/aie.dat" u 1:2 w lp lw 2 pt 7 lc rgb "#1b7837" t "last subject token", "" u 1:3 w lp lw 2 pt 5 lc rgb "#762a83" t "last token"
set title "restoring hidden states"
plot "$TMP/aie.dat" u 1:4 w lp lw 2 pt 7 lc rgb "#1b7837" t "last subject token", "" u 1:5 w lp lw 2 pt 5 lc rgb "#762a83" t "last token"
unset multiplot
GP
gnuplot <<GP
set terminal pngcairo size 900,360 font "DejaVu Sans,11"
set output "$DIR/training-curve.png"
set datafile separator ","
set xlabel "step"; set ylabel "training loss"; set y2label "learning rate"; set ytics nomirror; set y2tics; set grid
set title "lancet-demo training (bf16 autocast, 128 x 256 tokens a step)"
plot "$DIR/training-curve.csv" every ::1 u 1:3 w l lw 2 lc rgb "#2166ac" t "loss", "" every ::1 u 1:4 axes x1y2 w l lw 1 dt 2 lc rgb "#b2182b" t "lr"
GP
ls -l "$DIR"/*.png
