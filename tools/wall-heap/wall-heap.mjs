// The wall in headless Chromium over the DevTools protocol: the JS heap after a GC every round, and two heap snapshots
// (round SNAP_AT and the end) for compare.mjs. Env: PORT (debugging port), TAG, OUT (folder), SNAP_AT, NO_REPLAY (1: the
// page as it is; else its last tiles and charts messages are replayed, mutated, every 10 ms), OVERRIDE_DIR (serve
// wall.js and common.js from this folder instead, to try a change against a running dashboard).
// node --experimental-websocket wall-heap.mjs URL ROUNDS ROUND_MS
import { spawn } from 'node:child_process';
import fs from 'node:fs';
const port = Number(process.env.PORT || 9333); const tag = process.env.TAG || "";
const url = process.argv[2] || 'http://127.0.0.1:8080/?rotate=600';
const rounds = Number(process.argv[3] || 10), perRoundMs = Number(process.argv[4] || 30000);
const chrome = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  `--remote-debugging-port=${port}`, '--window-size=1920,1200', '--js-flags=--expose-gc', '--enable-precise-memory-info',
  '--user-data-dir=' + (process.env.OUT || '.') + '/profile' + tag, 'about:blank'], { stdio: 'ignore' });
const sleep = ms => new Promise(r => setTimeout(r, ms));
let targets;
for (let i = 0; i < 50; i++) { try { targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json(); break; } catch { await sleep(200); } }
const page = targets.find(t => t.type === 'page');
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise(r => ws.onopen = r);
let id = 0; const waiting = new Map(); let chunks = [];
ws.onmessage = e => { const m = JSON.parse(e.data);
  if (m.id && waiting.has(m.id)) { waiting.get(m.id)(m); waiting.delete(m.id); }
  else if (m.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(m.params.chunk);
  else if (m.method === 'Fetch.requestPaused') { const name = new URL(m.params.request.url).pathname.split('/').pop();
    const body = fs.readFileSync(process.env.OVERRIDE_DIR + '/' + name);
    send('Fetch.fulfillRequest', { requestId: m.params.requestId, responseCode: 200, responseHeaders: [{ name: 'Content-Type', value: 'application/javascript; charset=utf-8' }], body: body.toString('base64') }); } };
const send = (method, params = {}) => new Promise(r => { const i = ++id; waiting.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
const evaluate = async expr => { const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true });
  if (r.result.exceptionDetails) throw new Error(JSON.stringify(r.result.exceptionDetails)); return r.result.result.value; };
if (process.env.OVERRIDE_DIR) await send('Fetch.enable', { patterns: [{ urlPattern: '*/wall.js*' }, { urlPattern: '*/common.js*' }] });
await send('Page.enable'); await send('Runtime.enable'); await send('HeapProfiler.enable');
await send('Page.addScriptToEvaluateOnNewDocument', { source: `(function(){ var W = window.WebSocket; window.__sockets=[]; window.__last={};
  function S(u,p){ var w = p ? new W(u,p) : new W(u); window.__sockets.push(w); w.addEventListener('message', function(e){ try { var m = JSON.parse(e.data); window.__last[m.type] = e.data; } catch (x) {} }); return w; }
  S.prototype = W.prototype; S.OPEN = 1; window.WebSocket = S; })();` });
await send('Page.navigate', { url });
await sleep(15000);
console.log('types seen', await evaluate('Object.keys(window.__last).join(",")'));
if (!process.env.NO_REPLAY) {
// replay: every 10 ms a mutated tiles or charts message through the page's own handler
await evaluate(`(function(){ var n = 0; window.__replay = setInterval(function(){ var ws = window.__sockets[window.__sockets.length-1];
  n++; var type = n % 2 ? 'tiles' : 'charts'; var raw = window.__last[type]; if (!raw || !ws.onmessage) return;
  var m = JSON.parse(raw);
  if (type === 'charts') { Object.keys(m.hourly.today.values).forEach(function(k){ var a = m.hourly.today.values[k]; a[n % a.length] = (a[n % a.length]||0) + n; });
    if (m.screening) { m.screening.progress.forEach(function(r){ r.days.forEach(function(d){ d.unvisited = (d.unvisited||0) + (n % 7); }); });
      m.screening.top_compounds.forEach(function(c){ c.unvisited += n % 5; }); } }
  else { Object.keys(m.tiles).forEach(function(k){ var v = m.tiles[k]; if (v && 'today' in v) v.today += n; }); }
  ws.onmessage({ data: JSON.stringify(m) }); }, 10); })()`);
}
async function snapshot(file) { chunks = []; await send('HeapProfiler.collectGarbage'); await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }); fs.writeFileSync(file, chunks.join('')); }
const heap = [];
for (let r = 0; r < rounds; r++) {
  await sleep(perRoundMs);
  await send('HeapProfiler.collectGarbage');
  const used = await evaluate('performance.memory.usedJSHeapSize');
  const st = await evaluate('JSON.stringify({u: cordonWall.stats().updates, c: cordonWall.stats().chartUpdates, dom: document.getElementsByTagName("*").length})');
  heap.push(used); console.log(new Date().toISOString().slice(11,19), 'round', r, 'heap KiB', Math.round(used/1024), st);
  if (r === Number(process.env.SNAP_AT || 1)) await snapshot((process.env.OUT || '.') + '/a' + tag + '.heapsnapshot');
}
await snapshot((process.env.OUT || '.') + '/b' + tag + '.heapsnapshot');
chrome.kill(); process.exit(0);
