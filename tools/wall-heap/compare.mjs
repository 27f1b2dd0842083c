// Two heap snapshots compared by kind of object: count and bytes gained, largest first.
// node compare.mjs a.heapsnapshot b.heapsnapshot
import fs from 'node:fs';
function load(f) {
  const s = JSON.parse(fs.readFileSync(f, 'utf8'));
  const meta = s.snapshot.meta, nf = meta.node_fields, types = meta.node_types[0], n = nf.length;
  const ti = nf.indexOf('type'), ni = nf.indexOf('name'), si = nf.indexOf('self_size');
  const agg = new Map();
  for (let i = 0; i < s.nodes.length; i += n) {
    const type = types[s.nodes[i + ti]];
    let name = s.strings[s.nodes[i + ni]].replace(/@\d+/g, "");
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '(string)';
    else if (type === 'code') name = '(code)';
    else if (type === 'closure') name = 'closure ' + name;
    else if (type === 'array') name = '(array) ' + name;
    else if (type === 'hidden') name = '(hidden) ' + name;
    else if (type === 'number') name = '(number)';
    else name = type + ':' + name;
    const e = agg.get(name) || { c: 0, s: 0 }; e.c++; e.s += s.nodes[i + si]; agg.set(name, e);
  }
  return agg;
}
const a = load(process.argv[2]), b = load(process.argv[3]);
const rows = []; 
for (const [k, v] of b) { const o = a.get(k) || { c: 0, s: 0 }; rows.push([k.slice(0, 80), v.c - o.c, v.s - o.s]); }
for (const [k, o] of a) if (!b.has(k)) rows.push([k.slice(0, 80), -o.c, -o.s]);
rows.sort((x, y) => Math.abs(y[2]) - Math.abs(x[2]));
for (const r of rows.slice(0, 30)) console.log(String(r[2]).padStart(9), String(r[1]).padStart(7), r[0]);
let tot = 0; for (const r of rows) tot += r[2]; console.log('total', tot);
