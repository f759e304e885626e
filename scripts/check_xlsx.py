#!/usr/bin/env python3
"""Reads an .xlsx with openpyxl and prints what it sees as JSON, for the tests.

Usage: python3 scripts/check_xlsx.py [--values] FILE.xlsx
With --values, a formula cell gives the value its application last computed, not its formula.
Prints {"sheets": [{"name", "freeze", "merged", "widths", "cells": [[{"v", "type", "format", "bold"}...]...]}]}.
"""
import json
import sys

import openpyxl


def main(path, values=False):
    wb = openpyxl.load_workbook(path, data_only=values)
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            rows.append([
                {
                    "v": cell.value if not hasattr(cell.value, "isoformat") else cell.value.isoformat(),
                    "type": type(cell.value).__name__,
                    "format": cell.number_format,
                    "bold": bool(cell.font and cell.font.b),
                }
                for cell in row
            ])
        sheets.append({
            "name": ws.title,
            "freeze": ws.freeze_panes,
            "merged": [str(r) for r in ws.merged_cells.ranges],
            "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items())},
            "cells": rows,
        })
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[-1], values="--values" in args)
