#!/usr/bin/env python3
"""Crash consistency: kill -9 wancun at random moments and check what it leaves.

For each operation (point import, parcel import, subsidy check, export, backup) the script
first measures how long a whole run takes (the median of three), then runs it KILLS times on a
fresh copy of the same database, sending SIGKILL at a moment drawn uniformly over that
duration. Before each kill it asks SQLite whether a write transaction is open (a `BEGIN
IMMEDIATE` that finds the database locked), to count the kills that landed inside one.

After every kill it checks:
  - `PRAGMA integrity_check` is ok and `PRAGMA foreign_key_check` finds nothing;
  - the row count of every table is exactly what it was before the run or after a whole one;
  - the only files left are the killed process's own `NAME.partial-PID` temporary files (and
    SQLite's `-journal` of one), and no `wancun-sheet-*` file in the temporary folder;
  - the output (export, backup) is absent, or whole and equal to a finished run's;
  - running the operation again succeeds (or, where the kill came after the commit, ends as a
    second whole run does), reaches the after-state, and leaves no temporary file behind.

Usage, from the repository root: scripts/crash-consistency.py [KILLS_PER_OPERATION] [SEED]
(default 50 and a seed from the clock; the seed is printed so that a run can be repeated).
Needs python3 and a Swift toolchain; builds the release binary.
"""

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILLS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
# $WANCUN_BIN: another build to try (the script then builds nothing).
WANCUN = os.environ.get("WANCUN_BIN") or os.path.join(ROOT, ".build/release/wancun")

ENV = dict(os.environ)
ENV.update(WANCUN_TODAY="2026-12-05", WANCUN_CLERK="crash", WANCUN_SEED=os.path.join(ROOT, "seed"))
ENV.pop("WANCUN_DB", None)
ENV.pop("WANCUN_LANG", None)


def run(args, cwd, env=None, check=True):
    result = subprocess.run([WANCUN] + args, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"wancun {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def counts(path):
    """Row count of every table: the state a run leaves."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def damage(path):
    with sqlite3.connect(path) as db:
        problems = [r[0] for r in db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key {r}" for r in db.execute("PRAGMA foreign_key_check")]
        return problems


def writer_active(path):
    """Whether some connection holds the write lock (a write transaction is open)."""
    try:
        db = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            db.close()
    except sqlite3.Error:
        return False


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def sheet_files(tmp):
    return [n for n in os.listdir(tmp) if n.startswith("wancun-sheet-")]


def make_base(work):
    """The demo county, and files to import into it: 3,000 points, 100,000 parcels."""
    base = os.path.join(work, "base.sqlite")
    run(["demo", "--db", base], work)
    gen = os.path.join(ROOT, "scripts/generate.py")
    haiyan = os.path.join(ROOT, "seed/divisions-330424-haiyan.csv")
    subprocess.run([sys.executable, gen, "points", "--divisions", haiyan, "--count", "3000", "--out", os.path.join(work, "points.csv")],
                   check=True, stderr=subprocess.DEVNULL)
    with sqlite3.connect(base) as db:
        points = [r[0] for r in db.execute("SELECT code FROM point WHERE status = 'operating' ORDER BY code")]
        couriers = [r[0] for r in db.execute("SELECT name FROM courier ORDER BY id")]
    rng = random.Random(3)
    with open(os.path.join(work, "parcels.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write("服务点编码,运单号,快递公司,到站时间,取件时间\r\n")
        for i in range(100_000):
            day = rng.randrange(1, 29)
            f.write(f"{rng.choice(points)},CR{i:012d},{rng.choice(couriers)},2026-11-{day:02d} 09:{i % 60:02d},\r\n")
    with sqlite3.connect(base) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return base


# Each operation: its arguments (in a run folder holding `db.sqlite` and the inputs), and the
# output file it writes, if any.
OPERATIONS = {
    "point import": (["point", "import", "points.csv", "--db", "db.sqlite"], "points.result.csv"),
    "parcel import": (["parcel", "import", "parcels.csv", "--db", "db.sqlite"], None),
    "subsidy check": (["subsidy", "check", "--month", "2026-11", "--db", "db.sqlite"], None),
    "export": (["point", "export", "--reveal", "--out", "export.xlsx", "--db", "db.sqlite"], "export.xlsx"),
    "backup": (["backup", "backup.sqlite", "--db", "db.sqlite"], "backup.sqlite"),
}


def fresh(work, base, name):
    folder = os.path.join(work, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    shutil.copy(base, os.path.join(folder, "db.sqlite"))
    for f in ("points.csv", "parcels.csv"):
        os.link(os.path.join(work, f), os.path.join(folder, f))
    tmp = os.path.join(folder, "tmp")
    os.makedirs(tmp)
    env = dict(ENV, TMPDIR=tmp, WANCUN_STATE_DIR=os.path.join(folder, "state"))
    return folder, tmp, env


def leftovers(folder, pid=None):
    names = [n for n in os.listdir(folder) if ".partial" in n or n.endswith("-journal")]
    if pid is not None:
        own = tuple(f".partial{kind}-{pid}{suffix}" for kind in ("", "-sheets") for suffix in ("", "-journal", "-wal", "-shm"))
        names = [n for n in names if not n.endswith(own)]
    return names


def main():
    print(f"seed {SEED}, {KILLS} kills per operation")
    if not os.environ.get("WANCUN_BIN"):
        subprocess.run(["swift", "build", "-c", "release", "--product", "wancun"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    rng = random.Random(SEED)
    work = tempfile.mkdtemp(prefix="wancun-crash-")
    base = make_base(work)
    before = counts(base)
    failures = []
    totals = {"kills": 0, "in_write": 0, "before": 0, "after": 0}
    for name, (args, output) in OPERATIONS.items():
        # A whole run, three times: its duration, the after-state, what a second run does.
        durations = []
        for _ in range(3):
            folder, tmp, env = fresh(work, base, "calibrate")
            start = time.monotonic()
            run(args, folder, env)
            durations.append(time.monotonic() - start)
        after = counts(os.path.join(folder, "db.sqlite"))
        expected_output = digest(os.path.join(folder, output)) if output and name != "backup" else None
        if name == "backup":
            os.remove(os.path.join(folder, output))
        second = run(args, folder, env, check=False).returncode
        # A second whole run may add to the first (a second draft run, a second backup's audit line).
        after_second = counts(os.path.join(folder, "db.sqlite"))
        duration = statistics.median(durations)
        stats = {"kills": 0, "in_write": 0, "before": 0, "after": 0, "finished": 0}
        for i in range(KILLS):
            folder, tmp, env = fresh(work, base, "kill")
            db = os.path.join(folder, "db.sqlite")
            delay = rng.uniform(0, duration)
            process = subprocess.Popen([WANCUN] + args, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            in_write = writer_active(db)
            process.send_signal(signal.SIGKILL)
            process.wait()
            if process.returncode != -signal.SIGKILL:
                stats["finished"] += 1  # it ended before the signal
            stats["kills"] += 1
            stats["in_write"] += in_write
            problems = damage(db)
            state = counts(db)
            if state == before:
                stats["before"] += 1
            elif state == after:
                stats["after"] += 1
            else:
                changed = {t: (before.get(t), state.get(t), after.get(t)) for t in state if state[t] not in (before.get(t), after.get(t))}
                problems.append(f"counts neither before nor after: {changed}")
            stray = leftovers(folder, process.pid) + sheet_files(tmp)
            if stray:
                problems.append(f"left behind: {stray}")
            if output and os.path.exists(os.path.join(folder, output)):
                out = os.path.join(folder, output)
                if name == "backup":
                    problems += [f"backup: {p}" for p in damage(out)]
                    if counts(out) != before:
                        problems.append("backup is not a whole copy")
                elif name == "export" and digest(out) != expected_output:
                    problems.append("export is not a whole file")
            # Again: from the before-state it must succeed; after the commit it ends as a second run does.
            if name == "backup" and os.path.exists(os.path.join(folder, output)):
                os.remove(os.path.join(folder, output))
            rerun = run(args, folder, env, check=False)
            want = 0 if state == before or name in ("export", "backup") else second
            if rerun.returncode != want:
                problems.append(f"rerun exit {rerun.returncode}, expected {want}: {rerun.stderr.strip()[:300]}")
            if counts(db) != (after if state == before else after_second):
                problems.append("rerun did not end as a whole run (or a second one) does")
            stray = leftovers(folder) + sheet_files(tmp)
            if stray:
                problems.append(f"left after the rerun: {stray}")
            if problems:
                failures.append((name, i, delay, problems))
        print(f"{name:14} {duration * 1000:8.0f} ms a run; {stats['kills']} kills, {stats['in_write']} inside a write "
              f"transaction, {stats['before']} left the before-state, {stats['after']} the after-state, "
              f"{stats['finished']} ended before the signal")
        for key in totals:
            totals[key] += stats[key]
    print(f"total: {totals['kills']} kills, {totals['in_write']} inside a write transaction, "
          f"{totals['before']} before-state, {totals['after']} after-state, {len(failures)} failures")
    for name, i, delay, problems in failures:
        print(f"FAIL {name} kill {i} at {delay * 1000:.0f} ms: " + "; ".join(problems))
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
