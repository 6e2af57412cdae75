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

async function engine() {
  if (!pagefind) {
    pagefind = await import(`${form.dataset.index}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 40 });
    await pagefind.init();
    // A large archive's index comes in parts, built one after the other; search them as one.
    const parts = form.dataset.parts.split(" ").filter(Boolean);
    await Promise.all(parts.map((part) => pagefind.mergeIndex(part, { baseUrl: form.dataset.base })));
  }
  return pagefind;
}

// Chinese has no spaces between words: split the query the way the index was split (Pagefind
// does so itself on a page whose language is Chinese; this covers sites in other languages).
function words(query) {
  if (document.documentElement.lang.startsWith("zh") || typeof Intl.Segmenter !== "function") {
    return query;
  }
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  return Array.from(segmenter.segment(query))
    .filter((part) => part.isWordLike)
    .map((part) => part.segment)
    .join(" ");
}

function chosenFilters() {
  const filters = {};
  for (const name of filterNames) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

// Writes Pagefind's excerpt (text with <mark> around the matched words) without ever parsing it
// as HTML: the reports' text is not trusted.
function excerpt(text) {
  const paragraph = document.createElement("p");
  paragraph.className = "excerpt";
  const parts = text.replace(/\u200b/g, "").split(/(<mark>|<\/mark>)/);
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
  meta.textContent = [data.meta.agency, data.meta.year].filter(Boolean).join(" · ");
  li.append(title, meta, excerpt(data.excerpt));
  const sections = (data.sub_results || []).filter((sub) => sub.url !== data.url).slice(0, 2);
  if (sections.length) {
    const ul = document.createElement("ul");
    ul.className = "sub-results";
    for (const sub of sections) {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = sub.url;
      link.textContent = sub.title;
      entry.append(link, excerpt(sub.excerpt));
      ul.append(entry);
    }
    li.append(ul);
  }
  return li;
}

async function showMore() {
  const batch = rest.splice(0, pageSize);
  const run = latest;
  const data = await Promise.all(batch.map((result) => result.data()));
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
// written come first, then those that have its words apart (信息 … 处理费).
async function lookUp(api, query, filters) {
  if (!query) return (await api.search(null, { filters })).results;
  const loose = (await api.search(words(query), { filters })).results;
  if (/["\s]/.test(query)) return loose;
  const exact = (await api.search(`"${query}"`, { filters })).results;
  const seen = new Set(exact.map((result) => result.id));
  return exact.concat(loose.filter((result) => !seen.has(result.id)));
}

if (form) {
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
