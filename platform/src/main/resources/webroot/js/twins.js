// The browser's copy of a few twins of one site (those an RQL filter picks, e.g. the rooftop's):
// loaded page by page through the Ditto search API, then kept current by the Ditto SSE change
// stream with the same filter. Device types give units and reporting intervals (for the "stale"
// marker). Long lists (devices, fiber) are paged by the server instead: see pages.js.

import { get, stream } from './api.js';
import { FIELDS, literal, merge, newer } from './pages.js';

export class TwinCache {
  constructor(onChange) {
    this.things = new Map();
    this.types = new Map();
    this.onChange = onChange;
    this.stop = null;
  }

  async loadTypes() {
    try {
      // the list has summaries only; units and intervals are in each full definition
      const body = await get('/api/device-types');
      const list = Array.isArray(body) ? body : (body.types || []);
      const full = await Promise.all(list.map((t) => get(`/api/device-types/${encodeURIComponent(t.id)}`)
        .catch(() => t)));
      for (const t of full) this.types.set(t.id, t);
    } catch (e) {
      // types are decoration (units, intervals); the twins still show without them
    }
  }

  /**
   * Loads and follows the twins of {@code tenant} that {@code rql} (optional) also matches. The
   * stream is opened first and the pages read once it is up, so a change made while they load is
   * not lost; whichever of the two is newer (by revision) wins.
   */
  async load(tenant, rql = null) {
    if (this.stop) this.stop();
    this.things.clear();
    const namespace = tenant.replaceAll('-', '.');
    const follow = rql ? `&filter=${encodeURIComponent(rql)}` : '';
    let up;
    const streaming = new Promise((resolve) => { up = resolve; });
    this.stop = stream(`/api/2/things?namespaces=${namespace}${follow}&fields=${FIELDS}`, (change) => this.apply(change),
      (isUp) => {
        if (isUp) up();
        document.dispatchEvent(new CustomEvent('stream-state', { detail: { name: 'twins', up: isUp } }));
      });
    await Promise.race([streaming, new Promise((resolve) => setTimeout(resolve, 5000))]); // a stream that is down must not hide the twins
    const site = `eq(attributes/tenant,${literal(tenant)})`;
    const filter = encodeURIComponent(rql ? `and(${site},${rql})` : site);
    let cursor = null;
    do {
      const option = `size(200)${cursor ? `,cursor(${cursor})` : ''}`;
      const page = await get(`/api/2/search/things?filter=${filter}&namespaces=${namespace}&option=${option}&fields=${FIELDS}`);
      for (const t of page.items || []) {
        const seen = this.things.get(t.thingId);
        this.things.set(t.thingId, !seen || newer(t, seen) ? t : merge(t, seen));
      }
      cursor = page.cursor;
    } while (cursor);
    this.onChange(null);
  }

  apply(change) {
    if (!change || !change.thingId) return;
    const current = this.things.get(change.thingId) || { thingId: change.thingId };
    if (!newer(change, current)) return;
    this.things.set(change.thingId, merge(current, change));
    this.onChange(change.thingId);
  }

  /** The twins known whole (a change of a twin not yet loaded is kept, but listed once its page is read). */
  list() {
    return [...this.things.values()].filter((t) => t.attributes);
  }

  property(thing, feature, name) {
    const p = thing.features && thing.features[feature] && thing.features[feature].properties;
    return p ? p[name] : undefined;
  }

  typeOf(thing) {
    return this.types.get(thing.attributes && thing.attributes.type);
  }

  unit(thing, feature, name) {
    const type = this.typeOf(thing);
    const f = type && type.features && type.features[feature];
    const p = f && f.properties && f.properties[name];
    return (p && p.unit) || '';
  }

  /** Seconds since the twin last changed, or null. */
  age(thing) {
    return thing._modified ? Math.max(0, (Date.now() - Date.parse(thing._modified)) / 1000) : null;
  }

  /** A device is stale when silent for more than three reporting intervals. */
  isStale(thing) {
    const type = this.typeOf(thing);
    const interval = (type && type.reportingIntervalSeconds) || 60;
    const age = this.age(thing);
    return age !== null && age > 3 * interval;
  }
}
