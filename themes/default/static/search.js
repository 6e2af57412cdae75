// The search page: Pagefind's search API on the reports' index (built by `archive build` under
// pagefind/). Only search/ loads this script; every other page works without JavaScript.
// The form also works as a plain GET form: its fields are read from the address on load, and
// written back to it as the reader types, so a search can be bookmarked and shared.

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const filterNames = ["agency", "year", "region"];
const pageSize = 20;

let pagefind = null;
let latest = 0;
let shown = [];
let rest = [];

// The index's folders as full addresses: a site built with relative links names them relative
// to this page, and import() would read them relative to this script.
const folderAddress = (folder) => new URL(folder, document.baseURI).href;

async function engine() {
  if (!pagefind) {
    pagefind = await import(`${folderAddress(form.dataset.index)}pagefind.js`);
    const baseUrl = folderAddress(form.dataset.base);
    await pagefind.options({ baseUrl, excerptLength: 40 });
    await pagefind.init();
    // A large archive's index comes in parts, built one after the other; search them as one.
    const parts = form.dataset.parts.split(" ").filter(Boolean);
    await Promise.all(parts.map((part) => pagefind.mergeIndex(folderAddress(part), { baseUrl })));
  }
  return pagefind;
}

// Chinese has no spaces between words: split the query the way the index was split (Pagefind
// does so itself on a page whose language is Chinese; this covers sites in other languages).
function words(query) {
  if (document.documentElement.lang.startsWith("zh") || typeof Intl.Segmenter !== "function") {
    return query;
  }
  return queryWords(query).join(" ");
}

// The query's words, each of which a result must contain: Pagefind also matches parts and
// near spellings of a word, so a made-up word would otherwise find reports.
function queryWords(query) {
  if (typeof Intl.Segmenter !== "function") return query.split(/\s+/).filter(Boolean);
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  return Array.from(segmenter.segment(query))
    .filter((part) => part.isWordLike)
    .map((part) => part.segment.toLowerCase());
}

// Whether a result's text holds every word of the query.
function holdsEvery(data, wanted) {
  const text = `${data.meta.title || ""} ${data.content || ""}`.toLowerCase();
  return wanted.every((word) => text.includes(word));
}

function chosenFilters() {
  const filters = {};
  for (const name of filterNames) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

// Pagefind cuts an excerpt at a word count: it may start in the middle of a clause. Start it
// after the punctuation it begins with, and say with "…" where text was left out.
function trimmed(text) {
  const clean = text.replace(/\u200b/g, "").trim();
  const start = clean.replace(/^[\s，。；、：！？,.;:!?）)」』]+/u, "");
  const lead = start.length < clean.length ? "…" : "";
  const tail = /[。！？.!?]$/u.test(start) ? "" : "…";
  return `${lead}${start}${tail}`;
}

// Writes Pagefind's excerpt (text with <mark> around the matched words) without ever parsing it
// as HTML: the reports' text is not trusted.
function excerpt(text) {
  const paragraph = document.createElement("p");
  paragraph.className = "excerpt";
  const parts = trimmed(text).split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) {
      const node = marked ? document.createElement("mark") : document.createTextNode(part);
      if (marked) node.textContent = part;
      paragraph.append(node);
    }
  }
  return paragraph;
}

function item(data) {
  const li = document.createElement("li");
  const title = document.createElement("a");
  title.className = "result-title";
  title.href = data.url;
  title.textContent = data.meta.title || data.url;
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.kind || data.meta.agency, data.meta.year].filter(Boolean).join(" · ");
  li.append(title, meta);
  // One excerpt: the best section's, under a link to that section, when the match is in one;
  // else the page's own.
  const section = (data.sub_results || []).find((sub) => sub.url !== data.url);
  if (section) {
    const where = document.createElement("p");
    where.className = "sub-result";
    const link = document.createElement("a");
    link.href = section.url;
    link.textContent = section.title;
    where.append(link);
    li.append(where, excerpt(section.excerpt));
  } else {
    li.append(excerpt(data.excerpt));
  }
  return li;
}

async function showMore() {
  const batch = rest.splice(0, pageSize);
  const run = latest;
  const data = await Promise.all(batch.map((result) => result.data ? result.data() : result));
  if (run !== latest) return;
  for (const entry of data) list.append(item(entry));
  shown = shown.concat(data);
  more.hidden = rest.length === 0;
}

async function search() {
  const run = ++latest;
  const query = input.value.trim();
  const filters = chosenFilters();
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const address = params.toString();
  history.replaceState(null, "", address ? `?${address}` : location.pathname);
  if (!query && Object.keys(filters).length === 0) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  status.textContent = form.dataset.loading;
  let found;
  try {
    found = await lookUp(await engine(), query, filters);
  } catch (error) {
    if (run === latest) status.textContent = form.dataset.failed;
    console.error(error);
    return;
  }
  if (run !== latest || !found) return;
  list.replaceChildren();
  shown = [];
  rest = found.slice();
  await showMore();
  if (run !== latest) return;
  status.textContent = found.length
    ? form.dataset.count.replace("{count}", found.length)
    : form.dataset.none;
}

// People type a Chinese term as one run of characters (信息处理费): the reports that print it as
// written come first, then those that have its words apart (信息 … 处理费). A loose result is
// kept only if it holds every word of the query; those are loaded to be read, so they come
// back as their data.
async function lookUp(api, query, filters) {
  if (!query) return (await api.search(null, { filters })).results;
  const terms = Object.keys(filters).length ? [] : await glossaryTerms(api, query.replace(/"/g, ""));
  const skip = new Set(terms.map((term) => term.id));
  return terms.map((term) => term.data).concat(await reportsWith(api, query, filters, skip));
}

// The glossary's entries whose term holds the query as typed (不予公开 → its entry and
// those of its kinds), to come before the reports that use them.
async function glossaryTerms(api, query) {
  const found = (await api.search(words(query), { filters: { kind: "glossary" } })).results;
  const read = await Promise.all(found.map(async (result) => ({ id: result.id, data: await result.data() })));
  return read.filter((term) => (term.data.meta.title || "").includes(query));
}

// The results that print the query as written, then those that hold its every word apart;
// none of those in `skip`.
async function reportsWith(api, query, filters, skip) {
  const wanted = queryWords(query.replace(/"/g, ""));
  const exact = /["\s]/.test(query) ? [] : (await api.search(`"${query}"`, { filters })).results;
  const seen = new Set([...skip, ...exact.map((result) => result.id)]);
  const loose = (await api.search(words(query), { filters })).results.filter((result) => !seen.has(result.id));
  const read = await Promise.all(loose.map((result) => result.data()));
  return exact.filter((result) => !skip.has(result.id)).concat(read.filter((data) => holdsEvery(data, wanted)));
}

// Opened from disk (a site built with relative links), the index cannot be read: the page's
// note says so and the form stays a plain one. Over http the note goes.
const fromDisk = location.protocol === "file:";
const diskNote = document.getElementById("search-from-disk");
if (diskNote && !fromDisk) diskNote.hidden = true;

if (form && !fromDisk) {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const name of filterNames) {
    if (params.has(name)) form.elements[name].value = params.get(name);
  }
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  for (const name of filterNames) form.elements[name].addEventListener("change", search);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  more.addEventListener("click", showMore);
  form.classList.add("ready");
  if (input.value || filterNames.some((name) => form.elements[name].value)) search();
}
