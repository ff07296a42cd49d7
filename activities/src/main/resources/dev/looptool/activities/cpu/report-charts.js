/* looptool report charts: each <div data-chart="ID"> is drawn from the JSON in <script id="ID">.
 * Kinds: "lines" (a category x axis, one line per series, optional 95 % interval bars from
 * low/high), "bars" (grouped or, with stacked: true, stacked bars), "steps" (a numeric x axis).
 * Sets data-charts-rendered on <body> when done and data-errors on any script error, so a headless
 * browser can check the page. */
(function () {
  'use strict';
  var errors = [];
  function fail(message) {
    errors.push(String(message));
    document.body.setAttribute('data-errors', errors.join(' | '));
  }
  window.addEventListener('error', function (e) { fail(e.message); });
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2',
    '#7f7f7f', '#bcbd22', '#17becf'];

  function valueFormatter(spec) {
    return function (v) {
      if (v === null || v === undefined || isNaN(v)) { return '–'; }
      return spec.percent ? (100 * v).toFixed(1) + '%' : String(Math.round(v * 1000) / 1000);
    };
  }

  function axisY(spec) {
    var y = { type: 'value', name: spec.yName || '', scale: !!spec.scale,
      axisLabel: { formatter: valueFormatter(spec) } };
    if (spec.yMin !== undefined) { y.min = spec.yMin; }
    if (spec.yMax !== undefined) { y.max = spec.yMax; }
    return y;
  }

  function intervalBars(s, color) {
    var data = [];
    for (var i = 0; i < s.low.length; i++) {
      if (s.low[i] !== null && s.high[i] !== null) { data.push([i, s.low[i], s.high[i]]); }
    }
    return {
      type: 'custom', name: s.name, data: data, z: 3, silent: true,
      encode: { x: 0, y: [1, 2] },
      renderItem: function (params, api) {
        var lo = api.coord([api.value(0), api.value(1)]);
        var hi = api.coord([api.value(0), api.value(2)]);
        var w = 5;
        var style = { stroke: color, lineWidth: 1.5 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
          { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style: style },
          { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style: style }
        ] };
      }
    };
  }

  function build(spec) {
    var fmt = valueFormatter(spec);
    var option = {
      animation: false,
      color: palette,
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { top: 24, type: 'scroll' },
      grid: { top: 64, left: 64, right: 24, bottom: 48 },
      yAxis: axisY(spec),
      series: []
    };
    if (spec.kind === 'steps') {
      option.xAxis = { type: 'value', name: spec.xName || 'step', nameLocation: 'middle', nameGap: 28 };
      spec.series.forEach(function (s) {
        option.series.push({ type: 'line', name: s.name, showSymbol: false,
          data: s.x.map(function (x, i) { return [x, s.y[i]]; }) });
      });
      return option;
    }
    option.xAxis = { type: 'category', data: spec.x, name: spec.xName || '', nameLocation: 'middle',
      nameGap: 28 };
    spec.series.forEach(function (s, k) {
      var color = palette[k % palette.length];
      if (spec.kind === 'lines') {
        option.series.push({ type: 'line', name: s.name, data: s.y, symbolSize: 7,
          itemStyle: { color: color }, lineStyle: { color: color }, connectNulls: true });
        if (s.low && s.high) { option.series.push(intervalBars(s, color)); }
      } else if (spec.kind === 'bars') {
        option.series.push({ type: 'bar', name: s.name, data: s.y, itemStyle: { color: color },
          stack: spec.stacked ? 'total' : undefined });
      } else {
        throw new Error('unknown chart kind ' + spec.kind);
      }
    });
    return option;
  }

  function renderAll() {
    var rendered = 0;
    var nodes = document.querySelectorAll('[data-chart]');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      try {
        var spec = JSON.parse(document.getElementById(node.getAttribute('data-chart')).textContent);
        echarts.init(node, null, { renderer: 'svg' }).setOption(build(spec));
        node.setAttribute('data-rendered', 'true');
        rendered++;
      } catch (e) {
        fail(node.getAttribute('data-chart') + ': ' + e.message);
      }
    }
    document.body.setAttribute('data-charts-rendered', String(rendered));
  }

  if (typeof echarts === 'undefined') {
    fail('the charting library did not load');
  } else {
    renderAll();
  }
})();
