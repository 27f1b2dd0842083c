// Cordon inspection view: compounds ranked worst coverage first, filters kept in the URL, drill-down to households,
// and the overdue revisits to act on, oldest first.
(function () {
  'use strict';
  var C = window.Cordon, params = C.params, token = C.token;
  var form = document.getElementById('filters');
  var FILTERS = ['q', 'district', 'street', 'community', 'round', 'order', 'view', 'offset'];
  // the list comes a page at a time: a city holds tens of thousands of compounds, a phone shows fifty
  var PAGE = 50;
  var selected = null;

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
  var esc = C.escapeHtml, t = C.t;
  document.querySelectorAll('[data-t]').forEach(function (el) { el.textContent = t(el.getAttribute('data-t')); });
  form.elements.q.placeholder = t('searchHint');
  document.getElementById('lang').href = C.otherLanguage();
  document.getElementById('wall-link').href = C.url('/', { lang: C.lang === 'en' ? 'en' : null });
  function fmtN(n) { return C.number(n); }
  function offset() { return Number(form.elements.offset.value || 0); }
  document.getElementById('prev').onclick = function () { form.elements.offset.value = Math.max(0, offset() - PAGE) || ''; load(); };
  document.getElementById('next').onclick = function () { form.elements.offset.value = offset() + PAGE; load(); };
  // searching as one types, a moment after the last key; a new search starts at the first page
  var typing = null;
  form.elements.q.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(function () { form.elements.offset.value = ''; load(); }, 300);
  });
  function time(s) { return s ? s.replace('T', ' ').slice(5, 16) : '—'; }
  function getJson(url) { return C.getJson(url); }
  function options(select, values) {
    var current = select.value || params.get(select.name) || '';
    var list = Array.from(new Set(values.filter(Boolean))).sort();
    select.innerHTML = '<option value="">' + esc(t('all')) + '</option>' + list.map(function (v) {
      return '<option' + (v === current ? ' selected' : '') + '>' + esc(v) + '</option>';
    }).join('');
  }

  /**
   * The filters' choices, narrowed by the levels above: from the communities of the token's area (one row each, a
   * city's 6,509 rather than its 35,013 compounds), read once; a community's own token lists its compounds instead.
   */
  var places = null;
  function loadFilters() {
    if (!places) {
      places = getJson(C.url('/api/v1/areas', { level: 'community' })).then(function (r) {
        if (!r.areas.length) { throw new Error('no areas'); }
        return r.areas.map(function (a) {
          var names = a.area.slice('community:'.length).split('/');
          return { district: names[0], street: names[1], community: names[2] };
        });
      }).catch(function () {
        return getJson('/api/v1/compounds?order=name').then(function (r) { return r.compounds; });
      });
    }
    return places.then(function (all) {
      var d = form.elements.district.value, s = form.elements.street.value;
      options(form.elements.district, all.map(function (c) { return c.district; }));
      options(form.elements.street, all.filter(function (c) { return !d || c.district === d; }).map(function (c) { return c.street; }));
      options(form.elements.community, all.filter(function (c) { return (!d || c.district === d) && (!s || c.street === s); }).map(function (c) { return c.community; }));
    });
  }

  function load() {
    history.replaceState(null, '', '/inspect?' + q());
    document.getElementById('csv').href = '/api/v1/compounds?' + q({ format: 'csv' });
    getJson('/api/v1/compounds?' + q({ limit: PAGE })).then(function (r) {
      // the server's time in the operation's time zone (CORDON_TIMEZONE), never the browser's clock
      document.getElementById('status').textContent = t('round') + ' ' + (r.round === null ? '—' : r.round) + ' · ' + t('asOf') + ' ' +
        (r.as_of ? r.as_of.replace('T', ' ').slice(0, 19) + ' (' + r.timezone + ', UTC' + r.as_of.slice(19) + ')' : '—');
      document.getElementById('count').textContent = '(' + fmtN(r.total) + ')';
      var from = r.total ? r.offset + 1 : 0, to = r.offset + r.compounds.length;
      document.getElementById('page').textContent = fmtN(from) + '–' + fmtN(to) + ' / ' + fmtN(r.total);
      document.getElementById('prev').disabled = r.offset === 0;
      document.getElementById('next').disabled = to >= r.total;
      document.getElementById('pager').classList.toggle('hidden', r.total <= PAGE && r.offset === 0);
      var body = document.querySelector('#compounds tbody');
      body.innerHTML = r.compounds.map(function (c) {
        var cls = c.coverage_pct < 60 ? 'low' : c.coverage_pct < 95 ? 'mid' : 'high';
        return '<tr data-id="' + esc(c.compound_id) + '"' + (c.compound_id === selected ? ' class="selected"' : '') + '><td data-label="' + esc(t('compound')) + '">' + esc(c.compound_name) + '</td><td data-label="' +
          esc(t('community')) + '">' + esc(c.community) + '</td><td data-label="' + esc(t('unit')) + '">' + esc(c.responsible_unit) +
          '</td><td class="n" data-label="' + esc(t('homes')) + '">' + c.households + '</td><td class="n cov ' + cls + '" data-label="' + esc(t('coverage')) + '">' +
          c.coverage_pct.toFixed(1) + '%</td><td class="n" data-label="' + esc(t('unvisited')) + '">' + c.unvisited +
          '</td><td class="n' + (c.revisit_overdue ? ' od' : '') + '" data-label="' + esc(t('overdue')) + '">' + c.revisit_overdue + '</td></tr>';
      }).join('');
    }).catch(function (e) { document.getElementById('status').textContent = t('failed') + ': ' + e.message; });
    areas();
    keyPersons();
    getJson('/api/v1/revisits/overdue?' + q()).then(function (r) {
      document.getElementById('overdue').innerHTML = r.households.length ? r.households.map(function (h) {
        return '<li><b>' + esc(h.compound_name) + '</b> ' + esc([h.building, h.unit, h.room].filter(Boolean).join('-')) +
          ' <span class="dim">(' + esc(h.household_id) + ')</span><br>' + esc(t('last')) + ' ' + esc(h.latest_outcome) + ' ' + time(h.latest_visited_at) +
          ' · ' + esc(h.team_id || '') + ' · <span class="od">' + esc(t('overdue')) + ' ' + Math.floor(h.overdue_minutes / 60) + ' ' + esc(t('h')) + ' ' +
          (h.overdue_minutes % 60) + ' ' + esc(t('min')) + '</span></li>';
      }).join('') : '<li class="dim">' + esc(t('none')) + '</li>';
    });
  }

  /**
   * The areas one level below the filters (the token's own area when none is chosen), worst coverage first; a touch on
   * one chooses it in the filters, so the list goes one level down.
   */
  function areas() {
    var d = form.elements.district.value, s = form.elements.street.value, c = form.elements.community.value;
    var within = c ? 'community:' + d + '/' + s + '/' + c : s ? 'street:' + d + '/' + s : d ? 'district:' + d : null;
    var list = document.getElementById('areas');
    if (within && within.split(/[:/]/).some(function (x) { return !x; })) { list.innerHTML = ''; return; }
    getJson(C.url('/api/v1/areas', { within: within, round: form.elements.round.value || null })).then(function (r) {
      list.innerHTML = r.areas.length ? r.areas.map(function (a) {
        var open = a.area.indexOf('district:') === 0 || a.area.indexOf('street:') === 0 || a.area.indexOf('community:') === 0;
        return '<li' + (open ? ' class="open" data-area="' + esc(a.area) + '"' : '') + '><b>' + esc(a.name) + '</b> ' +
          '<span class="cov ' + (a.coverage_pct < 60 ? 'low' : a.coverage_pct < 95 ? 'mid' : 'high') + '">' + a.coverage_pct.toFixed(1) + '%</span> · ' +
          esc(t('unvisited')) + ' ' + a.unvisited + (a.revisit_overdue ? ' · <span class="od">' + esc(t('overdue')) + ' ' + a.revisit_overdue + '</span>' : '') + '</li>';
      }).join('') : '<li class="dim">' + esc(t('none')) + '</li>';
    }).catch(function (e) { list.innerHTML = '<li class="dim">' + esc(t('failed')) + ': ' + esc(e.message) + '</li>'; });
  }
  /** The area the filters name (null: the token's own), as a scope. */
  function filtersArea() {
    var d = form.elements.district.value, s = form.elements.street.value, c = form.elements.community.value;
    var within = c ? 'community:' + d + '/' + s + '/' + c : s ? 'street:' + d + '/' + s : d ? 'district:' + d : null;
    return within && within.split(/[:/]/).some(function (x) { return !x; }) ? undefined : within;
  }

  /**
   * The key persons of the filters' area to call today: the overdue first, grouped by the cadre responsible, each with
   * the last follow-up and temperature. ?view=key-persons shows this list alone, laid out for the cadre's phone.
   */
  var STATUS_WORDS = { overdue: 'statusOverdue', due: 'statusDue', followed_up: 'statusFollowedUp', not_under_measure: 'statusNotUnder' };
  var MEASURE_WORDS = { home_quarantine: 'homeQuarantine', central_quarantine: 'centralQuarantine', health_monitoring: 'healthMonitoring' };
  function keyPersons() {
    var within = filtersArea(), el = document.getElementById('kp-list');
    if (within === undefined) { el.innerHTML = ''; return; }
    document.getElementById('kp-csv').href = C.url('/api/v1/key-persons', { within: within, format: 'csv' });
    document.getElementById('kp-phone').href = C.url('/inspect', { view: 'key-persons', district: form.elements.district.value || null,
      street: form.elements.street.value || null, community: form.elements.community.value || null, lang: C.lang === 'en' ? 'en' : null });
    getJson(C.url('/api/v1/key-persons', { within: within })).then(function (r) {
      var counts = { overdue: 0, due: 0, followed_up: 0 }, groups = [], byCadre = {};
      r.key_persons.forEach(function (p) {
        counts[p.status] = (counts[p.status] || 0) + 1;
        if (p.status === 'not_under_measure') { return; }
        var key = p.status + '|' + p.responsible;
        if (!byCadre[key]) { byCadre[key] = { status: p.status, responsible: p.responsible, persons: [] }; groups.push(byCadre[key]); }
        byCadre[key].persons.push(p);
      });
      document.getElementById('kp-summary').textContent = t('statusOverdue') + ' ' + counts.overdue + ' · ' + t('statusDue') + ' ' + counts.due +
        ' · ' + t('statusFollowedUp') + ' ' + counts.followed_up + ' · ' + t('by') + ' ' + r.follow_up_by;
      el.innerHTML = groups.length ? groups.map(function (g) {
        return '<div class="kp-group ' + g.status + '"><h3>' + esc(t('responsible')) + ' ' + esc(g.responsible) + ' <span class="badge">' +
          esc(t(STATUS_WORDS[g.status])) + ' ' + g.persons.length + '</span></h3><ul>' + g.persons.map(function (p) {
            return '<li><b>' + esc(p.person_id) + '</b> ' + esc(p.compound_name || p.compound_id) + ' <span class="dim">' + esc(p.community) +
              ' · ' + esc(MEASURE_WORDS[p.measure] ? t(MEASURE_WORDS[p.measure]) : p.measure) + '</span><br><span class="dim">' + esc(t('lastFollowUp')) + '</span> ' +
              (p.last_followed_at ? esc(time(p.last_followed_at)) + (p.last_temperature_c === null ? '' : ' · <span class="' +
                (p.last_temperature_c >= 37.3 ? 'od' : '') + '">' + Number(p.last_temperature_c).toFixed(1) + ' ℃</span>') : esc(t('never'))) + '</li>';
          }).join('') + '</ul></div>';
      }).join('') : '<p class="dim">' + esc(t('none')) + '</p>';
    }).catch(function (e) { el.innerHTML = '<p class="dim">' + esc(t('failed')) + ': ' + esc(e.message) + '</p>'; });
  }
  if (params.get('view') === 'key-persons') { document.body.classList.add('kp-only'); }

  document.getElementById('areas').addEventListener('click', function (e) {
    var li = e.target.closest('li.open');
    if (!li) { return; }
    var kind = li.getAttribute('data-area').split(':')[0];
    var names = li.getAttribute('data-area').slice(kind.length + 1).split('/');
    form.elements.district.value = names[0];
    form.elements.offset.value = '';
    loadFilters().then(function () {
      form.elements.street.value = names[1] || '';
      return loadFilters();
    }).then(function () {
      form.elements.community.value = names[2] || '';
      load();
    });
  });

  function detail(id) {
    getJson('/api/v1/compounds/' + encodeURIComponent(id) + '/households?' + q()).then(function (r) {
      var panel = document.getElementById('detail');
      panel.classList.remove('hidden');
      document.getElementById('detail-title').textContent = r.compound_name;
      document.getElementById('detail-meta').textContent = [r.district, r.street, r.community, r.responsible_unit].filter(Boolean).join(' · ');
      var byBuilding = {};
      r.households.forEach(function (h) { (byBuilding[h.building || '—'] = byBuilding[h.building || '—'] || []).push(h); });
      document.getElementById('buildings').innerHTML = Object.keys(byBuilding).map(function (b) {
        return '<div class="building"><h3>' + esc(b) + ' ' + esc(t('building')) + '</h3>' + byBuilding[b].map(function (h) {
          return '<div class="hh ' + h.status + (h.revisit_overdue ? ' overdue' : '') + '"><b>' + esc([h.unit, h.room].filter(Boolean).join('-') || h.household_id) +
            '</b><span>' + esc(h.latest_outcome || t('neverVisited')) + ' ' + time(h.latest_visited_at) + ' ' + esc(h.team_id || '') +
            (h.revisit_overdue ? ' <span class="od">' + esc(t('overdue')) + '</span>' : '') + '</span></div>';
        }).join('') + '</div>';
      }).join('');
      // on a phone the detail lies below the whole list: bring it into view
      if (window.matchMedia('(max-width: 900px)').matches) { panel.scrollIntoView({ block: 'start' }); }
    });
  }
  document.getElementById('back-to-list').onclick = function (e) {
    e.preventDefault();
    var row = document.querySelector('#compounds tr.selected');
    (row || document.getElementById('compounds')).scrollIntoView({ block: 'center' });
  };

  document.querySelector('#compounds tbody').addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    if (!tr) { return; }
    document.querySelectorAll('#compounds tr.selected').forEach(function (x) { x.classList.remove('selected'); });
    tr.classList.add('selected');
    selected = tr.getAttribute('data-id');
    detail(selected);
  });
  form.addEventListener('change', function (e) {
    if (e.target.name === 'q') { return; } // searched as typed
    form.elements.offset.value = '';
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
        return '<li><b>' + esc(r.date) + '</b> ' + esc(r.cutoff) + ' <span class="dim">' + esc(t('frozenAt')) + ' ' + esc(time(r.frozen_at)) + '</span><br>'
          + ['json', 'csv', 'xlsx', 'pdf'].map(function (f) { return link(base + '?format=' + f, f.toUpperCase()); }).join(' · ')
          + ' · ' + link(base + '/changes', esc(t('changes'))) + ' · ' + link(base + '/sign-offs?format=pdf', esc(t('signOffs'))) + '</li>';
      }).join('') : '<li class="dim">' + esc(t('noneYet')) + '</li>';
    }).catch(function (e) { document.getElementById('report-list').innerHTML = '<li class="dim">' + esc(e.message) + '</li>'; });
  }
  reports();
  setInterval(reports, 60000);

  // today's fever alerts, acknowledged from here as from any wall (every wall sees it)
  function alerts() {
    var d = form.elements.district.value;
    getJson(C.url('/api/v1/alerts', { scope: d ? 'district:' + d : null })).then(function (list) {
      document.getElementById('alerts').innerHTML = list.filter(function (a) { return a.status !== 'withdrawn'; }).slice(0, 30).map(function (a) {
        var where = a.kind === 'key_person_fever' ? t('keyPerson') + ' ' + a.person_id + ' · ' + (a.community || '') : a.checkpoint_id;
        return '<li data-alert-id="' + esc(a.alert_id) + '"><b class="fever">' + Number(a.temperature_c).toFixed(1) + ' ℃</b> ' + esc(where) +
          ' <span class="dim">' + esc(time(a.occurred_at)) + ' · ' + esc(a.event_id) + '</span> ' + (a.status === 'acknowledged'
            ? '<span class="dim">' + esc(t('acknowledged')) + '</span>' : '<button type="button" class="ack-button">' + esc(t('ack')) + '</button>') + '</li>';
      }).join('') || '<li class="dim">' + esc(t('none')) + '</li>';
    }).catch(function () { /* tried again in a while */ });
  }
  document.getElementById('alerts').addEventListener('click', function (e) {
    if (!e.target.classList.contains('ack-button')) { return; }
    var id = e.target.closest('li').getAttribute('data-alert-id');
    fetch(C.url('/api/v1/alerts/' + id + '/ack'), { method: 'POST' }).then(alerts);
  });
  alerts();
  setInterval(alerts, 10000);
  loadFilters().then(load);
  setInterval(load, 15000);
})();
