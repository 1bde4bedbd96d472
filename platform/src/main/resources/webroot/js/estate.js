// The estate's pages: the portfolio (every site of the token, worst first, as /api/portfolio
// orders them) and the monthly energy report of one site (/api/reports/energy, as a table and
// as a CSV download).

import { get, download } from './api.js';
import { h, table, fmt } from './dom.js';

/** One row per site; {@code onOpen(siteId)} opens the site's own views. */
export function renderPortfolio(answer, onOpen) {
  const sites = (answer && answer.sites) || [];
  const note = document.getElementById('portfolio-energy-note');
  note.hidden = !(answer && answer.energyUnavailable);
  note.textContent = note.hidden ? '' : answer.energyUnavailable;
  table(document.getElementById('portfolio-table'),
    ['site', 'alerts', 'load now', 'today', 'this month', 'kWh/m² (12 months)', 'PV share', 'outside comfort', 'drones', 'ONTs down'],
    sites.map((s) => h('tr', { class: `site-row${worst(s) ? ` ${worst(s)}` : ''}`, 'data-site': s.site, onclick: () => onOpen(s.site) },
      h('td', {}, h('a', { href: '#energy', class: 'site-link', onclick: (e) => { e.preventDefault(); onOpen(s.site); } },
        s.name === s.site ? s.site : `${s.name} (${s.site})`)),
      h('td', { class: 'alerts' }, alerts(s.alerts)),
      h('td', {}, fmt(s.loadKw, 'kW')),
      h('td', {}, fmt(s.todayKwh, 'kWh')),
      h('td', {}, fmt(s.monthKwh, 'kWh')),
      h('td', {}, perM2(s.kWhPerM2Last12Months)),
      h('td', {}, percent(s.pvShare)),
      h('td', { class: s.comfort.outside ? 'bad' : '' }, s.comfort.zones ? `${s.comfort.outside} of ${s.comfort.zones}` : '–'),
      h('td', { class: s.drones.state === 'grounded' ? 'bad' : '' }, s.drones.state === 'none' ? '–' : s.drones.state),
      h('td', { class: s.onts.down ? 'bad' : '' }, s.onts.total ? `${s.onts.down} of ${s.onts.total}` : '–'))));
}

/** The report's pickers: the token's sites (named), the picked site and this month. */
export function fillReportPickers(sites, names, site) {
  const select = document.getElementById('report-site');
  if (!select.options.length) {
    select.replaceChildren(...sites.map((s) => new Option(names[s] ? `${names[s]} (${s})` : s, s)));
  }
  if (!select.value || !sites.includes(select.value)) select.value = site;
  const month = document.getElementById('report-month');
  const now = new Date();
  if (!month.value) month.value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export async function loadReport() {
  const { site, month } = reportChoice();
  if (!site || !month) return null;
  return get(reportPath(site, month));
}

export function renderReport(report) {
  if (!report) return;
  document.getElementById('report-title').textContent = `${report.name} · ${report.month}`;
  const row = (r, isTotal) => h('tr', { class: isTotal ? 'total' : '', 'data-building': r.building },
    h('td', {}, isTotal ? 'whole site' : r.name ? `${r.name} (${r.building})` : r.building),
    h('td', {}, fmt(r.areaM2, 'm²')), h('td', {}, fmt(r.kWh, 'kWh')),
    h('td', {}, r.kWhPerM2 === null ? '–' : String(r.kWhPerM2)), h('td', {}, fmt(r.peakKw, 'kW')),
    h('td', {}, fmt(r.pvKwh, 'kWh')), h('td', {}, percent(r.pvSelfConsumptionShare)), h('td', {}, fmt(r.kgCO2e, 'kg')));
  table(document.getElementById('report-table'),
    ['building', 'area', 'energy', 'kWh/m²', 'peak (15 min)', 'PV', 'PV used on site', 'CO₂e'],
    [...report.buildings.map((b) => row(b, false)), row(report.total, true)]);
  const local = (t) => new Date(t).toLocaleString(undefined, { timeZone: report.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  document.getElementById('report-note').textContent = `from ${local(report.from)} to ${local(report.to)} (${report.timeZone})`
    + (report.gridEmissionFactor === null ? '; no grid emission factor for this site' : `; ${report.gridEmissionFactor} kgCO₂e/kWh`);
}

/** Saves the report as CSV: the same request with Accept: text/csv. */
export async function downloadReport() {
  const { site, month } = reportChoice();
  await download(reportPath(site, month), 'text/csv', `energy-${site}-${month}.csv`);
}

function reportChoice() {
  return { site: document.getElementById('report-site').value, month: document.getElementById('report-month').value };
}

function reportPath(site, month) {
  return `/api/reports/energy?site=${encodeURIComponent(site)}&month=${encodeURIComponent(month)}`;
}

function alerts(counts) {
  const parts = ['critical', 'major', 'warning'].filter((sev) => counts[sev])
    .map((sev) => h('span', { class: `count ${sev}` }, `${counts[sev]} ${sev}`));
  return parts.length ? parts : h('span', { class: 'muted' }, 'none');
}

/** The row's colour: the worst thing about the site. */
function worst(s) {
  if (s.alerts.critical) return 'critical';
  if (s.alerts.major) return 'major';
  return '';
}

/** kWh/m²: a year of a real park reads 50-300; a young site's first readings are far below 1. */
function perM2(value) {
  if (value === null || value === undefined) return '–';
  return value >= 1 || value === 0 ? value.toFixed(1) : value.toPrecision(2);
}

function percent(share) {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`;
}
