// The dashboard: signs in, follows one site's alerts live, and renders the view the URL's hash
// names. A token with more than one site starts on the portfolio (every site, worst first);
// one with a single site goes straight to it. Long lists (devices, fiber) come a page at a time from the server's search, and only
// the page on screen is followed live, so a site of thousands of devices stays quick. Facility
// managers read it at a desk; crews use it on a phone.

import { auth, get, post, stream, ApiError } from './api.js';
import { TwinCache } from './twins.js';
import { PagedThings, placeFilter, and, literal } from './pages.js';
import * as views from './views.js';
import * as estate from './estate.js';

const PAGE_SIZE = 50;
const ROOF_TYPES = ['weather-station', 'pv-inverter', 'leak-sensor', 'drone-pad'];
const ONT_FAULTY = 'or(eq(features/optical/properties/linkUp,false),lt(features/optical/properties/rxPower,-27))';

const state = { site: '', building: '', floor: '', zone: '', search: '', view: 'energy', role: 'viewer' };
let alerts = [];
let allPlaces = [];
let siteNames = {};
let siteList = [];
let places = [];
let registryStale = true;
let devices = new Map();
let registrySite = null;
let roofSite = null;
let stopAlerts = null;
/** Per alert list read under way, the alerts the stream brought meanwhile: newer than what the list says of them. */
const arriving = new Set();
let renderPending = false;
let searchTimer = null;
const cache = new TwinCache(() => scheduleRender()); // the rooftop's few devices, and every type's units
const pages = new PagedThings({ size: PAGE_SIZE, onChange: () => scheduleRender() });
const $ = (id) => document.getElementById(id);

async function start() {
  wireControls();
  showNode();
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
  const [, sites] = await Promise.all([cache.loadTypes(), loadSites()]);
  siteList = sites;
  $('portfolio-tab').hidden = sites.length < 2;
  const select = $('site');
  select.replaceChildren(...sites.map((s) => new Option(siteNames[s] ? `${siteNames[s]} (${s})` : s, s)));
  state.site = localStorage.getItem('parkops.site') && sites.includes(localStorage.getItem('parkops.site'))
    ? localStorage.getItem('parkops.site') : sites[0] || '';
  select.value = state.site;
  await openSite();
  route();
  setInterval(() => { scheduleRender(); }, 15000); // ages and stale markers move with the clock
  setInterval(refreshFigures, 60000); // the figures from InfluxDB, once a minute
  document.addEventListener('visibilitychange', refreshFigures); // and at once when the tab is looked at again
}

/**
 * The sites of the token's scope: those described in /api/sites (named there) and every site that
 * has twins, with their places, from one scan on the server (not from a first page of things,
 * which misses the small sites next to a big one).
 */
async function loadSites() {
  try {
    const [answer, described] = await Promise.all([get('/api/places'), get('/api/sites').catch(() => [])]);
    allPlaces = answer.places || [];
    siteNames = Object.fromEntries(described.map((site) => [site.id, site.name]));
    return [...new Set([...described.map((site) => site.id), ...(answer.sites || [])])].sort();
  } catch (e) {
    status(`cannot list sites: ${e.message}`);
    return [];
  }
}

async function openSite() {
  if (!state.site) return;
  localStorage.setItem('parkops.site', state.site);
  places = allPlaces.filter((p) => p.site === state.site);
  fillPlaces();
  // the stream first, the list once it is up (and again after each reconnect): an alert raised
  // between reading the list and opening the stream would otherwise never show
  const site = state.site;
  if (stopAlerts) stopAlerts();
  alerts = [];
  $('alert-list').setAttribute('aria-busy', 'true'); // until the site's list is read
  let listed;
  const loaded = new Promise((resolve) => { listed = resolve; });
  stopAlerts = stream(`/api/alerts/stream?tenant=${encodeURIComponent(site)}`, (alert) => {
    arriving.forEach((during) => during.set(alert.id, alert));
    alerts = [alert, ...alerts.filter((a) => a.id !== alert.id)];
    scheduleRender();
  }, (isUp) => {
    if (isUp && site === state.site) listed(loadAlerts());
  });
  const inTime = await Promise.race([loaded.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5000))]);
  if (!inTime) await loadAlerts(); // a stream that is down must not hide the list
}

async function loadAlerts() {
  const site = state.site;
  const s = $('alert-state').value;
  const during = new Map();
  arriving.add(during);
  try {
    const listed = await get(`/api/alerts?tenant=${encodeURIComponent(site)}&state=${s}`);
    if (site !== state.site) return; // another site was opened meanwhile: its own read fills the list
    alerts = [...during.values(), ...listed.filter((a) => !during.has(a.id))];
  } catch (e) {
    status(`cannot load alerts: ${e.message}`);
  } finally {
    arriving.delete(during);
    if (site === state.site) $('alert-list').setAttribute('aria-busy', 'false');
  }
  scheduleRender();
}

/** The registry's view of the site (which devices are provisioned, with what); the table shows without it first. */
async function loadDevices() {
  const site = state.site;
  try {
    const list = await get(`/api/devices?tenant=${encodeURIComponent(site)}`);
    if (site !== state.site) return;
    devices = new Map(list.map((d) => [d.thingId, d]));
    registrySite = site;
    scheduleRender();
  } catch (e) {
    status(`cannot list devices: ${e.message}`);
  }
}

/** Opens the paged list the view shows, for the picked place and search. */
async function openPages(view) {
  pages.view = view; // first: a render while the page loads must not open it again
  const namespace = state.site.replaceAll('-', '.');
  const here = placeFilter(state);
  if (view === 'fiber') {
    const onts = and([here, `eq(attributes/type,${literal('ont')})`]);
    await pages.open([and([onts, ONT_FAULTY]), and([onts, `not(${ONT_FAULTY})`])],
      { sort: '+attributes/floor,+thingId', namespace }); // faulty first
  } else {
    await pages.open([here], { namespace });
    if (registryStale || registrySite !== state.site) { // after the page: 5,000 entries must not delay it
      registryStale = false;
      loadDevices();
    }
  }
}

function fillPlaces() {
  fill('building', 'all buildings', places.map((a) => a.building));
  fill('floor', 'all floors', places.filter((a) => !state.building || a.building === state.building).map((a) => a.floor));
  fill('zone', 'all zones', places.filter((a) => (!state.building || a.building === state.building)
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
  $('site').addEventListener('change', async (e) => {
    state.site = e.target.value;
    await openSite();
    render(true);
  });
  for (const id of ['building', 'floor', 'zone']) {
    $(id).addEventListener('change', (e) => { state[id] = e.target.value; fillPlaces(); render(true); });
  }
  $('search').addEventListener('input', (e) => {
    state.search = e.target.value.trim();
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => render(true), 250); // the server searches: ask once typing pauses
  });
  for (const pager of ['device-pager', 'fiber-pager']) {
    $(pager).addEventListener('click', (e) => {
      const to = e.target.closest('button') && e.target.closest('button').dataset.page;
      if (to === 'next') pages.next();
      else if (to === 'previous') pages.previous();
    });
  }
  $('alert-state').addEventListener('change', loadAlerts);
  $('alert-severity').addEventListener('change', () => scheduleRender());
  $('energy-range').addEventListener('change', () => render(true));
  $('report-site').addEventListener('change', () => render(true));
  $('report-month').addEventListener('change', () => render(true));
  $('report-csv').addEventListener('click', () => estate.downloadReport()
    .then(() => status('report saved as CSV'), (e) => status(`cannot download the report: ${e.message}`)));
  window.addEventListener('hashchange', route);
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    auth.set($('token').value.trim());
    location.reload();
  });
  $('logout').addEventListener('click', () => { auth.clear(); location.reload(); });
  document.addEventListener('stream-state', (e) => status(e.detail.up ? 'live' : 'reconnecting…'));
}

/** From the portfolio into one site's own views. */
async function openFromPortfolio(site) {
  state.site = site;
  $('site').value = site;
  await openSite();
  location.hash = '#energy';
}

function route() {
  const estateWide = siteList.length > 1;
  state.view = (location.hash || (estateWide ? '#portfolio' : '#energy')).slice(1);
  if (state.view === 'portfolio' && !estateWide) state.view = 'energy';
  document.querySelectorAll('.tabs a').forEach((a) => a.classList.toggle('active', a.dataset.view === state.view));
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== `view-${state.view}`; });
  if (state.view !== 'devices' && state.view !== 'fiber') pages.close(); // follow nothing off screen
  registryStale = true; // entering the view again reads the registry again (devices provisioned since)
  render(true);
}

/** Views whose figures are read from InfluxDB (not followed live): read again while someone looks at them. */
const FIGURE_VIEWS = new Set(['portfolio', 'energy', 'environment']);

function refreshFigures() {
  if (document.visibilityState === 'visible' && FIGURE_VIEWS.has(state.view)) render(true);
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
      case 'portfolio':
        if (refetch || !state.portfolio) state.portfolio = await get('/api/portfolio');
        estate.renderPortfolio(state.portfolio, openFromPortfolio);
        break;
      case 'report':
        estate.fillReportPickers(siteList, siteNames, state.site);
        if (refetch || !state.report) state.report = await estate.loadReport();
        estate.renderReport(state.report);
        break;
      case 'energy':
        if (refetch || !state.energy) state.energy = await views.loadInsight('energy', state, $('energy-range').value);
        views.renderEnergy(state, state.energy);
        break;
      case 'environment':
        if (refetch || !state.environment) state.environment = await views.loadInsight('environment', state);
        views.renderEnvironment(state, state.environment);
        break;
      case 'rooftop':
        if (roofSite !== state.site) {
          roofSite = state.site;
          await cache.load(state.site, `in(attributes/type,${ROOF_TYPES.map(literal).join(',')})`);
        }
        views.renderRooftop(state, cache, alerts);
        break;
      case 'fiber':
      case 'devices':
        if (refetch || pages.view !== state.view) await openPages(state.view);
        if (state.view === 'fiber') views.renderFiber(pages, cache);
        else views.renderDevices(pages, cache, registrySite === state.site ? devices : null);
        break;
      case 'alerts': views.renderAlerts(state, alerts, state.role, acknowledge); break;
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

// The footer names the cluster node serving this page (/health says; a single node has no name).
async function showNode() {
  try {
    const node = (await (await fetch('/health')).json()).node;
    if (node) $('node').textContent = `node ${node}`;
  } catch (e) { /* the footer stays as it is */ }
}

start();
