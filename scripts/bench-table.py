#!/usr/bin/env python3
"""The closing note's benchmark table, as Markdown, from the JSON lines bench.py appends to
$WANCUN_BENCH_RESULTS (scripts/bench-all.sh runs every benchmark that way).

Usage, from the repository root: python3 scripts/bench-table.py RESULTS.jsonl
For each benchmark: each command's median wall and CPU seconds and peak memory; for each
baseline, the ratio of wancun's median to it, wall and CPU, and, when the run also timed
"wancun-before" (WANCUN_BEFORE), the same ratio for the earlier build, measured in the same runs
(against the baseline's own earlier side, NAME-before, where the benchmark times one).
"""
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        records = [json.loads(line) for line in f if line.strip()]
    print("| benchmark | command | wall s | CPU s | peak MB | wancun ÷ it, wall | wancun ÷ it, CPU "
          "| before ÷ it, wall | before ÷ it, CPU |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for record in records:
        results = {r["name"]: r for r in record["results"]}
        candidate = record["candidate"]
        after = results[candidate]
        # The earlier build's side: "wancun-before", or, where a benchmark times the earlier
        # build on more than one side (xlsx and csv), NAME-before beside each NAME.
        before = results.get(f"{candidate}-before") or results.get("wancun-before")
        earlier = {n for n in results if n.endswith("-before")}
        for name, r in results.items():
            def ratio(side, key, against=r):
                return f"{side[key] / against[key]:.2f}×" if side and side is not against and against[key] > 0 else ""
            # The earlier build against this row's own earlier side when it has one: the ratio
            # the earlier build had, as the wancun column gives this build's.
            mate = r if name == candidate else results.get(f"{name}-before", r)
            shown = name not in earlier
            print(f"| {record['name']} ({record['runs']} runs) | {name} | {r['median_s']:.2f} | {r['median_cpu_s']:.2f} | "
                  f"{r['peak_mb']:.0f} | {ratio(after, 'median_s')} | {ratio(after, 'median_cpu_s')} | "
                  f"{ratio(before, 'median_s', mate) if shown else ''} | "
                  f"{ratio(before, 'median_cpu_s', mate) if shown else ''} |")


if __name__ == "__main__":
    main()
