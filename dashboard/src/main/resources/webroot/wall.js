// Cordon wall display: tiles over a websocket, each checkpoint count hour by hour against yesterday, the checkpoint
// table, fever alerts (stored ones on connect, acknowledged from any wall), the screening progress and who lags, a
// stale mark and a disconnected banner that clears itself when the automatic reconnect succeeds. Kiosk mode rotates
// the views. Charts: Apache ECharts, served by the dashboard from its webjar.
(function () {
  'use strict';
  var C = window.Cordon, t = C.t, esc = C.escapeHtml, fmt = C.number, params = C.params;
  // no scope in the address: the token's own (the whole city for an unscoped token, its district for a district's)
  var scope = params.get('scope') || '';
  var kiosk = params.get('kiosk') === '1';
  // a past day (?date=YYYY-MM-DD): that day's figures as of its report's cutoff (frozen) or its end, marked as history;
  // nothing live is shown or pushed. A checkpoint's wall has no past day (a day's record is of areas).
  var day = scope.indexOf('checkpoint:') === 0 ? '' : (params.get('date') || '');
  var history = !!day, lastDay = null;
  var STALE_AFTER_MS = 15000;
  var en = C.lang === 'en';
  // the seven checkpoint counts come from the server's one definition (CheckpointCount, served as counts.js)
  var COUNTS = window.CORDON_CHECKPOINT_COUNTS;
  var SCREENING = [['unvisited_homes', t('unvisitedHomes')], ['revisit_overdue', t('revisitOverdue')], ['coverage_pct', t('screeningCoverage')]];
  var lastAsOf = 0, lastValues = {}, lastTileSet = null, serverStale = false, live = null;
  // the page's own timings (read by the browser test for docs/BENCHMARKS.md): a chart's first draw builds it, later
  // draws update it; every draw is one animation frame's work
  var stats = { updates: 0, maxUpdateMs: 0, chartUpdates: 0, maxChartMs: 0, chartBuilds: 0, maxChartBuildMs: 0,
    firstTilesMs: null, firstChartsMs: null, chartMs: [], mapMs: [], mapFrameMs: [], mapAskedMs: null, mapDrawnMs: null };

  // ---- words, links and controls ----
  document.querySelectorAll('[data-t]').forEach(function (el) { el.textContent = t(el.getAttribute('data-t')); });
  document.getElementById('lang').href = C.otherLanguage();
  if (kiosk) { document.body.classList.add('kiosk'); }
  // the theme: dark by default; ?theme=bright for a bright room (the link flips it and keeps the rest of the address)
  var bright = params.get('theme') === 'bright';
  document.body.classList.toggle('theme-bright', bright);
  (function () {
    var p = new URLSearchParams(location.search), link = document.getElementById('theme');
    if (bright) { p.delete('theme'); } else { p.set('theme', 'bright'); }
    link.href = location.pathname + (p.toString() ? '?' + p.toString() : '');
    link.textContent = t(bright ? 'dark' : 'bright');
  })();
  document.getElementById('scope').value = scope;
  document.getElementById('apply').onclick = function () {
    var asked = document.getElementById('scope').value.trim();
    if (asked) { params.set('scope', asked); } else { params.delete('scope'); }
    location.search = params.toString();
  };
  // today's and past reports of record are listed in the inspection view
  document.getElementById('reports').href = C.url('/inspect', { lang: en ? 'en' : null }) + '#reports';
  document.getElementById('inspect').href = C.url('/inspect', { lang: en ? 'en' : null });
  document.getElementById('export').href = C.url('/api/v1/snapshot', { format: 'xlsx', lang: en ? 'en' : null,
    scope: scope.indexOf('checkpoint:') === 0 || !scope ? null : scope });
  // the day: today (live) by default; a day before today opens that day's wall; today or later goes back to live
  var dayInput = document.getElementById('day'), operationToday = null;
  dayInput.value = day;
  dayInput.disabled = scope.indexOf('checkpoint:') === 0;
  dayInput.onchange = function () {
    var p = new URLSearchParams(location.search), v = dayInput.value;
    if (v && (!operationToday || v < operationToday)) { p.set('date', v); } else { p.delete('date'); }
    location.search = p.toString();
  };

  // ---- the tiles ----
  function tile(parent, key, label, unit, withChart) {
    var div = document.createElement('div');
    div.className = 'tile hidden';
    div.id = 'tile-' + key;
    div.innerHTML = '<h3>' + esc(label) + (unit ? ' <span class="unit">' + esc(unit) + '</span>' : '') + '</h3><div class="big">—</div>' +
      '<div class="windows"></div>' + (withChart ? '<div class="vs" id="vs-' + key + '"></div><div class="spark" id="spark-' + key + '"></div>' : '');
    parent.appendChild(div);
  }
  var tilesEl = document.getElementById('tiles');
  COUNTS.forEach(function (c) { tile(tilesEl, c[0], en ? c[2] : c[1], en ? '' : c[2], true); });
  var silentTile = document.createElement('div');
  silentTile.className = 'tile silent-tile';
  silentTile.innerHTML = '<h3>' + esc(t('silent')) + ' <span class="unit">' + esc(t('checkpoints')) + '</span></h3><div class="big" id="silent-count">—</div>' +
    '<ul id="silent" class="silent"><li class="none">' + esc(t('none')) + '</li></ul>';
  tilesEl.appendChild(silentTile);
  var screeningTilesEl = document.getElementById('screening-tiles');
  SCREENING.forEach(function (s) { tile(screeningTilesEl, s[0], s[1], '', false); });
  // key persons (一人一档): under a measure by kind, followed up today against those due, overdue in red, releases
  var KEY_PERSONS = [['kp-under', t('underMeasure')], ['kp-followed', t('followedUp')], ['kp-overdue', t('followUpOverdue')],
    ['kp-releases', t('releasesToday')]];
  KEY_PERSONS.forEach(function (k) { tile(screeningTilesEl, k[0], k[1], '', false); });

  function renderKeyPersons(kp) {
    KEY_PERSONS.forEach(function (k) { document.getElementById('tile-' + k[0]).classList.toggle('hidden', !kp); });
    if (!kp) { return; }
    var json = JSON.stringify(kp);
    if (json === lastValues.key_persons) { return; }
    lastValues.key_persons = json;
    function set(id, big, windows) {
      var el = document.getElementById('tile-' + id);
      el.querySelector('.big').textContent = big;
      el.querySelector('.windows').innerHTML = windows.map(function (w) {
        return '<span>' + esc(w[0]) + '<b>' + fmt(w[1]) + '</b></span>';
      }).join('');
      return el;
    }
    set('kp-under', fmt(kp.under_measure), [[t('homeQuarantine'), kp.home_quarantine], [t('centralQuarantine'), kp.central_quarantine],
      [t('healthMonitoring'), kp.health_monitoring]]);
    set('kp-followed', fmt(kp.followed_up) + ' / ' + fmt(kp.under_measure),
      [[t('due'), kp.under_measure - kp.followed_up - kp.follow_up_overdue]]);
    set('kp-overdue', fmt(kp.follow_up_overdue), []).classList.toggle('attention', kp.follow_up_overdue > 0);
    set('kp-releases', fmt(kp.releases_today), [[t('feversAtHome'), kp.fevers]]).classList.toggle('attention', kp.fevers > 0);
  }

  // the counting is behind the event log (overload, or after an outage): the figures are catching up
  function renderBehind(counting) {
    var el = document.getElementById('behind');
    var behind = counting && counting.behind_s > 15;
    el.classList.toggle('hidden', !behind);
    if (behind) { el.textContent = t('catchingUp') + ' · ' + fmt(counting.behind_s) + ' s'; }
  }

  function renderTiles(msg) {
    var started = performance.now();
    lastAsOf = Date.now();
    if (stats.firstTilesMs === null) { stats.firstTilesMs = Math.round(started); }
    renderBehind(msg.counting);
    document.getElementById('asof').textContent = C.time(msg.as_of, true);
    if (msg.as_of) { operationToday = msg.as_of.slice(0, 10); dayInput.max = operationToday; }
    document.getElementById('zone').textContent = msg.timezone ? '(' + msg.timezone + ')' : '';
    var tiles = msg.tiles;
    lastTileSet = tiles;
    COUNTS.concat(SCREENING).forEach(function (c) {
      var key = c[0], v = tiles[key], el = document.getElementById('tile-' + key);
      if (!v) { return; }
      if (el.classList.contains('hidden')) {
        el.classList.remove('hidden');
        if (charts['spark-' + key]) { charts['spark-' + key].resize(); } // painted while its tile had no size
      }
      var big = el.querySelector('.big'), win = el.querySelector('.windows'), json = JSON.stringify(v);
      if (json === lastValues[key]) { return; }
      if ('today' in v && history) {
        big.innerHTML = fmt(v.today) + ' <span class="unit">' + esc(day.slice(5)) + '</span>';
        win.innerHTML = '<span>' + esc(t('total')) + '<b>' + fmt(v.cumulative) + '</b></span>';
      } else if ('today' in v) {
        big.innerHTML = fmt(v.today) + ' <span class="unit">' + esc(t('today')) + '</span>';
        win.innerHTML = '<span>' + esc(t('min15')) + '<b>' + fmt(v.last_15m) + '</b></span><span>' + esc(t('hour1')) + '<b>' + fmt(v.last_1h) +
          '</b></span><span>' + esc(t('total')) + '<b>' + fmt(v.cumulative) + '</b></span>';
      } else {
        big.textContent = v.value === null || v.value === undefined ? '—' : (key === 'coverage_pct' ? Number(v.value).toFixed(1) + '%' : fmt(v.value));
        win.innerHTML = '<span>' + esc(t('round')) + '<b>' + (v.round === null || v.round === undefined ? '—' : v.round) + '</b></span>';
      }
      // what needs action stands out: fevers today, overdue revisits
      var attention = (key === 'abnormal_temperatures' && v.today > 0) || (key === 'revisit_overdue' && v.value > 0);
      el.classList.toggle('attention', !!attention);
      if (lastValues[key] !== undefined) {
        el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
      }
      lastValues[key] = json;
    });
    renderKeyPersons(tiles.key_persons);
    var silent = tiles.silent_checkpoints || [], names = msg.checkpoint_names || {};
    document.getElementById('silent-count').textContent = fmt(silent.length);
    document.getElementById('silent').innerHTML = silent.length ? silent.slice(0, 6).map(function (id) {
      return '<li>' + esc(names[id] || id) + (names[id] ? ' <small>' + esc(id) + '</small>' : '') + '</li>';
    }).join('') + (silent.length > 6 ? '<li class="none">+' + (silent.length - 6) + '</li>' : '') : '<li class="none">' + esc(t('none')) + '</li>';
    record('updates', 'maxUpdateMs', started);
  }

  function record(count, max, started) {
    var ms = performance.now() - started;
    stats[count]++;
    stats[max] = Math.max(stats[max], ms);
  }

  // ---- charts ----
  // the theme's colours (wall.css), read once
  var style = getComputedStyle(document.body);
  function colour(name) { return style.getPropertyValue(name).trim(); }
  var TEXT = colour('--chart-text'), GRID = colour('--line'), TODAY = colour('--today'), YESTERDAY = colour('--yesterday'),
    BAD = colour('--bad');
  // charts are sized in the page's rem like everything else, so a 4K wall's charts are as readable as its numbers
  function rem(x) { return Math.round(x * parseFloat(getComputedStyle(document.documentElement).fontSize)); }
  function axisText() { return { color: TEXT, fontSize: rem(0.85) }; }
  var charts = {};
  function chart(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    if (!charts[id]) {
      if (id.indexOf('spark-') === 0) { charts[id] = new Spark(el); }
      else if (window.echarts) { charts[id] = window.echarts.init(el, null, { renderer: 'canvas' }); }
      else { return null; }
    }
    return charts[id];
  }

  // A tile's small chart: today's 24 hours (line and area) against yesterday's (dashed), painted on a canvas by the
  // page itself. Seven of them change every few seconds, and drawing each through ECharts' whole option pipeline made
  // the browser compile more and more of ECharts over the first hour (the soak's heap growth, docs/BENCHMARKS.md);
  // ECharts stays for the screening charts, which change every 30 s at most. Same interface as the charts: setOption
  // ({today, yesterday} or {series: [{data: yesterday}, {data: today}]}), getOption, resize, dispose, getDom.
  function Spark(el) {
    this.el = el;
    this.canvas = document.createElement('canvas');
    // out of the layout: the tile's box sets the canvas' size, never the other way round
    this.canvas.style.position = 'absolute'; this.canvas.style.left = '0'; this.canvas.style.top = '0';
    if (getComputedStyle(el).position === 'static') { el.style.position = 'relative'; }
    el.appendChild(this.canvas);
    this.yesterday = [];
    this.today = [];
  }
  Spark.prototype.setOption = function (o) {
    this.yesterday = o.series ? o.series[0].data : o.yesterday;
    this.today = o.series ? o.series[1].data : o.today;
    this.paint();
  };
  Spark.prototype.getOption = function () {
    return { series: [{ name: t('yesterday'), data: this.yesterday.slice() }, { name: t('today'), data: this.today.slice() }] };
  };
  Spark.prototype.getDom = function () { return this.el; };
  Spark.prototype.resize = function () { this.paint(); };
  Spark.prototype.dispose = function () { this.el.removeChild(this.canvas); };
  Spark.prototype.paint = function () {
    var w = this.el.clientWidth, h = this.el.clientHeight, ratio = window.devicePixelRatio || 1;
    if (!w || !h) { return; } // hidden: painted when shown (resize)
    var c = this.canvas;
    if (c.width !== Math.round(w * ratio) || c.height !== Math.round(h * ratio)) {
      c.width = Math.round(w * ratio); c.height = Math.round(h * ratio);
      c.style.width = w + 'px'; c.style.height = h + 'px';
    }
    var g = c.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, h);
    var max = 0, all = this.yesterday.concat(this.today);
    for (var i = 0; i < all.length; i++) { if (all[i] > max) { max = all[i]; } }
    var top = rem(0.3), step = (w - 4) / 23, scale = max > 0 ? (h - top - 2) / max : 0;
    function x(i) { return 2 + i * step; }
    function y(v) { return h - 2 - v * scale; }
    function line(values) { // hours to come are null: the line stops at the current hour
      var started = false, last = -1;
      g.beginPath();
      for (var i = 0; i < values.length; i++) {
        if (values[i] === null || values[i] === undefined) { continue; }
        if (started) { g.lineTo(x(i), y(values[i])); } else { g.moveTo(x(i), y(values[i])); started = true; }
        last = i;
      }
      return last;
    }
    g.setLineDash([rem(0.3), rem(0.2)]);
    g.lineWidth = rem(0.08); g.strokeStyle = YESTERDAY;
    line(this.yesterday); g.stroke();
    g.setLineDash([]);
    var last = line(this.today);
    if (last >= 0) {
      g.lineWidth = rem(0.15); g.strokeStyle = TODAY; g.stroke();
      var first = 0; while (this.today[first] === null || this.today[first] === undefined) { first++; }
      g.lineTo(x(last), h - 2); g.lineTo(x(first), h - 2); g.closePath();
      g.globalAlpha = 0.15; g.fillStyle = TODAY; g.fill(); g.globalAlpha = 1;
    }
  };
  // one chart per animation frame, so a frame's work stays small however many charts change at once
  var pending = {}, scheduled = false;
  // A chart on a view that is not shown is not drawn: its latest data waits (hidden[id]) until its view is shown. A
  // wall left on one view does no chart work for the others, and the browser does not keep compiling more of the
  // chart library for charts nobody sees (the soak, docs/BENCHMARKS.md).
  var hidden = {};
  function draw(id, option) {
    var el = document.getElementById(id), view = el && el.closest('section');
    // by the view's class, not by measuring: a measure here would force a layout inside the message's handling
    if (view && view.classList.contains('hidden')) { hidden[id] = option; return; }
    delete hidden[id];
    pending[id] = option;
    if (!scheduled) { scheduled = true; requestAnimationFrame(drawOne); }
  }
  function drawOne() {
    var ids = Object.keys(pending);
    if (!ids.length) { scheduled = false; return; }
    var id = ids[0], option = pending[id];
    delete pending[id];
    var started = performance.now();
    var first = !charts[id];
    var c = chart(id);
    if (c) {
      c.setOption(option, { notMerge: false, lazyUpdate: false });
      if (!drawn[id] && id === 'chart-map') { stats.mapDrawnMs = Math.round(performance.now()); }
      if (id === 'chart-map-points') { mapPointPixels = null; } // found again at the next move of the pointer
      drawn[id] = (drawn[id] || 0) + 1;
      c.getDom().setAttribute('data-drawn', String(drawn[id]));
      if (first) { record('chartBuilds', 'maxChartBuildMs', started); } else {
        record('chartUpdates', 'maxChartMs', started);
        keep(stats.chartMs, performance.now() - started);
        if (id === 'chart-map') {
          // the update's own time, and when the next frame began after it: past one frame (~16.7 ms at 60 Hz) the
          // update, its style, layout and paint made the wall drop a frame
          keep(stats.mapMs, performance.now() - started);
          requestAnimationFrame(function () { keep(stats.mapFrameMs, performance.now() - started); });
        }
      }
    }
    requestAnimationFrame(drawOne);
  }
  var drawn = {};
  /** Keeps a time (ms, one decimal) in a list of the last 500: a wall runs for weeks. */
  function keep(list, ms) {
    list.push(Math.round(ms * 10) / 10);
    if (list.length > 500) { list.shift(); }
  }

  function renderCharts(msg) {
    lastCharts = msg;
    var started = performance.now();
    if (stats.firstChartsMs === null) { stats.firstChartsMs = Math.round(started); }
    var hourly = msg.hourly;
    COUNTS.forEach(function (c) {
      var values = { today: hourly.today.values[c[0]], yesterday: hourly.yesterday.values[c[0]] };
      var id = 'spark-' + c[0], key = JSON.stringify(values);
      if (sparkData[id] === key && charts[id]) { return; } // nothing moved in this chart
      sparkData[id] = key;
      draw(id, values);
      // beside the chart, yesterday's figure to compare with: by the same hour, and the whole day
      var hours = 0, byNow = 0, all = 0;
      values.today.forEach(function (v, h) { if (v !== null && v !== undefined) { hours = h + 1; } });
      values.yesterday.forEach(function (v, h) { all += v || 0; if (h < hours) { byNow += v || 0; } });
      document.getElementById('vs-' + c[0]).innerHTML = esc(t('yesterdayByNow')) + ' <b>' + fmt(byNow) + '</b> · ' +
        esc(t('yesterdayAll')) + ' <b>' + fmt(all) + '</b>';
    });
    renderCheckpointTable(msg.checkpoints || []);
    renderScreening(msg.screening);
    record('updates', 'maxUpdateMs', started);
  }

  /** The checkpoints' rows: the live charts', or the past day's. */
  function checkpointRows() {
    return (lastCharts && lastCharts.checkpoints) || (lastDay && lastDay.checkpoints) || [];
  }

  function renderCheckpointTable(rows) {
    document.getElementById('checkpoint-count').textContent = rows.length ? '(' + rows.length + ')' : '';
    document.querySelector('#checkpoint-table tbody').innerHTML = rows.slice(0, 60).map(function (r) {
      var last = r.minutes_since_last === null ? '—' : r.minutes_since_last + ' ' + t('minAgo');
      return '<tr class="' + r.status + '"><td>' + esc(r.name) + ' <small>' + esc(r.checkpoint_id) + '</small>' +
        (r.status !== 'reporting' ? ' <span class="status">' + esc(t(r.status)) + '</span>' : '') + '</td><td class="n">' +
        fmt(r.today.registered_persons) + '</td><td class="n">' + fmt(r.today.turned_back_persons) + '</td><td class="n' +
        (r.today.abnormal_temperatures > 0 ? ' bad' : '') + '">' + fmt(r.today.abnormal_temperatures) + '</td><td class="n">' + esc(last) + '</td></tr>';
    }).join('');
  }

  function renderScreening(s) {
    var tab = document.querySelector('[data-view="view-screening"]');
    tab.classList.toggle('hidden', !s);
    if (!s) { return; }
    var key = JSON.stringify(s);
    if (key === screeningData && charts['chart-progress']) { return; } // nothing moved
    screeningData = key;
    document.getElementById('progress-round').textContent = t('roundN', s.round);
    var days = 0;
    s.progress.forEach(function (r) { days = Math.max(days, r.days.length); });
    var x = []; for (var d = 1; d <= days; d++) { x.push(en ? 'day ' + d : '第' + d + '天'); }
    var series = [];
    s.progress.forEach(function (r) {
      var current = r.round === s.round;
      series.push({ name: t('coverage') + ' · ' + t('roundN', r.round), type: 'line', yAxisIndex: 0,
        data: r.days.map(function (p) { return p.coverage_pct; }), symbolSize: rem(0.5),
        label: { show: current, color: TEXT, fontSize: rem(0.9), formatter: '{c}%' },
        lineStyle: { color: current ? TODAY : YESTERDAY, width: rem(current ? 0.2 : 0.12), type: current ? 'solid' : 'dashed' },
        itemStyle: { color: current ? TODAY : YESTERDAY } });
      if (current) {
        series.push({ name: t('unvisited') + ' · ' + t('roundN', r.round), type: 'bar', yAxisIndex: 1,
          data: r.days.map(function (p) { return p.unvisited; }), barMaxWidth: rem(4), itemStyle: { color: 'rgba(255,179,0,.55)' } });
      }
    });
    draw('chart-progress', {
      animation: false, textStyle: { color: TEXT, fontSize: rem(0.85) },
      legend: { textStyle: { color: TEXT, fontSize: rem(0.9) }, itemWidth: rem(1.6), itemHeight: rem(0.8), top: 0 },
      grid: { left: rem(3.5), right: rem(3.5), top: rem(2.4), bottom: rem(1.8) }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: x, axisLabel: axisText() },
      yAxis: [{ type: 'value', min: 0, max: 100, axisLabel: Object.assign(axisText(), { formatter: '{value}%' }), splitLine: { lineStyle: { color: GRID } } },
        { type: 'value', min: 0, axisLabel: axisText(), splitLine: { show: false } }],
      series: series
    });
    draw('chart-compounds', bars(s.top_compounds.map(function (c) { return c.compound_name; }),
      s.top_compounds.map(function (c) { return c.unvisited; })));
    draw('chart-units', bars(s.top_units.map(function (u) { return u.responsible_unit; }),
      s.top_units.map(function (u) { return u.unvisited; })));
  }

  function bars(names, values) {
    return {
      animation: false, textStyle: { color: TEXT, fontSize: rem(0.85) }, tooltip: { trigger: 'axis' },
      grid: { left: rem(0.5), right: rem(2.6), top: rem(0.3), bottom: rem(0.3), containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: axisText(), splitLine: { lineStyle: { color: GRID } } },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: Object.assign(axisText(), { width: rem(12), overflow: 'truncate' }) },
      series: [{ type: 'bar', data: values, barMaxWidth: rem(1.6), itemStyle: { color: BAD },
        label: { show: true, position: 'right', color: TEXT, fontSize: rem(0.9) } }]
    };
  }

  var lastCharts = null, sparkData = {}, screeningData = null;
  window.addEventListener('resize', function () {
    sparkData = {};
    screeningData = null;
    Object.keys(charts).forEach(function (id) { charts[id].dispose(); delete charts[id]; }); // sizes in rem follow the new screen
    if (lastCharts) { renderCharts(lastCharts); }
  });

  // ---- fever alerts: today's stored ones when the wall (re)connects, new ones as they come; acknowledged from any wall ----
  var shownAlerts = {};
  function alertItem(a, fresh) {
    var li = shownAlerts[a.alert_id];
    if (!li) {
      li = document.createElement('li');
      li.dataset.alertId = a.alert_id;
      shownAlerts[a.alert_id] = li;
      var list = document.getElementById('alerts');
      list.insertBefore(li, list.firstChild);
      while (list.children.length > 50) { delete shownAlerts[list.lastChild.dataset.alertId]; list.removeChild(list.lastChild); }
    }
    li.className = (fresh ? 'new ' : '') + (a.status || 'new');
    li.innerHTML = '<span class="t">' + Number(a.temperature_c).toFixed(1) + ' ℃</span> ' + esc(where(a)) +
      ' <small>' + esc(C.time(a.occurred_at)) + ' · ' + esc(a.event_id) + '</small>' +
      (a.status === 'acknowledged' ? ' <small class="ack">' + esc(t('acknowledged')) + '</small>'
        : ' <button class="ack-button" type="button">' + esc(t('ack')) + '</button>');
    var button = li.querySelector('.ack-button');
    if (button) {
      button.onclick = function () {
        fetch(C.url('/api/v1/alerts/' + a.alert_id + '/ack'), { method: 'POST' })
          .then(function (r) { if (r.status === 204) { a.status = 'acknowledged'; alertItem(a, false); } });
      };
    }
    return li;
  }

  // a new fever: a flashing banner for 15 s and a short tone, unless the operator muted the sound (kept on this screen).
  // Browsers hold a page's audio until someone touches it (a kiosk can be started with Chromium's
  // --autoplay-policy=no-user-gesture-required): until then the wall says so on its sound button and plays nothing,
  // since a tone started on a held context never ends and would be kept by the browser for good.
  var muted = localStorage.getItem('cordon-muted') === '1';
  var muteButton = document.getElementById('mute');
  var audio = null;
  try { audio = new (window.AudioContext || window.webkitAudioContext)(); } catch (e) { /* no audio on this screen */ }
  function audible() { return !!audio && audio.state === 'running'; }
  function showMute() {
    muteButton.textContent = muted ? t('muted') : audible() || !audio ? t('soundOn') : t('soundBlocked');
  }
  if (audio) { audio.onstatechange = showMute; }
  function unblock() { if (audio && audio.state === 'suspended') { audio.resume().catch(function () { /* still held */ }); } }
  ['pointerdown', 'keydown'].forEach(function (type) { document.addEventListener(type, unblock, true); });
  // a click on "click to enable" lets the sound play; it does not mute it
  var blockedAtPress = false;
  muteButton.addEventListener('pointerdown', function () { blockedAtPress = !!audio && audio.state !== 'running'; });
  muteButton.onclick = function () {
    if (blockedAtPress && !muted) { blockedAtPress = false; return; }
    muted = !muted; localStorage.setItem('cordon-muted', muted ? '1' : '0'); showMute();
  };
  showMute();
  var bannerTimer = null;
  function beep() {
    if (muted || !audible()) { return; }
    var o = audio.createOscillator(), g = audio.createGain();
    o.frequency.value = 880; g.gain.value = 0.2;
    o.connect(g); g.connect(audio.destination);
    o.onended = function () { o.disconnect(); g.disconnect(); };
    o.start(); o.stop(audio.currentTime + 0.4);
  }
  // a checkpoint's fever names its checkpoint; a key person's fever at home names the person and their community
  function where(a) {
    if (a.kind === 'key_person_fever') { return t('keyPerson') + ' ' + a.person_id + (a.community ? ' · ' + a.community : ''); }
    // a checkpoint by its name (the code beside it), as the charts' rows have it
    var row = checkpointRows().filter(function (c) { return c.checkpoint_id === a.checkpoint_id; })[0];
    return row && row.name ? row.name + ' (' + a.checkpoint_id + ')' : a.checkpoint_id;
  }
  function feverBanner(a) {
    var b = document.getElementById('fever-banner');
    b.textContent = t('fever') + ': ' + Number(a.temperature_c).toFixed(1) + ' ℃ · ' + where(a) + ' · ' + C.time(a.occurred_at, true);
    b.classList.remove('hidden');
    clearTimeout(bannerTimer);
    bannerTimer = setTimeout(function () { b.classList.add('hidden'); }, 15000);
  }

  function renderAlert(a) {
    alertItem(a, true);
    if (a.checkpoint_id) {
      mapFevers[a.checkpoint_id] = Date.now() + 15000;
      if (geo && views[current] === 'view-map') {
        loadMap();
        setTimeout(function () { if (views[current] === 'view-map') { loadMap(); } }, 15100); // the pulse ends
      }
    }
    feverBanner(a);
    beep();
    var el = document.getElementById('tile-abnormal_temperatures');
    el.classList.add('alerting');
    setTimeout(function () { el.classList.remove('alerting'); }, 10000);
  }

  function loadStoredAlerts(attempt) {
    var query = { scope: scope && scope.indexOf('checkpoint:') !== 0 ? scope : null };
    if (lastDay) { query.since = lastDay.day_start; query.limit = 1000; }
    C.getJson('/api/v1/alerts', query).then(function (list) {
      list.slice().reverse().forEach(function (a) {
        if (scope.indexOf('checkpoint:') === 0 && a.checkpoint_id !== scope.slice(11)) { return; }
        if (lastDay && new Date(a.occurred_at) >= new Date(lastDay.day_end)) { return; } // the day after
        if (a.status !== 'withdrawn') { alertItem(a, false); }
      });
    }).catch(function () {
      // refused while the dashboard answers its bound of reads (429/503), or away: asked again a few times, spread out
      // so that walls reconnecting together do not come back together; after that, the next reconnect asks again
      var n = attempt || 0;
      if (n < 5) { setTimeout(function () { loadStoredAlerts(n + 1); }, (2 + Math.random() * 3) * 1000 * (n + 1)); }
    });
  }

  // ---- a past day: read once (and every 5 minutes: late events of that day still count unless it is frozen) ----
  var dayRead = null;
  function loadDay() {
    dayRead = C.getJson('/api/v1/days/' + day, { scope: scope || null }).then(function (d) {
      var first = !lastDay;
      lastDay = d;
      operationToday = d.today;
      dayInput.max = d.today;
      renderTiles({ as_of: null, tiles: d.tiles, checkpoint_names: d.checkpoint_names });
      document.getElementById('asof').textContent = d.date + ' ' + d.cutoff;
      document.getElementById('zone').textContent = '(' + d.timezone + ')';
      var mark = document.getElementById('history');
      mark.innerHTML = esc(t('history')) + ' · ' + esc(d.source === 'report' ? t('reportOfRecord', C.time(d.frozen_at, true))
        : d.cutoff === '24:00' ? t('dayEnd') : t('reportCutoff', d.cutoff)) +
        '<a id="back-to-live" href="' + esc(location.pathname + '?' + withoutDate()) + '">' + esc(t('backToLive')) + '</a>';
      var rows = d.checkpoints.map(function (c) {
        return Object.assign({ status: 'reporting', minutes_since_last: null }, c);
      }).sort(function (a, b) { return b.today.registered_persons - a.today.registered_persons; });
      renderCheckpointTable(rows);
      document.querySelector('[data-view="view-screening"]').classList.toggle('hidden', d.tiles.coverage_pct.value === null);
      // the export: the frozen file of record itself, or that day's snapshot as of the same cutoff
      document.getElementById('export').href = d.source === 'report'
        ? C.url('/api/v1/reports/' + d.date, { format: 'xlsx', scope: scope || null })
        : C.url('/api/v1/snapshot', { date: d.date, cutoff: d.cutoff, format: 'xlsx', lang: en ? 'en' : null, scope: scope || null });
      if (first) { loadStoredAlerts(0); }
      return d;
    });
    return dayRead;
  }
  function withoutDate() { var p = new URLSearchParams(location.search); p.delete('date'); return p.toString(); }
  if (history) {
    document.body.classList.add('is-history');
    document.getElementById('history').classList.remove('hidden');
    live = { connected: function () { return false; } };
    loadDay().catch(function (e) {
      // today (or a day to come) typed into the address is live, not history
      if (/today is live/.test(e.message)) { location.search = withoutDate(); return; }
      document.getElementById('history').textContent = t('history') + ' · ' + day + ' · ' + t('failed') + ': ' + e.message;
    });
    setInterval(function () { if (!lastDay || !lastDay.frozen) { loadDay().catch(function () { /* next time */ }); } }, 300000);
  } else live = C.socket('/ws/live', { scope: scope || null }, {
    open: function () { document.getElementById('banner').classList.add('hidden'); loadStoredAlerts(0); },
    close: function () { document.getElementById('banner').classList.remove('hidden'); },
    message: function (msg) {
      if (msg.type === 'tiles') { serverStale = false; renderTiles(msg); showStale(); }
      else if (msg.type === 'charts') { renderCharts(msg); }
      else if (msg.type === 'alert') { renderAlert(msg); }
      else if (msg.type === 'stale') { serverStale = true; showStale(); }
      else if (msg.type === 'alert_withdrawn' && shownAlerts[msg.alert_id]) {
        shownAlerts[msg.alert_id].remove();
        delete shownAlerts[msg.alert_id];
      } else if (msg.type === 'alert_acknowledged' && shownAlerts[msg.alert_id]) {
        shownAlerts[msg.alert_id].className = 'acknowledged';
        var b = shownAlerts[msg.alert_id].querySelector('.ack-button');
        if (b) { b.outerHTML = '<small class="ack">' + esc(t('acknowledged')) + '</small>'; }
      }
    }
  });

  // STALE: the server said its figures cannot be read now (ClickHouse frozen or away), or no tiles came for 15 s
  function showStale() {
    if (history) { return; } // a past day is not live: never stale
    var stale = serverStale || (lastAsOf && Date.now() - lastAsOf > STALE_AFTER_MS);
    document.getElementById('stale').classList.toggle('hidden', !stale);
    document.body.classList.toggle('is-stale', !!stale);
  }
  setInterval(showStale, 1000);

  // ---- views: the checkpoints, the screening, the compounds most in need of a visit; kiosk mode takes turns ----
  var views = ['view-checkpoints', 'view-map', 'view-screening', 'view-trend', 'view-compounds', 'view-areas'], current = 0;
  var areaScope = scope.indexOf('checkpoint:') === 0 ? null : (scope || null);
  if (scope.indexOf('checkpoint:') === 0) { // a checkpoint holds no area
    views.pop();
    document.querySelector('[data-view="view-areas"]').classList.add('hidden');
  }
  function loadWorst() {
    return (history ? dayRead : C.getJson('/api/v1/compounds', { order: 'coverage', scope: areaScope }))
      .then(function (r) {
        document.getElementById('compounds-round').textContent = r.round ? '· ' + t('roundN', r.round) : '';
        document.querySelector('#worst tbody').innerHTML = r.compounds.slice(0, 12).map(function (c) {
          return '<tr><td>' + esc(c.compound_name) + '</td><td>' + esc(c.community) + '</td><td>' + esc(c.responsible_unit) +
            '</td><td class="n' + (c.coverage_pct < 60 ? ' low' : '') + '">' + c.coverage_pct.toFixed(1) + '%</td><td class="n">' + fmt(c.unvisited) +
            '</td><td class="n' + (c.revisit_overdue ? ' od' : '') + '">' + fmt(c.revisit_overdue) + '</td></tr>';
        }).join('');
      });
  }
  /** The areas one level down, worst first: a touch on one opens its own wall (a street's wall needs no typing). */
  function loadAreas() {
    // the sign-offs of today's report once frozen (else yesterday's): which areas below have not reported, or late
    function signOffs(day) {
      return C.getJson('/api/v1/reports/' + day + '/sign-offs', { include: 'unsigned' });
    }
    function before(day) {
      var d = new Date(day + 'T12:00:00Z');
      d.setUTCDate(d.getUTCDate() - 1);
      return d.toISOString().slice(0, 10);
    }
    if (history) { // that day's areas, and its report's sign-offs
      return dayRead.then(function (d) {
        return signOffs(d.date).catch(function () { return []; }).then(function (list) { return [d, list]; });
      }).then(renderAreas);
    }
    return C.getJson('/api/v1/areas', { within: areaScope }).then(function (r) {
      var today = r.as_of.slice(0, 10); // the operation's date, never the browser's
      return signOffs(today).catch(function () { return signOffs(before(today)); }).catch(function () { return []; })
        .then(function (list) { return [r, list]; });
    }).then(renderAreas);
  }
  function renderAreas(both) {
    var r = both[0], reported = {};
    both[1].forEach(function (s) {
      reported[s.area] = s.status === 'signed' ? (s.on_time ? ['ok', t('signedOk')] : ['late', t('signedLate')])
        : s.status === 'returned' ? ['late', t('returnedBack')] : ['no', t('notReported')];
    });
    document.getElementById('areas-round').textContent = r.round ? '· ' + t('roundN', r.round) : '';
    document.querySelector('#areas tbody').innerHTML = r.areas.slice(0, 15).map(function (a) {
      var p = new URLSearchParams(location.search);
      p.set('scope', a.area);
      var name = a.area.indexOf('grid:') === 0 ? esc(a.name) // a grid is read, not opened
        : '<a href="?' + esc(p.toString()) + '">' + esc(a.name) + '</a>';
      return '<tr><td>' + name + '</td><td class="n' + (a.coverage_pct < 60 ? ' low' : '') + '">' + a.coverage_pct.toFixed(1) +
        '%</td><td class="n">' + fmt(a.households) + '</td><td class="n">' + fmt(a.unvisited) +
        '</td><td class="n' + (a.revisit_overdue ? ' od' : '') + '">' + fmt(a.revisit_overdue) + '</td><td class="reported ' +
        (reported[a.area] ? reported[a.area][0] : '') + '">' + (reported[a.area] ? esc(reported[a.area][1]) : '') + '</td></tr>';
    }).join('');
  }
  // ---- the area picker: the wall's area, the one above it and the areas one level down, chosen without typing ----
  function parentOf(area) {
    if (!area || area === 'all' || area.indexOf('unit:') === 0 || area.indexOf('district:') === 0) {
      return area && area !== 'all' ? 'all' : null;
    }
    var kind = area.slice(0, area.indexOf(':')), names = area.slice(kind.length + 1).split('/');
    return kind === 'street' ? 'district:' + names[0] : 'street:' + names[0] + '/' + names[1];
  }
  function loadPicker() {
    var picker = document.getElementById('area-picker');
    var here = areaScope || '';
    var options = ['<option value="' + esc(here) + '" selected>' + esc(here || t('all')) + '</option>'];
    // up only from an area chosen below the wall's first one (the token's own area has nothing above it to show)
    var up = params.get('scope') ? parentOf(here) : null;
    if (up) { options.push('<option value="' + esc(up) + '">↑ ' + esc(up === 'all' ? t('all') : up) + '</option>'); }
    picker.innerHTML = options.join('');
    if (scope.indexOf('checkpoint:') === 0 || here.indexOf('community:') === 0) { return; }
    C.getJson('/api/v1/areas', { within: areaScope }).then(function (r) {
      picker.innerHTML = options.concat(r.areas.filter(function (a) { return a.area.indexOf('grid:') !== 0; })
        .map(function (a) { return '<option value="' + esc(a.area) + '">↓ ' + esc(a.name) + '</option>'; })).join('');
    }).catch(function () { /* the picker keeps the wall's own area */ });
  }
  document.getElementById('area-picker').onchange = function (e) {
    if (e.target.value === 'all') { var p = new URLSearchParams(location.search); p.delete('scope'); location.search = p.toString(); return; }
    openArea(e.target.value);
  };
  loadPicker();

  // ---- the map: the city's districts (CORDON_MAP_FILE; tiles when there is none), coloured by a chosen figure; the
  // checkpoints at their coordinates, sized by today's persons, grey when silent or closed; a fever pulsing for 15 s
  // where it happened; a click on a district opens its wall ----
  var mapFigure = document.getElementById('map-figure');
  mapFigure.value = params.get('map') || 'coverage_pct';
  var geo = null, mapDistricts = null, mapFevers = {}, mapPoints = null;
  function loadMap() {
    if (stats.mapAskedMs === null) { stats.mapAskedMs = Math.round(performance.now()); }
    if (!geo) {
      geo = fetch('/maps/city.geojson').then(function (r) { return r.ok ? r.json() : null; })
        .then(function (g) { if (g && window.echarts) { window.echarts.registerMap('city', g); } return !!g; })
        .catch(function () { return false; });
    }
    // the districts' own figures: for a wall of the city (an area's wall colours its own area from its tiles)
    var districts = history
      ? dayRead.then(function (d) { return d.scope === 'all' ? d.areas : ownArea(d.tiles); }).catch(function () { return []; })
      : !areaScope || areaScope === 'all'
      ? C.getJson('/api/v1/areas', { level: 'district' }).then(function (r) { return r.areas; }).catch(function () { return []; })
      : Promise.resolve(ownArea(lastTileSet));
    return Promise.all([geo, districts]).then(function (both) {
      mapDistricts = both[1];
      renderMap(both[0]);
    });
  }
  /**
   * An area's wall (a district, a street, a community) colours its own district on the map from its own tiles: the
   * figures of the wall's area, named in the tooltip; a unit's wall has no place on the map.
   */
  function ownArea(tiles) {
    if (!areaScope || areaScope.indexOf('unit:') === 0 || !tiles) { return []; }
    var names = areaScope.slice(areaScope.indexOf(':') + 1).split('/'), kp = tiles.key_persons || {};
    return [{ name: names[0], area: areaScope, own: true, label: names.join(' · '),
      coverage_pct: tiles.coverage_pct ? tiles.coverage_pct.value : null,
      unvisited: tiles.unvisited_homes ? tiles.unvisited_homes.value : null,
      follow_up_overdue: kp.follow_up_overdue }];
  }
  function districtValue(a, figure) {
    if (figure === 'fevers') {
      return checkpointRows().filter(function (c) { return c.district === a.name; })
        .reduce(function (n, c) { return n + c.today.abnormal_temperatures; }, 0);
    }
    return a[figure];
  }
  function openArea(area) {
    var p = new URLSearchParams(location.search);
    p.set('scope', area);
    location.search = p.toString();
  }
  function renderMap(hasGeo) {
    var figure = mapFigure.value, districts = mapDistricts || [];
    var data = districts.map(function (a) {
      return { name: a.name, value: districtValue(a, figure), area: a.area, own: !!a.own,
        tooltip: a.own ? { formatter: esc(a.label) + ': {c}' } : undefined };
    });
    var values = data.map(function (d) { return d.value; });
    var max = Math.max.apply(null, values.concat([figure === 'coverage_pct' ? 100 : 1]));
    var good = '#2e7d32', bad = '#c62828';
    var tiles = document.getElementById('map-tiles');
    tiles.classList.toggle('hidden', hasGeo);
    document.getElementById('map-layers').classList.toggle('hidden', !hasGeo);
    if (!hasGeo) { // no map of this city: the districts as tiles
      tiles.innerHTML = data.map(function (d) {
        return '<div class="district" data-area="' + esc(d.area) + '">' + esc(d.name) + '<b>' + (figure === 'coverage_pct'
          ? Number(d.value).toFixed(1) + '%' : fmt(d.value)) + '</b></div>';
      }).join('') || '<div class="dim">' + esc(t('none')) + '</div>';
      return;
    }
    var now = Date.now(), points = [], fevers = [];
    ((lastCharts && lastCharts.checkpoints) || []).forEach(function (c) {
      if (c.longitude === null || c.latitude === null || c.longitude === undefined) { return; }
      points.push({ name: c.name, value: [c.longitude, c.latitude, c.today.registered_persons],
        itemStyle: { color: c.status === 'reporting' ? TODAY : '#78909c' } });
      if (mapFevers[c.checkpoint_id] > now) { fevers.push({ name: c.name, value: [c.longitude, c.latitude] }); }
    });
    var biggest = Math.max.apply(null, points.map(function (p) { return p.value[2]; }).concat([1]));
    points.forEach(function (p) { p.symbolSize = rem(0.4) + rem(1.4) * Math.sqrt(p.value[2] / biggest); });
    var range = { color: figure === 'coverage_pct' ? [bad, '#f9a825', good] : [good, '#f9a825', bad] };
    // once drawn, only what moves: the colours' range and the districts' values. The outlines, their projection and
    // the labels stay as they are (a whole option again made each update re-lay the city's outlines: ~130 ms).
    // The points lie on a layer of their own, above the map, drawn again only when they moved (today's persons, a
    // checkpoint turning silent, a fever's pulse): each update of the districts rebuilt the 500 points with them, half
    // its time, and a fever's pulse repainted the whole map at every frame
    draw('chart-map', charts['chart-map'] ? {
      visualMap: { min: 0, max: max, inRange: range },
      series: [{ data: data }]
    } : {
      animation: false,
      tooltip: { trigger: 'item' },
      // the colours' scale is the page's own (below): the component's bar and texts, drawn again at every update,
      // cost a quarter of it
      visualMap: { show: false, min: 0, max: max, calculable: false, seriesIndex: 0, inRange: range },
      geo: { map: 'city', roam: false, label: { show: false },
        itemStyle: { areaColor: '#1d2733', borderColor: '#5b6b7d' }, emphasis: { label: { show: false } } },
      series: [{ type: 'map', map: 'city', geoIndex: 0, data: data }]
    });
    var legend = document.getElementById('map-legend');
    legend.querySelector('i').style.background = 'linear-gradient(to top, ' + range.color.join(', ') + ')';
    legend.querySelector('.hi').textContent = figure === 'coverage_pct' ? max + '%' : fmt(max);
    legend.querySelector('.lo').textContent = figure === 'coverage_pct' ? '0%' : '0';
    var pointsNow = JSON.stringify([points, fevers]);
    if (pointsNow !== mapPoints) {
      mapPoints = pointsNow;
      // the same map, laid out the same way in a box of the same size, so that a point falls where it lies; nothing
      // of it drawn but the districts' names and the points (the names here, not below: a re-colouring of the
      // districts then leaves them be), and the layer lets every touch through to the districts below
      mapPointList = points;
      mapPointPixels = null;
      draw('chart-map-points', charts['chart-map-points'] ? { series: [{ data: points }, { data: fevers }] } : {
        animation: false,
        tooltip: { trigger: 'item' },
        geo: { map: 'city', roam: false, silent: true, label: { show: true, color: '#fff', fontSize: rem(0.9) },
          itemStyle: { areaColor: 'transparent', borderColor: 'transparent' }, emphasis: { disabled: true } },
        series: [
          { type: 'scatter', coordinateSystem: 'geo', data: points },
          { type: 'effectScatter', coordinateSystem: 'geo', data: fevers, symbolSize: rem(1.6), silent: true,
            itemStyle: { color: BAD }, rippleEffect: { scale: 4 } }
        ]
      });
    }
    var c = chart('chart-map');
    if (c && !c.cordonClick) {
      c.cordonClick = true;
      c.on('click', function (e) {
        var d = (mapDistricts || []).filter(function (a) { return a.name === e.name; })[0];
        if (d && !d.own) { openArea(d.area); } // the wall's own area is open already
      });
    }
  }
  // the upper layer lets the pointer through: a checkpoint's tooltip is found here, by the nearest point under it
  var mapPointList = [], mapPointPixels = null;
  document.getElementById('map-layers').addEventListener('mousemove', function (e) {
    var top = charts['chart-map-points'];
    if (!top || !mapPointList.length) { return; }
    if (!mapPointPixels) {
      mapPointPixels = mapPointList.map(function (p) { return top.convertToPixel({ geoIndex: 0 }, [p.value[0], p.value[1]]); });
    }
    var box = e.currentTarget.getBoundingClientRect(), x = e.clientX - box.left, y = e.clientY - box.top;
    var best = -1, bestD = rem(0.8) * rem(0.8);
    mapPointPixels.forEach(function (px, i) {
      var d = (px[0] - x) * (px[0] - x) + (px[1] - y) * (px[1] - y);
      if (d < bestD) { bestD = d; best = i; }
    });
    top.dispatchAction(best >= 0 ? { type: 'showTip', seriesIndex: 0, dataIndex: best } : { type: 'hideTip' });
  });
  window.addEventListener('resize', function () { mapPointPixels = null; });
  mapFigure.onchange = function () { loadMap(); };
  // the districts' figures move slowly: read again every 30 s while the map is shown
  setInterval(function () { if (views[current] === 'view-map') { loadMap().catch(function () { /* next time */ }); } }, 30000);
  document.getElementById('map-tiles').addEventListener('click', function (e) {
    var d = e.target.closest('.district');
    if (d && d.getAttribute('data-area') !== areaScope) { openArea(d.getAttribute('data-area')); }
  });

  // ---- the campaign's days: the seven counts of each of the last 14 or 28 days (today so far), one line each ----
  var trendDays = document.getElementById('trend-days');
  Array.prototype.forEach.call(trendDays.options, function (o) { o.textContent = t('lastDays').replace('{0}', o.value); });
  trendDays.value = params.get('days') === '28' ? '28' : '14';
  var lastTrend = null;
  function loadTrend() {
    return C.getJson('/api/v1/trend', { scope: scope || null, days: trendDays.value }).then(function (trend) {
      lastTrend = trend;
      var labels = trend.days.map(function (d) { return d.slice(5); }); // MM-DD
      draw('chart-trend', {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { color: TEXT, fontSize: rem(0.85) } },
        grid: { left: rem(3.5), right: rem(1), top: rem(3), bottom: rem(2) },
        xAxis: { type: 'category', data: labels, axisLabel: axisText(), axisLine: { lineStyle: { color: GRID } } },
        yAxis: { type: 'value', axisLabel: axisText(), splitLine: { lineStyle: { color: GRID } } },
        series: COUNTS.map(function (c) {
          return { name: en ? c[2] : c[1], type: 'line', data: trend.values[c[0]], symbolSize: rem(0.4) };
        })
      });
    });
  }
  trendDays.onchange = function () { loadTrend(); };
  // days move slowly: read again every 30 s while the trend is shown
  setInterval(function () { if (views[current] === 'view-trend') { loadTrend().catch(function () { /* next time */ }); } }, 30000);

  function show(index) {
    var next = views[index];
    var load = next === 'view-compounds' ? loadWorst() : next === 'view-areas' ? loadAreas()
      : next === 'view-map' ? loadMap() : next === 'view-trend' ? loadTrend() : Promise.resolve();
    return load.then(function () {
      views.forEach(function (v) { document.getElementById(v).classList.toggle('hidden', v !== next); });
      document.querySelectorAll('#view-tabs button').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-view') === next); });
      current = index;
      // a chart drawn while hidden has no size: fit every chart to its box now
      Object.keys(charts).forEach(function (id) { charts[id].resize(); });
      mapPointPixels = null;
      Object.keys(hidden).forEach(function (id) { draw(id, hidden[id]); }); // what changed while they were hidden
    });
  }
  document.querySelectorAll('#view-tabs button').forEach(function (b) {
    b.onclick = function () { show(views.indexOf(b.getAttribute('data-view'))); };
  });
  show(0);
  if (kiosk) {
    setInterval(function () {
      var next = (current + 1) % views.length;
      if (views[next] === 'view-screening' && document.querySelector('[data-view="view-screening"]').classList.contains('hidden')) {
        next = (next + 1) % views.length; // no screening in this scope
      }
      show(next).catch(function () { /* stay on the current view; the next turn tries again */ });
    }, Number(params.get('rotate') || 20) * 1000);
  }

  window.cordonWall = {
    state: function () { return { lastValues: lastValues, connected: live.connected(), trend: lastTrend, day: lastDay }; },
    stats: function () { return stats; },
    chart: function (id) { return charts[id] ? charts[id].getOption() : null; }
  };
})();
