// The report builder of the built example site in headless Chromium: a query (江苏省, 2023 and
// 2024, three measures) gives the table and chart it should, 洪泽 2023's contradicted 行政复议
// total marked; sorting by a header; the CSV it downloads checked against the data files the
// build wrote; the shared URL restoring the query; the page without JavaScript.
//
// usage: node builder.cjs SITE_URL [--screenshots DIR]
// Prints one line per check and exits 1 if any failed. Run by tests/it/browser/builder.rs.
"use strict";

const path = require("path");
const { chromium } = require("playwright-core");

const site = process.argv[2];
const shotsAt = process.argv.indexOf("--screenshots");
const shots = shotsAt > 0 ? process.argv[shotsAt + 1] : null;
const executablePath = process.env.ARCHIVE_CHROMIUM || "/usr/bin/chromium";
const MEASURES = ["received", "reviews", "review_correction_rate"];

const results = [];
function check(name, ok, detail) {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `: ${detail}`}`);
}

// The table as text: one array of cell texts a row.
function tableText(page) {
  return page.$$eval("#builder-table tbody tr", (rows) => rows.map((row) => Array.from(row.cells, (cell) => cell.textContent.trim())));
}

// A CSV's lines as arrays of fields (no quoted commas in these files' values).
function parseCsv(text) {
  return text.replace(/^\ufeff/, "").trim().split("\r\n").map((line) => line.split(","));
}

async function query(page) {
  await page.goto(`${site}builder/`);
  await page.selectOption("#builder-region", "jiangsu");
  for (const box of await page.$$('input[name="year"], input[name="measure"]')) await box.uncheck();
  for (const year of ["2023", "2024"]) await page.check(`input[name="year"][value="${year}"]`);
  for (const measure of MEASURES) await page.check(`input[name="measure"][value="${measure}"]`);
  // By keyboard: the submit button is reached and pressed like any button.
  await page.focus('#builder-form button[type="submit"]');
  await page.keyboard.press("Enter");
  await page.waitForSelector("#builder-table tbody tr");
}

async function checkQuery(page) {
  const rows = await tableText(page);
  const names = rows.map((row) => `${row[0]} ${row[2]}`).sort();
  check("the query gives one row per report of 江苏省 in 2023 and 2024", JSON.stringify(names) === JSON.stringify(["洪泽区人民政府 2023", "洪泽区人民政府 2024", "淮安市人民政府 2024"]), JSON.stringify(names));
  const hongze = rows.find((row) => row[0] === "洪泽区人民政府" && row[2] === "2023");
  check("洪泽 2023's 行政复议 is shown as printed and marked with its rows' sum", hongze && /^0\s/.test(hongze[4]) && hongze[4].includes("与分项不符") && hongze[4].includes("11"), hongze && hongze[4]);
  const bars = await page.$$eval("#builder-chart svg rect", (rects) => rects.length);
  check("the chart draws a bar for each row with a value", bars === 3, `${bars} bars`);
  const headers = await page.$$eval("#builder-table thead th", (cells) => cells.map((cell) => cell.textContent.trim()));
  check("the table's columns name the measures", headers.length === 6 && headers[3] === "新收申请", headers.join(" | "));
  // Sorting by 新收申请, descending.
  await page.click("#builder-table thead th:nth-child(4) button");
  const sorted = (await tableText(page)).map((row) => Number(row[3]));
  const sortState = await page.$eval("#builder-table thead th:nth-child(4)", (th) => th.getAttribute("aria-sort"));
  check("a header's button sorts the table and says so", sortState === "descending" && sorted.every((value, at) => at === 0 || sorted[at - 1] >= value), `${sortState} ${sorted}`);
}

async function checkCsv(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#builder-csv")]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const lines = parseCsv(Buffer.concat(chunks).toString("utf8"));
  const [header, ...rows] = lines;
  check("the CSV has a line per row of the table", rows.length === 3, `${rows.length} lines`);
  let compared = 0;
  const mismatches = [];
  for (const year of ["2023", "2024"]) {
    const response = await page.request.get(`${site}data/rankings/${year}.csv`);
    const [fileHeader, ...fileRows] = parseCsv(await response.text());
    for (const row of rows.filter((line) => line[header.indexOf("year")] === year)) {
      const record = fileRows.find((line) => line[0] === row[0]);
      header.forEach((name, at) => {
        const column = fileHeader.indexOf(name);
        compared += 1;
        if (column < 0 || record[column] !== row[at]) mismatches.push(`${row[0]} ${year} ${name}: ${row[at]} vs ${column < 0 ? "no column" : record[column]}`);
      });
    }
  }
  check("every field of the CSV is the data files' value", compared > 30 && mismatches.length === 0, mismatches.slice(0, 4).join(" | "));
  // And against the builder's own file: 洪泽 2023's reviews as printed, its rows' sum beside it.
  const index = await (await page.request.get(`${site}data/builder/index.json`)).json();
  const reviews = await (await page.request.get(`${site}data/builder/2023/reviews.json`)).json();
  const at = index.agencies.findIndex((agency) => agency[0] === "hongze");
  let agency = 0;
  const entry = reviews.agencies.findIndex((delta) => (agency += delta) === at);
  const mark = reviews.contradicted.find(([contradicted]) => contradicted === entry);
  const line = [at, reviews.values[entry], mark && mark[1]];
  const csvLine = rows.find((row) => row[0] === "hongze" && row[header.indexOf("year")] === "2023");
  check("洪泽 2023's CSV fields are the builder file's", String(line[1]) === csvLine[header.indexOf("reviews")] && String(line[2]) === csvLine[header.indexOf("reviews_rows_give")], `${line} vs ${csvLine}`);
}

async function checkShared(browser, page) {
  const shared = await page.$eval("#builder-share", (link) => link.href);
  const before = await tableText(page);
  const other = await browser.newPage();
  await other.goto(shared);
  await other.waitForSelector("#builder-table tbody tr");
  const region = await other.$eval("#builder-region", (select) => select.value);
  const years = await other.$$eval('input[name="year"]:checked', (boxes) => boxes.map((box) => box.value));
  const measures = await other.$$eval('input[name="measure"]:checked', (boxes) => boxes.map((box) => box.value));
  check("the shared URL restores the form", region === "jiangsu" && years.join() === "2023,2024" && measures.join() === MEASURES.join(), `${region} ${years} ${measures}`);
  check("the shared URL restores the table, sorted as it was", JSON.stringify(await tableText(other)) === JSON.stringify(before));
  check("the shared URL is below the site's base path", new URL(shared).pathname.startsWith(new URL(site).pathname));
  await other.close();
}

async function checkNoScript(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site}builder/`);
  const notice = await page.$eval("noscript", (element) => element.textContent);
  const visible = await page.evaluate(() => document.body.innerText);
  check("without JavaScript the page says what it needs", visible.includes("JavaScript") && notice.includes("JavaScript"));
  const links = await page.$$eval("#builder-data ~ p a, section a[download]", (anchors) => anchors.map((a) => a.getAttribute("href")));
  check("without JavaScript the page links the data files", links.some((href) => href.endsWith("index.json")) && links.some((href) => href.endsWith("2024.csv")), links.join(" "));
  await context.close();
}

async function screenshots(browser) {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await query(page);
    await page.screenshot({ path: path.join(shots, `builder-${width}.png`), fullPage: true });
    await page.goto(`${site}rankings/2023/`);
    await page.screenshot({ path: path.join(shots, `rankings-${width}.png`), fullPage: true });
    await page.close();
  }
  console.log(`screenshots written to ${shots}`);
}

(async () => {
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await query(page);
    await checkQuery(page);
    await checkCsv(page);
    await checkShared(browser, page);
    check("the script ran without an error", errors.length === 0, errors.join(" | "));
    await checkNoScript(browser);
    if (shots) await screenshots(browser);
  } catch (error) {
    check("the builder checks ran to the end", false, error.stack);
  } finally {
    await browser.close();
  }
  process.exit(results.every((result) => result.ok) ? 0 : 1);
})();
