#!/usr/bin/env python3
"""Makes the file-exchange test fixtures in Tests/Fixtures/, once, with other tools.

The files are committed as these tools wrote them; the tests read them back cell by cell.
Run from the repository root: python3 scripts/make_fixtures.py
Needs openpyxl (pip install openpyxl) and LibreOffice (apt-get install libreoffice-calc-nogui).
"""
import datetime
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Font

OUT = "Tests/Fixtures"
TITLE = "海盐县2026年1月村级电商服务点公益性岗位补贴花名册"
HEADER = ["序号", "姓名", "公民身份号码", "服务点编码", "金额(元)", "日期", "是否通过"]
ROWS = [
    [1, "王示例", "11010519491231002X", "330424101201001", 1500.5, datetime.date(2026, 1, 31), True],
    [2, "李演示", "330424198503150026", "330424102203001", 1500, datetime.date(2026, 2, 1), False],
    [3, "赵样例", "330424197001010031", "330424105211001", 12.3, datetime.datetime(2026, 1, 5, 9, 30), True],
]


def openpyxl_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in ROWS:
        ws.append(row)
    ws["F3"].number_format = "yyyy-mm-dd"
    ws["F4"].number_format = "yyyy/m/d"
    ws["F5"].number_format = "yyyy-mm-dd hh:mm"
    # A gap: G6 only, then an ID stored as a number (Excel damage).
    ws["G6"] = "备注"
    ws["C7"] = 330424198503150026
    ws2 = wb.create_sheet("第二页")
    ws2.append(["代码", "名称"])
    ws2.append(["330424000000", "海盐县"])
    wb.save(path)


def inline_string_workbook(path):
    """A workbook with inline strings and the 1904 date system, as some exporters write."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="导出" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>运单号</t></is></c><c r="B1" t="inlineStr"><is><t>到站日期</t></is></c><c r="C1" t="inlineStr"><is><t>件数</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve"> SF1234567890 </t></is></c><c r="B3" s="1"><v>44926</v></c><c r="C3"><v>2</v></c><c r="E3" t="b"><v>1</v></c></row></sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)


def csv_text(rows):
    return "\r\n".join(",".join(cell for cell in row) for row in rows) + "\r\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    openpyxl_workbook(f"{OUT}/roster-openpyxl.xlsx")
    inline_string_workbook(f"{OUT}/inline-1904.xlsx")
    # LibreOffice rewrites the openpyxl workbook in its own way.
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "roster-libreoffice.xlsx")
        shutil.copy(f"{OUT}/roster-openpyxl.xlsx", src)
        outdir = os.path.join(tmp, "out")
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, src],
            check=True, capture_output=True, env={**os.environ, "HOME": tmp})
        shutil.copy(os.path.join(outdir, "roster-libreoffice.xlsx"), f"{OUT}/roster-libreoffice.xlsx")
    roster = [
        [TITLE, "", "", ""],
        ["序号", "姓名", "公民身份号码", "金额(元)"],
        ["1", "王示例", "11010519491231002X", "1500.50"],
        ["2", "李演示", "330424198503150026", "1500.00"],
        ["", "", "", ""],
        ["制表单位：海盐县商务局", "", "制表人：张三", ""],
    ]
    with open(f"{OUT}/roster-gb18030.csv", "wb") as f:
        f.write(csv_text(roster).encode("gb18030"))
    quoted = [
        ["代码", "名称", "备注"],
        ["330424000000", "海盐县", '"含逗号,和""引号"""'],
        ["330424101000", "沈荡镇", '"两行\n备注"'],
    ]
    with open(f"{OUT}/quoted-bom.csv", "wb") as f:
        f.write(csv_text(quoted).encode("utf-8-sig"))
    damaged = [
        ["姓名", "公民身份号码", "手机号"],
        ["王示例", "1.10105E+17", "13800001111"],
        ["李演示", "１１０１０５１９４９１２３１００２Ｘ", " 13800002222 "],
        ["赵样例", " 11010519491231002X　", "１３８００００３３３３"],
    ]
    with open(f"{OUT}/damaged.csv", "wb") as f:
        f.write(csv_text(damaged).encode("utf-8-sig"))
    print("fixtures written to", OUT)


if __name__ == "__main__":
    main()
