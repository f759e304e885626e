#!/usr/bin/env python3
"""A clerk's month in a real browser: headless Chromium at 1366x768 against `wancun serve`.

The town clerk signs in, looks at 首页, the point list and a point, registers a point, imports a
points file with one bad row, downloads the annotated copy and reads it back, then imports the
corrected file; the county clerk runs the month's check; the reviewer finalizes it and downloads
the roster and its manifest, and the roster is read back with openpyxl (ID numbers as text, the
reviewer's name on 审核人). On every page it visits the script saves a screenshot, checks that
the page does not scroll sideways and prints it to PDF, checking that the print is one page wide.

    python3 Tests/Browser/clerk_month.py --url http://127.0.0.1:8080 --accounts accounts.json --out shots/
    python3 Tests/Browser/clerk_month.py --wancun .build/debug/wancun --db wancun-demo.sqlite \\
        --accounts demo-output.txt --out shots/ --month 2026-09

--accounts is a JSON file {"town-clerk": {"name": …, "password": …}, "county-clerk": …,
"reviewer": …, "admin": …} or the text `wancun demo` prints (its demo accounts are read from it).
--wancun starts `wancun serve --db DB` on a free loopback port and stops it at the end;
otherwise --url names a server already running. --steps runs some of the steps (a
comma-separated list of their names, or `existing` for the pages every build has); the others
are reported as left out. Exits 0 when every step run passed.
"""

import argparse
import base64
import csv
import http.cookiejar
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

WIDTH, HEIGHT = 1366, 768
# A4 portrait with 1 cm margins: what the pages are printed on, and its printable width in CSS pixels.
PAPER_IN = (8.27, 11.69)
MARGIN_IN = 0.39
PRINTABLE_PX = int((PAPER_IN[0] - 2 * MARGIN_IN) * 96)

ROLES = ["admin", "county-clerk", "town-clerk", "reviewer"]
STEPS = [
    "town-signin", "home", "points", "point", "add-point", "import", "signout",
    "county-signin", "subsidy-run", "reviewer-signin", "finalize", "roster", "admin-signin",
]
EXISTING = ["town-signin", "home", "points", "point", "signout", "county-signin", "reviewer-signin", "admin-signin"]


class StepFailed(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise StepFailed(what)


def read_accounts(path):
    text = open(path, encoding="utf-8").read()
    if text.lstrip().startswith("{"):
        return json.loads(text)
    # The text the demo prints: one line per account, in the order the demo makes them.
    lines = [line for line in text.splitlines() if "演示密码：" in line or "demo password:" in line]
    expect(len(lines) == len(ROLES), f"{path}: expected {len(ROLES)} demo accounts, found {len(lines)}")
    accounts = {}
    for role, line in zip(ROLES, lines):
        name = re.split(r"[（(]", line.strip(), maxsplit=1)[0].strip()
        password = re.split(r"演示密码：|demo password:", line)[-1].strip()
        accounts[role] = {"name": name, "password": password}
    return accounts


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/login", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise StepFailed(f"{url} did not answer within {seconds} s")


class Month:
    """The browser, the server's address, and what the steps learn along the way."""

    def __init__(self, url, accounts, out, month):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.url = url.rstrip("/")
        self.accounts = accounts
        self.out = out
        self.month = month
        self.pages = 0
        self.signed_in = None
        self.point_code = None
        self.run_path = None
        self.downloads = {}
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={WIDTH},{HEIGHT}",
                         "--lang=zh-CN", "--disable-gpu", "--hide-scrollbars"]:
            options.add_argument(argument)
        service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(60)
        # The page itself gets 1366x768, as on the office laptop's screen (the window's frame aside).
        self.screen()

    def screen(self, width=WIDTH, height=HEIGHT):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    # MARK: every page

    def check_page(self, name):
        """Screenshot, no sideways scroll at 1366x768, and a print one page wide."""
        d = self.driver
        self.pages += 1
        stem = os.path.join(self.out, f"{self.pages:02d}-{name}")
        expect(d.execute_script("return document.readyState") == "complete", f"{name}: page not loaded")
        d.save_screenshot(stem + ".png")
        inner, tall, scroll = d.execute_script("return [window.innerWidth, window.innerHeight, document.documentElement.scrollWidth]")
        expect((inner, tall) == (WIDTH, HEIGHT), f"{name}: the page is {inner}x{tall} px, not {WIDTH}x{HEIGHT}")
        expect(scroll <= inner, f"{name}: scrolls sideways ({scroll} px of content in a {inner} px window)")
        # In print, laid out at the paper's printable width, nothing may stick out to the right.
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.screen(PRINTABLE_PX)
        try:
            printed = d.execute_script("return document.documentElement.scrollWidth")
        finally:
            self.screen()
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        expect(printed <= PRINTABLE_PX, f"{name}: prints {printed} px wide on a {PRINTABLE_PX} px printable width")
        pdf = d.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": PAPER_IN[0], "paperHeight": PAPER_IN[1], "marginTop": MARGIN_IN, "marginBottom": MARGIN_IN,
            "marginLeft": MARGIN_IN, "marginRight": MARGIN_IN, "scale": 1, "preferCSSPageSize": False,
        })["data"]
        with open(stem + ".pdf", "wb") as f:
            f.write(base64.b64decode(pdf))
        sizes = pdf_page_sizes(stem + ".pdf")
        expect(sizes, f"{name}: the PDF has no pages")
        for width, height in sizes:
            expect(abs(width - PAPER_IN[0] * 72) < 2 and height > width,
                   f"{name}: a printed page is {width}x{height} pt, not A4 portrait")
        print(f"  page {self.pages:02d} {name}: {d.current_url} ok (scroll {scroll}/{inner}, print {printed}/{PRINTABLE_PX} px,"
              f" {len(sizes)} page(s))")

    def go(self, path, name):
        self.driver.get(self.url + path)
        self.check_page(name)

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def find(self, selector):
        from selenium.webdriver.common.by import By
        elements = self.driver.find_elements(By.CSS_SELECTOR, selector)
        expect(elements, f"{self.path()}: no {selector}")
        return elements[0]

    def present(self, selector):
        from selenium.webdriver.common.by import By
        return bool(self.driver.find_elements(By.CSS_SELECTOR, selector))

    def submit(self, button, name, check=True):
        """Clicks a submit button and waits for the page it leads to; `check=False` for a page
        still at work (an import's), which reloads itself and is checked once it has settled."""
        # The page before the click carries a mark; the next one is there once a loaded
        # document lacks it. (Waiting for the old <html> to go stale is not enough: mid-way
        # through a navigation chromedriver may answer "Node with given id does not belong
        # to the document" instead of "stale element", which such a wait does not catch.)
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait
        self.driver.execute_script("window.__wancunBefore = true")
        self.find(button).click()

        def arrived(driver):
            try:
                return driver.execute_script(
                    "return window.__wancunBefore === undefined && document.readyState === 'complete'")
            except WebDriverException:
                return False

        WebDriverWait(self.driver, 60).until(arrived)
        if check:
            self.check_page(name)

    def not_open(self):
        return "尚未开放" in self.driver.page_source or "not open yet" in self.driver.page_source

    def download(self, selector):
        """The file a download link points at, fetched with the browser's session cookie."""
        href = self.find(selector).get_attribute("href")
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(href, headers={"Cookie": cookies})
        with urllib.request.urlopen(request, timeout=60) as response:
            expect(response.status == 200, f"{href}: {response.status}")
            disposition = response.headers.get("Content-Disposition", "")
            body = response.read()
        name = urllib.parse.unquote(re.findall(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)", disposition)[-1]) if disposition else ""
        name = os.path.basename(name) or os.path.basename(urllib.parse.urlsplit(href).path)
        path = os.path.join(self.out, "download-" + name)
        with open(path, "wb") as f:
            f.write(body)
        print(f"  downloaded {selector} → {path} ({len(body)} bytes)")
        return path

    # MARK: signing in and out

    def sign_in(self, role, name):
        if self.signed_in == role:
            return
        if self.signed_in:
            self.sign_out("signout-" + self.signed_in)
        account = self.accounts[role]
        self.go("/login", f"login-{name}")
        self.find("#login-form input[name=name]").send_keys(account["name"])
        self.find("#login-form input[name=password]").send_keys(account["password"])
        self.submit("#login-submit", f"home-{name}")
        # An administrator's page is the accounts page; everyone else lands on 首页.
        expect(self.path() == ("/users" if role == "admin" else "/") and not self.present("#login-form"),
               f"{role} {account['name']}: not signed in (at {self.driver.current_url})")
        expect(account["name"] in self.driver.find_element("tag name", "body").text, f"the page does not name {account['name']}")
        self.signed_in = role

    def sign_out(self, name="signout"):
        if not self.present("#signout"):
            # A page without the layout's sign-out form (an administrator's 首页 refuses the
            # registry): open one that has it.
            print(f"  note: {self.path()} has no sign-out button for {self.signed_in}; signing out from /points")
            self.driver.get(self.url + "/points")
        if not self.present("#signout"):
            print(f"  note: no page with a sign-out button for {self.signed_in}; the session cookie is dropped instead")
            self.driver.delete_all_cookies()
            self.go("/login", name)
            self.signed_in = None
            return
        self.submit("#signout", name)
        expect(self.path() == "/login", f"signing out led to {self.driver.current_url}")
        self.signed_in = None

    # MARK: the steps

    def step_town_signin(self):
        self.sign_in("town-clerk", "town")

    def step_home(self):
        self.sign_in("town-clerk", "town")
        self.go("/", "home")
        expect(self.present("main table"), "首页 has no table of points by town and status")

    def step_points(self):
        self.sign_in("town-clerk", "town")
        self.go("/points", "points")
        rows = self.driver.find_elements("css selector", "main table tbody tr")
        expect(rows, "the point list is empty")
        first = self.find("main table tbody a").text
        self.point_code = self.point_code or first
        # A filter: the first status the form offers.
        from selenium.webdriver.support.ui import Select
        status = Select(self.find("form.search select[name=status]"))
        status.select_by_index(1)
        self.submit("form.search button[type=submit]", "points-filtered")
        expect("status=" in self.driver.current_url, "the filter is not in the address")

    def step_point(self):
        self.sign_in("town-clerk", "town")
        if not self.point_code:
            self.driver.get(self.url + "/points")
            self.point_code = self.find("main table tbody a").text
        self.go("/points/" + urllib.parse.quote(self.point_code), "point")
        expect(self.point_code in self.driver.page_source, "the point's page does not show its code")

    def village_code(self):
        if not self.point_code:
            self.driver.get(self.url + "/points")
            self.point_code = self.find("main table tbody a").text
        return self.point_code[:12]

    def step_add_point(self):
        self.sign_in("town-clerk", "town")
        village = self.village_code()
        self.go("/points/new", "point-new")
        expect(not self.not_open(), "/points/new is not open yet")
        values = {"village_code": village, "village": village, "name": "浏览器试办电商服务站", "plan_year": "2026",
                  "opened_on": "2026-11-02", "address": "村委会旁（浏览器测试）"}
        self.fill("#point-form", values)
        self.submit("#point-save", "point-added")
        expect(re.fullmatch(r"/points/\d{15}", self.path()), f"saving the point led to {self.driver.current_url}")
        expect("浏览器试办电商服务站" in self.driver.page_source, "the new point's page does not show its name")
        self.point_code = self.path().rsplit("/", 1)[-1]

    def fill(self, form, values):
        from selenium.webdriver.support.ui import Select
        self.find(form)
        for name, value in values.items():
            for element in self.driver.find_elements("css selector", f"{form} [name={name}]"):
                tag = element.tag_name.lower()
                if tag == "select":
                    choice = Select(element)
                    if any(o.get_attribute("value") == value for o in choice.options):
                        choice.select_by_value(value)
                    elif len(choice.options) > 1:
                        choice.select_by_index(1)
                elif element.get_attribute("type") not in ("hidden", "submit"):
                    element.clear()
                    if element.get_attribute("type") == "date":
                        # A date input takes what a person would type, in the browser's own order.
                        self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
                    else:
                        element.send_keys(value)

    def points_file(self, bad):
        """Two new points of the clerk's own village, and with `bad` a third whose village code is not one."""
        village = self.village_code()
        rows = [["村代码", "服务点名称", "纳入规划年份", "开业日期"],
                [village, "浏览器导入一号电商服务站", "2026", "2026-11-03"],
                [village, "浏览器导入二号电商服务站", "2026", "2026-11-04"]]
        if bad:
            rows.append(["33042410120X", "浏览器导入坏行电商服务站", "2026", "2026-11-05"])
        path = os.path.join(self.out, "points-bad-row.csv" if bad else "points.csv")
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows(rows)
        return path

    def upload(self, path, name):
        from selenium.webdriver.support.ui import Select
        self.go("/imports", f"imports-{name}")
        expect(not self.not_open(), "/imports is not open yet")
        Select(self.find("#import-form select[name=kind]")).select_by_value("points")
        self.find("#import-form input[type=file][name=file]").send_keys(os.path.abspath(path))
        self.submit("#import-check", f"import-{name}", check=False)
        expect(re.fullmatch(r"/imports/[^/]+", self.path()), f"the upload led to {self.driver.current_url}")
        job = self.path()
        self.wait_state(job, {"checked", "failed"}, f"import-{name}-checked")
        return job

    def wait_state(self, job, states, name, seconds=120):
        deadline = time.time() + seconds
        while True:
            status = self.status(job)
            if status["state"] in states:
                break
            expect(time.time() < deadline, f"{job}: still {status['state']} after {seconds} s")
            time.sleep(0.5)
        self.go(job, name)
        return status

    def status(self, job):
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(self.url + job + "/status", headers={"Cookie": cookies})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def step_import(self):
        self.sign_in("town-clerk", "town")
        job = self.upload(self.points_file(bad=True), "bad-row")
        status = self.status(job)
        expect(status["state"] == "checked" and status["problems"] == 1, f"{job}: expected one problem, got {status}")
        problems = self.driver.find_elements("css selector", "#import-problems tbody tr")
        expect(len(problems) == 1, f"{job}: the problems table has {len(problems)} rows, not 1")
        expect(not self.present("#import-confirm"), f"{job}: a file with problems offers to import")
        annotated = self.download("#import-annotated")
        rows = read_table(annotated)
        expect(any("33042410120X" in " ".join(row) for row in rows), "the annotated copy lacks the bad row")
        expect(any(len(row) > 4 and any(cell.strip() for cell in row[4:]) for row in rows[1:]),
               "the annotated copy does not say what is wrong")
        # The corrected file: the bad row taken out, checked, confirmed, imported.
        job = self.upload(self.points_file(bad=False), "fixed")
        expect(self.status(job)["problems"] == 0, f"{job}: the corrected file still has problems")
        self.submit("#import-confirm", "import-confirmed", check=False)
        status = self.wait_state(job, {"done", "failed"}, "import-done")
        expect(status["state"] == "done" and status["done"] == status["total"] == 2, f"{job}: import ended {status}")

    def step_signout(self):
        if self.signed_in:
            self.sign_out()

    def step_county_signin(self):
        self.sign_in("county-clerk", "county")

    def step_subsidy_run(self):
        self.sign_in("county-clerk", "county")
        self.go("/subsidy", "subsidy")
        expect(not self.not_open(), "/subsidy is not open yet")
        self.fill("#subsidy-run-form", {"month": self.month})
        self.submit("#subsidy-run", "subsidy-run")
        expect(re.fullmatch(r"/subsidy/[^/]+", self.path()), f"running the check led to {self.driver.current_url}")
        self.run_path = self.path()
        expect(not self.present("#subsidy-finalize"), "the clerk who ran the check is offered to finalize it")

    def step_reviewer_signin(self):
        self.sign_in("reviewer", "reviewer")

    def step_finalize(self):
        self.sign_in("reviewer", "reviewer")
        expect(self.run_path, "no run to finalize (run the subsidy-run step first)")
        self.go(self.run_path, "subsidy-review")
        self.submit("#subsidy-finalize", "subsidy-final")
        expect(self.present("#roster-download") and self.present("#manifest-download"), "the final run offers no roster and manifest")

    def step_roster(self):
        self.sign_in("reviewer", "reviewer")
        if not self.present("#roster-download"):
            expect(self.run_path, "no run (run the subsidy-run and finalize steps first)")
            self.go(self.run_path, "subsidy-final")
        roster = self.download("#roster-download")
        manifest = self.download("#manifest-download")
        expect(os.path.getsize(manifest) > 0, "the manifest is empty")
        import openpyxl
        sheet = openpyxl.load_workbook(roster).worksheets[0]
        ids = []
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and re.fullmatch(r"\d{17}[\dX]", cell.value):
                    ids.append(cell)
                expect(not (isinstance(cell.value, (int, float)) and len(str(int(cell.value))) >= 15),
                       f"roster {cell.coordinate}: an ID number stored as a number ({cell.value})")
        texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        reviewer = self.accounts["reviewer"]["name"]
        expect(any("审核人" in t and reviewer in t for t in texts), f"the roster's 审核人 line does not name {reviewer}")
        expect(all(c.data_type == "s" for c in ids), "an ID number in the roster is not text")
        print(f"  roster: {len(ids)} ID numbers, all text; 审核人 {reviewer}")

    def step_admin_signin(self):
        self.sign_in("admin", "admin")


def read_table(path):
    if path.lower().endswith(".xlsx"):
        import openpyxl
        sheet = openpyxl.load_workbook(path).worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    data = open(path, "rb").read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(io.StringIO(data.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise StepFailed(f"{path}: neither UTF-8 nor GB18030")


def pdf_page_sizes(path):
    """Each page's width and height in points, as pdfinfo (poppler-utils) reads them."""
    output = subprocess.run(["pdfinfo", "-f", "1", "-l", "1000", path], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", output)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a server already running, e.g. http://127.0.0.1:8080")
    parser.add_argument("--wancun", help="the wancun binary: start `wancun serve --db DB` on a free loopback port")
    parser.add_argument("--db", help="with --wancun: the database to serve")
    parser.add_argument("--accounts", required=True, help="JSON of the accounts by role, or the text `wancun demo` printed")
    parser.add_argument("--out", required=True, help="where screenshots, PDFs and downloads go")
    parser.add_argument("--month", default="2026-10", help="the month the county clerk checks (YYYY-MM)")
    parser.add_argument("--steps", default="all", help="comma-separated step names, `existing` or `all`: " + ",".join(STEPS))
    args = parser.parse_args()
    wanted = STEPS if args.steps == "all" else EXISTING if args.steps == "existing" else args.steps.split(",")
    unknown = [s for s in wanted if s not in STEPS]
    if unknown:
        parser.error("unknown steps: " + ", ".join(unknown))
    os.makedirs(args.out, exist_ok=True)
    accounts = read_accounts(args.accounts)
    server = None
    url = args.url
    if args.wancun:
        if not args.db:
            parser.error("--wancun needs --db")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(args.out, "server.log"), "wb")
        server = subprocess.Popen([args.wancun, "serve", "--db", args.db, "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    if not url:
        parser.error("give --url or --wancun")
    failures = []
    month = None
    try:
        wait_for(url)
        month = Month(url, accounts, args.out, args.month)
        for step in STEPS:
            if step not in wanted:
                print(f"step {step}: left out")
                continue
            print(f"step {step}")
            try:
                getattr(month, "step_" + step.replace("-", "_"))()
            except Exception as error:  # noqa: BLE001 — every failure is reported by its step
                name = f"failed-{step}"
                try:
                    month.driver.save_screenshot(os.path.join(args.out, name + ".png"))
                except Exception:  # noqa: BLE001
                    pass
                failures.append(f"{step}: {type(error).__name__}: {error}")
                print(f"step {step}: FAILED {error}")
                break
    finally:
        if month:
            month.driver.quit()
        if server:
            server.terminate()
            server.wait(timeout=30)
    pages = month.pages if month else 0
    if failures:
        print(f"FAILED after {pages} pages: " + "; ".join(failures))
        return 1
    print(f"passed: {len(wanted)} steps, {pages} pages checked; screenshots and PDFs in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
