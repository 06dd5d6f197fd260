#!/usr/bin/env python3
"""Read the outputs of `alliancesim run` with Python's standard library alone.

    python3 read_outputs.py OUT_DIR [--table TABLE.csv] [--survival SURVIVAL.csv] [--svg FIGURE.svg]

It loads the tables typed by the folder's data dictionary (datapackage.json: NA is None,
booleans 1/0), recomputes the README's per-state table from states.csv -- protected runs,
P(deterrence failure | protected), P(attacked), P(attacked by arms), P(conquered), each with its
Wilson 95% interval, and the mean economy lost -- and the Kaplan-Meier curve of the first
deterrence failure from runs.csv, checks both against summary.json, prints the table, and redraws
the survival figure as an SVG written by hand. Exit status 1 when a number differs.
With pandas the same table is one groupby: see the comments at the end.
"""

import argparse
import csv
import json
import math
import os
import sys

Z95 = 1.959963984540054  # the 0.975 quantile of the standard normal, as alliancesim uses


def load_table(folder, name):
    """Reads a CSV of the folder, each value converted by its type in datapackage.json."""
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        package = json.load(f)
    resource = next(r for r in package["resources"] if r["path"] == name)
    schema = resource["schema"]
    missing = set(schema["missingValues"])
    fields = {fd["name"]: fd for fd in schema["fields"]}

    def convert(field, text):
        if text in missing:
            return None
        kind = field["type"]
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
        if kind == "boolean":
            return text in field.get("trueValues", ["true"])
        return text

    with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != [fd["name"] for fd in schema["fields"]]:
            raise SystemExit(f"{name}: its header is not the one datapackage.json describes")
        return [{k: convert(fields[k], v) for k, v in row.items()} for row in reader]


def wilson(k, n, z=Z95):
    """Wilson score interval of k successes in n trials: (p, lo, hi), None when n is 0."""
    if n == 0:
        return None
    den = n + z * z
    centre = (k + z * z / 2) / den
    half = z * math.sqrt(k * (n - k) / n + z * z / 4) / den
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (k / n, lo, hi)


def state_table(states):
    """The README's per-state table, from states.csv: one dict per state, in config order."""
    order, by_state = [], {}
    for row in states:
        if row["state"] not in by_state:
            order.append(row["state"])
            by_state[row["state"]] = []
        by_state[row["state"]].append(row)
    table = []
    for name in order:
        rows = by_state[name]
        n = len(rows)
        protected = [r for r in rows if r["protected"]]
        failed = sum(1 for r in protected if r["failure_step"] is not None)
        table.append({
            "state": name,
            "protected_runs": len(protected),
            "deterrence_failure": wilson(failed, len(protected)),
            "attacked": wilson(sum(r["attacked"] for r in rows), n),
            "armed_attacked": wilson(sum(r["armed_attacked"] for r in rows), n),
            "conquered": wilson(sum(r["conquered"] for r in rows), n),
            "economy_lost": math.fsum(r["economy_lost"] for r in rows) / n,
        })
    return table


def kaplan_meier(steps, horizon, z=Z95):
    """Kaplan-Meier survival of event steps (None: censored at the horizon), with the
    log-log Greenwood band alliancesim uses: a list of (step, s, lo, hi) for steps 0..horizon."""
    events = [0] * (horizon + 1)
    for s in steps:
        if s is not None:
            events[s] += 1
    at_risk, s, log_s, gw = len(steps), 1.0, 0.0, 0.0
    curve = [(0, 1.0, 1.0, 1.0)]
    for t in range(1, horizon + 1):
        d = events[t]
        if at_risk > 0 and d > 0:
            s *= 1 - d / at_risk
            log_s += math.log1p(-d / at_risk) if d < at_risk else -math.inf
            if d < at_risk:
                gw += d / (at_risk * (at_risk - d))
        if s == 1:
            lo = hi = 1.0
        elif s == 0:
            lo = hi = 0.0
        else:
            sigma = math.sqrt(gw) / -log_s
            lo, hi = math.exp(log_s * math.exp(z * sigma)), math.exp(log_s * math.exp(-z * sigma))
        curve.append((t, s, lo, hi))
        at_risk -= d
    return curve


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(b))


def check(table, curve, summary):
    """The differences between the recomputed numbers and summary.json's."""
    wrong = []
    per_state = {s["name"]: s for s in summary["per_state"]}
    for row in table:
        s = per_state[row["state"]]
        if row["protected_runs"] != s["protected_runs"]:
            wrong.append(f"{row['state']}: protected runs {row['protected_runs']}, summary {s['protected_runs']}")
        for key in ("deterrence_failure", "attacked", "armed_attacked", "conquered"):
            mine = row[key] or (None, None, None)
            theirs = (s[key]["estimate"], s[key]["lo"], s[key]["hi"])
            if not all(close(a, b) for a, b in zip(mine, theirs)):
                wrong.append(f"{row['state']} {key}: {mine}, summary {theirs}")
        if not close(row["economy_lost"], s["economy_lost"]["estimate"]):
            wrong.append(f"{row['state']} economy lost: {row['economy_lost']}, summary {s['economy_lost']['p']}")
    theirs = {p["step"]: p for p in summary["survival"]}
    for t, s, lo, hi in curve:
        p = theirs.get(t)
        if p is not None and not (close(s, p["s"]) and close(lo, p["lo"], 1e-6) and close(hi, p["hi"], 1e-6)):
            wrong.append(f"survival at step {t}: {s} [{lo}, {hi}], summary {p['s']} [{p['lo']}, {p['hi']}]")
    return wrong


def fmt(iv):
    return "–" if iv is None else f"{iv[0]:.3f} [{iv[1]:.3f}, {iv[2]:.3f}]"


def print_table(table):
    print(f"{'state':>12}  {'protected runs':>14}  {'P(failure | protected)':>22}  {'P(attacked)':>20}  "
          f"{'P(attacked by arms)':>20}  {'P(conquered)':>20}  {'economy lost T$':>15}")
    for r in table:
        if r["attacked"][0] == 0:
            continue
        print(f"{r['state']:>12}  {r['protected_runs']:>14}  {fmt(r['deterrence_failure']):>22}  {fmt(r['attacked']):>20}  "
              f"{fmt(r['armed_attacked']):>20}  {fmt(r['conquered']):>20}  {r['economy_lost']:>15.3f}")


def write_svg(path, curve, title):
    """The Kaplan-Meier curve as a step line with its 95% band, in 480 x 300 SVG."""
    w, h, left, right, top, bottom = 480, 300, 56, 16, 28, 44
    horizon = curve[-1][0]
    x = lambda t: left + (w - left - right) * t / horizon
    y = lambda v: top + (h - top - bottom) * (1 - v)

    def steps(values):
        pts = [f"{x(0):.1f},{y(values[0]):.1f}"]
        for (t, _), v in zip(enumerate(values[1:], 1), values[1:]):
            pts.append(f"{x(t):.1f},{y(values[t - 1]):.1f}")
            pts.append(f"{x(t):.1f},{y(v):.1f}")
        return pts

    s = [c[1] for c in curve]
    lo = [c[2] for c in curve]
    hi = [c[3] for c in curve]
    band = steps(hi) + list(reversed(steps(lo)))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="16" text-anchor="middle" font-size="12">{title}</text>',
           f'<polygon points="{" ".join(band)}" fill="#1f77b4" fill-opacity="0.2" stroke="none"/>',
           f'<polyline points="{" ".join(steps(s))}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>',
           f'<line x1="{left}" y1="{y(0)}" x2="{w - right}" y2="{y(0)}" stroke="black"/>',
           f'<line x1="{left}" y1="{y(0)}" x2="{left}" y2="{y(1)}" stroke="black"/>']
    for v in (0, 0.25, 0.5, 0.75, 1):
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
    for t in range(0, horizon + 1, max(1, horizon // 5)):
        out.append(f'<text x="{x(t):.1f}" y="{y(0) + 16:.1f}" text-anchor="middle">{t}</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 6}" text-anchor="middle">Year</text>')
    out.append(f'<text x="14" y="{(top + h - bottom) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 14 {(top + h - bottom) / 2})">P(no deterrence failure yet)</text>')
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="an output folder of alliancesim run")
    ap.add_argument("--table", help="write the recomputed per-state table to this CSV")
    ap.add_argument("--survival", help="write the recomputed survival curve to this CSV")
    ap.add_argument("--svg", help="redraw the survival figure into this SVG")
    args = ap.parse_args()

    with open(os.path.join(args.folder, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    table = state_table(load_table(args.folder, "states.csv"))
    runs = load_table(args.folder, "runs.csv")
    curve = kaplan_meier([r["failure_step"] for r in runs], summary["steps"])

    print(f"{summary['scenario']}: {summary['runs']} runs x {summary['steps']} steps, seed {summary['seed']}, "
          f"alliancesim {summary['version']}\n")
    print_table(table)
    if args.table:
        with open(args.table, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            keys = ("deterrence_failure", "attacked", "armed_attacked", "conquered")
            w.writerow(["state", "protected_runs"] + [f"{k}{s}" for k in keys for s in ("", "_lo", "_hi")] + ["economy_lost"])
            for r in table:
                cells = [r["state"], r["protected_runs"]]
                for k in keys:
                    cells += ["NA"] * 3 if r[k] is None else [repr(v) for v in r[k]]
                w.writerow(cells + [repr(r["economy_lost"])])
    if args.survival:
        with open(args.survival, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["step", "s", "lo", "hi"])
            w.writerows([[t, repr(s), repr(lo), repr(hi)] for t, s, lo, hi in curve])
    if args.svg:
        write_svg(args.svg, curve, f"{summary['scenario']}: first deterrence failure (Kaplan–Meier, 95% band)")
    wrong = check(table, curve, summary)
    for line in wrong:
        print("differs:", line, file=sys.stderr)
    print(f"\n{'every number agrees with summary.json' if not wrong else f'{len(wrong)} numbers differ from summary.json'}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())

# With pandas (not needed here), the same table:
#   s = pd.read_csv("states.csv", na_values="NA")
#   s.groupby("state", sort=False).agg(protected_runs=("protected", "sum"), attacked=("attacked", "mean"),
#                                      economy_lost=("economy_lost", "mean"))
