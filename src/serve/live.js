// archive serve: reloads this page when a save changes it, and shows build errors over it.
// Added to HTML pages by `archive serve` only; never part of a built site.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = script.dataset.base;
  const version = Number(script.dataset.version);
  const OVERLAY_ID = "archive-serve-errors";

  // This page's address as the server names pages: the folder, not its index.html.
  function here() {
    let path = location.pathname;
    try {
      path = decodeURI(path);
    } catch (_) {
      // keep it encoded
    }
    return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
  }

  function element(tag, text, style) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.assign(node.style, style || {});
    return node;
  }

  // `summary` and each error's words come from the server, in the terminal's language.
  function showErrors(errors, summary) {
    let overlay = document.getElementById(OVERLAY_ID);
    if (!errors || errors.length === 0) {
      if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = element("div", "", {
        position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
        background: "rgba(24, 24, 27, 0.97)", color: "#fafafa", padding: "2rem",
        font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      });
      overlay.id = OVERLAY_ID;
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    const children = [
      element("p", summary,
        { margin: "0 0 1.5rem", fontWeight: "bold", color: "#fca5a5" }),
    ];
    for (const error of errors) {
      const item = element("section", "", { margin: "0 0 1.5rem" });
      item.className = "archive-serve-error";
      const place = element("div", error.place, { color: "#93c5fd" });
      place.className = "archive-serve-error-place";
      item.append(place, element("div", `${error.severity_word}: ${error.message}`, { fontWeight: "bold" }));
      if (error.source_line) item.append(element("pre", error.source_line, { margin: "0.25rem 0", whiteSpace: "pre-wrap" }));
      if (error.help) item.append(element("div", `${error.help_word}: ${error.help}`, { color: "#d4d4d8" }));
      children.push(item);
    }
    overlay.replaceChildren(...children);
  }

  const events = new EventSource(`${base}__archive/events`);
  events.addEventListener("hello", (event) => {
    const data = JSON.parse(event.data);
    if (data.version > version) location.reload();
    else showErrors(data.errors, data.errors_summary);
  });
  events.addEventListener("reload", (event) => {
    const data = JSON.parse(event.data);
    if (data.paths === null || data.paths.includes(here())) location.reload();
    else showErrors(data.errors, data.errors_summary);
  });
  events.addEventListener("errors", (event) => {
    const data = JSON.parse(event.data);
    showErrors(data.errors, data.errors_summary);
  });
})();
