#!/usr/bin/env bash
# Remakes the guide's screenshots (docs/zh/img/*.png) from real runs: each command is run in a new
# archive in a temporary folder, its output drawn as a terminal page and photographed by headless
# Chromium; the site's pages are photographed as built. Needs chromium and python3.
#
#   ARCHIVE=target/debug/archive bash docs/zh/img/make.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
archive="$(realpath "${ARCHIVE:-$repo/target/debug/archive}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A terminal page of the command `$2` and what it printed (file $3), photographed as $1.png.
terminal() {
  local name="$1" command="$2" printed="$3" height="$4"
  python3 - "$command" "$printed" "$work/$name.html" <<'PY'
import html, sys
command, printed, page = sys.argv[1], open(sys.argv[2], encoding="utf-8").read(), sys.argv[3]
lines = []
for line in printed.rstrip("\n").split("\n"):
    text = html.escape(line)
    # The Chinese guide shows the Chinese terminal; English words too, should a run print them.
    for word, colour in (("错误", "#ff6b6b"), ("警告", "#ffd166"), ("说明", "#7fc8f8"),
                         ("error", "#ff6b6b"), ("warning", "#ffd166"), ("note", "#7fc8f8")):
        if line.startswith(word) or f": {word}[" in line or f"：{word}[" in line:
            text = f'<span style="color:{colour}">{text}</span>'
    lines.append(text)
body = "\n".join(lines)
open(page, "w", encoding="utf-8").write(f"""<!doctype html><meta charset="utf-8">
<style>body{{margin:0;background:#1e1e1e}}pre{{margin:0;padding:14px 16px;color:#e6e6e6;
font:14px/1.45 "DejaVu Sans Mono","Noto Sans Mono CJK SC",monospace;white-space:pre-wrap}}
.prompt{{color:#8ae234}}</style><pre><span class="prompt">$</span> {html.escape(command)}
{body}</pre>""")
PY
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="960,$height" \
    --screenshot="$here/$name.png" "file://$work/$name.html" >/dev/null 2>&1
}

# Runs `archive ARGS…` in folder $1, its output (both streams) in $work/out.txt.
run() {
  local dir="$1"
  shift
  (cd "$dir" && ARCHIVE_LANG=zh "$archive" "$@" >"$work/out.txt" 2>&1) || true
  # The temporary folder as the reader's own: ~/.
  sed -i "s|$work/|~/|g" "$work/out.txt"
}

cd "$work"
run "$work" init nianbao --province 山西省 --title 侯马经济开发区政府信息公开年报库
terminal 01-init "archive init nianbao --province 山西省 --title 侯马经济开发区政府信息公开年报库" "$work/out.txt" 150

root="$work/nianbao"
mkdir -p "$work/年报原件"
cp "$repo/tests/fixtures/import/reports/00_houma_kfq_2024.txt" "$work/年报原件/侯马经济开发区2024年报.txt"
run "$root" import ../年报原件/
terminal 02-import "archive import ../年报原件/" "$work/out.txt" 250

run "$root" check
terminal 03-check "archive check" "$work/out.txt" 150

sed -i 's|^base_url = .*|base_url = "https://www.example.gov.cn/nianbao/"|' "$root/site.toml"
run "$root" build
terminal 04-build "archive build" "$work/out.txt" 120

# The site as a reader sees it, opened from the built folder (built with relative links).
run "$root" build --relative-links --output "$work/disk"
for page in index.html agencies/houma-jingjikaifaqu/2024/index.html; do
  name="site-home"
  [ "$page" = index.html ] || name="site-report"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=960,620 \
    --screenshot="$here/$name.png" "file://$work/disk/$page" >/dev/null 2>&1
done
ls -la "$here"/*.png
