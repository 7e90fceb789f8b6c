'use strict';
// The statistics page: with a court's key in the fragment (#key=...), that court's figures per court and month as charts and a
// table; without one, the city's public totals. The period is ?from=yyyy-MM&to=yyyy-MM, the last 12 months by default.
(function () {
  const params = new URLSearchParams(location.search);
  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  const status = document.getElementById('status');

  function month(date) { return date.getFullYear() + '-' + String(date.getMonth() + 1).padStart(2, '0'); }
  const now = new Date();
  const to = params.get('to') || month(now);
  const from = params.get('from') || month(new Date(now.getFullYear(), now.getMonth() - 11, 1));
  document.getElementById('period').textContent = '统计期间 Period: ' + from + ' – ' + to;

  // The period's control: months as the API takes them; the key stays in the fragment.
  const fromInput = document.getElementById('from');
  const toInput = document.getElementById('to');
  fromInput.value = from;
  toInput.value = to;
  document.getElementById('choose').addEventListener('submit', event => {
    event.preventDefault();
    const query = new URLSearchParams({ from: fromInput.value, to: toInput.value });
    location.assign(location.pathname + '?' + query.toString() + location.hash);
  });

  function element(name, attributes, text) {
    const node = name.startsWith('svg:')
      ? document.createElementNS('http://www.w3.org/2000/svg', name.slice(4))
      : document.createElement(name);
    for (const [attribute, value] of Object.entries(attributes || {})) node.setAttribute(attribute, value);
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function fail(text) { status.textContent = text; status.classList.add('error'); }

  // A refusal as a reader understands it: what went wrong in Chinese, the API's rule beside it, never its raw JSON.
  async function refusal(response) {
    let problem = {};
    try { problem = await response.json(); } catch { /* not problem details: the status says enough */ }
    const rules = Object.entries(problem.errors || {}).map(([field, messages]) => field + ': ' + [].concat(messages).join('; '));
    const detail = rules.length ? rules.join(' · ') : (problem.detail || problem.title || '');
    const reason = response.status === 401 || response.status === 403 ? '密钥无效或无权查看本页 The key does not open this page'
      : response.status === 400 ? '查询条件有误 The period is not valid'
      : response.status === 404 ? '未找到 Not found'
      : response.status === 429 ? '请求过于频繁，请稍后再试 Too many requests, try again shortly'
      : '服务暂时不可用，请稍后再试 The service is unavailable, try again shortly';
    return new Error(reason + (detail ? ' — ' + detail : ''));
  }

  async function get(path) {
    const response = await fetch(path, { headers: key ? { 'X-Api-Key': key } : {} });
    if (!response.ok) throw await refusal(response);
    return response.json();
  }

  // Courts by name where the answers give their code; the code alone if the list cannot be read.
  async function courtNames() {
    try {
      const response = await fetch('/api/v1/public/courts');
      return response.ok ? new Map((await response.json()).map(c => [c.code, c.name])) : new Map();
    } catch { return new Map(); }
  }

  function figure(container, name, label, value) {
    const box = element('div', { class: 'figure', 'data-name': name });
    box.append(element('div', { class: 'value' }, value), element('div', { class: 'label' }, label));
    container.append(box);
  }

  // One bar per month, summed over the courts shown.
  function chart(container, name, title, months, value) {
    const labels = [...new Set(months.map(m => m.month))].sort();
    const sums = labels.map(label => months.filter(m => m.month === label).reduce((sum, m) => sum + value(m), 0));
    const top = Math.max(1, ...sums);
    const box = element('div', { class: 'chart', 'data-name': name });
    box.append(element('h2', {}, title));
    const svg = element('svg:svg', { viewBox: '0 0 400 180', role: 'img', 'aria-label': title });
    const width = 360 / Math.max(1, labels.length);
    labels.forEach((label, i) => {
      const height = Math.round(130 * sums[i] / top);
      const x = 30 + i * width;
      svg.append(element('svg:rect', { class: 'bar', x: x + 4, y: 150 - height, width: Math.max(4, width - 8), height, 'data-month': label, 'data-value': sums[i] }));
      svg.append(element('svg:text', { x: x + width / 2, y: 145 - height, 'text-anchor': 'middle' }, sums[i]));
      svg.append(element('svg:text', { x: x + width / 2, y: 168, 'text-anchor': 'middle' }, label.slice(2)));
    });
    svg.append(element('svg:line', { x1: 30, y1: 150, x2: 390, y2: 150, stroke: '#889' }));
    box.append(svg);
    container.append(box);
  }

  function removals(m) { return Object.values(m.removals).reduce((a, b) => a + b, 0); }

  async function showCourt() {
    const [report, names] = await Promise.all([
      get('/api/v1/statistics/monthly?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to)), courtNames()]);
    const named = code => names.has(code) ? names.get(code) + '（' + code + '）' : code;
    document.getElementById('scope').textContent = named(report.court) + ' 及下级法院 · and the courts below it';
    const charts = document.getElementById('charts');
    chart(charts, 'listings', '纳入失信名单 Listed', report.months, m => m.listings);
    chart(charts, 'restrictions', '限制消费 Consumption restrictions', report.months, m => m.restrictions);
    chart(charts, 'removals', '删除 Removals', report.months, removals);
    chart(charts, 'objections', '异议 Objections received', report.months, m => m.objectionsReceived);
    const body = document.querySelector('#table tbody');
    for (const m of report.months) {
      const row = element('tr', { 'data-court': m.court, 'data-month': m.month });
      for (const value of [named(m.court), m.month, m.listings, m.restrictions, m.exitBans, removals(m), m.removalsAfterPerformance, m.objectionsReceived,
        m.objectionsUpheld, m.objectionsOverdue, m.hitsTotal]) row.append(element('td', {}, value));
      body.append(row);
    }
    document.getElementById('court').hidden = false;
  }

  async function showCity() {
    const totals = await get('/api/v1/public/statistics/city?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
    const city = document.getElementById('city');
    // The city is a setting of the platform (Credit:Statistics:City); the page names the one the totals are for.
    document.getElementById('scope').textContent = totals.region + ' 辖区法院 · 公开统计（仅数量，不含任何个人信息） Courts of ' + totals.region + ', public totals: counts only';
    figure(city, 'listings', '纳入失信名单 Listed', totals.listings);
    figure(city, 'restrictions', '限制消费 Consumption restrictions', totals.restrictions);
    figure(city, 'exitBans', '限制出境 Exit bans', totals.exitBans);
    figure(city, 'removals', '删除 Removals', totals.removals);
    figure(city, 'removalsAfterPerformance', '履行后删除 Removed after performance', totals.removalsAfterPerformance);
    figure(city, 'objectionsReceived', '异议 Objections', totals.objectionsReceived);
    figure(city, 'hits', '联合惩戒拦截 Interceptions', totals.hits);
    city.hidden = false;
  }

  (key ? showCourt() : showCity())
    .then(() => { status.textContent = ''; document.body.dataset.ready = 'true'; })
    .catch(error => {
      document.getElementById('scope').textContent = key ? '法院统计 · Court statistics' : '公开统计 · Public totals';
      fail('加载失败 Could not load: ' + error.message);
    });
})();
