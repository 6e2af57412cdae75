#!/usr/bin/env python3
"""What a built archive's output weighs, by kind of file, per report (issue 16).

    python3 benches/output-size.py OUTPUT_DIR [REPORTS]
    python3 benches/output-size.py --page REPORT_PAGE.html

With an output folder: the bytes and files of each kind (report pages, report data.json, agency
pages, agency full tables or CSV files, CSV files under data/, the rest) and each kind's bytes per report, REPORTS being
the number of reports (counted from the report pages when not given). With --page: where one
report page's bytes go (the tables' cells and their attributes, the narrative, the rest), the
measure the cuts of issue 16 were chosen by.
"""

import os
import re
import sys

KINDS = [
    ("report pages", re.compile(r"^agencies/[^/]+/\d{4}/index\.html$")),
    ("report data.json", re.compile(r"^agencies/[^/]+/\d{4}/data\.json$")),
    ("agency pages", re.compile(r"^agencies/[^/]+/index\.html$")),
    ("agency full tables", re.compile(r"^agencies/[^/]+/table/index\.html$")),
    ("agency CSV", re.compile(r"^agencies/[^/]+/[^/]+\.csv$")),
    ("CSV (data/)", re.compile(r"^data/.*\.csv(\.gz)?$")),
    ("search index", re.compile(r"^pagefind/")),
]


def kind_of(path):
    for name, pattern in KINDS:
        if pattern.match(path):
            return name
    return "other"


def by_kind(root):
    totals = {name: [0, 0] for name, _ in KINDS}
    totals["other"] = [0, 0]
    for folder, _, files in os.walk(root):
        for name in files:
            full = os.path.join(folder, name)
            path = os.path.relpath(full, root).replace(os.sep, "/")
            entry = totals[kind_of(path)]
            entry[0] += os.path.getsize(full)
            entry[1] += 1
    return totals


def print_kinds(root, reports):
    totals = by_kind(root)
    if reports is None:
        reports = totals["report pages"][1]
    print(f"{root}: {reports} reports")
    print(f"{'kind':<20} {'files':>8} {'bytes':>14} {'KB/report':>10}")
    all_bytes = 0
    for name, (size, count) in totals.items():
        all_bytes += size
        print(f"{name:<20} {count:>8} {size:>14} {size / reports / 1024:>10.1f}")
    print(f"{'all':<20} {'':>8} {all_bytes:>14} {all_bytes / reports / 1024:>10.1f}")


def print_page(path):
    page = open(path, encoding="utf-8").read()
    total = len(page.encode())
    cells = re.findall(r"<td[^>]*>.*?</td>", page)
    cell_bytes = sum(len(cell.encode()) for cell in cells)
    attributes = {}
    for cell in cells:
        for name, value in re.findall(r'([\w-]+)="([^"]*)"', cell.split(">", 1)[0]):
            attributes[name] = attributes.get(name, 0) + len(f' {name}="{value}"'.encode())
    heads = re.findall(r"<th[^>]*>.*?</th>", page)
    narrative = sum(len(p.encode()) for p in re.findall(r"<p>.*?</p>|<li>.*?</li>", page))
    print(f"{path}: {total} bytes")
    print(f"  table value cells: {len(cells)}, {cell_bytes} bytes")
    for name, size in sorted(attributes.items(), key=lambda item: -item[1]):
        print(f"    attribute {name}: {size} bytes")
    print(f"  table header cells: {len(heads)}, {sum(len(h.encode()) for h in heads)} bytes")
    print(f"  paragraphs and list items (the narrative, the checks' sentences): {narrative} bytes")
    text = re.sub(r"<[^>]+>", "", page)
    print(f"  text without markup: {len(text.encode())} bytes")


def main(args):
    if len(args) == 2 and args[0] == "--page":
        print_page(args[1])
    elif 1 <= len(args) <= 2:
        print_kinds(args[0], int(args[1]) if len(args) == 2 else None)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
