// The dashboard's charts (ECharts, served from node_modules): one trend and one comparison
// per work line, shared by the dashboard page (board.js) and the display screen (screen.js).
// Kept out of the pages: the Content-Security-Policy allows no inline script, and tooltips
// are plain text (no inline style attributes).
"use strict";

window.DJCharts = (function () {
  const RED = "#b71c1c";
  const GOLD = "#d4a017";
  const charts = [];

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function phone() {
    return window.matchMedia("(max-width: 575.98px)").matches;
  }

  function make(el, dark) {
    const chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.djDark = !!dark;
    charts.push(chart);
    if (window.ResizeObserver) {
      new ResizeObserver(function () { chart.resize(); }).observe(el);
    }
    return chart;
  }

  function textColor(chart) { return chart.djDark ? "#f5e9d0" : "#495057"; }
  function gridColor(chart) { return chart.djDark ? "rgba(255,255,255,.15)" : "#eee"; }

  function tooltip(unit) {
    return {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      confine: true,
      formatter: function (items) {
        const item = items[0];
        return esc(item.name) + "<br><b>" + esc(item.value) + "</b> " + esc(unit);
      },
    };
  }

  // A bar per year, the year shown in red, with the value above each bar.
  function trend(chart, years, metric, opts) {
    opts = opts || {};
    const big = !!opts.big && !phone(); // the display's large type, not on a phone
    const last = years.length - 1;
    chart.setOption({
      animationDuration: 500,
      grid: { left: 8, right: 8, top: big ? 30 : 26, bottom: 4, containLabel: true },
      tooltip: tooltip(metric.unit),
      xAxis: {
        type: "category",
        data: years.map(function (y) { return y + "年"; }),
        axisLabel: { color: textColor(chart), fontSize: big ? 18 : (phone() ? 11 : 12), interval: 0 },
        axisLine: { lineStyle: { color: gridColor(chart) } },
        axisTick: { show: false },
      },
      yAxis: {
        type: "value",
        show: !big, // the display writes the value on each bar
        name: metric.unit,
        nameTextStyle: { color: textColor(chart), fontSize: big ? 16 : 11 },
        axisLabel: { color: textColor(chart), fontSize: big ? 16 : 11 },
        splitLine: { lineStyle: { color: gridColor(chart) } },
        minInterval: metric.unit === "%" ? 0 : 1,
      },
      series: [{
        type: "bar",
        barMaxWidth: big ? 56 : 36,
        data: metric.trend.map(function (v, i) {
          return { value: v, itemStyle: { color: i === last ? RED : (chart.djDark ? GOLD : "#e6a9a9"), borderRadius: [3, 3, 0, 0] } };
        }),
        label: { show: true, position: "top", color: textColor(chart), fontSize: big ? 18 : 11 },
      }],
    }, true);
  }

  // One horizontal bar per organization directly below, the largest first.
  function compare(chart, children, metric) {
    const rows = children.map(function (c, i) { return { code: c.code, name: c.name, value: metric.compare[i] }; });
    rows.sort(function (a, b) { return a.value - b.value; }); // ECharts draws the first at the bottom
    const narrow = phone();
    chart.djRows = rows;
    chart.setOption({
      animationDuration: 500,
      grid: { left: 4, right: 36, top: 8, bottom: 4, containLabel: true },
      tooltip: tooltip(metric.unit),
      xAxis: { type: "value", show: false },
      yAxis: {
        type: "category",
        data: rows.map(function (r) { return r.name; }),
        axisLabel: { color: textColor(chart), fontSize: 11, width: narrow ? 96 : 150, overflow: "truncate" },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: gridColor(chart) } },
      },
      series: [{
        type: "bar",
        barMaxWidth: 14,
        data: rows.map(function (r) { return r.value; }),
        itemStyle: { color: RED, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: "right", color: textColor(chart), fontSize: 11 },
      }],
    }, true);
  }

  // The comparison's height follows the number of organizations (the box around it scrolls).
  function compareHeight(count) {
    return Math.max(180, count * 22 + 20);
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });

  function drop(chart) {
    const at = charts.indexOf(chart);
    if (at >= 0) charts.splice(at, 1);
    chart.dispose();
  }

  return { make: make, drop: drop, trend: trend, compare: compare, compareHeight: compareHeight, esc: esc };
})();
