// The exported timeline: lanes per source, an axis whose ticks follow the zoom, a diamond for an
// exact date, a light bar for a vague one (faded toward an open end), a red dashed outline where
// sources disagree. Wheel zooms about the cursor, drag pans, a click shows the source paragraph.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var SVG = "http://www.w3.org/2000/svg", DAY = 86400000;
  var GUTTER = 220, AXIS = 34, LANE = 46, PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
    "#8c564b", "#e377c2", "#17becf"];
  var chart = document.getElementById("chart"), details = document.getElementById("details");
  var view = { v0: 0, v1: 1 }, width = 800;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function date(t) { return new Date(t * DAY); }
  function days(d) { return d.getTime() / DAY; }
  function x(t) { return GUTTER + (t - view.v0) / (view.v1 - view.v0) * (width - GUTTER - 10); }
  function yearLabel(y) { return y > 0 ? String(y) : (1 - y) + " BCE"; }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function focus() { view.v0 = data.focus[0]; view.v1 = data.focus[1]; }
  function fit() {
    if (!data.events.length) { view.v0 = 0; view.v1 = 365; return; }
    var lo = Infinity, hi = -Infinity;
    data.events.forEach(function (e) { lo = Math.min(lo, e.t0); hi = Math.max(hi, e.t1); });
    var pad = Math.max(1, (hi - lo) * 0.04);
    view.v0 = lo - pad; view.v1 = hi + pad;
  }

  // Tick steps from days to millennia; the first that leaves room for its label wins.
  var STEPS = [[1, "day"], [7, "day"], [1, "month"], [3, "month"], [1, "year"], [2, "year"], [5, "year"],
    [10, "year"], [25, "year"], [50, "year"], [100, "year"], [250, "year"], [500, "year"], [1000, "year"]];
  function ticks() {
    var perPx = (view.v1 - view.v0) / (width - GUTTER - 10);
    var step = STEPS[STEPS.length - 1];
    for (var i = 0; i < STEPS.length; i++) {
      var span = STEPS[i][1] === "day" ? STEPS[i][0] : STEPS[i][1] === "month" ? STEPS[i][0] * 30.4 : STEPS[i][0] * 365.25;
      if (span / perPx >= 70) { step = STEPS[i]; break; }
    }
    var out = [], d = date(view.v0), n = step[0];
    if (step[1] === "year") d = new Date(Date.UTC(0, 0, 1)), d.setUTCFullYear(Math.floor(date(view.v0).getUTCFullYear() / n) * n);
    else if (step[1] === "month") d = new Date(Date.UTC(2000, Math.floor(d.getUTCMonth() / n) * n, 1)), d.setUTCFullYear(date(view.v0).getUTCFullYear());
    else d = new Date(Date.UTC(2000, d.getUTCMonth(), d.getUTCDate())), d.setUTCFullYear(date(view.v0).getUTCFullYear());
    for (var guard = 0; days(d) <= view.v1 && guard < 400; guard++) {
      var label = step[1] === "year" ? yearLabel(d.getUTCFullYear())
        : step[1] === "month" ? MONTHS[d.getUTCMonth()] + " " + yearLabel(d.getUTCFullYear())
        : d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + yearLabel(d.getUTCFullYear());
      out.push([days(d), label]);
      if (step[1] === "year") d.setUTCFullYear(d.getUTCFullYear() + n);
      else if (step[1] === "month") d.setUTCMonth(d.getUTCMonth() + n);
      else d.setUTCDate(d.getUTCDate() + n);
    }
    return out;
  }

  function draw() {
    width = Math.max(600, chart.clientWidth || 800);
    var height = AXIS + Math.max(1, data.lanes.length) * LANE + 6;
    chart.textContent = "";
    var svg = el("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, "font-size": 11,
      "font-family": "system-ui, sans-serif" }, chart);
    var defs = el("defs", {}, svg);
    PALETTE.forEach(function (c, i) {
      [["openEnd", 1], ["openStart", 0]].forEach(function (kind) {
        var g = el("linearGradient", { id: kind[0] + i }, defs);
        el("stop", { offset: 0, "stop-color": c, "stop-opacity": kind[1] ? 0.35 : 0 }, g);
        el("stop", { offset: 1, "stop-color": c, "stop-opacity": kind[1] ? 0 : 0.35 }, g);
      });
    });
    data.lanes.forEach(function (lane, i) {
      var y = AXIS + i * LANE;
      el("rect", { x: 0, y: y, width: width, height: LANE, fill: i % 2 ? "#f2f4f8" : "#ffffff" }, svg);
      var name = el("text", { x: 6, y: y + 15, fill: "#333" }, svg);
      name.textContent = lane.title.length > 34 ? lane.title.slice(0, 33) + "…" : lane.title;
      var sub = el("text", { x: 6, y: y + 30, fill: "#777", "font-size": 10 }, svg);
      sub.textContent = "dateline " + lane.dateline;
    });
    el("rect", { x: 0, y: 0, width: width, height: AXIS, fill: "#eef1f6" }, svg);
    ticks().forEach(function (tick) {
      var tx = x(tick[0]);
      if (tx < GUTTER || tx > width) return;
      el("line", { x1: tx, x2: tx, y1: AXIS, y2: height, stroke: "#e1e4ea" }, svg);
      el("line", { x1: tx, x2: tx, y1: AXIS - 8, y2: AXIS, stroke: "#444" }, svg);
      var label = el("text", { x: tx + 3, y: AXIS - 12, fill: "#444" }, svg);
      label.textContent = tick[1];
      if (tx + 3 + label.getComputedTextLength() > width) svg.removeChild(label);  // never a clipped "202"
    });
    el("line", { x1: GUTTER, x2: GUTTER, y1: 0, y2: height, stroke: "#c8ccd4" }, svg);
    var clip = el("clipPath", { id: "plot" }, defs);
    el("rect", { x: GUTTER, y: AXIS, width: width - GUTTER, height: height - AXIS }, clip);
    var plot = el("g", { "clip-path": "url(#plot)" }, svg);
    var freeFrom = {}, trackEnds = {};
    data.events.forEach(function (e, i) {
      if (e.t1 < view.v0 || e.t0 > view.v1) return;
      var colour = PALETTE[e.lane % PALETTE.length], y = AXIS + e.lane * LANE;
      var x0 = Math.max(GUTTER - 20, x(e.t0)), x1 = Math.min(width + 20, x(e.t1));
      var g = el("g", { "class": "event", "data-id": e.id, opacity: 0.35 + 0.65 * e.confidence, cursor: "pointer" }, plot);
      var title = el("title", {}, g);
      title.textContent = e.title + " — " + e.expression + " (" + e.when + ")";
      if (e.exact || x1 - x0 < 4) {
        var cx = (x0 + x1) / 2, cy = y + 28;
        el("polygon", { points: [cx, cy - 5, cx + 5, cy, cx, cy + 5, cx - 5, cy].join(" "), fill: colour,
          stroke: "#333", "stroke-width": 0.5 }, g);
        if (e.conflict === "open") el("circle", { cx: cx, cy: cy, r: 9, fill: "none", stroke: "#e03131",
          "stroke-width": 2, "stroke-dasharray": "3 2" }, g);
        label(g, e, cx, y, freeFrom);
      } else {
        var fill = e.openEnd ? "url(#openEnd" + (e.lane % PALETTE.length) + ")" : e.openStart
          ? "url(#openStart" + (e.lane % PALETTE.length) + ")" : colour;
        var track = pickTrack(trackEnds, e.lane, x0, x1);
        el("rect", { x: x0, y: y + 22 + track * 6, width: Math.max(4, x1 - x0), height: 5, rx: 2, fill: fill,
          "fill-opacity": e.openEnd || e.openStart ? 1 : 0.3, stroke: colour }, g);
        if (e.conflict === "open") el("rect", { x: x0 - 2, y: y + 20 + track * 6, width: Math.max(8, x1 - x0 + 4),
          height: 9, rx: 3, fill: "none", stroke: "#e03131", "stroke-width": 2, "stroke-dasharray": "4 2" }, g);
      }
      g.addEventListener("click", function () { show(e); });
    });
    chart.setAttribute("data-drawn", String(plot.childNodes.length));
  }

  // A title right of its diamond, or left of it at the right edge; left out where it would overprint.
  function label(g, e, cx, y, freeFrom) {
    var text = el("text", { x: cx + 8, y: y + 16, fill: "#222" }, g);
    text.textContent = e.title.length > 40 ? e.title.slice(0, 39) + "…" : e.title;
    var w = text.getComputedTextLength(), left = cx + 8 + w <= width - 4 ? cx + 8 : cx - 8 - w;
    if (left < Math.max(freeFrom[e.lane] || 0, GUTTER + 2)) { g.removeChild(text); return; }
    text.setAttribute("x", left);
    freeFrom[e.lane] = Math.max(cx + 8, left + w + 6);
  }

  // Overlapping vague dates of one lane stack on up to three tracks (first free one).
  function pickTrack(ends, lane, x0, x1) {
    for (var k = 0; k < 3; k++) {
      var key = lane + ":" + k;
      if ((ends[key] === undefined ? -1e9 : ends[key]) < x0 - 1) { ends[key] = x1; return k; }
    }
    ends[lane + ":2"] = Math.max(ends[lane + ":2"], x1);
    return 2;
  }

  function show(e) {
    var row = document.getElementById("e" + e.id), paragraph = document.getElementById(e.anchor);
    details.hidden = false;
    details.innerHTML = "";
    var head = document.createElement("h3");
    head.textContent = e.title;
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = "“" + e.expression + "” = " + e.value + " (" + e.when + ") · reported by " + e.sources +
      " source(s)" + (e.conflict !== "none" ? " · conflict: " + e.conflict : "");
    details.appendChild(head);
    details.appendChild(meta);
    if (paragraph) {
      var quote = document.createElement("blockquote");
      quote.innerHTML = paragraph.innerHTML;
      details.appendChild(quote);
    }
    var link = document.createElement("a");
    link.href = "#" + e.anchor;
    link.textContent = "Go to the source paragraph";
    details.appendChild(link);
    if (row) row.style.background = "#fff3bf";
  }

  var drag = null;
  chart.addEventListener("wheel", function (event) {
    event.preventDefault();
    var rect = chart.getBoundingClientRect(), px = event.clientX - rect.left;
    var at = view.v0 + (px - GUTTER) / (width - GUTTER - 10) * (view.v1 - view.v0);
    var factor = Math.pow(1.0015, event.deltaY);
    view.v0 = at - (at - view.v0) * factor;
    view.v1 = at + (view.v1 - at) * factor;
    draw();
  }, { passive: false });
  chart.addEventListener("mousedown", function (event) { drag = { x: event.clientX, v0: view.v0, v1: view.v1 }; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (event) {
    if (!drag) return;
    var shift = (event.clientX - drag.x) / (width - GUTTER - 10) * (drag.v1 - drag.v0);
    view.v0 = drag.v0 - shift; view.v1 = drag.v1 - shift;
    draw();
  });
  document.getElementById("fit").addEventListener("click", function () { fit(); draw(); });
  document.getElementById("focus").addEventListener("click", function () { focus(); draw(); });
  window.addEventListener("resize", draw);
  focus();
  draw();
})();
