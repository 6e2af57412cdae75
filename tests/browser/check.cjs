// The built example site in headless Chromium, as its readers use it: Chinese search with
// filters, phones at 360 px, the keyboard, print on A4, both colour schemes, contrast.
//
// usage: node check.cjs SITE_URL [--quick] [--screenshots DIR]
//   SITE_URL       where the built example archive is served, ending in / (a sub-path works)
//   --quick        only the search checks (for a second build, e.g. under a sub-path)
//   --screenshots  also write home, agency and report pages at 360 and 1280 px into DIR
// Prints one line per check and exits 1 if any failed. Run by tests/it/browser.rs.
"use strict";

const path = require("node:path");
const fs = require("node:fs");
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const site = args[0];
const quick = args.includes("--quick");
const shotsAt = args.indexOf("--screenshots");
const shots = shotsAt >= 0 ? args[shotsAt + 1] : null;
const executablePath = process.env.ARCHIVE_CHROMIUM || "/usr/bin/chromium";

const REPORTS = {
  "pingtan-2021": "agencies/pingtan/2021/",
  "pingtan-2022": "agencies/pingtan/2022/",
  "pingtan-2023": "agencies/pingtan/2023/",
};
// The reports that print 信息处理费 as written, and those of 2024 among them.
const FEE_REPORTS = [
  "agencies/hongze/2023/", "agencies/hongze/2024/", "agencies/houma-kfq/2024/",
  "agencies/huaian/2024/", "agencies/pingtan/2021/", "agencies/pingtan/2022/", "agencies/pingtan/2023/",
];
const FEE_REPORTS_2024 = ["agencies/hongze/2024/", "agencies/houma-kfq/2024/", "agencies/huaian/2024/"];
const JIANGSU_REPORTS = ["agencies/hongze/2023/", "agencies/hongze/2024/", "agencies/huaian/2024/"];
const PAGES = [
  "", "agencies/", "agencies/pingtan/", "agencies/pingtan/2023/", "agencies/shanghai-bgt/2019/",
  "agencies/houma-kfq/2024/", "agencies/hongze/2023/", "years/", "years/2024/", "regions/",
  "regions/jiangsu/huaian/", "quality/", "glossary/", "search/?q=平潭", "404.html",
];

const results = [];
function check(name, ok, detail) {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}

const relative = (url) => new URL(url, site).pathname.slice(new URL(site).pathname.length);

async function searchFor(page, query, filters = {}) {
  const params = new URLSearchParams(filters);
  await page.goto(`${site}search/${params.toString() ? `?${params}` : ""}`);
  await page.waitForFunction(() => document.getElementById("search-form").classList.contains("ready"));
  const input = page.locator("#search-q");
  await input.click();
  await input.pressSequentially(query, { delay: 20 });
  return found(page);
}

async function found(page) {
  await page.waitForFunction(
    () => {
      const status = document.getElementById("search-status").textContent;
      return status && !status.endsWith("……") && !status.endsWith("…");
    },
    null,
    { timeout: 20000 },
  );
  // The status is written after the results; give the last batch a moment.
  await page.waitForTimeout(100);
  return page.$$eval("#search-results > li .result-title", (links) => links.map((a) => a.href));
}

async function searchChecks(page) {
  const problems = [];
  // Failed requests are caught by address (a browser asks for /favicon.ico on its own).
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) problems.push(`${response.status()} ${response.url()}`);
  });
  // A request the page still had open when the check moved on (the icon, or a part of the search
  // index Pagefind loads ahead) is dropped by the browser: ERR_ABORTED, not a failure of the
  // site's (a missing file is a 404 above, a blocked one ERR_BLOCKED_BY_*).
  page.on("requestfailed", (request) => {
    const dropped = request.failure()?.errorText === "net::ERR_ABORTED";
    if (!dropped) problems.push(`failed ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("pageerror", (error) => problems.push(error.message));

  let urls = (await searchFor(page, "惠企纾困")).map(relative);
  check("search 惠企纾困 finds 平潭 2022 first", urls[0] === REPORTS["pingtan-2022"], urls.join(" "));

  // The glossary's entry for the term comes first (screens.cjs checks it); then the reports.
  urls = (await searchFor(page, "信息处理费")).map(relative).filter((url) => !url.startsWith("glossary/"));
  const firstSeven = urls.slice(0, FEE_REPORTS.length).sort();
  check(
    "search 信息处理费 puts the reports that print it first",
    JSON.stringify(firstSeven) === JSON.stringify(FEE_REPORTS),
    urls.join(" "),
  );
  const excerpt = await page.$eval("#search-results > li .excerpt", (p) => p.innerHTML);
  check("results show the matched words marked", /<mark>[^<]*(信息|处理费)/.test(excerpt), excerpt);

  await page.selectOption("#search-year", "2024");
  urls = (await found(page)).map(relative);
  const years = await page.$$eval("#search-results > li .meta", (metas) => metas.map((m) => m.textContent));
  check(
    "filter by year: 信息处理费 in 2024",
    JSON.stringify(urls.slice(0, 3).sort()) === JSON.stringify(FEE_REPORTS_2024) &&
      years.every((text) => text.endsWith("2024")),
    `${urls.join(" ")} | ${years.join(" | ")}`,
  );
  check("the address keeps the search", /[?&]q=/.test(page.url()) && /[?&]year=2024/.test(page.url()), page.url());

  urls = (await searchFor(page, "平潭", { year: "2021" })).map(relative);
  check("search 平潭 in 2021 (filter from the address)", urls.length === 1 && urls[0] === REPORTS["pingtan-2021"], urls.join(" "));

  await page.goto(`${site}search/?region=jiangsu`);
  urls = (await found(page)).map(relative).sort();
  check("filter by region alone: 江苏省", JSON.stringify(urls) === JSON.stringify(JIANGSU_REPORTS), urls.join(" "));

  await page.goto(`${site}search/?agency=pingtan`);
  urls = (await found(page)).map(relative);
  check("filter by agency alone: 平潭综合实验区", urls.length === 5 && urls.every((u) => u.startsWith("agencies/pingtan/")), urls.join(" "));

  check("no script errors or blocked requests on the search page", problems.length === 0, problems.join(" | "));
}

async function overflowChecks(browser) {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  for (const url of PAGES) {
    await page.goto(site + url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(`360 px: /${url} does not overflow`, width <= 360, `scrollWidth ${width}`);
  }
  // Wide tables scroll inside their box, and the row labels stay in view, all ending at the
  // same place (a label spanning the group columns does not hide the first value).
  await page.goto(`${site}${REPORTS["pingtan-2023"]}`);
  const sticky = await page.evaluate(() => {
    const box = document.querySelector(".report-table-applications").closest(".table-scroll");
    box.scrollLeft = box.scrollWidth;
    const boxLeft = box.getBoundingClientRect().left;
    const rights = Array.from(box.querySelectorAll('th[scope="row"]')).map((th) => Math.round(th.getBoundingClientRect().right));
    return { scrolled: box.scrollLeft, wide: box.scrollWidth > box.clientWidth, boxLeft, rights: Array.from(new Set(rights)) };
  });
  check(
    "360 px: table 三 scrolls sideways with its row labels in view",
    sticky.wide && sticky.scrolled > 0 && Math.max(...sticky.rights) - Math.min(...sticky.rights) <= 2 && Math.min(...sticky.rights) > sticky.boxLeft + 80,
    JSON.stringify(sticky),
  );
  await page.close();
}

async function keyboardChecks(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${site}${REPORTS["pingtan-2023"]}`);
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const element = document.activeElement;
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return {
      className: element.className,
      visible: rect.left >= 0 && rect.top >= 0 && rect.width > 0,
      outline: style.outlineStyle,
      target: element.getAttribute("href"),
    };
  });
  check(
    "keyboard: the first Tab shows the skip link, with a focus outline",
    skip.className === "skip-link" && skip.visible && skip.outline !== "none" && skip.target === "#main",
    JSON.stringify(skip),
  );
  await page.keyboard.press("Enter");
  // Following a fragment link updates the address a moment after the key: wait for it (briefly),
  // so that the check reads where the link went, not how soon.
  await page.waitForURL(/#main$/, { timeout: 2000 }).catch(() => {});
  check("keyboard: the skip link goes to the content", page.url().endsWith("#main"), page.url());
  // Every table's scrolling box can be reached and shows focus.
  const focused = await page.evaluate(() => {
    const box = document.querySelector(".table-scroll");
    box.focus({ focusVisible: true });
    return document.activeElement === box && getComputedStyle(box).outlineStyle !== "none";
  });
  const boxes = await page.$$eval(".table-scroll", (all) => all.every((box) => {
    const labelledBy = box.getAttribute("aria-labelledby");
    const name = box.getAttribute("aria-label") || (labelledBy && document.getElementById(labelledBy)?.textContent.trim());
    return box.tabIndex === 0 && Boolean(name);
  }));
  check("keyboard: table boxes take focus, named by their captions", focused && boxes);
  const lang = await page.getAttribute("html", "lang");
  check("pages declare lang=zh-CN", lang === "zh-CN", lang);
  await page.close();
}

async function printChecks(browser) {
  // An A4 page less its margins (16 mm and 14 mm) is 182 mm wide: 688 CSS pixels.
  const page = await browser.newPage({ viewport: { width: 688, height: 1000 } });
  for (const report of ["agencies/pingtan/2023/", "agencies/shanghai-bgt/2019/", "agencies/pingtan/2019/"]) {
    await page.goto(site + report);
    await page.emulateMedia({ media: "print" });
    const layout = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      tables: Array.from(document.querySelectorAll(".report-table")).map((t) => Math.ceil(t.getBoundingClientRect().width)),
      hidden: Array.from(document.querySelectorAll("nav, .header-search, .skip-link")).every((element) => element.getClientRects().length === 0),
      checksPrinted: document.querySelector(".checks").getClientRects().length > 0,
      rowsKept: Array.from(document.querySelectorAll(".report-table tr")).every((tr) => getComputedStyle(tr).breakInside === "avoid"),
      repeatHead: Array.from(document.querySelectorAll(".report-table thead")).every((head) => getComputedStyle(head).display === "table-header-group"),
    }));
    check(
      `print: /${report} fits A4 without navigation, with 数据核验, rows kept whole`,
      layout.width <= 688 && layout.tables.every((w) => w <= 688) && layout.hidden && layout.checksPrinted && layout.rowsKept && layout.repeatHead,
      JSON.stringify(layout),
    );
    const pdf = await page.pdf({ format: "A4", printBackground: false, preferCSSPageSize: true });
    check(`print: /${report} makes an A4 PDF`, pdf.length > 10000, `${pdf.length} bytes`);
  }
  await page.close();
}

async function colourChecks(browser) {
  const axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const url of ["", "agencies/pingtan/2023/", "agencies/hongze/2023/", "glossary/", "search/?q=平潭", "quality/"]) {
      await page.goto(site + url);
      if (url.startsWith("search/")) await found(page);
      await page.addScriptTag({ content: axe }).catch(() => page.evaluate(axe));
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } });
        return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`);
      });
      check(`${scheme} scheme: /${url} meets WCAG 2.1 AA (axe)`, violations.length === 0, violations.join(" | "));
    }
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    const light = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    check(`${scheme} scheme follows the system setting`, scheme === "dark" ? light < 0.2 : light > 0.8, background);
    await context.close();
  }
}

async function screenshots(browser) {
  fs.mkdirSync(shots, { recursive: true });
  const pages = { home: "", agency: "agencies/pingtan/", report: "agencies/pingtan/2023/" };
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: "light" });
    const page = await context.newPage();
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(site + url);
      await page.screenshot({ path: path.join(shots, `${name}-${width}.png`) });
    }
    // The applications table on a phone, scrolled sideways: the row labels stay.
    if (width === 360) {
      await page.goto(`${site}${REPORTS["pingtan-2023"]}`);
      await page.evaluate(() => {
        const box = document.querySelector(".report-table-applications").closest(".table-scroll");
        box.scrollIntoView();
        box.scrollLeft = 240;
      });
      await page.screenshot({ path: path.join(shots, "report-table-360.png") });
    }
    await context.close();
  }
  console.log(`screenshots written to ${shots}`);
}

(async () => {
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await searchChecks(page);
    await page.close();
    if (!quick) {
      await overflowChecks(browser);
      await keyboardChecks(browser);
      await printChecks(browser);
      await colourChecks(browser);
      if (shots) await screenshots(browser);
    }
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
