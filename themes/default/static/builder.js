// The report builder (builder/): reads the small data files `archive build` writes under
// data/builder/ — index.json (agencies, regions, kinds, years, measures) and one file per year and
// measure — and draws a sortable table and an SVG bar chart of the agencies, years and measures
// chosen, downloadable as CSV. The form is a plain GET form: its fields are read from the address
// on load, so a shared link restores the query. Text is always written as text, never as HTML.

const form = document.getElementById("builder-form");
const status = document.getElementById("builder-status");
const actions = document.getElementById("builder-actions");
const share = document.getElementById("builder-share");
const csvButton = document.getElementById("builder-csv");
const chartBox = document.getElementById("builder-chart");
const tableBox = document.getElementById("builder-table");
const words = form.dataset;
const dataUrl = words.data;
const english = words.language === "en";
const svgNs = "http://www.w3.org/2000/svg";
const chartBars = 25;

let indexFile = null;
const valueFiles = new Map();
let result = null; // { columns, rows } of the last query
let sort = { column: null, descending: true };

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// The index, with each region's path and full name made from its parents (listed before it).
async function loadIndex() {
  if (!indexFile) {
    const index = await fetchJson(`${dataUrl}index.json`);
    index.regionPaths = [];
    index.regionNames = [];
    index.regions.forEach(([id, name, parent], at) => {
      index.regionPaths[at] = parent === null ? id : `${index.regionPaths[parent]}/${id}`;
      index.regionNames[at] = parent === null ? name : `${index.regionNames[parent]} ${name}`;
    });
    indexFile = index;
  }
  return indexFile;
}

// A values file's parallel arrays as lines: [agency, value] for a count, [agency, numerator,
// denominator] for a rate, with one more item for a value read from a contradicted total.
function decodeRows(file, measure) {
  const marks = new Map(file.contradicted);
  let agency = 0;
  return file.agencies.map((delta, entry) => {
    agency += delta;
    const line = measure.kind === "count" ? [agency, file.values[entry]] : [agency, file.numerators[entry], file.denominators[entry]];
    if (marks.has(entry)) line.push(marks.get(entry));
    return line;
  });
}

async function loadValues(year, measure) {
  const key = `${year}/${measure}`;
  if (!valueFiles.has(key)) valueFiles.set(key, fetchJson(`${dataUrl}${key}.json`));
  return valueFiles.get(key);
}

// The query as the form holds it.
function readForm() {
  const data = new FormData(form);
  return {
    region: data.get("region") || "",
    kind: data.get("kind") || "",
    q: (data.get("q") || "").trim(),
    years: data.getAll("year").map(Number),
    measures: data.getAll("measure"),
    sort: sort.column ? `${sort.column}${sort.descending ? "-desc" : "-asc"}` : "",
  };
}

// Sets the form's fields from the address's query string; whether it held a query.
function restoreForm(params) {
  if (![...params.keys()].length) return false;
  for (const name of ["region", "kind", "q"]) {
    if (params.has(name)) form.elements[name].value = params.get(name);
  }
  for (const name of ["year", "measure"]) {
    const chosen = params.getAll(name);
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) {
      box.checked = chosen.includes(box.value);
    }
  }
  const wanted = params.get("sort") || "";
  const match = /^(.+)-(asc|desc)$/.exec(wanted);
  sort = match ? { column: match[1], descending: match[2] === "desc" } : { column: null, descending: true };
  return true;
}

function queryString(query) {
  const params = new URLSearchParams();
  if (query.region) params.set("region", query.region);
  if (query.kind) params.set("kind", query.kind);
  if (query.q) params.set("q", query.q);
  for (const year of query.years) params.append("year", String(year));
  for (const measure of query.measures) params.append("measure", measure);
  if (query.sort) params.set("sort", query.sort);
  return params.toString();
}

// A rate as a percentage with two decimals, rounded half up in whole numbers, as the rankings
// CSV writes it.
function percent(numerator, denominator) {
  const hundredths = Math.floor((numerator * 20000 + denominator) / (2 * denominator));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

// One measure's cell of a row of a values file: what the table shows, sorts by and the CSV holds.
function cellOf(measure, line) {
  if (measure.kind === "count") {
    const value = line[1];
    const rowsGive = line.length > 2 ? line[2] : null;
    return { sort: value, text: value === null ? words.blank : String(value), rowsGive, csv: [value ?? "", rowsGive ?? ""] };
  }
  const [numerator, denominator] = [line[1], line[2]];
  const contradicted = line.length > 3;
  const flag = contradicted ? "1" : "";
  if (numerator === null || denominator === null) {
    return { sort: null, text: words.blank, contradicted, csv: ["", "", "", flag] };
  }
  if (denominator === 0) {
    return { sort: null, text: words.zero, contradicted, csv: ["", numerator, 0, flag] };
  }
  const shown = percent(numerator, denominator);
  return {
    sort: numerator / denominator,
    text: words.rateText.replace("{percent}", shown).replace("{numerator}", numerator).replace("{denominator}", denominator),
    contradicted,
    csv: [shown, numerator, denominator, flag],
  };
}

function agencyMatches(index, agency, query) {
  const [, name, region, kind] = agency;
  if (query.kind && index.kinds[kind]?.[0] !== query.kind) return false;
  if (query.region) {
    const path = region === null ? "" : index.regionPaths[region];
    if (path !== query.region && !path.startsWith(`${query.region}/`)) return false;
  }
  return !query.q || name.includes(query.q);
}

// The rows of a query: one per agency and year with a report, each measure's cell.
async function buildRows(query) {
  const index = await loadIndex();
  const measures = index.measures.filter((measure) => query.measures.includes(measure.key));
  const years = index.years.filter((year) => query.years.includes(year));
  const rows = [];
  for (const year of years) {
    const files = await Promise.all(measures.map((measure) => loadValues(year, measure.key)));
    const byAgency = new Map();
    files.forEach((file, at) => {
      for (const line of decodeRows(file, measures[at])) {
        const agency = index.agencies[line[0]];
        if (!agencyMatches(index, agency, query)) continue;
        if (!byAgency.has(line[0])) byAgency.set(line[0], { agency, year, cells: new Array(measures.length).fill(null) });
        byAgency.get(line[0]).cells[at] = cellOf(measures[at], line);
      }
    });
    rows.push(...byAgency.values());
  }
  return { index, measures, rows };
}

function regionName(index, agency) {
  return agency[2] === null ? "" : index.regionNames[agency[2]];
}

function compareRows(a, b, at) {
  if (at === null) return 0;
  const [x, y] = [a.cells[at]?.sort ?? null, b.cells[at]?.sort ?? null];
  if (x === null && y === null) return 0;
  if (x === null) return 1; // blanks last, whichever the direction
  if (y === null) return -1;
  return sort.descending ? y - x : x - y;
}

function sortedRows() {
  const at = result.measures.findIndex((measure) => measure.key === sort.column);
  const rows = result.rows.slice();
  rows.sort((a, b) => compareRows(a, b, at === -1 ? null : at) || a.agency[1].localeCompare(b.agency[1]) || a.year - b.year);
  return rows;
}

function element(name, text, attributes = {}) {
  const node = document.createElement(name);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function measureName(measure) {
  return english ? measure.en : measure.zh;
}

function headerCell(measure) {
  const th = element("th", null, { scope: "col" });
  if (sort.column === measure.key) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
  const button = element("button", measureName(measure), { type: "button", class: "sort-button", title: words.sort });
  button.addEventListener("click", () => {
    sort = sort.column === measure.key ? { column: measure.key, descending: !sort.descending } : { column: measure.key, descending: true };
    show(true);
  });
  th.append(button);
  return th;
}

function valueCell(row, cell) {
  const td = element("td");
  if (!cell) return td;
  const link = element("a", cell.text, { href: `${words.base}agencies/${row.agency[0]}/${row.year}/` });
  td.append(link);
  if (cell.rowsGive !== undefined && cell.rowsGive !== null) {
    td.append(" ", element("mark", words.rowsGive.replace("{parts}", cell.rowsGive), { class: "contradicted" }));
  } else if (cell.contradicted) {
    td.append(" ", element("mark", words.rateContradicted, { class: "contradicted" }));
  }
  return td;
}

function drawTable(rows) {
  const table = element("table", null, { class: "list builder-table" });
  table.append(element("caption", words.count.replace("{rows}", rows.length).replace("{agencies}", new Set(rows.map((row) => row.agency[0])).size), { id: "builder-caption" }));
  const head = element("tr");
  for (const name of [words.agency, words.region, words.year]) head.append(element("th", name, { scope: "col" }));
  for (const measure of result.measures) head.append(headerCell(measure));
  const thead = element("thead");
  thead.append(head);
  table.append(thead);
  const body = table.appendChild(element("tbody"));
  for (const row of rows) {
    const tr = body.appendChild(element("tr"));
    const th = tr.appendChild(element("th", null, { scope: "row" }));
    th.append(element("a", row.agency[1], { href: `${words.base}agencies/${row.agency[0]}/` }));
    tr.append(element("td", regionName(result.index, row.agency)), element("td", String(row.year)));
    row.cells.forEach((cell) => tr.append(valueCell(row, cell)));
  }
  tableBox.replaceChildren(table);
  tableBox.hidden = false;
}

// A horizontal bar chart of the sorted (or first) measure, the first rows in table order.
function drawChart(rows) {
  const at = Math.max(0, result.measures.findIndex((measure) => measure.key === sort.column));
  const measure = result.measures[at];
  const bars = rows.filter((row) => row.cells[at]?.sort != null).slice(0, chartBars);
  if (!measure || !bars.length) return chartBox.replaceChildren();
  const [labelWidth, barWidth, barHeight, gap] = [220, 260, 22, 6];
  const height = bars.length * (barHeight + gap) + gap;
  const largest = Math.max(...bars.map((row) => row.cells[at].sort), 0) || 1;
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("viewBox", `0 0 ${labelWidth + barWidth + 120} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("class", "chart builder-svg");
  const title = document.createElementNS(svgNs, "title");
  title.textContent = `${words.chart}${measureName(measure)}`;
  svg.append(title);
  bars.forEach((row, line) => {
    const y = gap + line * (barHeight + gap);
    const cell = row.cells[at];
    const label = document.createElementNS(svgNs, "text");
    label.setAttribute("x", labelWidth - 8);
    label.setAttribute("y", y + barHeight * 0.75);
    label.setAttribute("text-anchor", "end");
    label.textContent = `${row.agency[1]} ${row.year}`;
    const bar = document.createElementNS(svgNs, "rect");
    bar.setAttribute("x", labelWidth);
    bar.setAttribute("y", y);
    bar.setAttribute("height", barHeight);
    bar.setAttribute("width", Math.max(1, (cell.sort / largest) * barWidth));
    bar.setAttribute("class", cell.rowsGive != null || cell.contradicted ? "bar contradicted" : "bar");
    const value = document.createElementNS(svgNs, "text");
    value.setAttribute("x", labelWidth + Math.max(1, (cell.sort / largest) * barWidth) + 6);
    value.setAttribute("y", y + barHeight * 0.75);
    value.textContent = cell.rowsGive != null || cell.contradicted ? `${cell.text} ${words.contradicted}` : cell.text;
    svg.append(label, bar, value);
  });
  const figure = element("figure");
  figure.append(element("figcaption", `${words.chart}${measureName(measure)}`), svg);
  chartBox.replaceChildren(figure);
}

// The table as CSV, with the rankings CSV's columns.
function csvText(rows) {
  const header = ["agency_id", "agency", "region", "kind", "year"];
  for (const measure of result.measures) {
    const suffixes = measure.kind === "count" ? ["", "_rows_give"] : ["_percent", "_numerator", "_denominator", "_contradicted"];
    header.push(...suffixes.map((suffix) => `${measure.key}${suffix}`));
  }
  const field = (value) => {
    let text = String(value ?? "");
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`; // never a formula in a spreadsheet
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [header];
  for (const row of rows) {
    const path = row.agency[2] === null ? "" : result.index.regionPaths[row.agency[2]];
    const kind = result.index.kinds[row.agency[3]]?.[0] ?? "";
    const cells = row.cells.flatMap((cell, at) => cell ? cell.csv : new Array(result.measures[at].kind === "count" ? 2 : 4).fill(""));
    lines.push([row.agency[0], row.agency[1], path, kind, row.year, ...cells]);
  }
  return `\ufeff${lines.map((line) => line.map(field).join(",")).join("\r\n")}\r\n`;
}

function show(keepFocus) {
  const rows = sortedRows();
  const query = readForm();
  const address = `${location.pathname}?${queryString(query)}`;
  history.replaceState(null, "", address);
  share.href = address;
  status.textContent = rows.length ? words.count.replace("{rows}", rows.length).replace("{agencies}", new Set(rows.map((row) => row.agency[0])).size) : words.none;
  actions.hidden = !rows.length;
  drawChart(rows);
  if (rows.length) drawTable(rows);
  else tableBox.hidden = true;
  if (keepFocus && sort.column) tableBox.querySelector(`th[aria-sort] button`)?.focus();
}

async function run() {
  const query = readForm();
  if (!query.years.length || !query.measures.length) {
    status.textContent = words.pick;
    return;
  }
  status.textContent = words.loading;
  try {
    result = await buildRows(query);
  } catch (error) {
    status.textContent = words.failed;
    console.error(error);
    return;
  }
  if (!result.measures.some((measure) => measure.key === sort.column)) sort.column = null;
  show(false);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});

csvButton.addEventListener("click", () => {
  const blob = new Blob([csvText(sortedRows())], { type: "text/csv;charset=utf-8" });
  const link = element("a", null, { href: URL.createObjectURL(blob), download: "report.csv" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
});

if (restoreForm(new URLSearchParams(location.search))) run();
