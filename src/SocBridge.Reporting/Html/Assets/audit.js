// SocBridge audit report: draws a group's page from the embedded evidence (#audit-data).
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('audit-data').textContent);
  const colours = ['#1d5fa8', '#74a9e0', '#c2571a', '#f0a868'];
  const esc = s => String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const n0 = v => v.toLocaleString('en-GB', { maximumFractionDigits: 0 });
  const n1 = v => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  const f3 = v => v.toFixed(3);
  const pct = v => (v * 100).toFixed(1) + '%';
  const other = v => v === '2010' ? '2020' : '2010';
  const titles = (g, t) => data.pairs[g.v === '2010' ? g.c + '-' + t.c : t.c + '-' + g.c] || [];
  const link = (v, c) => '<a href="#g/' + v + '/' + c + '">' + c + '</a>';

  function weightBar(w, lo, hi) {
    return '<span class="weightbar" title="' + f3(w) + ' [' + f3(lo) + ', ' + f3(hi) + ']"><span class="fill" style="width:' + (w * 100).toFixed(2) + '%"></span>' +
      '<span class="ci" style="left:' + (lo * 100).toFixed(2) + '%;width:' + Math.max(0, (hi - lo) * 100).toFixed(2) + '%"></span></span>';
  }

  // One row per target: the four cells' weights with their intervals, on a shared 0–1 axis.
  function forest(g) {
    const rows = g.targets.length, rh = 26, left = 290, width = 860, plot = width - left - 20, top = 8, height = top + rows * rh + 34;
    const x = v => left + Math.min(1, Math.max(0, v)) * plot;
    let s = '<svg class="chart forest" viewBox="0 0 ' + width + ' ' + height + '" role="img" aria-label="Weights by sample cell" xmlns="http://www.w3.org/2000/svg">';
    for (let t = 0; t <= 5; t++) {
      const v = t / 5;
      s += '<line class="grid" x1="' + x(v) + '" x2="' + x(v) + '" y1="' + top + '" y2="' + (top + rows * rh) + '"/>';
      s += '<text class="tick" x="' + x(v) + '" y="' + (top + rows * rh + 14) + '" text-anchor="middle">' + v.toFixed(1) + '</text>';
    }
    s += '<text class="axis" x="' + (left + plot / 2) + '" y="' + (height - 4) + '" text-anchor="middle">weight from each sample cell alone, with ' + Math.round(data.probability * 100) + '% interval</text>';
    g.targets.forEach((t, i) => {
      const y = top + i * rh;
      const label = t.c + ' ' + t.t;
      s += '<a href="#g/' + other(g.v) + '/' + t.c + '"><text x="' + (left - 8) + '" y="' + (y + rh / 2 + 4) + '" text-anchor="end">' + esc(label.length > 44 ? label.slice(0, 43) + '…' : label) + '</text></a>';
      t.cells.forEach((c, k) => {
        if (g.tot[k] <= 0) return;
        const cy = y + 5 + k * 5;
        s += '<line x1="' + x(c[3]) + '" x2="' + x(c[4]) + '" y1="' + cy + '" y2="' + cy + '" stroke="' + colours[k] + '" stroke-width="2"/>';
        s += '<circle cx="' + x(c[2]) + '" cy="' + cy + '" r="3.2" fill="' + colours[k] + '"><title>' + esc(data.cells[k] + ': ' + f3(c[2]) + ' [' + f3(c[3]) + ', ' + f3(c[4]) + '], ' + n0(c[1]) + ' of ' + n0(g.tot[k]) + ' records') + '</title></circle>';
      });
    });
    return s + '</svg><div class="legend">' + data.cells.map((c, k) => '<span><i style="background:' + colours[k] + '"></i>' + esc(c) + '</span>').join('') + '</div>';
  }

  function description(d) {
    if (!d) return '';
    let s = '<div class="desc">';
    if (d.d) s += '<p>' + esc(d.d) + '</p>';
    if (d.entry) s += '<p><b>Entry routes.</b> ' + esc(d.entry) + '</p>';
    if (d.tasks.length) s += '<b>Tasks</b><ul>' + d.tasks.map(t => '<li>' + esc(t) + '</li>').join('') + '</ul>';
    if (d.related.length) s += '<p><b>Related job titles.</b> ' + esc(d.related.join('; ')) + '</p>';
    return s + '</div>';
  }

  function render(g) {
    const v = g.v, o = other(v), forward = v === '2010';
    let s = '<div class="group-head"><div class="crumbs">SOC' + v + ' › ' + g.a.map(a => esc(a[0] + ' ' + a[1])).join(' › ') + '</div>';
    s += '<h2 id="group-title">SOC' + v + ' ' + g.c + ' ' + esc(g.t) + '</h2></div>';
    s += '<div class="badges"><span class="badge"><span class="rel rel-' + g.rel + '">' + g.rel + '</span> with SOC' + o + '</span>';
    s += '<span class="badge">' + n0(g.n) + ' records behind the weights (' + esc(g.used) + ')</span>';
    if (g.resShare !== null) s += '<span class="badge">residual ' + pct(g.resShare) + ' of the base not allocated to a listed group</span>';
    if (g.tvdLc !== null) s += '<span class="badge">LFS vs Census distance ' + f3(g.tvdLc) + '</span>';
    if (g.tvdMw !== null) s += '<span class="badge">men vs women distance ' + f3(g.tvdMw) + '</span>';
    s += '</div>';
    if (g.fb) s += '<div class="badges"><span class="badge warn">fallback: ' + esc(g.fb) + '; the weights of ' + esc(g.used) + ' are used</span></div>';
    if (g.small) s += '<div class="badges"><span class="badge bad">small base: ' + n0(g.small.n) + ' records (fewer than ' + n0(data.small_base) + '). Safer at the ' + esc(g.small.level) + ' level: ' + link(v, g.small.code) + ' ' + esc(g.small.title) + ' (' + n0(g.small.n2) + ' records)</span></div>';
    if (g.desc) s += '<details open><summary>SOC2020 description</summary>' + description(g.desc) + '</details>';

    s += '<h3>Weights to SOC' + o + ' (' + esc(data.selection) + ')</h3>';
    s += '<div class="table-wrap"><table class="data" id="group-targets"><thead><tr><th>SOC' + o + '</th><th>title</th><th>weight and ' + Math.round(data.probability * 100) + '% interval</th><th class="num">records</th>';
    data.cells.forEach(c => { s += '<th class="num">' + esc(c) + (forward ? '<span class="sub">ONS proportion (records)</span>' : '<span class="sub">share (records)</span>') + '</th>'; });
    s += '<th class="num">index titles</th></tr></thead><tbody>';
    g.targets.forEach(t => {
      s += '<tr><td>' + link(o, t.c) + '</td><td>' + esc(t.t) + '</td><td class="num">' + weightBar(t.w, t.lo, t.hi) + '<b>' + f3(t.w) + '</b> <span class="muted">[' + f3(t.lo) + ', ' + f3(t.hi) + ']</span></td><td class="num">' + n0(t.j) + '</td>';
      t.cells.forEach((c, k) => {
        s += '<td class="num">' + (g.tot[k] > 0 ? f3(c[0]) + ' (' + n0(c[1]) + ')<span class="sub">weight ' + f3(c[2]) + ' [' + f3(c[3]) + ', ' + f3(c[4]) + ']</span>' : '<span class="na">no records</span>') + '</td>';
      });
      s += '<td class="num">' + t.idx + '</td></tr>';
    });
    s += '<tr class="total"><td></td><td><b>bases</b></td><td></td><td class="num">' + n0(g.n) + '</td>';
    data.cells.forEach((c, k) => { s += '<td class="num">' + n0(g.base[k]) + (g.res ? '<span class="sub">residual ' + pct(g.res[k]) + '</span>' : '') + '</td>'; });
    s += '<td></td></tr></tbody></table></div>';

    s += '<h3>Weight by sample cell</h3><div class="panel">' + forest(g) + '</div>';

    s += '<h3>Coding-index titles on each pair</h3>';
    g.targets.forEach(t => {
      const idx = titles(g, t);
      const pair = forward ? g.c + ' → ' + t.c : t.c + ' → ' + g.c;
      s += '<details' + (idx.length && idx.length <= 40 ? ' open' : '') + '><summary>SOC2010→SOC2020 ' + pair + ' ' + esc(t.t) + ': ' + idx.length + ' titles</summary>';
      s += idx.length ? '<div class="titles">' + idx.map(x => '<div>' + esc(x) + '</div>').join('') + '</div>' : '<p class="muted">No coding-index entry carries this pair.</p>';
      s += '</details>';
    });

    if (forward) {
      s += '<h3>SOC2020 descriptions of the targets</h3>';
      g.targets.forEach(t => {
        const d = data.groups['2020-' + t.c];
        s += '<details><summary>' + t.c + ' ' + esc(t.t) + '</summary>' + (d ? description(d.desc) : '') + '</details>';
      });
    }

    s += '<h3>Every weight selection</h3><table class="data compact"><thead><tr><th>requested</th><th>used</th><th class="num">records</th><th>fallback</th></tr></thead><tbody>';
    g.cov.forEach(c => { s += '<tr><td>' + esc(c[0]) + '</td><td>' + esc(c[1]) + '</td><td class="num">' + n0(c[2]) + '</td><td>' + (c[3] ? esc(c[3]) : '') + '</td></tr>'; });
    s += '</tbody></table>';
    return s;
  }

  window.socbridge.route(function (hash) {
    const m = /^g\/(2010|2020)\/(\d{4})$/.exec(hash);
    if (!m) return null;
    const g = data.groups[m[1] + '-' + m[2]];
    const page = document.getElementById('group-page');
    page.innerHTML = g ? render(g) : '<p>No unit group SOC' + esc(m[1]) + ' ' + esc(m[2]) + ' in this release.</p>';
    document.title = g ? 'SOC' + g.v + ' ' + g.c + ' ' + g.t + ' · audit' : document.title;
    return 'group';
  });
})();
