// The dashboard: signs in, follows one site's twins and alerts live, and renders the view the
// URL's hash names. Facility managers read it at a desk; crews use it on a phone.

import { auth, get, post, stream, ApiError } from './api.js';
import { TwinCache } from './twins.js';
import * as views from './views.js';

const state = { site: '', building: '', floor: '', zone: '', search: '', view: 'energy', role: 'viewer' };
let alerts = [];
let devices = new Map();
let stopAlerts = null;
let renderPending = false;
const cache = new TwinCache(() => scheduleRender());
const $ = (id) => document.getElementById(id);

async function start() {
  wireControls();
  if (!auth.token()) { // every API path needs a token: ask for one before calling anything
    showLogin('');
    return;
  }
  try {
    const session = await get('/api/session');
    state.role = session.role;
    $('who').textContent = `${session.name || 'signed in'} (${session.role})`;
    $('logout').hidden = !auth.token();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      showLogin(auth.token() ? 'That token was not accepted.' : '');
      return;
    }
    status(`cannot reach ParkOps: ${e.message}`);
    return;
  }
  await cache.loadTypes();
  const sites = await loadSites();
  const select = $('site');
  select.replaceChildren(...sites.map((s) => new Option(s, s)));
  state.site = localStorage.getItem('parkops.site') && sites.includes(localStorage.getItem('parkops.site'))
    ? localStorage.getItem('parkops.site') : sites[0] || '';
  select.value = state.site;
  await openSite();
  route();
  setInterval(() => { scheduleRender(); }, 15000); // ages and stale markers move with the clock
}

async function loadSites() {
  try {
    const result = await get('/api/2/search/things?option=size(200)&fields=attributes/tenant');
    const sites = new Set((result.items || []).map((t) => t.attributes && t.attributes.tenant).filter(Boolean));
    return [...sites].sort();
  } catch (e) {
    status(`cannot list sites: ${e.message}`);
    return [];
  }
}

async function openSite() {
  if (!state.site) return;
  localStorage.setItem('parkops.site', state.site);
  await cache.load(state.site);
  fillPlaces();
  await loadAlerts();
  if (stopAlerts) stopAlerts();
  stopAlerts = stream(`/api/alerts/stream?tenant=${encodeURIComponent(state.site)}`, (alert) => {
    alerts = [alert, ...alerts.filter((a) => a.id !== alert.id)];
    scheduleRender();
  });
}

async function loadAlerts() {
  const s = $('alert-state').value;
  try {
    alerts = await get(`/api/alerts?tenant=${encodeURIComponent(state.site)}&state=${s}`);
  } catch (e) {
    status(`cannot load alerts: ${e.message}`);
  }
  scheduleRender();
}

async function loadDevices() {
  try {
    const list = await get(`/api/devices?tenant=${encodeURIComponent(state.site)}`);
    devices = new Map(list.map((d) => [d.thingId, d]));
  } catch (e) {
    status(`cannot list devices: ${e.message}`);
  }
}

function fillPlaces() {
  const things = cache.list().map((t) => t.attributes || {});
  fill('building', 'all buildings', things.map((a) => a.building));
  fill('floor', 'all floors', things.filter((a) => !state.building || a.building === state.building).map((a) => a.floor));
  fill('zone', 'all zones', things.filter((a) => (!state.building || a.building === state.building)
    && (!state.floor || String(a.floor) === state.floor)).map((a) => a.zone));
}

function fill(id, label, values) {
  const select = $(id);
  const unique = [...new Set(values.filter((v) => v !== undefined && v !== null).map(String))].sort();
  select.replaceChildren(new Option(label, ''), ...unique.map((v) => new Option(v, v)));
  select.value = unique.includes(state[id]) ? state[id] : '';
  state[id] = select.value;
}

function wireControls() {
  $('site').addEventListener('change', async (e) => { state.site = e.target.value; await openSite(); render(); });
  for (const id of ['building', 'floor', 'zone']) {
    $(id).addEventListener('change', (e) => { state[id] = e.target.value; fillPlaces(); render(true); });
  }
  $('search').addEventListener('input', (e) => { state.search = e.target.value.trim(); scheduleRender(); });
  $('alert-state').addEventListener('change', loadAlerts);
  $('alert-severity').addEventListener('change', () => scheduleRender());
  $('energy-range').addEventListener('change', () => render(true));
  window.addEventListener('hashchange', route);
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    auth.set($('token').value.trim());
    location.reload();
  });
  $('logout').addEventListener('click', () => { auth.clear(); location.reload(); });
  document.addEventListener('stream-state', (e) => status(e.detail.up ? 'live' : 'reconnecting…'));
}

function route() {
  state.view = (location.hash || '#energy').slice(1);
  document.querySelectorAll('.tabs a').forEach((a) => a.classList.toggle('active', a.dataset.view === state.view));
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== `view-${state.view}`; });
  render(true);
}

function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  requestAnimationFrame(() => { renderPending = false; render(false); });
}

/** Renders the current view; history views ask the server again only when {@code refetch}. */
async function render(refetch) {
  try {
    switch (state.view) {
      case 'energy':
        if (refetch || !state.energy) state.energy = await views.loadInsight('energy', state, $('energy-range').value);
        views.renderEnergy(state, state.energy);
        break;
      case 'environment':
        if (refetch || !state.environment) state.environment = await views.loadInsight('environment', state);
        views.renderEnvironment(state, state.environment);
        break;
      case 'rooftop': views.renderRooftop(state, cache, alerts); break;
      case 'fiber': views.renderFiber(state, cache); break;
      case 'alerts': views.renderAlerts(state, alerts, state.role, acknowledge); break;
      case 'devices':
        if (refetch) await loadDevices();
        views.renderDevices(state, cache, devices);
        break;
      default: break;
    }
    const active = alerts.filter((a) => a.state === 'ACTIVE_UNACK').length;
    $('alert-count').textContent = active ? String(active) : '';
  } catch (e) {
    status(`${state.view}: ${e.message}`);
  }
}

async function acknowledge(alert, note) {
  try {
    const updated = await post(`/api/alerts/${encodeURIComponent(alert.id)}/ack`, { note });
    alerts = alerts.map((a) => (a.id === updated.id ? updated : a));
    status(`acknowledged ${alert.ruleId} on ${alert.thingId}`);
    render(false);
  } catch (e) {
    status(`could not acknowledge: ${e.message}`);
  }
}

function showLogin(message) {
  document.querySelectorAll('.view').forEach((v) => { v.hidden = true; });
  $('login').hidden = false;
  $('login-error').textContent = message;
}

function status(text) {
  $('status').textContent = text;
}

start();
