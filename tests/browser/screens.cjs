// The built example site in headless Chromium at 360, 1280 and 1920 px, checking what issue 19
// asked for: tables that fit or scroll with a cue, readable charts, a finding's link to its
// cell, search that finds the glossary and nothing for words in no report, the header's search
// form without JavaScript, the feed, a favicon, and the print layout.
//
// usage: node screens.cjs SITE_URL
// Prints one line per check and exits 1 if any failed. Run by tests/it/browser/screens.rs.
"use strict";

const { chromium } = require("playwright-core");

const site = process.argv[2];
const executablePath = process.env.ARCHIVE_CHROMIUM || "/usr/bin/chromium";
const WIDTHS = [360, 1280, 1920];
const PAGES = [
  "", "agencies/pingtan/", "agencies/pingtan/2023/", "agencies/pingtan/2020/", "agencies/hongze/",
  "agencies/hongze/2024/", "agencies/houma-kfq/", "agencies/shanghai-bgt/2019/", "years/2024/",
  "quality/", "coverage/", "data/", "glossary/", "search/", "rankings/2023/", "rankings/regions/jiangsu/",
  "builder/?region=jiangsu&year=2023&year=2024&measure=received&measure=reviews",
];

const results = [];
function check(name, ok, detail) {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `: ${detail}`}`);
}

// Elements that stick out of their container: wider than a parent that does not scroll them,
// or a table's box that scrolls without the cue (its shadow) or a label column narrower than its
// shortest name.
function layoutProblems() {
  const problems = [];
  const scrolls = (element) => ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
  const describe = (element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${element.className}`.slice(0, 60);
  for (const element of document.querySelectorAll("main *, header *")) {
    const parent = element.parentElement;
    if (!parent || scrolls(parent) || element.closest(".visually-hidden, caption, .skip-link")) continue;
    if (getComputedStyle(element).position === "absolute") continue;
    const box = element.getBoundingClientRect();
    const outer = parent.getBoundingClientRect();
    if (box.width > 0 && (box.right > outer.right + 1 || box.left < outer.left - 1) && !parent.closest("table")) {
      problems.push(`${describe(element)} ${Math.round(box.width)} px in ${describe(parent)} ${Math.round(outer.width)} px`);
    }
  }
  for (const box of document.querySelectorAll(".table-scroll")) {
    if (box.scrollWidth > box.clientWidth + 1 && !getComputedStyle(box).backgroundImage.includes("gradient")) {
      problems.push(`${describe(box)} scrolls without a cue`);
    }
  }
  // A label column is at least as wide as the widest single word of its shortest label (Chinese:
  // four characters, as 机关 names run), so a name never stands one character a line.
  for (const th of document.querySelectorAll('table th[scope="row"]')) {
    const text = th.textContent.trim();
    // A label set vertically, as on the printed form, is measured along its text.
    const box = th.getBoundingClientRect();
    const along = getComputedStyle(th).writingMode.startsWith("vertical") ? box.height : box.width;
    if (text.length >= 4 && along < 4 * parseFloat(getComputedStyle(th).fontSize)) {
      problems.push(`${describe(th)} "${text}" in a column ${Math.round(along)} px long`);
    }
  }
  return problems;
}

async function layoutChecks(browser, width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const url of PAGES) {
    await page.goto(site + url);
    const problems = await page.evaluate(layoutProblems);
    check(`${width} px: /${url} has nothing wider than its box`, problems.length === 0, problems.slice(0, 4).join(" | "));
  }
  // Row labels stay in view when any wide table is scrolled to its end.
  for (const url of ["agencies/pingtan/", "agencies/pingtan/2023/", "years/2024/"]) {
    await page.goto(site + url);
    const lost = await page.evaluate(() => Array.from(document.querySelectorAll(".table-scroll"))
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .flatMap((box) => {
        box.scrollLeft = box.scrollWidth;
        const left = box.getBoundingClientRect().left;
        return Array.from(box.querySelectorAll('th[scope="row"]'))
          .filter((th) => th.getBoundingClientRect().right < left + 40)
          .map((th) => th.textContent.trim().slice(0, 12));
      }));
    check(`${width} px: /${url} keeps its row labels when scrolled sideways`, lost.length === 0, lost.slice(0, 4).join(" | "));
  }
  // Chart text as the reader sees it: its size times the drawing's scale.
  await page.goto(`${site}agencies/pingtan/`);
  const sizes = await page.$$eval(".chart-svg", (svgs) => svgs.flatMap((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Array.from(svg.querySelectorAll("text")).map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
  }));
  check(`${width} px: chart text is at least 12 px`, sizes.length > 0 && Math.min(...sizes) >= 12, `smallest ${Math.min(...sizes).toFixed(1)} px`);
  await page.close();
}

async function findingChecks(browser) {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${site}quality/`);
  const link = await page.$eval('a[href*="#cell-"]', (a) => a.href).catch(() => null);
  check("数据质量 links a finding to its cell", Boolean(link), "no link to a cell");
  if (!link) return page.close();
  await page.goto(link);
  const target = await page.evaluate(() => {
    const cell = document.querySelector(":target");
    if (!cell) return null;
    const visible = (element) => {
      const box = element.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    };
    const row = cell.closest("tr").querySelector('th[scope="row"]');
    const cellBox = cell.getBoundingClientRect();
    return {
      highlighted: getComputedStyle(cell).outlineStyle !== "none",
      cellVisible: visible(cell),
      rowLabel: Boolean(row) && visible(row) && row.getBoundingClientRect().right <= cellBox.left + 1,
      columnHeads: (cell.getAttribute("headers") || "").split(" ").filter(Boolean)
        .map((id) => document.getElementById(id)).filter(Boolean).filter((th) => th.closest("thead"))
        .map((th) => visible(th)),
    };
  });
  check(
    "360 px: the finding's cell is highlighted, with its row and column headers in view",
    target && target.highlighted && target.cellVisible && target.rowLabel && target.columnHeads.every(Boolean),
    JSON.stringify(target),
  );
  // 平潭 2020's R3: the totals that should add up stand apart from the values.
  await page.goto(`${site}agencies/pingtan/2020/`);
  const marks = await page.evaluate(() => ({
    totals: document.querySelectorAll("td.finding.finding-total").length,
    parts: document.querySelectorAll("td.finding:not(.finding-total)").length,
    cellLists: document.querySelectorAll(".findings details").length,
  }));
  check("平潭 2020: the total is marked apart from the cells that add up to it, the cells listed open",
    marks.totals > 0 && marks.parts > marks.totals && marks.cellLists === 0, JSON.stringify(marks));
  await page.close();
}

async function searchFor(page, query) {
  await page.goto(`${site}search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => {
    const status = document.getElementById("search-status").textContent;
    return status && !status.endsWith("…");
  }, null, { timeout: 20000 });
  return page.$$eval("#search-results > li", (items) => items.map((li) => ({
    url: li.querySelector(".result-title").getAttribute("href"),
    excerpts: Array.from(li.querySelectorAll(".excerpt")).map((p) => p.textContent),
  })));
}

async function searchChecks(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let found = await searchFor(page, "不予公开");
  check("search 不予公开 finds its glossary entry first", found.length > 1 && /glossary\/#/.test(found[0].url), found.map((r) => r.url).join(" "));
  for (const query of ["xyzabc不存在", "量子计算机"]) {
    const none = await searchFor(page, query);
    check(`search ${query} finds nothing`, none.length === 0, none.map((r) => r.url).join(" "));
  }
  found = await searchFor(page, "信息处理费");
  const excerpts = found.map((r) => r.excerpts);
  check("each result has one excerpt, not starting with punctuation",
    found.length > 0 && excerpts.every((list) => list.length === 1 && !/^[，。；、：,.;:]/.test(list[0])),
    JSON.stringify(excerpts.slice(0, 3)));
  await page.close();

  // The header's search box, without JavaScript: a plain form to the search page.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const plain = await context.newPage();
  for (const url of ["", "agencies/pingtan/2023/", "glossary/"]) {
    await plain.goto(site + url);
    await plain.fill("#header-q", "惠企纾困");
    await Promise.all([plain.waitForNavigation(), plain.press("#header-q", "Enter")]);
    const address = new URL(plain.url());
    check(`the header's search box on /${url} leads to the search page without JavaScript`,
      address.pathname.endsWith("/search/") && address.searchParams.get("q") === "惠企纾困", plain.url());
  }
  await context.close();
  const scripted = await browser.newPage();
  await scripted.goto(`${site}agencies/pingtan/`);
  await scripted.fill("#header-q", "惠企纾困");
  await Promise.all([scripted.waitForNavigation(), scripted.press("#header-q", "Enter")]);
  await scripted.waitForFunction(() => document.querySelectorAll("#search-results > li").length > 0, null, { timeout: 20000 });
  const first = await scripted.$eval("#search-results > li .result-title", (a) => a.getAttribute("href"));
  check("the header's search box shows the results", /pingtan\/2022\/$/.test(first), first);
  await scripted.close();
}

async function smallThingsChecks(browser) {
  const page = await browser.newPage();
  const sitemap = await (await page.request.get(`${site}sitemap.xml`)).text();
  const reports = new Set(sitemap.match(/agencies\/[^/<]+\/\d{4}\//g)).size;
  const feed = await (await page.request.get(`${site}atom.xml`)).text();
  const entries = (feed.match(/<entry>/g) || []).length;
  check("the feed lists every report", reports === 10 && entries === reports, `${entries} entries, ${reports} reports`);
  await page.goto(`${site}agencies/houma-kfq/2024/`);
  const icon = await page.$eval('link[rel="icon"]', (link) => link.href);
  const response = await page.request.get(icon);
  check("a favicon, in SVG", response.ok() && response.headers()["content-type"].includes("svg"), icon);
  const note = await page.$eval(".no-source", (dd) => dd.textContent).catch(() => "");
  check("a report with no link to its original says so", note.length > 10, note);
  const noCharts = await page.goto(`${site}agencies/houma-kfq/`).then(() => page.evaluate(() => ({
    charts: document.querySelectorAll(".chart-svg").length,
    note: Boolean(document.querySelector(".one-report")),
  })));
  check("a one-report agency gets its numbers, not single-point charts", noCharts.charts === 0 && noCharts.note, JSON.stringify(noCharts));

  // Print: the report with its 数据核验, the agency page with headers that repeat and never end
  // a page alone.
  await page.setViewportSize({ width: 688, height: 1000 });
  await page.emulateMedia({ media: "print" });
  await page.goto(`${site}agencies/pingtan/2023/`);
  const printed = await page.$eval(".checks", (box) => box.getClientRects().length > 0);
  check("print: the report includes 数据核验", printed);
  await page.goto(`${site}agencies/pingtan/`);
  const layout = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    heads: Array.from(document.querySelectorAll("table thead")).every((head) => getComputedStyle(head).display === "table-header-group"),
    headings: Array.from(document.querySelectorAll("main h2, main h3, caption")).every((h) => getComputedStyle(h).breakAfter === "avoid"),
    rows: Array.from(document.querySelectorAll("table tr")).every((tr) => getComputedStyle(tr).breakInside === "avoid"),
    hidden: Array.from(document.querySelectorAll(".header-search, nav")).every((element) => element.getClientRects().length === 0),
  }));
  check("print: the agency page fits A4, headers repeat and stay with their tables",
    layout.width <= 688 && layout.heads && layout.headings && layout.rows && layout.hidden, JSON.stringify(layout));
  await page.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const width of WIDTHS) await layoutChecks(browser, width);
    await findingChecks(browser);
    await searchChecks(browser);
    await smallThingsChecks(browser);
  } finally {
    await browser.close();
  }
  const failed = results.filter((result) => !result.ok);
  console.log(`${results.length - failed.length} of ${results.length} browser checks passed`);
  process.exit(failed.length ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
