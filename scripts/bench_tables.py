#!/usr/bin/env python3
"""Helpers for the read benchmarks, run from the repository root.

  python3 scripts/bench_tables.py workbook IN.csv OUT.xlsx
      Writes the CSV's rows as a workbook laid out as Excel lays one out: every cell text in
      xl/sharedStrings.xml (in order of first use, with count and uniqueCount), cells as
      <c r="A1" t="s"><v>0</v></c>, the sheet's extent (<dimension>) before its rows, parts in
      Excel's order, deflated. openpyxl writes inline
      strings (t="inlineStr") in both its modes, which Excel never does, and its normal mode
      holds every cell in memory; so the workbook is written here with zipfile.
  python3 scripts/bench_tables.py check WANCUN FILE
      Runs `WANCUN file inspect --digest` and the Python reader for FILE's extension, prints
      both lines, and fails unless they are the same.
  python3 scripts/bench_tables.py digest-csv FILE     (Python's csv module)
  python3 scripts/bench_tables.py digest-xlsx FILE    (openpyxl, read-only mode)
      Reads every cell and prints "ROWS DIGEST": the SHA-256 that `wancun file inspect --digest`
      prints, over each row's cells up to its last non-empty one joined by U+001F, each row
      ended by U+001E.
"""
import csv
import functools
import hashlib
import sys
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


def write_batched(stream, pieces):
    """Writes the strings, UTF-8, a few thousand at a time."""
    batch = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= 4096:
            stream.write("".join(batch).encode())
            batch.clear()
    stream.write("".join(batch).encode())


def shared_string(value):
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f"<si><t{space}>{escape(value)}</t></si>"


@functools.lru_cache(maxsize=None)
def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def workbook(source, target):
    # The sheet's extent, as Excel writes it before the rows (a first pass over the file).
    with open(source, encoding="utf-8-sig", newline="") as f:
        extent = [0, 0]
        for row in csv.reader(f):
            extent = [extent[0] + 1, max(extent[1], len(row))]
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        strings = {}
        count = 0
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("xl/workbook.xml", WORKBOOK),
                               ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)]:
                z.writestr(name, text)
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
                sheet.write(f'<dimension ref="A1:{column_name(max(extent[1], 1) - 1)}{max(extent[0], 1)}"/><sheetData>'.encode())
                def row_xml():
                    nonlocal count
                    for number, row in enumerate(rows, 1):
                        cells = []
                        for i, value in enumerate(row):
                            if value == "":
                                continue
                            index = strings.setdefault(value, len(strings))
                            count += 1
                            cells.append(f'<c r="{column_name(i)}{number}" s="1" t="s"><v>{index}</v></c>')
                        yield f'<row r="{number}" spans="1:{len(row)}">{"".join(cells)}</row>'

                write_batched(sheet, row_xml())
                sheet.write(b"</sheetData></worksheet>")
            z.writestr("xl/styles.xml", STYLES)
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as sst:
                sst.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{len(strings)}">'.encode())
                write_batched(sst, (shared_string(value) for value in strings))
                sst.write(b"</sst>")


def digest_csv(path):
    h = hashlib.sha256()
    rows = 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f):
            rows += 1
            h.update(("\x1f".join(row).rstrip("\x1f") + "\x1e").encode())
    print(rows, h.hexdigest())


def digest_xlsx(path):
    import openpyxl
    h = hashlib.sha256()
    rows = 0
    book = openpyxl.load_workbook(path, read_only=True)
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows += 1
        text = "\x1f".join("" if v is None else v if isinstance(v, str) else str(v) for v in row)
        h.update((text.rstrip("\x1f") + "\x1e").encode())
    print(rows, h.hexdigest())


def check(wancun, path):
    import json
    import subprocess
    shown = json.loads(subprocess.run([wancun, "file", "inspect", "--digest", "--format", "json", path], check=True,
                                      capture_output=True, text=True).stdout)
    ours = f"{shown['rows']} {shown['digest']}"
    reader = "digest-xlsx" if path.endswith(".xlsx") else "digest-csv"
    theirs = subprocess.run([sys.executable, __file__, reader, path], check=True, capture_output=True, text=True).stdout.strip()
    print(f"wancun: {ours}; {reader}: {theirs}")
    if ours != theirs:
        sys.exit("the two sides read different cells")


if __name__ == "__main__":
    command, *paths = sys.argv[1:]
    {"workbook": workbook, "check": check, "digest-csv": digest_csv, "digest-xlsx": digest_xlsx}[command](*paths)
