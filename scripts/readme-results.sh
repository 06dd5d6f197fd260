#!/usr/bin/env bash
# Regenerates every model result the README shows — its tables come from the files written here,
# its figures are copied to docs/img — so that each number can be traced to a command and a seed.
# Takes a few minutes on 2 cores. Usage: scripts/readme-results.sh [OUT]   (default out/readme)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/readme}
sim=(go run ./cmd/alliancesim)
mkdir -p "$out" docs/img

# The default scenario: 10,000 runs, seed 1.
"${sim[@]}" run --quiet --force --out "$out/default" | tee "$out/default.txt"
cp "$out/default/survival.png" docs/img/europe-2025-survival.png

# Ukraine's five options, paired (the same run seeds), 10,000 runs each.
"${sim[@]}" compare --quiet --force --out "$out/ukraine" \
  ukraine-nato ukraine-coalition ukraine-agreements ukraine-porcupine ukraine-budapest
cp "$out/ukraine/compare.png" docs/img/ukraine-options.png
cp "$out/ukraine/survival.png" docs/img/ukraine-options-survival.png

# Taiwan's five options, paired (the same run seeds), 10,000 runs each.
"${sim[@]}" compare --quiet --force --out "$out/taiwan" \
  taiwan-ambiguity taiwan-treaty taiwan-coalition taiwan-porcupine taiwan-abandonment
cp "$out/taiwan/compare.png" docs/img/taiwan-options.png
cp "$out/taiwan/survival.png" docs/img/taiwan-options-survival.png
# What makes the coalition worst: Taiwan's burden. The same options with it held at 2.1%.
"${sim[@]}" compare --quiet --force --out "$out/taiwan-fixed" --set state.Taiwan.strategy=fixed \
  taiwan-ambiguity taiwan-treaty taiwan-coalition taiwan-porcupine taiwan-abandonment
# The treaty without its nuclear umbrella.
"${sim[@]}" run taiwan-treaty --quiet --force --out "$out/taiwan-treaty-no-umbrella" --runs 4000 \
  --set kind.treaty.umbrella=false | tee "$out/taiwan-treaty-no-umbrella.txt"
# The treaty Taiwan forms itself (with India): how often, and what the options give without it.
"${sim[@]}" run taiwan-abandonment --quiet --force --out "$out/taiwan-abandonment" | tee "$out/taiwan-abandonment.txt"
"${sim[@]}" compare --quiet --force --out "$out/taiwan-no-formation" --set model.formation=false \
  taiwan-ambiguity taiwan-treaty taiwan-coalition taiwan-porcupine taiwan-abandonment

# Both theatres at once: world-2025 beside each theatre alone (the per-state tables of the .txt
# files), and with the USA's burden held at its 2024 figure.
"${sim[@]}" run indo-pacific-2025 --quiet --force --out "$out/indo-pacific" | tee "$out/indo-pacific.txt"
"${sim[@]}" run world-2025 --quiet --force --out "$out/world" | tee "$out/world.txt"
"${sim[@]}" run europe-2025 --quiet --force --out "$out/europe-usa-fixed" --set state.USA.strategy=fixed \
  | tee "$out/europe-usa-fixed.txt"
"${sim[@]}" run world-2025 --quiet --force --out "$out/world-usa-fixed" --set state.USA.strategy=fixed \
  | tee "$out/world-usa-fixed.txt"
"${sim[@]}" run indo-pacific-2025 --quiet --force --out "$out/indo-pacific-usa-fixed" --set state.USA.strategy=fixed \
  | tee "$out/indo-pacific-usa-fixed.txt"
for sc in indo-pacific-2025 world-2025; do
  "${sim[@]}" run $sc --quiet --force --out "$out/$sc-rep-frozen" --set rep.up=0 --set rep.down=1 \
    | tee "$out/$sc-rep-frozen.txt"
done

# The tripwire: the Baltic states with and without guarantor forces on their soil.
"${sim[@]}" compare --quiet --force --out "$out/tripwire" \
  --metric focus_attacked,focus_armed_attacked baltic-tripwire baltic-no-tripwire
cp "$out/tripwire/compare.png" docs/img/baltic-tripwire.png

# Reputation against aid under the agreements.
"${sim[@]}" sweep ukraine-agreements --quiet --force --out "$out/rep-aid" --runs 2000 \
  --param rep.init=0.1:0.9:5 --param kind.agreement.aid=0:0.1:6 --metric focus_armed_attacked,focus_attacked
cp "$out/rep-aid/heatmap.png" docs/img/ukraine-reputation-aid-heatmap.png

# How the headline moves with the two least certain version 4 parameters.
"${sim[@]}" sweep --quiet --force --out "$out/sweep-s" --runs 2000 \
  --param model.s=0.06:0.2:8 --metric focus_attacked,focus_armed_attacked
cp "$out/sweep-s/sweep.png" docs/img/sweep-model-s.png
# The escalation shadow acts on protégés of armed-trigger guarantees: Estonia, not Ukraine.
"${sim[@]}" sweep baltic-tripwire --quiet --force --out "$out/sweep-escalation" --runs 2000 \
  --param hybrid.escalation=0:1:6 --metric focus_attacked,focus_armed_attacked
cp "$out/sweep-escalation/sweep.png" docs/img/sweep-escalation.png

# Calibration and the burden pattern against the 2024 data (validate exits 1 when a check fails:
# the table says which, and the script goes on).
"${sim[@]}" validate --out "$out/validate" | tee "$out/validate.txt" || true
cp "$out/validate/burdens.png" docs/img/nato-burdens.png

# Every headline as a range over the calibration set (docs/ODD.md §9.4).
for sc in europe-2025 ukraine-nato ukraine-coalition ukraine-porcupine ukraine-budapest \
  baltic-tripwire baltic-no-tripwire \
  taiwan-ambiguity taiwan-treaty taiwan-coalition taiwan-porcupine taiwan-abandonment; do
  "${sim[@]}" validate "$sc" --calibration-set | tee "$out/calset-$sc.txt"
done

# Ukraine's five options under deep uncertainty: Sobol' indices, PRIM and robustness over four
# factors (alliancesim explore). The factors are [[factor]] tables appended to a config of the
# same world; every option runs the same seeds at every design point.
"${sim[@]}" init ukraine-budapest > "$out/ukraine-explore.toml"
cat >> "$out/ukraine-explore.toml" <<'TOML'

[[factor]]
path = "state.Russia.claims.Ukraine"
name = "Russia's claim on Ukraine"
min = 0.5
max = 1.0

[[factor]]
path = "honour.a0"
name = "guarantors' will (honour.a0)"
min = -3.4
max = -1.4

[[factor]]
path = "kind.agreement.aid"
name = "agreements' aid"
min = 0
max = 0.1

[[factor]]
path = "model.s"
name = "decision noise (model.s)"
min = 0.07
max = 0.28
TOML
"${sim[@]}" explore "$out/ukraine-explore.toml" --quiet --force --out "$out/ukraine-explore" \
  --options ukraine-nato,ukraine-coalition,ukraine-agreements,ukraine-porcupine,ukraine-budapest \
  --design sobol --samples 128 --runs 200 \
  --discover "focus_armed_attacked>0.2" --threshold "focus_armed_attacked<0.1" | tee "$out/ukraine-explore.txt"
cp "$out/ukraine-explore/sensitivity.png" docs/img/ukraine-explore-sensitivity.png
cp "$out/ukraine-explore/robust.png" docs/img/ukraine-explore-robust.png
