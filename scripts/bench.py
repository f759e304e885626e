#!/usr/bin/env python3
"""The benchmark harness: runs a wancun command and its baselines alternately, several times,
and prints each one's median wall time, median CPU time (user + system, of the command and its
children) and peak memory, and each ratio to the candidate, in wall and in CPU time.

Usage, from the repository root:
  python3 scripts/bench.py --name "read 1M-row CSV" --runs 5 \\
      --candidate "wancun=.build/release/wancun file inspect /tmp/p.csv" \\
      --baseline "python-csv=python3 -c 'import csv,sys; sum(1 for _ in csv.reader(open(sys.argv[1], encoding=\\"utf-8-sig\\")))' /tmp/p.csv" \\
      [--setup "wancun=cp base.sqlite w.sqlite"] [--before "rm -f /tmp/scratch*"]

--setup NAME=CMD runs (untimed) before each run of that command, e.g. to give it a fresh
copy of a database; --before runs (untimed) before every run of every command. After them, and
so before every timed run, the harness runs `sync` (a copy just made is on disk, not waiting for
the timed command's commit to flush it) and drops the page cache where it is allowed to (root
on Linux; otherwise it says once that it could not). Each command runs through /bin/sh. Peak
memory is the child's maximum resident set size (getrusage).
Results also go to --json FILE when given, and are appended as one JSON line to the file named by
$WANCUN_BENCH_RESULTS when that is set (scripts/bench-table.py makes a before/after table of two
such files). Build wancun with `swift build -c release` first.
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
    # wait4 of the shell counts the command it ran (its waited-for children) too.
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, stderr


_cache_note = []


def settle():
    """Everything an untimed step wrote goes to disk, and (where allowed) the page cache is dropped."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
    except OSError:
        if not _cache_note:
            _cache_note.append(True)
            print("(page cache not dropped: not permitted here; runs after a sync, caches warm)", file=sys.stderr)


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
    cpu = {name: [] for name, _ in entries}
    memory = {name: [] for name, _ in entries}
    for round_ in range(args.runs):
        for name, command in entries:
            if args.before:
                subprocess.run(args.before, shell=True, check=True)
            if name in setups:
                subprocess.run(setups[name], shell=True, check=True)
            settle()
            elapsed, seconds, rss, code, stderr = run(command)
            if code != 0:
                sys.exit(f"{name} failed (exit {code}) on run {round_ + 1}:\n{stderr[-2000:]}")
            times[name].append(elapsed)
            cpu[name].append(seconds)
            memory[name].append(rss)

    candidate = entries[0][0]
    base = statistics.median(times[candidate])
    base_cpu = statistics.median(cpu[candidate])
    print(f"benchmark: {args.name} ({args.runs} runs each, alternating)")
    print(f"{'command':<16} {'wall s':>8} {'min s':>8} {'max s':>8} {'cpu s':>8} {'peak MB':>8} {'wall ×':>7} {'cpu ×':>7}")
    results = []
    for name, _ in entries:
        median = statistics.median(times[name])
        median_cpu = statistics.median(cpu[name])
        peak = max(memory[name])
        ratio = base / median
        cpu_ratio = base_cpu / median_cpu if median_cpu > 0 else float("nan")
        results.append({"name": name, "median_s": median, "min_s": min(times[name]), "max_s": max(times[name]),
                        "median_cpu_s": median_cpu, "peak_mb": peak, "candidate_over_this": ratio,
                        "candidate_over_this_cpu": cpu_ratio})
        print(f"{name:<16} {median:>8.3f} {min(times[name]):>8.3f} {max(times[name]):>8.3f} {median_cpu:>8.3f} {peak:>8.1f} "
              f"{'' if name == candidate else f'{ratio:>6.2f}x'} {'' if name == candidate else f'{cpu_ratio:>6.2f}x'}")
    print(f"(ratio: {candidate}'s median over each baseline's, wall and CPU; below 1 means {candidate} is faster)")
    record = {"name": args.name, "runs": args.runs, "candidate": candidate, "commands": dict(entries), "results": results}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(record, f, indent=2)
    if os.environ.get("WANCUN_BENCH_RESULTS"):
        with open(os.environ["WANCUN_BENCH_RESULTS"], "a") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
