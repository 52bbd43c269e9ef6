// Draws the page's charts with plotly.js, which the site serves itself (never a CDN).
// Each chart's figure is JSON in a <script type="application/json"> beside an empty <div>;
// without JavaScript the div stays hidden and the table beside it is the chart.
(function () {
  "use strict";
  var me = document.currentScript;
  var charts = document.querySelectorAll(".chart");
  if (!charts.length || !me) return;
  var script = document.createElement("script");
  script.src = me.getAttribute("data-plotly");
  script.onload = function () {
    charts.forEach(function (div) {
      var data = document.getElementById(div.id + "-data");
      if (!data || !window.Plotly) return;
      var figure = JSON.parse(data.textContent);
      window.Plotly.newPlot(div, figure.data, figure.layout, {
        displayModeBar: false,
        responsive: true,
      }).then(function () {
        // plotly's SVG is decoration here: the div carries the label, the table the numbers.
        div.querySelectorAll("svg").forEach(function (svg) {
          svg.setAttribute("aria-hidden", "true");
          svg.setAttribute("focusable", "false");
        });
      });
    });
  };
  document.head.appendChild(script);
})();
