// The dashboard page: reads its figures from the page (json_script), draws each work line's
// trend and comparison, and swaps the metric shown when a figure is picked. A click on a bar
// opens the records behind it.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  const source = document.getElementById("board-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const C = window.DJCharts;

  function recordsOf(metric, code, year) {
    if (!metric.records_base) return "";
    return metric.records_base + "?org=" + encodeURIComponent(code) + "&year=" + year;
  }

  data.lines.forEach(function (line) {
    const section = document.querySelector('.board-line[data-line="' + line.key + '"]');
    if (!section) return;
    const trendEl = section.querySelector('[data-chart="trend"]');
    const compareEl = section.querySelector('[data-chart="compare"]');
    if (compareEl) compareEl.style.height = C.compareHeight(data.children.length) + "px";
    const trend = C.make(trendEl);
    const compare = compareEl ? C.make(compareEl) : null;
    let current = line.metrics[0];

    trend.on("click", function (p) {
      const url = recordsOf(current, data.org.code, data.years[p.dataIndex]);
      if (url) window.location.href = url;
    });
    if (compare) {
      compare.on("click", function (p) {
        const row = compare.djRows[p.dataIndex];
        const url = row && recordsOf(current, row.code, data.year);
        if (url) window.location.href = url;
      });
    }

    function show(metric) {
      current = metric;
      C.trend(trend, data.years, metric);
      if (compare) C.compare(compare, data.children, metric);
      section.querySelectorAll(".metric-tile").forEach(function (tile) {
        const on = tile.dataset.metric === metric.key;
        tile.classList.toggle("selected", on);
        tile.querySelector(".metric-pick").setAttribute("aria-pressed", on ? "true" : "false");
      });
      section.querySelectorAll(".chart-title").forEach(function (t) {
        const base = t.dataset.base || t.textContent;
        t.dataset.base = base;
        t.textContent = metric.label + " · " + base;
      });
    }

    section.querySelectorAll(".metric-pick").forEach(function (button) {
      button.addEventListener("click", function () {
        const metric = line.metrics.find(function (m) { return m.key === button.dataset.metric; });
        if (metric) show(metric);
      });
    });
    show(current);
  });
});
