// khabar's page, merged events: every report of one real-world event side by side (issue 15).
// Its own file and functions, so the map, timeline and filters of app.js stay apart from it. It adds a box
// of merged events above the event list; opening one shows, in the evidence panel, each outlet's sentence,
// who says so, and the disputes. A link #cluster=ID opens one directly.
"use strict";

(function () {
  const LIMIT = 100;
  const $ = (id) => document.getElementById(id);

  function node(tag, attrs, ...children) {
    const out = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) out.addEventListener(k.slice(2), v);
      else out.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      out.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return out;
  }

  async function getJson(path) {
    const response = await fetch("api/" + path, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || response.status + " " + response.statusText);
    return body;
  }

  function dates(c) {
    if (!c.date_earliest) return "undated";
    return c.date_latest && c.date_latest !== c.date_earliest ? `${c.date_earliest} to ${c.date_latest}` : c.date_earliest;
  }

  function clusterItem(c) {
    const where = [c.admin1, c.country].filter(Boolean).join(", ");
    return node("li", {
      class: "cluster", tabindex: 0, "data-cluster": c.id,
      onclick: () => openCluster(c.id),
      onkeydown: (ev) => { if (ev.key === "Enter") openCluster(c.id); },
    },
    node("div", { class: "meta" },
      node("span", { class: "type" }, c.type),
      node("span", { class: "date" }, dates(c)),
      where ? node("span", { class: "where" }, where) : null,
      node("span", { class: "sources" }, `${c.n_sources} source${c.n_sources === 1 ? "" : "s"}`),
      c.disputes && c.disputes.length ? node("span", { class: "disputed" }, "disputed") : null),
    node("div", { class: "evidence-snippet" }, (c.evidence || "").slice(0, 160)));
  }

  function reportCard(r) {
    const who = r.speaker ? `${r.speaker} (${r.stance || "attributed"})` : (r.stance && r.stance !== "asserted" ? r.stance : "the outlet itself");
    return node("article", { class: "report-card" },
      node("div", { class: "card-head" },
        node("strong", {}, r.outlet || r.article_id),
        r.published ? node("span", { class: "date" }, " · " + r.published) : null,
        r.url ? node("a", { href: r.url, rel: "noreferrer noopener", target: "_blank" }, " source") : null),
      node("blockquote", {}, r.evidence || ""),
      node("p", { class: "code" }, `${r.type || ""}${r.place ? " · " + r.place : ""}${r.date_earliest ? " · " + r.date_earliest : ""}`),
      node("p", { class: "code" }, "says so: " + who),
      node("p", { class: "code" }, "joined: " + (r.reason || "")));
  }

  function renderCluster(c) {
    const panel = $("evidence");
    const where = [c.admin1, c.country].filter(Boolean).join(", ") || "place not known";
    const disputes = (c.disputes || []).map((d) =>
      node("li", {}, node("strong", {}, d.outlet || d.article_id), ": ", d.evidence || d.reason || "disputed"));
    panel.replaceChildren(
      node("h2", {}, `${c.type}: ${c.n_sources} source${c.n_sources === 1 ? "" : "s"}`),
      node("p", { class: "byline" }, `${dates(c)} · ${where}${c.actor1 ? " · " + c.actor1 : ""}${c.actor2 ? " → " + c.actor2 : ""}`),
      disputes.length ? node("h3", { class: "disputed" }, "Disputed by") : null,
      disputes.length ? node("ul", { class: "disputes" }, ...disputes) : null,
      node("h3", {}, "Every report of it, side by side"),
      node("div", { class: "report-grid" }, ...(c.reports || []).map(reportCard)));
  }

  async function openCluster(id) {
    for (const item of document.querySelectorAll(".cluster.selected")) item.classList.remove("selected");
    for (const item of document.querySelectorAll(`[data-cluster="${CSS.escape(id)}"]`)) item.classList.add("selected");
    $("evidence").replaceChildren(node("p", { class: "placeholder" }, "loading…"));
    try {
      renderCluster(await getJson("clusters/" + encodeURIComponent(id)));
      history.replaceState(null, "", "#cluster=" + encodeURIComponent(id));
    } catch (err) {
      $("evidence").replaceChildren(node("p", { class: "error" }, err.message));
    }
  }

  async function loadClusters() {
    const pane = $("list-pane");
    if (!pane) return;
    const box = node("details", { id: "clusters-box" }, node("summary", {}, "merged events"));
    pane.prepend(box);
    try {
      const body = await getJson("clusters?limit=" + LIMIT);
      const clusters = body.clusters || [];
      const merged = clusters.filter((c) => c.n_sources > 1).length;
      box.querySelector("summary").textContent = clusters.length
        ? `merged events: ${merged} with more than one source (of ${clusters.length} shown)`
        : "merged events: none yet (run `khabar cluster`)";
      box.append(node("ol", { id: "clusters" }, ...clusters.map(clusterItem)));
    } catch (err) {
      box.append(node("p", { class: "error" }, err.message));
    }
    const wanted = /^#cluster=(.+)$/.exec(location.hash);
    if (wanted) {
      box.open = true;
      openCluster(decodeURIComponent(wanted[1]));
    }
  }

  loadClusters();
})();
