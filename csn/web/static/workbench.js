// The workbench's one page script: results as the user types on the search page.
// It builds every element with textContent, so a name from the data is never markup.
(function () {
  "use strict";
  const box = document.getElementById("q");
  const list = document.getElementById("results");
  if (!box || !list) { return; }
  const count = document.getElementById("results-count");
  const form = box.form;
  let timer = null;
  let asked = 0;

  function parameters() {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const [name, value] of data.entries()) { if (value !== "") { params.append(name, value); } }
    return params;
  }

  function entityLink(node) {
    const link = document.createElement("a");
    const controls = list.dataset.controls;
    link.href = list.dataset.entityBase + encodeURIComponent(node.id) + (controls ? "?" + controls : "");
    link.className = "entity";
    const swatch = document.createElement("span");
    swatch.className = "swatch label-" + node.label;
    swatch.setAttribute("aria-hidden", "true");
    link.append(swatch, document.createTextNode(node.name));
    return link;
  }

  function show(result) {
    list.replaceChildren();
    for (const hit of result.hits) {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.className = "muted";
      label.textContent = ` (${hit.node.label}) ${hit.matched}: ${hit.key}`;
      item.append(entityLink(hit.node), label);
      for (const listed of hit.listed) {
        const tag = document.createElement("span");
        tag.className = "listed";
        tag.textContent = `${listed.list} ${listed.reference}`;
        item.append(" ", tag);
      }
      list.append(item);
    }
    const shown = result.hits.length;
    count.textContent = `${result.total} found${result.more ? " (more than counted: type more)" : ""}` +
      (result.total > shown ? `, showing ${shown}.` : ".");
  }

  async function ask() {
    const params = parameters();
    const mine = ++asked;
    history.replaceState(null, "", "/search?" + params.toString());
    if (!params.get("q") && !params.get("label") && !params.get("list")) {
      list.replaceChildren(); count.textContent = ""; return;
    }
    const response = await fetch("/search.json?" + params.toString(), {credentials: "same-origin"});
    if (!response.ok || mine !== asked) { return; }
    show(await response.json());
    document.body.dataset.searched = String(mine);
  }

  function soon() { clearTimeout(timer); timer = setTimeout(ask, 120); }
  box.addEventListener("input", soon);
  form.addEventListener("change", soon);
})();
