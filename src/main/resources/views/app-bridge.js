// MCP Apps view side (io.modelcontextprotocol/ui, 2026-01-26): JSON-RPC 2.0 over postMessage with the host.
// ui/initialize -> hostContext (theme, style variables) -> ui/notifications/initialized; then the host sends
// ui/notifications/tool-input and ui/notifications/tool-result. No network: everything arrives by message.
(function () {
  "use strict";
  var CHART_META_KEY = "dev.hypertracker/chart";
  var nextId = 1, pending = {}, handlers = {}, state = { args: null, result: null };

  function send(msg) { window.parent.postMessage(Object.assign({ jsonrpc: "2.0" }, msg), "*"); }
  function request(method, params) {
    var id = nextId++;
    send({ id: id, method: method, params: params });
    return new Promise(function (resolve, reject) { pending[id] = { resolve: resolve, reject: reject }; });
  }
  function notify(method, params) { send({ method: method, params: params || {} }); }

  function applyContext(ctx) {
    if (!ctx) return;
    var root = document.documentElement;
    if (ctx.theme === "light" || ctx.theme === "dark") { root.dataset.theme = ctx.theme; root.style.colorScheme = ctx.theme; }
    var vars = ctx.styles && ctx.styles.variables;
    if (vars) Object.keys(vars).forEach(function (k) {
      if (k.indexOf("--") === 0 && typeof vars[k] === "string") root.style.setProperty(k, vars[k]);
    });
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var m = event.data;
    if (!m || m.jsonrpc !== "2.0") return;
    if (m.id !== undefined && !m.method) {
      var p = pending[m.id]; delete pending[m.id];
      if (p) { if (m.error) p.reject(new Error(m.error.message || "error")); else p.resolve(m.result); }
      return;
    }
    switch (m.method) {
      case "ui/notifications/tool-input": state.args = (m.params && m.params.arguments) || {}; break;
      case "ui/notifications/tool-result":
        state.result = m.params || {};
        if (handlers.result) handlers.result(state.result, state.args || {});
        reportSize(); // the drawn result sets the height: say so now, not only when a resize observer next fires
        break;
      case "ui/notifications/host-context-changed": applyContext(m.params); break;
      case "ui/notifications/tool-cancelled": if (handlers.cancelled) handlers.cancelled(m.params && m.params.reason); break;
      case "ui/resource-teardown": case "ping": send({ id: m.id, result: {} }); break;
      default: if (m.id !== undefined) send({ id: m.id, error: { code: -32601, message: "Method not found" } });
    }
  });

  function reportSize() {
    var r = document.documentElement.getBoundingClientRect();
    notify("ui/notifications/size-changed", { width: Math.ceil(r.width), height: Math.ceil(r.height) });
  }

  var HT = window.HT = {
    chartOf: function (result) { return result && result._meta ? result._meta[CHART_META_KEY] : null; },
    textOf: function (result) {
      return ((result && result.content) || []).filter(function (c) { return c.type === "text"; })
        .map(function (c) { return c.text; }).join("\n");
    },
    /** The handshake; onResult(result, args) for every tool result. Also adds the text fallback section. */
    start: function (onResult) {
      handlers.result = onResult;
      handlers.cancelled = function (reason) { HT.status("The tool call was cancelled" + (reason ? ": " + reason : ".")); };
      var details = document.createElement("details"), summary = document.createElement("summary"), pre = document.createElement("pre");
      details.id = "fallback"; pre.id = "fallback-text"; summary.textContent = "Text summary";
      details.appendChild(summary); details.appendChild(pre); document.querySelector("main").appendChild(details);
      request("ui/initialize", {
        protocolVersion: "2026-01-26",
        appInfo: { name: "hypertracker-" + document.body.dataset.view, version: "1" },
        appCapabilities: { availableDisplayModes: ["inline"] }
      }).then(function (init) {
        applyContext(init && init.hostContext);
        notify("ui/notifications/initialized", {});
        if (window.ResizeObserver) new ResizeObserver(reportSize).observe(document.documentElement);
      }, function (e) { HT.status("The host did not answer ui/initialize: " + e.message); });
    },
    status: function (text) { document.getElementById("status").textContent = text || ""; },
    fallback: function (result) { document.getElementById("fallback-text").textContent = HT.textOf(result); },
    /** 3 significant digits with a unit (1.23M); money gets a $. */
    compact: function (v, money) {
      if (v === null || v === undefined || isNaN(v)) return "n/a";
      var a = Math.abs(v), s = v < 0 ? "-" : "", u = "";
      if (a >= 1e9) { a /= 1e9; u = "B"; } else if (a >= 1e6) { a /= 1e6; u = "M"; } else if (a >= 1e3) { a /= 1e3; u = "K"; }
      var t = u ? String(Number(a.toPrecision(3))) : (money ? a.toFixed(2) : String(Number(a.toPrecision(6))));
      return s + (money ? "$" : "") + t + u;
    },
    isoMinute: function (ms) { return new Date(ms).toISOString().slice(0, 16).replace("T", " ") + "Z"; },
    svg: function (tag, attrs, parent) {
      var el = document.createElementNS("http://www.w3.org/2000/svg", tag);
      Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
      if (parent) parent.appendChild(el);
      return el;
    },
    /** The plot area of the line and bar charts, in viewBox units. */
    plot: { W: 760, H: 300, L: 64, R: 12, T: 12, B: 28 },
    /** Five horizontal grid lines labelled by yLabel(value), and the x labels at the start, middle and end. */
    axes: function (svg, Y, y0, y1, yLabel, X, x0, x1, xLabel) {
      var P = HT.plot;
      for (var g = 0; g <= 4; g++) {
        var v = y0 + (y1 - y0) * g / 4, y = Y(v);
        HT.svg("line", { x1: P.L, x2: P.W - P.R, y1: y, y2: y, "class": "grid" }, svg);
        HT.svg("text", { x: P.L - 6, y: y + 4, "text-anchor": "end" }, svg).textContent = yLabel(v);
      }
      [x0, (x0 + x1) / 2, x1].forEach(function (x, i) {
        HT.svg("text", { x: X(x), y: P.H - 8, "text-anchor": ["start", "middle", "end"][i] }, svg).textContent = xLabel(x);
      });
    },
    clear: function (el) { while (el.firstChild) el.removeChild(el.firstChild); },
    /**
     * Keyboard access for a chart: the element is one tab stop; arrow keys (and Home/End) move a cursor over
     * count items; move(i) highlights item i and says it in the live readout.
     */
    keyboard: function (el, count, move, step) {
      var i = -1;
      el.onkeydown = function (e) {
        var n = count(), big = step ? step() : 1, j = i;
        if (!n) return;
        if (e.key === "ArrowRight") j = i + 1; else if (e.key === "ArrowLeft") j = i - 1;
        else if (e.key === "ArrowDown") j = i + big; else if (e.key === "ArrowUp") j = i - big;
        else if (e.key === "Home") j = 0; else if (e.key === "End") j = n - 1; else return;
        e.preventDefault();
        i = Math.max(0, Math.min(n - 1, j));
        move(i);
      };
      el.onfocus = function () { if (i < 0 && count()) { i = 0; move(0); } };
      return { reset: function () { i = -1; } };
    }
  };
})();
