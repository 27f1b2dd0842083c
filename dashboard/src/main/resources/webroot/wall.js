// Cordon wall display: tiles over a websocket, fever alerts, silent checkpoints, a stale mark and a
// disconnected banner that clears itself when the automatic reconnect succeeds.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  // no scope in the address: the token's own (the whole city for an unscoped token, its district for a district's)
  var scope = params.get('scope') || '';
  var token = params.get('token');
  var kiosk = params.get('kiosk') === '1';
  var STALE_AFTER_MS = 15000;
  // the seven checkpoint counts come from the server's one definition (CheckpointCount, served as counts.js)
  var TILES = window.CORDON_CHECKPOINT_COUNTS.concat([
    ['unvisited_homes', '未访户数', 'Unvisited homes'],
    ['revisit_overdue', '逾期未复访', 'Revisits overdue'],
    ['coverage_pct', '排查覆盖率', 'Screening coverage']
  ]);
  var lastAsOf = 0, lastValues = {}, socket = null, retry = 500, serverStale = false;

  if (kiosk) { document.body.classList.add('kiosk'); }
  document.getElementById('scope').value = scope;
  document.getElementById('apply').onclick = function () {
    var asked = document.getElementById('scope').value.trim();
    if (asked) { params.set('scope', asked); } else { params.delete('scope'); }
    location.search = params.toString();
  };
  // today's and past reports of record are listed in the inspection view
  document.getElementById('reports').href = '/inspect' + (token ? '?token=' + encodeURIComponent(token) : '') + '#reports';
  document.getElementById('export').href = '/api/v1/snapshot?format=xlsx' +
    (scope.indexOf('checkpoint:') === 0 || !scope ? '' : '&scope=' + encodeURIComponent(scope)) +
    (token ? '&token=' + encodeURIComponent(token) : '');

  var tilesEl = document.getElementById('tiles');
  TILES.forEach(function (t) {
    var div = document.createElement('div');
    div.className = 'tile hidden';
    div.id = 'tile-' + t[0];
    div.innerHTML = '<h3>' + t[1] + ' <span class="unit">' + t[2] + '</span></h3><div class="big">—</div>' +
      '<div class="windows"></div>';
    tilesEl.appendChild(div);
  });

  function fmt(n) { return n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US'); }

  // the counting is behind the event log (overload, or after an outage): the figures are catching up
  function renderBehind(counting) {
    var el = document.getElementById('behind');
    var behind = counting && counting.behind_s > 15;
    el.classList.toggle('hidden', !behind);
    if (behind) { el.textContent = '追赶中 catching up · ' + fmt(counting.behind_s) + ' s'; }
  }

  function renderTiles(msg) {
    lastAsOf = Date.now();
    renderBehind(msg.counting);
    document.getElementById('asof').textContent = msg.as_of.replace('T', ' ').slice(0, 19);
    var tiles = msg.tiles;
    TILES.forEach(function (t) {
      var v = tiles[t[0]], el = document.getElementById('tile-' + t[0]);
      if (!v) { return; }
      el.classList.remove('hidden');
      var big = el.querySelector('.big'), win = el.querySelector('.windows'), key = JSON.stringify(v);
      if ('today' in v) {
        big.innerHTML = fmt(v.today) + ' <span class="unit">今日 today</span>';
        win.innerHTML = '<span>15 分钟<b>' + fmt(v.last_15m) + '</b></span><span>1 小时<b>' + fmt(v.last_1h) +
          '</b></span><span>累计 total<b>' + fmt(v.cumulative) + '</b></span>';
      } else {
        var val = v.value === null || v.value === undefined ? '—' : (t[0] === 'coverage_pct' ? Number(v.value).toFixed(1) + '%' : fmt(v.value));
        big.textContent = val;
        win.innerHTML = '<span>轮次 round<b>' + (v.round === null || v.round === undefined ? '—' : v.round) + '</b></span>';
      }
      // what needs action stands out: fevers today, overdue revisits
      var attention = (t[0] === 'abnormal_temperatures' && v.today > 0) || (t[0] === 'revisit_overdue' && v.value > 0);
      el.classList.toggle('attention', !!attention);
      if (lastValues[t[0]] !== undefined && lastValues[t[0]] !== key) {
        el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
      }
      lastValues[t[0]] = key;
    });
    var silent = tiles.silent_checkpoints || [], names = msg.checkpoint_names || {}, list = document.getElementById('silent');
    list.innerHTML = silent.length ? silent.map(function (id) {
      return '<li>' + escapeHtml(names[id] || id) + (names[id] ? ' <small>' + escapeHtml(id) + '</small>' : '') + '</li>';
    }).join('') : '<li class="none">none 无</li>';
  }

  // fever alerts: today's stored ones when the wall (re)connects, new ones as they come; acknowledged from any wall
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
    li.innerHTML = '<span class="t">' + Number(a.temperature_c).toFixed(1) + ' ℃</span> ' + escapeHtml(a.checkpoint_id) +
      '<br><small>' + escapeHtml(a.occurred_at.replace('T', ' ').slice(0, 19)) + ' · ' + escapeHtml(a.event_id) + '</small>' +
      (a.status === 'acknowledged' ? ' <small class="ack">已确认 acknowledged</small>'
        : ' <button class="ack-button" type="button">确认 Ack</button>');
    var button = li.querySelector('.ack-button');
    if (button) {
      button.onclick = function () {
        fetch('/api/v1/alerts/' + a.alert_id + '/ack' + (token ? '?token=' + encodeURIComponent(token) : ''), { method: 'POST' })
          .then(function (r) { if (r.status === 204) { a.status = 'acknowledged'; alertItem(a, false); } });
      };
    }
    return li;
  }

  // a new fever: a flashing banner for 15 s and a short tone, unless the operator muted the sound (kept on this screen)
  var muted = localStorage.getItem('cordon-muted') === '1';
  var muteButton = document.getElementById('mute');
  function showMute() { muteButton.textContent = muted ? '🔕 静音 Muted' : '🔔 声音 Sound on'; }
  muteButton.onclick = function () { muted = !muted; localStorage.setItem('cordon-muted', muted ? '1' : '0'); showMute(); };
  showMute();
  var bannerTimer = null, audio = null;
  function beep() {
    if (muted) { return; }
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var o = audio.createOscillator(), g = audio.createGain();
      o.frequency.value = 880; g.gain.value = 0.2;
      o.connect(g); g.connect(audio.destination);
      o.start(); o.stop(audio.currentTime + 0.4);
    } catch (e) { /* no audio on this screen */ }
  }
  function feverBanner(a) {
    var b = document.getElementById('fever-banner');
    b.textContent = '发热警报 Fever: ' + Number(a.temperature_c).toFixed(1) + ' ℃ · ' + a.checkpoint_id + ' · ' +
      a.occurred_at.replace('T', ' ').slice(0, 19);
    b.classList.remove('hidden');
    clearTimeout(bannerTimer);
    bannerTimer = setTimeout(function () { b.classList.add('hidden'); }, 15000);
  }

  function renderAlert(a) {
    alertItem(a, true);
    feverBanner(a);
    beep();
    var tile = document.getElementById('tile-abnormal_temperatures');
    tile.classList.add('alerting');
    setTimeout(function () { tile.classList.remove('alerting'); }, 10000);
  }

  function loadStoredAlerts() {
    var query = [];
    if (scope && scope.indexOf('checkpoint:') !== 0) { query.push('scope=' + encodeURIComponent(scope)); }
    if (token) { query.push('token=' + encodeURIComponent(token)); }
    fetch('/api/v1/alerts' + (query.length ? '?' + query.join('&') : '')).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) {
        list.slice().reverse().forEach(function (a) {
          if (scope.indexOf('checkpoint:') === 0 && a.checkpoint_id !== scope.slice(11)) { return; }
          if (a.status !== 'withdrawn') { alertItem(a, false); }
        });
      }).catch(function () { /* the next reconnect tries again */ });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]; });
  }

  function connect() {
    var query = [];
    if (scope) { query.push('scope=' + encodeURIComponent(scope)); }
    if (token) { query.push('token=' + encodeURIComponent(token)); }
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/live' +
      (query.length ? '?' + query.join('&') : '');
    socket = new WebSocket(url);
    socket.onopen = function () { retry = 500; document.getElementById('banner').classList.add('hidden'); loadStoredAlerts(); };
    socket.onmessage = function (e) {
      var msg = JSON.parse(e.data);
      if (msg.type === 'tiles') { serverStale = false; renderTiles(msg); showStale(); } else if (msg.type === 'alert') { renderAlert(msg); }
      else if (msg.type === 'stale') { serverStale = true; showStale(); }
      else if (msg.type === 'alert_withdrawn' && shownAlerts[msg.alert_id]) {
        shownAlerts[msg.alert_id].remove();
        delete shownAlerts[msg.alert_id];
      }
      else if (msg.type === 'alert_acknowledged' && shownAlerts[msg.alert_id]) {
        shownAlerts[msg.alert_id].className = 'acknowledged';
        var b = shownAlerts[msg.alert_id].querySelector('.ack-button');
        if (b) { b.outerHTML = '<small class="ack">已确认 acknowledged</small>'; }
      }
    };
    socket.onclose = function () {
      document.getElementById('banner').classList.remove('hidden');
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  // STALE: the server said its figures cannot be read now (ClickHouse frozen or away), or no tiles came for 15 s
  function showStale() {
    var stale = serverStale || (lastAsOf && Date.now() - lastAsOf > STALE_AFTER_MS);
    document.getElementById('stale').classList.toggle('hidden', !stale);
    document.body.classList.toggle('is-stale', !!stale);
  }
  setInterval(showStale, 1000);

  // kiosk mode: no controls, and the views take turns (tiles, then the compounds most in need of a visit)
  var views = ['view-tiles', 'view-compounds'], current = 0;
  function loadWorst() {
    var scopeDistrict = scope.indexOf('district:') === 0 ? '&district=' + encodeURIComponent(scope.slice(9)) : '';
    return fetch('/api/v1/compounds?order=coverage' + scopeDistrict + (token ? '&token=' + encodeURIComponent(token) : ''))
      .then(function (r) { return r.json(); }).then(function (r) {
        document.getElementById('compounds-round').textContent = r.round ? '· 第 ' + r.round + ' 轮 round ' + r.round : '';
        document.querySelector('#worst tbody').innerHTML = r.compounds.slice(0, 12).map(function (c) {
          return '<tr><td>' + escapeHtml(c.compound_name) + '</td><td>' + escapeHtml(c.community) + '</td><td>' + escapeHtml(c.responsible_unit) +
            '</td><td class="n' + (c.coverage_pct < 60 ? ' low' : '') + '">' + c.coverage_pct.toFixed(1) + '%</td><td class="n">' + fmt(c.unvisited) +
            '</td><td class="n' + (c.revisit_overdue ? ' od' : '') + '">' + fmt(c.revisit_overdue) + '</td></tr>';
        }).join('');
      });
  }
  if (kiosk) {
    setInterval(function () {
      var next = (current + 1) % views.length;
      (views[next] === 'view-compounds' ? loadWorst() : Promise.resolve()).then(function () {
        document.getElementById(views[current]).classList.add('hidden');
        document.getElementById(views[next]).classList.remove('hidden');
        current = next;
      }).catch(function () { /* stay on the current view; the next turn tries again */ });
    }, Number(params.get('rotate') || 20) * 1000);
  }

  window.cordonWall = { state: function () { return { lastValues: lastValues, connected: socket && socket.readyState === 1 }; } };
  connect();
})();
