// khabar's page: a map, a timeline and the evidence, drawn from our own API and files only.
// Plain browser JavaScript with d3-geo and topojson-client (vendored); no build step, no other host.
/* global d3, topojson */
"use strict";

(function () {
  const PAGE = 200; // events per list page
  const MAX_POINTS = 2000; // above this many located events the map asks the server for grid cells
  const DAY = 86400000;
  const SVGNS = "http://www.w3.org/2000/svg";

  // one colour per PLOVER category, for the chart, its legend and the map's points (grouped by kind:
  // cooperation greens and blues, verbal conflict ambers, material conflict reds)
  const TYPE_COLOURS = {
    AGREE: "#2e7d32", CONSULT: "#66bb6a", SUPPORT: "#9ccc65", CONCEDE: "#26a69a", COOPERATE: "#1e88e5",
    AID: "#64b5f6", RETREAT: "#5c6bc0", REQUEST: "#8d6e63", ACCUSE: "#ffb300", REJECT: "#fb8c00",
    THREATEN: "#f4511e", PROTEST: "#8e24aa", SANCTION: "#6d4c41", MOBILIZE: "#546e7a", COERCE: "#d81b60",
    ASSAULT: "#c62828",
  };
  const colour = (type) => TYPE_COLOURS[type] || "#7f8c8d";

  const state = {
    filters: { type: "", country: "", actor: "", background: false },
    range: null, // [since, until] as YYYY-MM-DD, chosen by brushing the timeline
    nextOffset: null,
    selected: null,
    generation: 0, // ignore answers to superseded requests
  };

  const $ = (id) => document.getElementById(id);

  // ---- helpers --------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.setAttribute("class", v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
    const url = "api/" + path + (query.toString() ? "?" + query : "");
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || response.status + " " + response.statusText);
    return body;
  }

  function status(text, isError) {
    const node = $("status");
    node.textContent = text || "";
    node.classList.toggle("error", Boolean(isError));
  }

  function filterParams(withRange) {
    const p = { type: state.filters.type, country: state.filters.country, actor: state.filters.actor };
    if (state.filters.background) p.background = "true";
    if (withRange && state.range) {
      p.since = state.range[0];
      p.until = state.range[1];
    }
    return p;
  }

  const dayNumber = (iso) => Math.floor(Date.parse(iso + "T00:00:00Z") / DAY);
  const dayString = (n) => new Date(n * DAY).toISOString().slice(0, 10);
  const clip = (text, n) => (text && text.length > n ? text.slice(0, n - 1) + "…" : text || "");

  // ---- the map --------------------------------------------------------------------------------

  const map = { svg: null, projection: null, path: null, land: null, features: [], fitted: false };

  async function initMap() {
    map.svg = $("map");
    const world = await fetch("static/vendor/countries-110m.json").then((r) => r.json());
    map.land = topojson.feature(world, world.objects.countries);
    map.borders = topojson.mesh(world, world.objects.countries, (a, b) => a !== b);
    map.projection = d3.geoNaturalEarth1();
    map.path = d3.geoPath(map.projection);
    fitMap({ type: "Sphere" });
    enableZoom();
    new ResizeObserver(() => drawMap()).observe(map.svg);
  }

  function size(svg) {
    const box = svg.getBoundingClientRect();
    return [Math.max(box.width, 100), Math.max(box.height, 60)];
  }

  function fitMap(object) {
    const [w, h] = size(map.svg);
    map.projection.fitExtent([[10, 10], [w - 10, h - 10]], object);
    drawMap();
  }

  function fitToPoints() {
    if (map.fitted || !map.features.length) return;
    map.fitted = true;
    const lons = map.features.map((f) => f.geometry.coordinates[0]);
    const lats = map.features.map((f) => f.geometry.coordinates[1]);
    const pad = 20;
    const w = Math.max(-180, Math.min(...lons) - pad), e = Math.min(180, Math.max(...lons) + pad);
    const s = Math.max(-85, Math.min(...lats) - pad), n = Math.min(85, Math.max(...lats) + pad);
    fitMap({ type: "MultiPoint", coordinates: [[w, s], [e, n], [w, n], [e, s]] });
  }

  function enableZoom() {
    const svg = map.svg;
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const k = ev.deltaY < 0 ? 1.25 : 0.8;
      const box = svg.getBoundingClientRect();
      const [x, y] = [ev.clientX - box.left, ev.clientY - box.top];
      const [tx, ty] = map.projection.translate();
      map.projection.scale(map.projection.scale() * k).translate([x - (x - tx) * k, y - (y - ty) * k]);
      drawMap();
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.target.classList.contains("point")) return;
      drag = [ev.clientX, ev.clientY, ...map.projection.translate()];
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      map.projection.translate([drag[2] + ev.clientX - drag[0], drag[3] + ev.clientY - drag[1]]);
      drawMap();
    });
    svg.addEventListener("pointerup", () => { drag = null; });
  }

  function drawMap() {
    if (!map.projection) return;
    const svg = map.svg;
    svg.replaceChildren();
    svg.append(el("svg:path", { class: "sphere", d: map.path({ type: "Sphere" }) }));
    svg.append(el("svg:path", { class: "graticule", d: map.path(d3.geoGraticule10()) }));
    svg.append(el("svg:path", { class: "land", d: map.path(map.land) }));
    svg.append(el("svg:path", { class: "borders", d: map.path(map.borders) }));
    const points = el("svg:g", { class: "points" });
    for (const f of map.features) {
      const xy = map.projection(f.geometry.coordinates);
      if (!xy) continue;
      const p = f.properties;
      const cell = p.count !== undefined;
      const id = cell ? p.event_ids[0] : f.id;
      const title = cell
        ? `${p.count} events: ` + Object.entries(p.types).map(([t, n]) => `${t} ${n}`).join(", ")
        : `${p.type} · ${p.place || ""} · ${p.date_earliest || "undated"}\n${clip(p.evidence, 200)}`;
      points.append(el("svg:circle", {
        class: "point" + (cell ? " cell" : "") + (id === state.selected ? " selected" : ""),
        fill: cell ? null : colour(p.type),
        cx: xy[0].toFixed(1), cy: xy[1].toFixed(1),
        r: cell ? (4 + 2 * Math.sqrt(p.count)).toFixed(1) : 5,
        "data-id": id, "data-type": cell ? null : p.type,
        onclick: () => openEvent(id),
      }, el("svg:title", {}, title)));
    }
    svg.append(points);
  }

  // ---- the timeline ---------------------------------------------------------------------------

  const timeline = { days: [], first: 0, last: 0, max: 0, brush: null };

  async function loadTimeline() {
    const stats = await api("stats", filterParams(false));
    const byDay = stats.by_day || [];
    timeline.days = byDay.map((d) => ({ day: dayNumber(d.day), n: d.events }));
    timeline.first = timeline.days.length ? timeline.days[0].day : 0;
    timeline.last = timeline.days.length ? timeline.days[timeline.days.length - 1].day : 0;
    timeline.max = Math.max(1, ...timeline.days.map((d) => d.n));
    drawTimeline();
    return stats;
  }

  function timelineScale() {
    const [w, h] = size($("timeline"));
    const left = 8, right = w - 8;
    const span = timeline.last - timeline.first + 1;
    const x = (day) => left + ((day - timeline.first) / span) * (right - left);
    const dayAt = (px) => timeline.first + Math.floor(((px - left) / (right - left)) * span);
    return { w, h, left, right, span, x, dayAt };
  }

  function drawTimeline() {
    const svg = $("timeline");
    svg.replaceChildren();
    if (!timeline.days.length) {
      svg.append(el("svg:text", { x: 10, y: 24, class: "empty" }, "no dated events"));
      return;
    }
    const s = timelineScale();
    const base = s.h - 18;
    const barWidth = Math.max(1, (s.right - s.left) / s.span - 1);
    const bars = el("svg:g", { class: "bars" });
    for (const d of timeline.days) {
      const height = Math.max(1, ((base - 6) * d.n) / timeline.max);
      const inRange = !state.range || (d.day >= dayNumber(state.range[0]) && d.day <= dayNumber(state.range[1]));
      bars.append(el("svg:rect", {
        class: "bar" + (inRange ? "" : " out"), x: s.x(d.day).toFixed(1), y: (base - height).toFixed(1),
        width: barWidth.toFixed(1), height: height.toFixed(1), "data-day": dayString(d.day),
      }, el("svg:title", {}, `${dayString(d.day)}: ${d.n} events`)));
    }
    svg.append(bars);
    svg.append(el("svg:line", { class: "axis", x1: s.left, x2: s.right, y1: base, y2: base }));
    const labels = Math.min(6, s.span);
    for (let i = 0; i < labels; i++) {
      const day = timeline.first + Math.round((i * (s.span - 1)) / Math.max(1, labels - 1));
      const anchor = i === 0 ? "start" : i === labels - 1 ? "end" : "middle";
      const x = anchor === "end" ? s.x(day + 1) : anchor === "start" ? s.x(day) : s.x(day + 0.5);
      svg.append(el("svg:text", { class: "tick", x: x.toFixed(1), y: s.h - 4, "text-anchor": anchor }, dayString(day)));
    }
    if (state.range) {
      const a = dayNumber(state.range[0]), b = dayNumber(state.range[1]);
      svg.append(el("svg:rect", { class: "brush", x: s.x(a), y: 2, width: Math.max(2, s.x(b + 1) - s.x(a)), height: base - 2 }));
    }
  }

  function enableBrush() {
    const svg = $("timeline");
    let start = null;
    const localX = (ev) => ev.clientX - svg.getBoundingClientRect().left;
    svg.addEventListener("pointerdown", (ev) => {
      if (!timeline.days.length) return;
      start = localX(ev);
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (start === null) return;
      const s = timelineScale();
      const [a, b] = [start, localX(ev)].sort((p, q) => p - q);
      let brush = svg.querySelector("rect.brush");
      if (!brush) { brush = el("svg:rect", { class: "brush", y: 2, height: s.h - 20 }); svg.append(brush); }
      brush.setAttribute("x", Math.max(s.left, a));
      brush.setAttribute("width", Math.max(1, Math.min(s.right, b) - Math.max(s.left, a)));
    });
    svg.addEventListener("pointerup", (ev) => {
      if (start === null) return;
      const end = localX(ev);
      const s = timelineScale();
      const from = start;
      start = null;
      if (Math.abs(end - from) < 3) { setRange(null); return; }
      const clamp = (d) => Math.min(timeline.last, Math.max(timeline.first, d));
      const a = clamp(s.dayAt(Math.min(from, end))), b = clamp(s.dayAt(Math.max(from, end) - 0.001));
      setRange([dayString(a), dayString(Math.max(a, b))]);
    });
  }

  function setRange(range) {
    state.range = range;
    $("clear-brush").hidden = !range;
    $("f-since").value = range ? range[0] : "";
    $("f-until").value = range ? range[1] : "";
    drawTimeline();
    refresh();
  }

  // the date fields beside the brush: both days set a range (in either order), both empty clear it
  function rangeTyped() {
    const since = $("f-since").value, until = $("f-until").value;
    const valid = (v) => /^\d{4}-\d{2}-\d{2}$/.test(v);
    if (!since && !until) { if (state.range) setRange(null); return; }
    if (!valid(since) || !valid(until)) return; // wait for the other end
    setRange(since <= until ? [since, until] : [until, since]);
  }

  // ---- the chart of the listed events: per day, stacked by type, with a legend -----------------

  function drawChart(stats) {
    const svg = $("chart");
    svg.replaceChildren();
    const rows = stats.by_day_type || [];
    const legend = $("legend");
    legend.replaceChildren(...Object.entries(stats.by_type || {}).map(([type, n]) => el("li", { "data-type": type },
      el("svg:svg", { viewBox: "0 0 10 10", "aria-hidden": "true" }, el("svg:rect", { width: 10, height: 10, fill: colour(type) })),
      `${type} ${n}`)));
    if (!rows.length) {
      svg.append(el("svg:text", { x: 6, y: 20, class: "empty" }, "no dated events"));
      return;
    }
    const days = [...new Set(rows.map((r) => dayNumber(r.day)))];
    const first = Math.min(...days), last = Math.max(...days), span = last - first + 1;
    const totals = {};
    for (const r of rows) totals[r.day] = (totals[r.day] || 0) + r.events;
    const max = Math.max(1, ...Object.values(totals));
    const [w, h] = size(svg);
    const base = h - 14, left = 4, right = w - 4;
    const bw = Math.min(24, Math.max(1, (right - left) / span - 1));
    const x = (day) => left + ((day - first) / span) * (right - left);
    const stacked = {};
    const segs = el("svg:g", { class: "segs" });
    for (const r of rows) {
      const below = stacked[r.day] || 0;
      stacked[r.day] = below + r.events;
      const y0 = base - ((base - 4) * below) / max, y1 = base - ((base - 4) * (below + r.events)) / max;
      segs.append(el("svg:rect", {
        class: "seg", x: x(dayNumber(r.day)).toFixed(1), y: y1.toFixed(1), width: bw.toFixed(1),
        height: Math.max(0.5, y0 - y1).toFixed(1), fill: colour(r.type), "data-day": r.day, "data-type": r.type,
        "data-events": r.events,
      }, el("svg:title", {}, `${r.day}: ${r.events} ${r.type}`)));
    }
    svg.append(segs);
    svg.append(el("svg:line", { class: "axis", x1: left, x2: right, y1: base, y2: base }));
    svg.append(el("svg:text", { class: "tick", x: left, y: h - 2, "text-anchor": "start" }, dayString(first)));
    if (span > 1) svg.append(el("svg:text", { class: "tick", x: right, y: h - 2, "text-anchor": "end" }, dayString(last)));
  }

  // ---- the list -------------------------------------------------------------------------------

  async function refresh() {
    const generation = ++state.generation;
    status("loading…");
    try {
      const params = filterParams(true);
      const [page, geo, chartStats] = await Promise.all([
        api("events", { ...params, limit: PAGE }),
        api("events.geojson", { ...params, limit: MAX_POINTS + 1 }),
        api("stats", params),
      ]);
      let features = geo.features;
      let cells = false;
      if (features.length > MAX_POINTS) {
        features = (await api("events.geojson", { ...params, limit: 20000, cell: 1 })).features;
        cells = true;
      }
      if (generation !== state.generation) return;
      map.features = features;
      fitToPoints();
      drawMap();
      state.chartStats = chartStats;
      drawChart(chartStats);
      $("events").replaceChildren(...page.events.map(listItem));
      state.nextOffset = page.next_offset;
      $("more").hidden = page.next_offset === null;
      const shown = page.next_offset !== null ? `${page.events.length} of ${page.total}` : String(page.events.length);
      const located = cells ? features.reduce((n, f) => n + f.properties.count, 0) : features.length;
      $("count").textContent = `${shown} events, newest first · ${located} on the map`;
      $("count").dataset.events = page.events.length;
      $("count").dataset.located = located;
      status(state.range ? `dates ${state.range[0]} to ${state.range[1]}` : "");
      document.body.dataset.ready = String(generation);
    } catch (err) {
      if (generation === state.generation) status(err.message, true);
    }
  }

  async function more() {
    if (state.nextOffset === null) return;
    try {
      const page = await api("events", { ...filterParams(true), limit: PAGE, offset: state.nextOffset });
      $("events").append(...page.events.map(listItem));
      state.nextOffset = page.next_offset;
      $("more").hidden = page.next_offset === null;
    } catch (err) {
      status(err.message, true);
    }
  }

  function parties(e) {
    const who = e.actors || e.actor1 || "someone";
    return e.recipients ? `${who} → ${e.recipients}` : who;
  }

  function listItem(e) {
    const where = [e.place, e.country].filter(Boolean).join(", ");
    return el("li", {
      class: "event" + (e.id === state.selected ? " selected" : ""), "data-id": e.id, tabindex: 0,
      onclick: () => openEvent(e.id),
      onkeydown: (ev) => { if (ev.key === "Enter") openEvent(e.id); },
    },
    el("div", { class: "meta" },
      el("span", { class: "type t-" + e.type, "data-type": e.type }, e.type),
      el("span", { class: "date" }, e.date_earliest || "undated"),
      where ? el("span", { class: "where" }, where) : null,
      e.stance && e.stance !== "asserted" ? el("span", { class: "stance" }, e.stance) : null),
    el("div", { class: "who" }, parties(e)),
    el("div", { class: "evidence-snippet" }, clip(e.evidence, 180)));
  }

  // ---- the evidence panel ---------------------------------------------------------------------

  async function openEvent(id) {
    state.selected = id;
    for (const node of document.querySelectorAll(".event.selected, .point.selected")) node.classList.remove("selected");
    for (const node of document.querySelectorAll(`[data-id="${CSS.escape(id)}"]`)) node.classList.add("selected");
    const panel = $("evidence");
    panel.replaceChildren(el("p", { class: "placeholder" }, "loading…"));
    try {
      const row = await api("events/" + encodeURIComponent(id));
      const report = await api("articles/" + encodeURIComponent(row.article_id));
      if (state.selected !== id) return;
      renderEvidence(panel, row, report);
      history.replaceState(null, "", "#event=" + encodeURIComponent(id));
    } catch (err) {
      panel.replaceChildren(el("p", { class: "error" }, err.message));
    }
  }

  function actorLine(a) {
    const code = [a.country, (a.sectors || []).join(" ")].filter(Boolean).join(" ");
    return el("li", {}, a.name, code ? el("span", { class: "code" }, " " + code) : null,
      a.role ? el("span", { class: "role" }, " (" + a.role + ")") : null);
  }

  function field(label, ...value) {
    return [el("dt", {}, label), el("dd", {}, ...value)];
  }

  function disputes(event, report) {
    const out = [];
    const att = event.attribution;
    if (att && att.disputed_by) out.push(att.disputed_by.name || String(att.disputed_by));
    const s = event.sentence;
    for (const claim of report.claims || []) {
      const c = claim.content;
      if (claim.disputed_by && c && c.start < s.end && c.end > s.start) out.push(`${claim.disputed_by.name} disputes “${clip(c.text, 120)}”`);
    }
    return [...new Set(out)];
  }

  function renderEvidence(panel, row, report) {
    const e = row.event;
    const article = report.article;
    const when = e.when
      ? `${e.when.earliest || "?"}${e.when.latest && e.when.latest !== e.when.earliest ? " to " + e.when.latest : ""} (${e.when.precision}${e.when.text ? ": “" + e.when.text + "”" : ""})`
      : `${row.date_earliest || "undated"} (${row.date_precision || "unknown"})`;
    const place = e.place
      ? [e.place.name, e.place.admin1, e.place.country].filter(Boolean).join(", ") + ` (${e.place.precision || e.place.kind || "place"})`
      : "not known";
    const att = e.attribution;
    const source = att
      ? [att.speaker, att.cue ? `(${att.cue})` : null, att.via ? `via ${att.via}` : null, att.anonymous ? "anonymous" : null, att.stance]
        .filter(Boolean).join(" ")
      : "stated by the article itself";
    const disputed = disputes(e, report);
    const dl = el("dl", { class: "facts" },
      ...field("What", `${e.type}${e.mode ? " / " + e.mode : ""}${e.modality ? " (" + e.modality + ")" : ""}`,
        e.cameo ? el("span", { class: "code" }, " CAMEO " + e.cameo) : null),
      ...field("When", when),
      ...field("Where", place),
      ...field("Who", e.actors.length ? el("ul", {}, ...e.actors.map(actorLine)) : "not known"),
      ...field("To whom", e.recipients.length ? el("ul", {}, ...e.recipients.map(actorLine)) : "—"),
      ...field("Who says so", el("span", { class: "source" }, source)),
      ...field("Disputed", disputed.length ? el("span", { class: "disputed" }, disputed.join("; ")) : "no dispute reported"),
      ...field("Confidence", e.confidence !== null && e.confidence !== undefined ? e.confidence.toFixed(2) : "—"));
    const heading = el("h2", {}, article.title || "untitled article");
    const byline = el("p", { class: "byline" }, [article.outlet, article.published].filter(Boolean).join(" · "),
      article.url ? el("a", { href: article.url, rel: "noreferrer noopener", target: "_blank" }, " source") : null);
    const text = el("div", { id: "article", class: "article-text" }, ...highlight(article.text, e, report));
    panel.replaceChildren(heading, byline, dl, el("h3", {}, "Evidence in the article"), text);
    const sentence = text.querySelector("mark.sentence");
    if (sentence) sentence.scrollIntoView({ block: "center" });
  }

  // The article text with the event's sentence as one <mark class="sentence">, and inside and around it
  // the trigger, parties, place, time and source spans, each from the Report's character offsets.
  function highlight(text, e, report) {
    const spans = [];
    const add = (span, cls) => { if (span && span.end > span.start) spans.push({ start: span.start, end: span.end, cls }); };
    add(e.trigger, "trigger");
    for (const a of e.actors) add(a.span, "actor");
    for (const a of e.recipients) add(a.span, "recipient");
    if (e.place) add(e.place.span, "place");
    if (e.when) add(e.when.span, "time");
    if (e.attribution) { add(e.attribution.span, "source"); add(e.attribution.cue_span, "cue"); }
    for (const q of e.quantities || []) add(q.span, "quantity");
    const s = e.sentence;
    const pieces = (from, to) => {
      const cuts = new Set([from, to]);
      for (const sp of spans) { if (sp.start > from && sp.start < to) cuts.add(sp.start); if (sp.end > from && sp.end < to) cuts.add(sp.end); }
      const points = [...cuts].sort((a, b) => a - b);
      const out = [];
      for (let i = 0; i + 1 < points.length; i++) {
        const [a, b] = [points[i], points[i + 1]];
        const classes = spans.filter((sp) => sp.start <= a && sp.end >= b).map((sp) => sp.cls);
        const chunk = text.slice(a, b);
        out.push(classes.length ? el("span", { class: [...new Set(classes)].join(" ") }, chunk) : document.createTextNode(chunk));
      }
      return out;
    };
    if (!s || s.end <= s.start) return pieces(0, text.length);
    return [...pieces(0, s.start), el("mark", { class: "sentence" }, ...pieces(s.start, s.end)), ...pieces(s.end, text.length)];
  }

  // ---- start ----------------------------------------------------------------------------------

  async function populateTypes(stats) {
    const select = $("f-type");
    const current = select.value;
    select.replaceChildren(el("option", { value: "" }, "all types"),
      ...Object.entries(stats.by_type || {}).map(([t, n]) => el("option", { value: t }, `${t} (${n})`)));
    select.value = current;
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  async function filtersChanged() {
    state.filters.type = $("f-type").value;
    const country = $("f-country").value.trim();
    state.filters.country = /^[A-Za-z]{3}$/.test(country) ? country.toUpperCase() : "";
    state.filters.actor = $("f-actor").value.trim();
    state.filters.background = $("f-background").checked;
    try {
      await loadTimeline();
    } catch (err) {
      status(err.message, true);
    }
    refresh();
  }

  async function start() {
    $("filters").addEventListener("submit", (ev) => ev.preventDefault());
    $("f-type").addEventListener("change", filtersChanged);
    $("f-country").addEventListener("input", debounce(filtersChanged, 300));
    $("f-actor").addEventListener("input", debounce(filtersChanged, 300));
    $("f-background").addEventListener("change", filtersChanged);
    $("range").addEventListener("submit", (ev) => ev.preventDefault());
    $("f-since").addEventListener("change", rangeTyped);
    $("f-until").addEventListener("change", rangeTyped);
    new ResizeObserver(() => { if (state.chartStats) drawChart(state.chartStats); }).observe($("chart"));
    $("clear-brush").addEventListener("click", () => setRange(null));
    $("more").addEventListener("click", more);
    enableBrush();
    new ResizeObserver(() => drawTimeline()).observe($("timeline"));
    try {
      await initMap();
      const stats = await loadTimeline();
      populateTypes(stats);
    } catch (err) {
      status(err.message, true);
    }
    await refresh();
    const wanted = /^#event=(.+)$/.exec(location.hash);
    if (wanted) openEvent(decodeURIComponent(wanted[1]));
  }

  start();
})();
