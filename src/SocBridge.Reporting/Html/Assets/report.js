// SocBridge report pages: tabs driven by the URL fragment, sortable tables and row filters.
(function () {
  'use strict';
  const routes = [];
  window.socbridge = {
    // A page script can claim fragments it draws itself: handler(fragment) returns a section id or null.
    route: function (handler) { routes.push(handler); show(); },
  };

  function show() {
    const hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    let id = null;
    for (const r of routes) { id = r(hash); if (id) break; }
    const tabs = document.querySelectorAll('section.tab');
    if (!id) {
      const target = hash ? document.getElementById(hash) : null;
      const section = target ? target.closest('section.tab') : null;
      id = section ? section.id : (tabs.length ? tabs[0].id : null);
    }
    tabs.forEach(s => s.classList.toggle('active', s.id === id));
    document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', a.dataset.tab === id));
    const target = hash ? document.getElementById(hash) : null;
    if (target && target.tagName !== 'SECTION') target.scrollIntoView(); else window.scrollTo(0, 0);
  }
  window.addEventListener('hashchange', show);

  function cellValue(row, index, numeric) {
    const cell = row.cells[index];
    if (!cell) return numeric ? -Infinity : '';
    if (numeric) {
      const v = cell.dataset.sort;
      return v === undefined || v === '' ? -Infinity : parseFloat(v);
    }
    return cell.textContent.trim().toLowerCase();
  }

  function sortTable(table, index, th) {
    const numeric = th.dataset.kind === 'number';
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('thead th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      const c = numeric ? x - y : x.localeCompare(y, 'en', { numeric: true });
      return ascending ? c : -c;
    });
    rows.forEach(r => body.appendChild(r));
  }

  function applyFilters(box) {
    const table = document.getElementById(box.dataset.for);
    if (!table) return;
    const words = box.querySelector('.filter-text').value.trim().toLowerCase().split(/\s+/).filter(w => w);
    const selects = Array.from(box.querySelectorAll('.filter-select')).filter(s => s.value);
    let shown = 0;
    for (const row of table.tBodies[0].rows) {
      const text = row.textContent.toLowerCase();
      let ok = words.every(w => text.includes(w));
      for (const s of selects) {
        const values = (row.dataset[s.dataset.attr] || '').split(' ');
        if (!values.includes(s.value)) ok = false;
      }
      row.hidden = !ok;
      if (ok) shown++;
    }
    const count = box.querySelector('.count');
    count.textContent = shown === +count.dataset.total ? shown + ' rows' : shown + ' of ' + count.dataset.total + ' rows';
  }

  document.querySelectorAll('table.sortable').forEach(table => {
    table.querySelectorAll('thead th').forEach((th, i) => {
      th.querySelector('button').addEventListener('click', () => sortTable(table, i, th));
    });
  });
  document.querySelectorAll('.filters').forEach(box => {
    box.querySelector('.filter-text').addEventListener('input', () => applyFilters(box));
    box.querySelectorAll('.filter-select').forEach(s => s.addEventListener('change', () => applyFilters(box)));
  });
  show();
})();
