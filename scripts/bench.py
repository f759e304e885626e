#!/usr/bin/env python3
"""The benchmark harness: runs a wancun command and its baselines alternately, several times,
and prints each one's median wall time and peak memory, and each ratio to the candidate.

Usage, from the repository root:
  python3 scripts/bench.py --name "read 1M-row CSV" --runs 5 \\
      --candidate "wancun=.build/release/wancun file inspect /tmp/p.csv" \\
      --baseline "python-csv=python3 -c 'import csv,sys; sum(1 for _ in csv.reader(open(sys.argv[1], encoding=\\"utf-8-sig\\")))' /tmp/p.csv" \\
      [--setup "wancun=cp base.sqlite w.sqlite"] [--before "rm -f /tmp/scratch*"]

--setup NAME=CMD runs (untimed) before each run of that command, e.g. to give it a fresh
copy of a database; --before runs (untimed) before every run of every command. Each command runs
through /bin/sh. Peak memory is the child's maximum resident set size (getrusage).
Results also go to --json FILE when given. Build wancun with `swift build -c release` first.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, code, stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--name", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--candidate", required=True, help="NAME=COMMAND")
    parser.add_argument("--baseline", action="append", default=[], help="NAME=COMMAND (repeatable)")
    parser.add_argument("--before", help="a command run untimed before each timed run")
    parser.add_argument("--setup", action="append", default=[], help="NAME=COMMAND run untimed before each run of NAME")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    entries = [tuple(spec.split("=", 1)) for spec in [args.candidate] + args.baseline]
    setups = dict(tuple(spec.split("=", 1)) for spec in args.setup)
    times = {name: [] for name, _ in entries}
    memory = {name: [] for name, _ in entries}
    for round_ in range(args.runs):
        for name, command in entries:
            if args.before:
                subprocess.run(args.before, shell=True, check=True)
            if name in setups:
                subprocess.run(setups[name], shell=True, check=True)
            elapsed, rss, code, stderr = run(command)
            if code != 0:
                sys.exit(f"{name} failed (exit {code}) on run {round_ + 1}:\n{stderr[-2000:]}")
            times[name].append(elapsed)
            memory[name].append(rss)

    candidate = entries[0][0]
    base = statistics.median(times[candidate])
    print(f"benchmark: {args.name} ({args.runs} runs each, alternating)")
    print(f"{'command':<16} {'median s':>9} {'min s':>8} {'max s':>8} {'peak MB':>8} {'ratio':>7}")
    results = []
    for name, _ in entries:
        median = statistics.median(times[name])
        peak = max(memory[name])
        ratio = base / median
        results.append({"name": name, "median_s": median, "min_s": min(times[name]), "max_s": max(times[name]),
                        "peak_mb": peak, "candidate_over_this": ratio})
        print(f"{name:<16} {median:>9.3f} {min(times[name]):>8.3f} {max(times[name]):>8.3f} {peak:>8.1f} "
              f"{'' if name == candidate else f'{ratio:>6.2f}x'}")
    print(f"(ratio: {candidate}'s median time over each baseline's; below 1 means {candidate} is faster)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"name": args.name, "runs": args.runs, "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
