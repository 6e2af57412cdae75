#!/usr/bin/env bash
# A folder import at scale (issue 17): N published report files from agencies the archive does
# not know, imported by one `archive import DIR --summary` into an empty archive; prints the wall
# time. Called by benches/run.sh (--import-size), or on its own:
#
#   bash benches/import-folder.sh [--files N] [--archive PATH] [--work DIR] [--keep]
#
# The files are the real reports of tests/fixtures/import/reports (gb2021 ones: text, PDF text
# and a web page), each copied under a made-up agency's name and a year from 2021 to 2025: every
# writing of the template's agency name is replaced, and the year in its title. The agencies are
# 36 made-up counties in 12 cities of 4 provinces, each with up to six bodies (its government,
# three departments, a town, a street office), listed in a content/_regions.yaml of those places;
# a county's bodies print their names with the whole chain of regions in 2021–2023 and with the
# county alone from 2024, so that every agency is written two ways. The inputs and the archive
# are removed afterwards unless --keep.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
repo=$(pwd)

files=1000
archive=""
work="$repo/target/bench"
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift ;;
    --archive) archive="$2"; shift ;;
    --work) work="$2"; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$archive" ]; then
  cargo build --quiet --release --bin archive
  archive="$(cargo metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release/archive"
fi

dir="$work/import-$files"
rm -rf "$dir"
mkdir -p "$dir/inputs" "$dir/site/content"
printf 'title = "年报库"\nbase_url = "https://example.gov.cn/"\n' > "$dir/site/site.toml"

# The templates: file | the agency's names as printed, longest first | the year in the title.
templates=(
  "00_houma_kfq_2024.txt|侯马经济开发区|2024"
  "04_pingtan_2021.txt|平潭综合实验区|2021"
  "05_pingtan_2022.txt|平潭综合实验区|2022"
  "06_pingtan_2023.txt|平潭综合实验区|2023"
  "06_pingtan_2023_page.html|平潭综合实验区|2023"
  "09_huaian_shi_2024.txt|淮安市人民政府|2024"
  "10_hongze_qu_2023.txt|淮安市洪泽区人民政府,洪泽区人民政府|2023"
  "11_hongze_qu_2024.txt|淮安市洪泽区人民政府,洪泽区人民政府|2024"
)
provinces=(江苏省 浙江省 福建省 山西省)
province_ids=(jiangsu zhejiang fujian shanxi)
cities=(云溪 白沙 青川 石门 南岭 北塘 东湖 西岗 金水 银滩 龙泉 凤岭)
city_ids=(yunxi baisha qingchuan shimen nanling beitang donghu xigang jinshui yintan longquan fengling)
first=(安 宁 平 兴 永 长)
first_ids=(an ning ping xing yong chang)
second=(丰 和 乐 昌 泰 远)
second_ids=(feng he le chang tai yuan)
bodies=(人民政府 教育局 财政局 市场监督管理局 城关镇人民政府 新华街道办事处)

# The regions, and each county's chain of names.
regions="$dir/site/content/_regions.yaml"
chains=()
counties=()
for p in 0 1 2 3; do
  printf -- '- id: %s\n  name: %s\n  children:\n' "${province_ids[p]}" "${provinces[p]}" >> "$regions"
  for c in 0 1 2; do
    city=$((p * 3 + c))
    printf -- '    - id: %s\n      name: %s市\n      children:\n' "${city_ids[city]}" "${cities[city]}" >> "$regions"
    for k in 0 1 2; do
      county=$((city * 3 + k))
      name="${first[county / 6]}${second[county % 6]}县"
      printf -- '        - id: %s\n          name: %s\n' \
        "${first_ids[county / 6]}${second_ids[county % 6]}" "$name" >> "$regions"
      chains+=("${provinces[p]}${cities[city]}市$name")
      counties+=("$name")
    done
  done
done

# N files: agency a (county a % 36, body a / 36) in year 2021 + (i % 5).
start=$EPOCHREALTIME
for ((i = 0; i < files; i++)); do
  agency=$((i / 5))
  year=$((2021 + i % 5))
  county=$((agency % 36))
  body="${bodies[(agency / 36) % 6]}"
  if [ "$year" -le 2023 ]; then name="${chains[county]}$body"; else name="${counties[county]}$body"; fi
  IFS='|' read -r file names from <<< "${templates[(agency + year) % ${#templates[@]}]}"
  script=""
  IFS=',' read -r -a originals <<< "$names"
  for original in "${originals[@]}"; do script+="s/$original/$name/g;"; done
  script+="s/$from( *年度?政府信息公开)/$year\\1/g"
  sed -E "$script" "tests/fixtures/import/reports/$file" > "$dir/inputs/$(printf '%04d' "$i")-${file%%_*}-$year.${file##*.}"
done
made=$(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f", e - s }')
echo "made $files files ($(du -sh "$dir/inputs" | cut -f1)) in $made s"

start=$EPOCHREALTIME
status=0
"$archive" --root "$dir/site" import "$dir/inputs" --summary "$dir/summary.csv" \
  > "$dir/import.log" 2>&1 || status=$?
seconds=$(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f", e - s }')
# Exit 1 is expected: some reports leave cells for a person.
if [ "$status" -gt 1 ]; then
  echo "archive import failed (exit $status):" >&2
  tail -20 "$dir/import.log" >&2
  exit 1
fi
agencies=$(find "$dir/site/content" -name _agency.yaml | wc -l)
without_region=$(grep -L '^region:' "$dir"/site/content/*/_agency.yaml | wc -l)
tail -1 "$dir/import.log" | grep -q . && grep '^imported [0-9]' "$dir/import.log" || true
echo "import of $files files: $seconds s wall on $(nproc) cores; $agencies agencies created ($without_region without a region); summary rows: $(($(wc -l < "$dir/summary.csv") - 1))"
if [ "$keep" = 0 ]; then rm -rf "$dir"; fi
