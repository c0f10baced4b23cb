// The display screen (大屏): large figures per work line, each line's trend cycling through its
// figures, the organizations behind this month; the figures are fetched again every few minutes.
// No login, no links: it only shows.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  const root = document.getElementById("screen");
  const source = document.getElementById("board-data");
  if (!root || !source || !window.echarts) return;
  const C = window.DJCharts;
  const refresh = Math.max(30, parseInt(root.dataset.refresh, 10) || 300) * 1000;
  const lines = document.getElementById("screen-lines");
  const stale = document.getElementById("screen-stale");
  const ROTATE = 12000;
  let panels = {};
  let data = JSON.parse(source.textContent);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function figure(metric) {
    const box = el("div", "screen-figure");
    const v = el("div", "v", String(metric.value));
    v.appendChild(el("small", "", metric.unit));
    box.appendChild(v);
    box.appendChild(el("div", "l", metric.label));
    return box;
  }

  function build() {
    Object.keys(panels).forEach(function (key) { C.drop(panels[key].chart); });
    lines.textContent = "";
    panels = {};
    data.lines.forEach(function (line) {
      const panel = el("section", "screen-line");
      panel.appendChild(el("h2", "", line.label));
      const figures = el("div", "screen-figures" + (line.metrics.length > 6 ? " many" : ""));
      line.metrics.forEach(function (m) { figures.appendChild(figure(m)); });
      panel.appendChild(figures);
      const title = el("div", "screen-chart-title");
      panel.appendChild(title);
      const chartEl = el("div", "screen-chart");
      panel.appendChild(chartEl);
      lines.appendChild(panel);
      panels[line.key] = { line: line, chart: C.make(chartEl, true), title: title, index: 0 };
    });
    const behind = data.behind;
    const panel = el("section", "screen-line screen-behind");
    panel.appendChild(el("h2", "", "本月落后组织（" + behind.rows.length + " / " + behind.checked + "）"));
    if (behind.rows.length) {
      const list = el("ol");
      behind.rows.slice(0, 16).forEach(function (r) {
        const item = el("li");
        item.appendChild(el("span", "n", r.failed + "项"));
        item.appendChild(document.createTextNode(" " + r.name));
        list.appendChild(item);
      });
      panel.appendChild(list);
      if (behind.rows.length > 16) panel.appendChild(el("div", "mt-2", "另有 " + (behind.rows.length - 16) + " 个组织"));
    } else {
      panel.appendChild(el("div", "fs-4", "全部达标"));
    }
    panel.appendChild(el("div", "mt-2 small opacity-75", behind.columns.map(function (c) { return c.rule; }).join("、") + "之一的，即为落后。"));
    lines.appendChild(panel);
    draw();
  }

  function draw() {
    Object.keys(panels).forEach(function (key) {
      const p = panels[key];
      const metric = p.line.metrics[p.index % p.line.metrics.length];
      p.title.textContent = metric.label + " · 近" + data.years.length + "年";
      C.trend(p.chart, data.years, metric, { big: true });
    });
  }

  function tick() {
    const now = new Date();
    const pad = function (n) { return String(n).padStart(2, "0"); };
    document.getElementById("screen-clock").textContent =
      now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + " " + pad(now.getHours()) + ":" + pad(now.getMinutes());
  }

  function reload() {
    fetch(root.dataset.url, { credentials: "omit", cache: "no-store" })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (!result.ok) {
          stale.textContent = result.body.detail || "数据暂时无法更新。";
          stale.classList.add("show");
          return;
        }
        stale.classList.remove("show");
        data = result.body;
        build();
        const now = new Date();
        document.getElementById("screen-updated").textContent =
          "数据更新于 " + String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
      })
      .catch(function () {
        stale.textContent = "网络中断，显示的是上次获取的数据。";
        stale.classList.add("show");
      });
  }

  build();
  tick();
  window.setInterval(tick, 15000);
  window.setInterval(reload, refresh);
  window.setInterval(function () {
    Object.keys(panels).forEach(function (key) { panels[key].index += 1; });
    draw();
  }, ROTATE);
});
