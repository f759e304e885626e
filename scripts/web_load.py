#!/usr/bin/env python3
"""Signed-in clients of `wancun serve`, for scripts/bench-web-load.sh (loopback only).

  web_load.py browse --url URL --accounts NAME:PASSWORD[,…] --codes FILE --towns FILE \\
      [--clients 20] [--seconds 60] [--server-pid PID]
      Each client, a process of its own so that all of them have a request under way at once,
      signs in through the login form (an account of the list, in turn), keeps its
      cookie and browses the point list (filters by town and status, later pages, a name) and
      point pages until the time is up. Prints p50/p95/p99 latency, requests, errors and the
      server's peak resident memory (VmHWM from /proc) against the issue's targets, and exits 1
      when one is missed.
  web_load.py import --wancun BIN --db DB --file CSV --account NAME:PASSWORD
      Starts `wancun serve --db DB` on a free loopback port, signs in, uploads CSV as a points
      import (multipart, to /imports) with 上传并直接导入 (`--mode import`, the same work as
      `wancun point import`: every row checked, then all written) or as a check that is then
      confirmed (`--mode check`, two passes), waits until it is done and stops the server: one command a harness can time against `wancun point import`. Prints the
      time from upload to done and the server's CPU over it (from /proc). Exits 3 when the
      server's /imports is not open (a build without the import page).
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid

TARGET_P95_MS = 100
TARGET_RSS_MB = 300
NOT_OPEN = 3


class Client:
    """One browser's worth of state: a connection kept open and the cookies the server set."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, response.getheader("Location"), data

    def sign_in(self, name, password):
        status, _, page = self.request("GET", "/login")
        token = csrf(page)
        if status != 200 or not token:
            raise RuntimeError(f"GET /login: {status}")
        form = urllib.parse.urlencode({"_csrf": token, "name": name, "password": password})
        status, location, _ = self.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 303 or location != "/":
            raise RuntimeError(f"{name} was not signed in: {status} {location}")


def csrf(page):
    found = re.search(rb'name="_csrf" value="([^"]+)"', page)
    return found.group(1).decode() if found else None


def accounts_from(text):
    return [tuple(item.split(":", 1)) for item in text.split(",")]


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def browse_client(index, args, accounts, codes, towns, start_line, stop, results):
    """One client, in a process of its own (threads of one Python process would take turns
    under its interpreter lock, so that fewer than `--clients` requests would be under way)."""
    url = urllib.parse.urlsplit(args.url)
    statuses = ["", "operating", "planned", "suspended", "closed"]
    rng = random.Random(index)
    client = Client(url.hostname, url.port)
    errors = []
    try:
        client.sign_in(*accounts[index % len(accounts)])
    except Exception as error:  # noqa: BLE001 — counted as an error, reported below
        errors.append(f"client {index} sign-in: {error}")
    start_line.wait()
    mine = []
    while time.perf_counter() < stop.value:
        kind = rng.random()
        if kind < 0.5:
            path = "/points/" + rng.choice(codes)
        else:
            query = {"page": str(rng.randint(1, 5))}
            if rng.random() < 0.6:
                query["town"] = rng.choice(towns)
            if rng.random() < 0.4:
                query["status"] = rng.choice(statuses)
            if rng.random() < 0.1:
                query["name"] = "服务点00" + str(rng.randint(0, 99))
            path = "/points?" + urllib.parse.urlencode(query)
        began = time.perf_counter()
        try:
            status, _, body = client.request("GET", path)
            ok = status == 200 and b"<main>" in body
        except Exception as error:  # noqa: BLE001
            status, ok = repr(error), False
        mine.append(time.perf_counter() - began)
        if not ok:
            errors.append(f"{path}: {status}")
    results.put((mine, errors))


def browse(args):
    import multiprocessing
    codes = [line.strip() for line in open(args.codes) if line.strip()]
    towns = [line.strip() for line in open(args.towns) if line.strip()]
    accounts = accounts_from(args.accounts)
    start_line = multiprocessing.Barrier(args.clients + 1)
    # Far off until every client has signed in; then the end of the run, on the shared clock.
    stop = multiprocessing.RawValue("d", float("inf"))
    results = multiprocessing.Queue()
    clients = [multiprocessing.Process(target=browse_client, args=(i, args, accounts, codes, towns, start_line, stop, results))
               for i in range(args.clients)]
    for client in clients:
        client.start()
    start_line.wait()
    began = time.perf_counter()
    stop.value = began + args.seconds
    latencies, errors = [], []
    for _ in clients:
        mine, theirs = results.get()
        latencies.extend(mine)
        errors.extend(theirs)
    for client in clients:
        client.join()
    elapsed = time.perf_counter() - began
    ms = [x * 1000 for x in latencies]
    p50, p95, p99 = (percentile(ms, f) for f in (0.50, 0.95, 0.99)) if ms else (float("nan"),) * 3
    rss = peak_rss_mb(args.server_pid) if args.server_pid else float("nan")
    print(f"browsing: {args.clients} signed-in clients for {args.seconds:g} s: {len(ms)} requests ({len(ms) / elapsed:.0f}/s), "
          f"{len(errors)} errors")
    print(f"latency ms: p50 {p50:.1f}, p95 {p95:.1f}, p99 {p99:.1f}, max {max(ms) if ms else float('nan'):.1f}, "
          f"mean {statistics.mean(ms) if ms else float('nan'):.1f}")
    print(f"server peak RSS: {rss:.1f} MB")
    for error in errors[:10]:
        print("  error:", error)
    missed = []
    if not p95 < TARGET_P95_MS:
        missed.append(f"p95 {p95:.1f} ms is not below {TARGET_P95_MS} ms")
    if errors:
        missed.append(f"{len(errors)} errors")
    if not rss < TARGET_RSS_MB:
        missed.append(f"peak RSS {rss:.1f} MB is not below {TARGET_RSS_MB} MB")
    print("targets (p95 < 100 ms, 0 errors, < 300 MB): " + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(wancun, db, port):
    server = subprocess.Popen([wancun, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("wancun serve did not start")


def multipart(fields, file_field, filename, content):
    boundary = "wancun-" + uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
                 f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wait_state(client, job, states, seconds=3600):
    deadline = time.time() + seconds
    while True:
        status, _, body = client.request("GET", job + "/status")
        if status != 200:
            raise RuntimeError(f"GET {job}/status: {status}")
        state = json.loads(body)
        if state["state"] in states:
            return state
        if time.time() > deadline:
            raise RuntimeError(f"{job}: still {state['state']} after {seconds} s")
        time.sleep(0.2)


def web_import(args):
    port = free_port()
    server = start_server(args.wancun, args.db, port)
    try:
        client = Client("127.0.0.1", port)
        client.sign_in(*accounts_from(args.account)[0])
        status, _, page = client.request("GET", "/imports")
        if status == 404 or "尚未开放".encode() in page or b"not open yet" in page or b'id="import-form"' not in page:
            print("web import: skipped, this build's /imports is not open yet (the import page answers "
                  f"{status}{', not open yet' if status == 200 else ''})")
            return NOT_OPEN
        content = open(args.file, "rb").read()
        fields = {"_csrf": csrf(page), "kind": "points"}
        if args.mode == "import":
            fields["mode"] = "import"
        body, kind = multipart(fields, "file", os.path.basename(args.file), content)
        cpu_before = cpu_seconds(server.pid)
        began = time.perf_counter()
        status, job, _ = client.request("POST", "/imports", body, {"Content-Type": kind})
        if status != 303 or not job:
            raise RuntimeError(f"POST /imports: {status}")
        job = urllib.parse.urlsplit(job).path
        if args.mode == "check":
            checked = wait_state(client, job, {"checked", "failed"})
            if checked["state"] != "checked" or checked["problems"]:
                raise RuntimeError(f"{job}: the check ended {checked}")
            _, _, page = client.request("GET", job)
            form = urllib.parse.urlencode({"_csrf": csrf(page)})
            status, _, _ = client.request("POST", job + "/confirm", form, {"Content-Type": "application/x-www-form-urlencoded"})
            if status != 303:
                raise RuntimeError(f"POST {job}/confirm: {status}")
        done = wait_state(client, job, {"done", "failed", "checked"})
        wall = time.perf_counter() - began
        cpu = cpu_seconds(server.pid) - cpu_before
        if done["state"] != "done":
            raise RuntimeError(f"{job}: the import ended {done}")
        print(f"web import: {done['done']} rows, {wall:.2f} s from upload to done, server CPU {cpu:.2f} s, "
              f"server peak RSS {peak_rss_mb(server.pid):.1f} MB")
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"rows": done["done"], "wall_s": wall, "server_cpu_s": cpu}, f)
        return 0
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("browse")
    b.add_argument("--url", required=True)
    b.add_argument("--accounts", required=True, help="NAME:PASSWORD,… (clients take them in turn)")
    b.add_argument("--codes", required=True, help="a file of point codes, one a line")
    b.add_argument("--towns", required=True, help="a file of town codes, one a line")
    b.add_argument("--clients", type=int, default=20)
    b.add_argument("--seconds", type=float, default=60)
    b.add_argument("--server-pid", type=int)
    i = commands.add_parser("import")
    i.add_argument("--wancun", required=True)
    i.add_argument("--db", required=True)
    i.add_argument("--file", required=True)
    i.add_argument("--account", required=True, help="NAME:PASSWORD")
    i.add_argument("--json", help="also write the upload-to-done figures here")
    i.add_argument("--mode", choices=["import", "check"], default="import",
                   help="import at once, as the CLI does (default), or check first and then confirm")
    args = parser.parse_args()
    return browse(args) if args.command == "browse" else web_import(args)


if __name__ == "__main__":
    sys.exit(main())
