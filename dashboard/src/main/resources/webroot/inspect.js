// Cordon inspection view: compounds ranked worst coverage first, filters kept in the URL, drill-down to households,
// and the overdue revisits to act on, oldest first.
(function () {
  'use strict';
  var C = window.Cordon, params = C.params, token = C.token;
  var form = document.getElementById('filters');
  var FILTERS = ['district', 'street', 'community', 'round', 'order'];
  var all = [];

  FILTERS.forEach(function (f) { if (params.get(f)) { form.elements[f].value = params.get(f); } });

  function q(extra) {
    var p = new URLSearchParams();
    FILTERS.forEach(function (f) { if (form.elements[f].value) { p.set(f, form.elements[f].value); } });
    if (token) { p.set('token', token); }
    if (C.lang === 'en') { p.set('lang', 'en'); }
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p.toString();
  }
  // shared with the wall (common.js): escaping, the token as ?token= in every request (never also a header), times
  // in the operation's zone as the server wrote them
  var esc = C.escapeHtml;
  function time(s) { return s ? s.replace('T', ' ').slice(5, 16) : '—'; }
  function getJson(url) { return C.getJson(url); }
  function options(select, values) {
    var current = select.value || params.get(select.name) || '';
    var list = Array.from(new Set(values.filter(Boolean))).sort();
    select.innerHTML = '<option value="">全部 all</option>' + list.map(function (v) {
      return '<option' + (v === current ? ' selected' : '') + '>' + esc(v) + '</option>';
    }).join('');
  }

  function loadFilters() {
    // the choices come from the whole registry, narrowed by the levels above
    return getJson('/api/v1/compounds?order=name').then(function (r) {
      all = r.compounds;
      var d = form.elements.district.value, s = form.elements.street.value;
      options(form.elements.district, all.map(function (c) { return c.district; }));
      options(form.elements.street, all.filter(function (c) { return !d || c.district === d; }).map(function (c) { return c.street; }));
      options(form.elements.community, all.filter(function (c) { return (!d || c.district === d) && (!s || c.street === s); }).map(function (c) { return c.community; }));
    });
  }

  function load() {
    history.replaceState(null, '', '/inspect?' + q());
    document.getElementById('csv').href = '/api/v1/compounds?' + q({ format: 'csv' });
    getJson('/api/v1/compounds?' + q()).then(function (r) {
      // the server's time in the operation's time zone (CORDON_TIMEZONE), never the browser's clock
      document.getElementById('status').textContent = '轮次 round ' + (r.round === null ? '—' : r.round) + ' · 截至 as of ' +
        (r.as_of ? r.as_of.replace('T', ' ').slice(0, 19) + ' (' + r.timezone + ', UTC' + r.as_of.slice(19) + ')' : '—');
      document.getElementById('count').textContent = '(' + r.compounds.length + ')';
      var body = document.querySelector('#compounds tbody');
      body.innerHTML = r.compounds.map(function (c) {
        var cls = c.coverage_pct < 60 ? 'low' : c.coverage_pct < 95 ? 'mid' : 'high';
        return '<tr data-id="' + esc(c.compound_id) + '"><td data-label="小区">' + esc(c.compound_name) + '</td><td data-label="社区">' + esc(c.community) +
          '</td><td data-label="包抓单位">' + esc(c.responsible_unit) + '</td><td class="n" data-label="户数">' + c.households +
          '</td><td class="n cov ' + cls + '" data-label="覆盖率">' + c.coverage_pct.toFixed(1) + '%</td><td class="n" data-label="未访">' + c.unvisited +
          '</td><td class="n' + (c.revisit_overdue ? ' od' : '') + '" data-label="逾期">' + c.revisit_overdue + '</td></tr>';
      }).join('');
    }).catch(function (e) { document.getElementById('status').textContent = '读取失败 failed: ' + e.message; });
    getJson('/api/v1/revisits/overdue?' + q()).then(function (r) {
      document.getElementById('overdue').innerHTML = r.households.length ? r.households.map(function (h) {
        return '<li><b>' + esc(h.compound_name) + '</b> ' + esc([h.building, h.unit, h.room].filter(Boolean).join('-')) +
          ' <span class="dim">(' + esc(h.household_id) + ')</span><br>最后 last ' + esc(h.latest_outcome) + ' ' + time(h.latest_visited_at) +
          ' · ' + esc(h.team_id || '') + ' · <span class="od">逾期 ' + Math.floor(h.overdue_minutes / 60) + ' h ' + (h.overdue_minutes % 60) + ' min</span></li>';
      }).join('') : '<li class="dim">none 无</li>';
    });
  }

  function detail(id) {
    getJson('/api/v1/compounds/' + encodeURIComponent(id) + '/households?' + q()).then(function (r) {
      document.getElementById('detail').classList.remove('hidden');
      document.getElementById('detail-title').textContent = r.compound_name;
      document.getElementById('detail-meta').textContent = [r.district, r.street, r.community, r.responsible_unit].filter(Boolean).join(' · ');
      var byBuilding = {};
      r.households.forEach(function (h) { (byBuilding[h.building || '—'] = byBuilding[h.building || '—'] || []).push(h); });
      document.getElementById('buildings').innerHTML = Object.keys(byBuilding).map(function (b) {
        return '<div class="building"><h3>' + esc(b) + ' 栋</h3>' + byBuilding[b].map(function (h) {
          return '<div class="hh ' + h.status + (h.revisit_overdue ? ' overdue' : '') + '"><b>' + esc([h.unit, h.room].filter(Boolean).join('-') || h.household_id) +
            '</b><span>' + esc(h.latest_outcome || '未访 never visited') + ' ' + time(h.latest_visited_at) + ' ' + esc(h.team_id || '') +
            (h.revisit_overdue ? ' <span class="od">逾期 overdue</span>' : '') + '</span></div>';
        }).join('') + '</div>';
      }).join('');
    });
  }

  document.querySelector('#compounds tbody').addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    if (!tr) { return; }
    document.querySelectorAll('#compounds tr.selected').forEach(function (x) { x.classList.remove('selected'); });
    tr.classList.add('selected');
    detail(tr.getAttribute('data-id'));
  });
  form.addEventListener('change', function (e) {
    if (e.target.name === 'district') { form.elements.street.value = ''; form.elements.community.value = ''; }
    if (e.target.name === 'street') { form.elements.community.value = ''; }
    loadFilters().then(load);
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); load(); });

  // the reports of record: today's (once frozen) and past ones, each format, what changed since, the sign-offs
  function reports() {
    function link(path, label) {
      return '<a href="' + esc(C.url(path)) + '">' + label + '</a>';
    }
    getJson('/api/v1/reports').then(function (list) {
      document.getElementById('report-list').innerHTML = list.length ? list.map(function (r) {
        var base = '/api/v1/reports/' + encodeURIComponent(r.date);
        return '<li><b>' + esc(r.date) + '</b> ' + esc(r.cutoff) + ' <span class="dim">冻结于 frozen ' + esc(time(r.frozen_at)) + '</span><br>'
          + ['json', 'csv', 'xlsx', 'pdf'].map(function (f) { return link(base + '?format=' + f, f.toUpperCase()); }).join(' · ')
          + ' · ' + link(base + '/changes', '变化 changes') + ' · ' + link(base + '/sign-offs?format=pdf', '签认 sign-offs') + '</li>';
      }).join('') : '<li class="dim">尚无 none yet</li>';
    }).catch(function (e) { document.getElementById('report-list').innerHTML = '<li class="dim">' + esc(e.message) + '</li>'; });
  }
  reports();
  setInterval(reports, 60000);
  loadFilters().then(load);
  setInterval(load, 15000);
})();
