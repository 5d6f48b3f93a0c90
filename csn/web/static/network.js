// Draws the page's network view with vis-network (served by csn from pyvis's package).
// The data is a JSON block in the page; tooltips are plain text (vis shows string titles as text).
(function () {
  "use strict";
  const container = document.getElementById("network");
  const block = document.getElementById("graph-data");
  if (!container || !block || typeof vis === "undefined") { return; }
  const data = JSON.parse(block.textContent);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  data.options.interaction = Object.assign({}, data.options.interaction, {keyboard: {enabled: true, bindToWindow: false}});
  const network = new vis.Network(container, {nodes, edges}, data.options);
  const status = document.getElementById("network-status");
  const query = window.location.search;

  network.once("afterDrawing", () => { document.body.dataset.drawn = "yes"; });

  function highlight(nodeId) {
    const keep = new Set(network.getConnectedNodes(nodeId).concat([nodeId]));
    nodes.update(data.nodes.map(n => ({id: n.id, opacity: keep.has(n.id) ? 1 : 0.15})));
    status.textContent = `${nodes.get(nodeId).name}: ${keep.size - 1} neighbour${keep.size === 2 ? "" : "s"}`;
  }

  network.on("click", params => {
    if (params.nodes.length) { highlight(params.nodes[0]); }
    else { nodes.update(data.nodes.map(n => ({id: n.id, opacity: 1}))); }
  });
  network.on("doubleClick", params => {
    if (params.nodes.length) {
      const controls = new URLSearchParams(query);
      const kept = new URLSearchParams();
      for (const name of ["as_of", "min_status"]) { if (controls.get(name)) { kept.set(name, controls.get(name)); } }
      const rest = kept.toString();
      window.location.href = "/entity/" + encodeURIComponent(params.nodes[0]) + (rest ? "?" + rest : "");
    }
  });
  window.csnNetwork = {network, nodes, edges, highlight};
})();
