#!/usr/bin/env python3
"""Seeded, reproducible synthetic data for benchmarks and load tests.

The same seed and scale always give the same files. Nothing here is real: names are
synthetic, ID numbers and credit codes have valid check characters, phones are 1380000xxxx-like.

Usage, from the repository root:
  python3 scripts/generate.py divisions --scale county|province|national --out D.csv
  python3 scripts/generate.py points --divisions D.csv --count 500000 --out P.csv
  python3 scripts/generate.py parcels --points-from D.csv --rows 1000000 --out L.csv
  python3 scripts/generate.py purchases --points-from D.csv --rows 100000 --out B.csv
Common options: --seed N (default 1).

Points (and the ledgers' VILLAGE+001 points) go to rural villages only (village segment
200-399 or 500-599); operators get 4050 only when old enough for it on the certification day.

Scales: county ~ 1 county, 10 towns, ~150 villages; province ~ 11 cities, ~90 counties,
~1,300 towns, ~20,000 villages; national ~ 31 provinces, ~340 cities, ~2,850 counties,
~38,000 towns, ~490,000 villages (the size of the real NBS tables).
"""
import argparse
import csv
import datetime
import random
import sys

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
             62, 63, 64, 65]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "示例演示样本测试合成虚构"
COURIERS = ["中国邮政", "顺丰速运", "中通快递", "圆通速递", "申通快递", "韵达速递", "极兔速递", "京东物流"]
PLATFORMS = ["淘宝", "拼多多", "京东", "抖音"]
CATEGORIES = ["建材", "农资", "药品", "日用品"]
CERTIFIED_ON = datetime.date(2023, 1, 15)


def id_number(rng, born_from=1962, born_to=2000):
    year = rng.randint(born_from, born_to)
    born = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
    first17 = f"330424{born:%Y%m%d}{rng.randint(0, 999):03d}"
    check = "10X98765432"[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]
    return first17 + check


def credit_code(rng):
    first17 = "9133" + "".join(rng.choice(CREDIT_ALPHABET) for _ in range(13))
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return first17 + CREDIT_ALPHABET[(31 - total % 31) % 31]


def writer(path):
    f = open(path, "w", newline="", encoding="utf-8-sig") if path != "-" else sys.stdout
    return f, csv.writer(f, lineterminator="\r\n")


def divisions(args):
    rng = random.Random(args.seed)
    shape = {"county": (1, 1, 1, 10, 15), "province": (1, 11, 8, 14, 15), "national": (31, 11, 8, 13, 14)}[args.scale]
    provinces, cities, counties, towns, villages = shape
    f, w = writer(args.out)
    w.writerow(["code", "name", "level", "parent_code"])
    count = 0
    for p in PROVINCES[:provinces] if args.scale == "national" else [33]:
        pcode = f"{p:02d}0000000000"
        w.writerow([pcode, f"合成省{p}", "province", ""])
        for c in range(1, rng.randint(cities - 2, cities + 2) + 1):
            ccode = f"{p:02d}{c:02d}00000000"
            w.writerow([ccode, f"合成市{p}{c:02d}", "city", pcode])
            for k in range(1, rng.randint(counties - 2, counties + 2) + 1):
                kcode = f"{p:02d}{c:02d}{k:02d}000000"
                w.writerow([kcode, f"合成县{p}{c:02d}{k:02d}", "county", ccode])
                for t in range(1, rng.randint(towns - 3, towns + 3) + 1):
                    tseg = t if t <= 4 else 100 + t if t <= 10 else 200 + t
                    tcode = f"{kcode[:6]}{tseg:03d}000"
                    w.writerow([tcode, f"合成{'街道' if tseg < 100 else '镇' if tseg < 200 else '乡'}{t}", "town", kcode])
                    for v in range(1, rng.randint(villages - 4, villages + 4) + 1):
                        vseg = v if v <= 3 else 200 + v
                        w.writerow([f"{tcode[:9]}{vseg:03d}", f"合成{'社区' if vseg < 200 else '村'}{v}", "village", tcode])
                        count += 1
    f.close()
    print(f"{count} villages", file=sys.stderr)


def rural(code):
    """A village committee (村委会) or a unit like one: the villages the programme serves."""
    segment = int(code[9:])
    return 200 <= segment <= 399 or 500 <= segment <= 599


def villages_from(path):
    """The rural villages of a divisions file: points are placed there, never in a 居委会."""
    with open(path, encoding="utf-8-sig") as f:
        return [row["code"] for row in csv.DictReader(f) if row["level"] == "village" and rural(row["code"])]


def meets_4050(ident, on):
    """A woman of 40 or a man of 50, in full years on the day, by the ID number."""
    born = datetime.date(int(ident[6:10]), int(ident[10:12]), int(ident[12:14]))
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return age >= (50 if int(ident[16]) % 2 == 1 else 40)


def points(args):
    rng = random.Random(args.seed)
    villages = villages_from(args.divisions)
    f, w = writer(args.out)
    w.writerow(["村代码", "服务点名称", "地址", "纬度", "经度", "纳入规划年份", "开业日期", "站长姓名", "公民身份号码", "手机号",
                "退休年龄类别", "就业困难人员类别", "证明编号", "认定日期", "合同类型", "合同开始", "合同结束", "服务"])
    seen_phone = set()
    seen_id = set()
    for i in range(args.count):
        village = villages[i % len(villages)]
        ident = id_number(rng)
        while ident in seen_id:
            ident = id_number(rng)
        seen_id.add(ident)
        phone = f"1{rng.choice('3456789')}{i:09d}"[:11]
        while phone in seen_phone:
            phone = f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"
        seen_phone.add(phone)
        female = int(ident[16]) % 2 == 0
        difficulty = rng.choice(["4050", "land-lost", ""])
        if difficulty == "4050" and not meets_4050(ident, CERTIFIED_ON):
            difficulty = "long-term-unemployed"
        opened = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000))
        w.writerow([
            village, f"合成服务点{i:07d}", f"合成路{i}号", f"{20 + (i % 20000) * 0.001:.6f}", f"{100 + (i // 20000) * 0.01:.6f}",
            rng.choice([2021, 2022, 2023, 2024, 2025]), opened.isoformat(),
            rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), ident, phone,
            rng.choice(["female-50", "female-55"]) if female else "male", difficulty,
            f"合成证{i}" if difficulty else "", CERTIFIED_ON.isoformat() if difficulty else "", rng.choice(["labour", "civil"]), opened.isoformat(), "",
            "parcel,bill-payment",
        ])
    f.close()


def parcels(args):
    rng = random.Random(args.seed)
    villages = villages_from(args.points_from)
    f, w = writer(args.out)
    w.writerow(["服务点编码", "运单号", "快递公司", "到站时间", "取件时间"])
    start = datetime.datetime(2026, 1, 1, 8, 0)
    for i in range(args.rows):
        point = villages[rng.randrange(len(villages))] + "001"
        arrived = start + datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 300))
        picked = arrived + datetime.timedelta(minutes=rng.randint(10, 60 * 24 * 5)) if rng.random() < 0.9 else None
        w.writerow([point, f"YT{i:012d}", rng.choice(COURIERS), arrived.strftime("%Y-%m-%d %H:%M"),
                    picked.strftime("%Y-%m-%d %H:%M") if picked else ""])
    f.close()


def purchases(args):
    rng = random.Random(args.seed)
    villages = villages_from(args.points_from)
    f, w = writer(args.out)
    w.writerow(["服务点编码", "平台", "订单号", "品类", "金额(元)", "日期"])
    for i in range(args.rows):
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300))
        w.writerow([villages[rng.randrange(len(villages))] + "001", rng.choice(PLATFORMS), f"OD{i:014d}",
                    rng.choice(CATEGORIES), f"{rng.randint(100, 500000) / 100:.2f}", day.isoformat()])
    f.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    sub = parser.add_subparsers(dest="what", required=True)
    d = sub.add_parser("divisions")
    d.add_argument("--scale", choices=["county", "province", "national"], default="county")
    d.add_argument("--out", default="-")
    p = sub.add_parser("points")
    p.add_argument("--divisions", required=True)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--out", default="-")
    for name in ["parcels", "purchases"]:
        s = sub.add_parser(name)
        s.add_argument("--points-from", required=True, help="a divisions file; points are VILLAGE+001")
        s.add_argument("--rows", type=int, default=1000)
        s.add_argument("--out", default="-")
    args = parser.parse_args()
    {"divisions": divisions, "points": points, "parcels": parcels, "purchases": purchases}[args.what](args)


if __name__ == "__main__":
    main()
