// One render function per view. Each reads the twin cache, the alerts and the insights API, and
// never changes anything but its own section of the page.

import { get } from './api.js';
import { h, table, fmt, age } from './dom.js';
import { lineChart } from './charts.js';

const SEVERITY_ORDER = { critical: 0, major: 1, warning: 2 };

export function renderEnergy(state, insight) {
  const cards = document.getElementById('energy-cards');
  const totals = (insight && insight.totals) || {};
  cards.replaceChildren(
    card('Load now', fmt(totals.loadKw, 'kW'), 'sum of the latest meter readings'),
    card('PV now', fmt(totals.pvKw, 'kW'), 'rooftop inverters'),
    card('Today', fmt(totals.todayKwh, 'kWh'), `imported since midnight${insight && insight.timeZone ? ` (${insight.timeZone})` : ''}`));
  table(document.getElementById('energy-table'), ['building', 'load', 'PV', 'today'],
    ((insight && insight.buildings) || []).filter((b) => !state.building || b.building === state.building).map((b) =>
      h('tr', {}, h('td', {}, b.building), h('td', {}, fmt(b.loadKw, 'kW')), h('td', {}, fmt(b.pvKw, 'kW')),
        h('td', {}, fmt(b.todayKwh, 'kWh')))));
  const points = (insight && insight.series && insight.series.points) || [];
  lineChart(document.getElementById('energy-chart'), [
    { name: 'consumption (kW)', points: points.map((p) => ({ t: new Date(p.t), v: p.loadKw })) },
    { name: 'PV (kW)', points: points.map((p) => ({ t: new Date(p.t), v: p.pvKw })) },
  ], { unit: 'kW' });
}

export function renderEnvironment(state, insight) {
  const zones = ((insight && insight.zones) || []).filter((z) => (!state.zone || z.zone === state.zone));
  const comfort = (insight && insight.comfort) || {};
  const container = document.getElementById('zones');
  container.replaceChildren(...zones.map((z) => {
    const chart = h('div', { class: 'chart' });
    const c = h('div', { class: 'card' },
      h('h3', {}, `${z.building} · ${z.zone}`, h('span', { class: z.comfortable === false ? 'bad' : 'good' },
        z.comfortable === false ? 'outside comfort' : z.comfortable ? 'comfortable' : '')),
      h('div', {}, `${fmt(z.now.temperature, '°C')} · ${fmt(z.now.co2, 'ppm')} CO₂ · ${fmt(z.now.pm25, 'µg/m³')} PM2.5`),
      chart);
    lineChart(chart, [{ name: 'temperature (°C)', points: z.series.filter((p) => p.temperature !== undefined)
      .map((p) => ({ t: new Date(p.t), v: p.temperature })) }], { unit: '°C', band: comfort.temperature });
    return c;
  }));
  if (!zones.length) container.replaceChildren(h('p', { class: 'muted' }, 'No indoor air readings for this selection yet.'));
}

export function renderRooftop(state, cache, alerts) {
  const roof = visible(state, cache).filter((t) => ['weather-station', 'pv-inverter', 'leak-sensor', 'drone-pad']
    .includes(t.attributes && t.attributes.type));
  const gusts = roof.filter((t) => t.attributes.type === 'weather-station')
    .map((t) => cache.property(t, 'weather', 'windGust')).filter((v) => typeof v === 'number');
  const windAlert = alerts.find((a) => a.state.startsWith('ACTIVE') && /wind|gust|drone/i.test(a.ruleId));
  const unsafe = Boolean(windAlert) || gusts.some((g) => g > 12);
  const banner = document.getElementById('drone-state');
  banner.className = `card state ${unsafe ? 'bad' : 'good'}`;
  banner.textContent = unsafe
    ? `Drone operations NOT OK${windAlert ? ` — ${windAlert.message}` : ' — gusts above 12 m/s'}`
    : `Drone operations OK${gusts.length ? ` — highest gust ${fmt(Math.max(...gusts), 'm/s')}` : ''}`;
  document.getElementById('rooftop-devices').replaceChildren(...roof.map((t) => deviceCard(cache, t)));
}

/** The ONTs of the page on screen, faulty ones first (the server's order: see openPages in app.js). */
export function renderFiber(pages, cache) {
  const faulty = (t) => cache.property(t, 'optical', 'linkUp') === false
    || (cache.property(t, 'optical', 'rxPower') ?? 0) < -27;
  table(document.getElementById('fiber-table'), ['ONT', 'floor', 'zone', 'rx power', 'link', 'last seen'],
    pages.items.map((t) => h('tr', { class: faulty(t) ? 'bad' : '', 'data-thing': t.thingId },
      h('td', {}, t.thingId), h('td', {}, t.attributes.floor), h('td', {}, t.attributes.zone),
      h('td', {}, fmt(cache.property(t, 'optical', 'rxPower'), 'dBm')),
      h('td', {}, cache.property(t, 'optical', 'linkUp') === false ? 'DOWN' : 'up'),
      h('td', {}, age(cache.age(t))))));
  pager('fiber-pager', pages, 'ONTs');
}

export function renderAlerts(state, alerts, role, onAck) {
  const severity = document.getElementById('alert-severity').value;
  const list = alerts.filter((a) => !severity || a.severity === severity);
  list.sort((a, b) => (a.state.startsWith('ACTIVE') ? 0 : 1) - (b.state.startsWith('ACTIVE') ? 0 : 1)
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || String(b.raisedAt).localeCompare(String(a.raisedAt)));
  const canAck = role === 'operator' || role === 'admin';
  const container = document.getElementById('alert-list');
  container.replaceChildren(...list.map((a) => {
    const suppressed = a.suppressed || a.state === 'SUPPRESSED' || a.suppressedBy;
    const ackForm = canAck && a.state.endsWith('_UNACK')
      ? h('form', { class: 'ack', onsubmit: (e) => { e.preventDefault(); onAck(a, e.target.note.value); } },
        h('input', { type: 'text', name: 'note', placeholder: 'note for the crew', 'aria-label': 'Note' }),
        h('button', { type: 'submit', class: 'ack-button' }, 'Acknowledge'))
      : null;
    return h('div', { class: `card alert ${a.severity}${suppressed ? ' suppressed' : ''}`, 'data-alert': a.id },
      h('span', { class: 'sev' }, a.severity),
      h('div', { class: 'what' }, h('strong', {}, a.message || a.ruleId),
        h('div', { class: 'where' }, place(a)),
        h('span', { class: 'muted' }, `${a.thingId} · ${a.state}${suppressed ? ' · suppressed' : ''} · value ${fmt(a.value)}`
          + ` · raised ${new Date(a.raisedAt).toLocaleString()}${a.ackedBy ? ` · acknowledged by ${a.ackedBy}` : ''}`
          + `${a.ackNote ? ` ("${a.ackNote}")` : ''}`)),
      ackForm);
  }));
  if (!list.length) container.replaceChildren(h('p', { class: 'muted' }, 'No alerts match.'));
  const active = alerts.filter((a) => a.state === 'ACTIVE_UNACK').length;
  document.getElementById('alert-count').textContent = active ? String(active) : '';
}

/** The devices of the page on screen; {@code registry} is null until the site's registry list has come. */
export function renderDevices(pages, cache, registry) {
  table(document.getElementById('device-table'), ['device', 'type', 'place', 'values', 'last seen', 'provisioned'],
    pages.items.map((t) => h('tr', { class: cache.isStale(t) ? 'stale' : '', 'data-thing': t.thingId },
      h('td', {}, t.thingId), h('td', {}, t.attributes && t.attributes.type),
      h('td', {}, [t.attributes.building, t.attributes.floor, t.attributes.zone].filter(Boolean).join(' / ')),
      h('td', { class: 'values' }, values(cache, t)),
      h('td', { class: 'age' }, age(cache.age(t))),
      h('td', { class: 'provisioning' }, registry ? provisioning(registry.get(t.thingId)) : '…'))));
  pager('device-pager', pages, 'devices');
}

/** "51–100 of 5000 devices" and the buttons to move by a page. */
function pager(id, pages, noun) {
  const element = document.getElementById(id);
  const shown = pages.items.length;
  element.querySelector('.range').textContent = shown
    ? `${pages.first + 1}–${pages.first + shown} of ${pages.total} ${noun}` : `no ${noun} here`;
  element.querySelector('[data-page=previous]').disabled = !pages.hasPrevious();
  element.querySelector('[data-page=next]').disabled = !pages.hasNext();
}

/** Where a crew has to go: site, building, floor, zone (as far as the device's attributes say). */
function place(alert) {
  const at = alert.attributes || {};
  return [['site', alert.tenant], ['building', at.building], ['floor', at.floor], ['zone', at.zone]]
    .filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `${k} ${v}`).join(' · ');
}

/** Whether the device is in the registry and which credentials it has (never their values). */
function provisioning(device) {
  if (!device) return 'twin only';
  const c = device.credentials || {};
  const set = [c.password && 'password', c.psk && 'PSK'].filter(Boolean);
  return set.length ? `yes · ${set.join(' + ')}` : 'yes · no credentials';
}

export async function loadInsight(kind, state, range = '24h') {
  if (!state.site) return null; // the site list is still loading: nothing to ask for yet
  const building = state.building ? `&building=${encodeURIComponent(state.building)}` : '';
  const tz = encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  return get(`/api/insights/${kind}?tenant=${encodeURIComponent(state.site)}&range=${range}&tz=${tz}${building}`);
}

function visible(state, cache) {
  const q = state.search.toLowerCase();
  return cache.list().filter((t) => {
    const a = t.attributes || {};
    return (!state.building || a.building === state.building) && (!state.floor || String(a.floor) === state.floor)
      && (!state.zone || a.zone === state.zone)
      && (!q || t.thingId.toLowerCase().includes(q) || String(a.type || '').includes(q));
  });
}

function values(cache, t) {
  const parts = [];
  for (const [feature, f] of Object.entries(t.features || {})) {
    for (const [name, v] of Object.entries((f && f.properties) || {})) {
      parts.push(`${name} ${fmt(v, cache.unit(t, feature, name))}`);
    }
  }
  return parts.join(' · ');
}

function deviceCard(cache, t) {
  return h('div', { class: `card${cache.isStale(t) ? ' stale' : ''}`, 'data-thing': t.thingId },
    h('h3', {}, t.thingId, h('span', { class: 'muted age' }, age(cache.age(t)))),
    h('div', { class: 'values' }, values(cache, t)));
}

function card(title, value, note) {
  return h('div', { class: 'card' }, h('div', { class: 'muted' }, title), h('div', { class: 'big' }, value),
    h('div', { class: 'muted' }, note));
}
