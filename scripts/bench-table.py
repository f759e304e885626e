#!/usr/bin/env python3
"""A before/after table of benchmark results, as Markdown.

Usage, from the repository root:
  python3 scripts/bench-table.py BEFORE.jsonl AFTER.jsonl
Each file holds the JSON lines bench.py appends to $WANCUN_BENCH_RESULTS (scripts/bench-all.sh
writes them). Benchmarks are matched by name; for each command it prints median wall and CPU
seconds and peak memory before and after, and the candidate's ratio to each baseline (wall, CPU).
"""
import json
import sys


def load(path):
    with open(path) as f:
        return {r["name"]: r for r in map(json.loads, filter(str.strip, f))}


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    print("| benchmark | command | wall s before | wall s after | CPU s before | CPU s after | peak MB before | peak MB after "
          "| ratio wall before | ratio wall after | ratio CPU before | ratio CPU after |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in list(after) + [n for n in before if n not in after]:
        b = {r["name"]: r for r in before.get(name, {}).get("results", [])}
        a = {r["name"]: r for r in after.get(name, {}).get("results", [])}
        candidate = (after.get(name) or before.get(name))["candidate"]
        for command in list(a) + [c for c in b if c not in a]:
            def cell(side, key, fmt="{:.2f}"):
                return fmt.format(side[command][key]) if command in side else "–"
            def ratio(side, key):
                if command not in side or command == candidate:
                    return ""
                return f"{side[command][key]:.2f}×"
            print(f"| {name} | {command} | {cell(b, 'median_s')} | {cell(a, 'median_s')} | {cell(b, 'median_cpu_s')} | "
                  f"{cell(a, 'median_cpu_s')} | {cell(b, 'peak_mb', '{:.0f}')} | {cell(a, 'peak_mb', '{:.0f}')} | "
                  f"{ratio(b, 'candidate_over_this')} | {ratio(a, 'candidate_over_this')} | "
                  f"{ratio(b, 'candidate_over_this_cpu')} | {ratio(a, 'candidate_over_this_cpu')} |")


if __name__ == "__main__":
    main()
