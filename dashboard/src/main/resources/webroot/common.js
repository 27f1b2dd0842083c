// What the wall and the inspection view share: the token (sent one way only: as ?token= in every request, which
// the websocket needs anyway), escaping, times in the operation's zone, the language (Chinese by default, English
// with ?lang=en), and a websocket that reconnects with back-off.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var token = params.get('token');
  var lang = params.get('lang') === 'en' ? 'en' : 'zh';
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';

  var WORDS = {
    title: ['疫情防控实时看板', 'Live operations'],
    inspect: ['督查', 'Inspect'], reports: ['报告', 'Reports'], exportXlsx: ['导出 XLSX', 'Export XLSX'],
    scope: ['范围', 'Scope'], apply: ['应用', 'Apply'], asOf: ['截至', 'As of'], stale: ['数据滞后', 'STALE'],
    disconnected: ['连接中断，正在重连…', 'Disconnected — reconnecting…'], catchingUp: ['追赶中', 'catching up'],
    soundOn: ['声音：开', 'Sound on'], muted: ['声音：关', 'Sound off'], soundBlocked: ['声音：点击启用', 'Sound: click to enable'], language: ['English', '中文'],
    today: ['今日', 'today'], total: ['累计', 'total'], min15: ['15 分钟', '15 min'], hour1: ['1 小时', '1 hour'], round: ['轮次', 'round'],
    yesterday: ['昨日', 'yesterday'], feverAlerts: ['发热警报', 'Fever alerts'], fever: ['发热警报', 'Fever'], ack: ['确认', 'Ack'],
    acknowledged: ['已确认', 'acknowledged'], none: ['无', 'none'], checkpoints: ['卡口', 'Checkpoints'],
    lastReport: ['最近上报', 'Last report'], minAgo: ['分钟前', 'min ago'], silent: ['静默', 'silent'], closed: ['已关闭', 'closed'],
    reporting: ['正常', 'reporting'], persons: ['人员', 'Persons'], turnedBack: ['劝返', 'Turned back'], fevers: ['体温异常', 'Fevers'],
    progress: ['排查进度（按天）', 'Screening progress by day'], coverage: ['覆盖率', 'Coverage'], unvisited: ['未访', 'Unvisited'],
    topCompounds: ['未访最多的小区', 'Compounds with the most unvisited homes'],
    topUnits: ['未访最多的包抓单位', 'Responsible units with the most unvisited homes'],
    worst: ['覆盖率最低的小区', 'Compounds with the lowest coverage'], compound: ['小区', 'Compound'], community: ['社区', 'Community'],
    unit: ['包抓单位', 'Unit'], overdue: ['逾期', 'Overdue'], roundN: ['第 {0} 轮', 'round {0}'], unvisitedHomes: ['未访户数', 'Unvisited homes'],
    revisitOverdue: ['逾期未复访', 'Revisits overdue'], screeningCoverage: ['排查覆盖率', 'Screening coverage'],
    timezone: ['时区', 'time zone'], failed: ['读取失败', 'failed'], noData: ['暂无数据', 'no data yet'],
    inspection: ['督查 · 入户排查', 'Inspection · household screening'], district: ['区', 'District'], street: ['街道', 'Street'],
    all: ['全部', 'all'], order: ['排序', 'Order'], latest: ['最新', 'latest'], worstCoverage: ['覆盖率最低', 'worst coverage'],
    mostUnvisited: ['未访最多', 'most unvisited'], mostOverdue: ['逾期最多', 'most overdue'], name: ['名称', 'name'],
    compounds: ['小区', 'Compounds'], homes: ['户数', 'Homes'], overdueRevisits: ['逾期复访', 'Overdue revisits'],
    oldestFirst: ['（最早在前）', '(oldest first)'], reportsOfRecord: ['每日报告（冻结）', 'Reports of record (frozen)'],
    frozenAt: ['冻结于', 'frozen at'], changes: ['变化', 'changes'], signOffs: ['签认', 'sign-offs'], noneYet: ['尚无', 'none yet'],
    last: ['最后', 'last'], neverVisited: ['未访', 'never visited'], building: ['栋', 'building'], h: ['小时', 'h'], min: ['分钟', 'min'],
    todaysAlerts: ['今日发热警报', "Today's fever alerts"],
    areasWorst: ['辖区排名（覆盖率最低在前）', 'Areas, worst coverage first'], area: ['辖区', 'Area'],
    reported: ['上报', 'Reported'], signedOk: ['已报', 'signed'], signedLate: ['迟报', 'late'], notReported: ['未报', 'not yet'],
    returnedBack: ['退回', 'returned'],
    keyPersons: ['重点人员', 'Key persons'], underMeasure: ['在管重点人员', 'Key persons under a measure'],
    homeQuarantine: ['居家', 'home'], centralQuarantine: ['集中', 'central'], healthMonitoring: ['监测', 'monitoring'],
    followedUp: ['今日已随访', 'Followed up today'], due: ['待随访', 'due'], followUpOverdue: ['逾期未随访', 'Follow-ups overdue'],
    by: ['截止', 'by'], releasesToday: ['今日解除', 'Released today'], feversAtHome: ['居家发热', 'fevers at home'],
    keyPerson: ['重点人员', 'key person'], map: ['地图', 'Map'], colourBy: ['着色', 'Colour by'],
    trend: ['趋势（按天）', 'Trend by day'], lastDays: ['最近 {0} 天', 'last {0} days'],
    feversToday: ['今日体温异常', 'Fevers today'], mapHint: ['点击区县进入该区大屏', 'click a district to open its wall'], forPhone: ['手机版', 'phone view'], responsible: ['责任人', 'responsible'],
    statusOverdue: ['逾期', 'overdue'], statusDue: ['待随访', 'due'], statusFollowedUp: ['已随访', 'followed up'],
    search: ['搜索', 'Search'], searchHint: ['小区名、编号或拼音首字母', 'name, id or pinyin initials'],
    prev: ['‹ 上一页', '‹ Previous'], next: ['下一页 ›', 'Next ›'], backToList: ['↑ 返回列表', '↑ back to the list'],
    bright: ['亮色', 'Bright'], dark: ['暗色', 'Dark'], yesterdayByNow: ['昨日同时', 'yesterday by now'],
    yesterdayAll: ['昨日全天', 'all yesterday'],
    day: ['日期', 'Day'], history: ['历史', 'HISTORY'], reportOfRecord: ['日报（冻结于 {0}）', 'report of record (frozen {0})'],
    dayEnd: ['截至当日结束', "as of the day's end"], reportCutoff: ['截至日报截止 {0}', "as of the report's cutoff {0}"], backToLive: ['回到实时', 'back to live'],
    statusNotUnder: ['不在管', 'not under a measure'], lastFollowUp: ['最近随访', 'last follow-up'], never: ['从未', 'never']
  };

  function t(key, arg) {
    var w = WORDS[key];
    var s = w ? w[lang === 'en' ? 1 : 0] : key;
    return arg === undefined ? s : s.replace('{0}', arg);
  }

  function escapeHtml(s) {
    return s === null || s === undefined ? '' : String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  /** A path with the token (if any) and more query parameters. */
  function url(path, extra) {
    var u = new URL(path, location.origin);
    Object.keys(extra || {}).forEach(function (k) {
      if (extra[k] !== null && extra[k] !== undefined && extra[k] !== '') { u.searchParams.set(k, extra[k]); }
    });
    if (token) { u.searchParams.set('token', token); }
    return u.pathname + u.search;
  }

  /**
   * A read of the API as JSON. A 503 (the dashboard catching up on another ClickHouse replica, or all its reads taken)
   * is asked again after its Retry-After (10 s at most), twice at most, before it is shown as an error.
   */
  function getJson(path, extra, triesLeft) {
    triesLeft = triesLeft === undefined ? 2 : triesLeft;
    return fetch(url(path, extra)).then(function (r) {
      if (r.status === 503 && triesLeft > 0) {
        var wait = Math.min(Number(r.headers.get('Retry-After')) || 2, 10) * 1000;
        return new Promise(function (done) { setTimeout(done, wait); })
          .then(function () { return getJson(path, extra, triesLeft - 1); });
      }
      if (!r.ok) { return r.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || r.status); }); }
      return r.json();
    });
  }

  /**
   * A time the server wrote in the operation's zone (ISO 8601 with its offset), shown as that zone's wall-clock time:
   * never converted to the browser's zone.
   */
  function time(iso, withDate) {
    if (!iso) { return '—'; }
    var s = iso.replace('T', ' ');
    return withDate ? s.slice(0, 19) : s.slice(11, 19);
  }

  function number(n) { return n === null || n === undefined ? '—' : Number(n).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN'); }

  /** A websocket that reconnects by itself, waiting 0.5 s, then twice as long each time, up to 10 s. */
  function socket(path, extra, handlers) {
    var retry = 500, ws = null;
    function open() {
      ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + url(path, extra));
      ws.onopen = function () { retry = 500; if (handlers.open) { handlers.open(); } };
      ws.onmessage = function (e) { handlers.message(JSON.parse(e.data)); };
      ws.onclose = function () {
        if (handlers.close) { handlers.close(); }
        setTimeout(open, retry);
        retry = Math.min(retry * 2, 10000);
      };
    }
    open();
    return { connected: function () { return ws !== null && ws.readyState === 1; } };
  }

  /** The address of this page in the other language (the choice stays in the URL). */
  function otherLanguage() {
    var p = new URLSearchParams(location.search);
    if (lang === 'en') { p.delete('lang'); } else { p.set('lang', 'en'); }
    var q = p.toString();
    return location.pathname + (q ? '?' + q : '') + location.hash;
  }

  window.Cordon = { params: params, token: token, lang: lang, t: t, escapeHtml: escapeHtml, url: url, getJson: getJson,
    time: time, number: number, socket: socket, otherLanguage: otherLanguage };
})();
