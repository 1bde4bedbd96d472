// One page of a site's twins at a time, asked of the server's search (RQL filter, sort, size,
// cursor), so a site of thousands of devices costs the browser one page. Only the things on
// screen are followed live: an SSE stream names them with ids=, and is replaced when the page
// changes. A query may be several segments in order (the fiber table: faulty ONTs, then the
// rest); a page continues from one segment into the next.

import { get, stream } from './api.js';

export const FIELDS = 'thingId,definition,attributes,features,_modified,_revision';

/** An RQL string literal. */
export function literal(text) {
  return `"${String(text).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

export function and(parts) {
  const set = parts.filter(Boolean);
  return set.length === 1 ? set[0] : `and(${set.join(',')})`;
}

/** The filter for the picked site, building, floor, zone and search text. */
export function placeFilter(state) {
  const like = state.search ? literal(`*${state.search}*`) : null;
  return and([
    `eq(attributes/tenant,${literal(state.site)})`,
    state.building && `eq(attributes/building,${literal(state.building)})`,
    state.floor && `eq(attributes/floor,${literal(state.floor)})`,
    state.zone && `eq(attributes/zone,${literal(state.zone)})`,
    like && `or(ilike(thingId,${like}),ilike(attributes/type,${like}))`,
  ]);
}

export class PagedThings {
  constructor({ size = 50, onChange }) {
    this.size = size;
    this.onChange = onChange;
    this.items = [];
    this.total = 0;
    this.first = 0;
    this.history = [];
    this.end = null;
    this.stop = null;
    this.generation = 0;
  }

  /** Starts over with these segments (RQL filters, in order), a sort and the site's namespace. */
  async open(segments, { sort = '+thingId', namespace = null } = {}) {
    this.segments = segments;
    this.sort = sort;
    this.namespace = namespace;
    this.history = [{ seg: 0, cursor: null }];
    this.first = 0;
    const generation = ++this.generation;
    const [counts] = await Promise.all([
      Promise.all(segments.map((f) => get(`/api/2/search/things/count?${this.query(f)}`))),
      this.show(this.history[0], generation),
    ]);
    if (generation === this.generation) {
      this.total = counts.reduce((a, b) => a + Number(b), 0);
      this.onChange();
    }
  }

  hasNext() { return this.end && this.end.seg < this.segments.length; }

  hasPrevious() { return this.history.length > 1; }

  async next() {
    if (!this.hasNext()) return;
    this.history.push(this.end);
    this.first += this.items.length;
    await this.show(this.end, ++this.generation);
  }

  async previous() {
    if (!this.hasPrevious()) return;
    this.history.pop();
    this.first = Math.max(0, this.first - this.size);
    await this.show(this.history[this.history.length - 1], ++this.generation);
  }

  close() {
    this.generation++;
    if (this.stop) this.stop();
    this.stop = null;
  }

  query(filter) {
    return `filter=${encodeURIComponent(filter)}${this.namespace ? `&namespaces=${encodeURIComponent(this.namespace)}` : ''}`;
  }

  async show(from, generation) {
    const items = [];
    let { seg, cursor } = from;
    while (items.length < this.size && seg < this.segments.length) {
      const option = `size(${this.size - items.length}),sort(${this.sort})${cursor ? `,cursor(${cursor})` : ''}`;
      const page = await get(`/api/2/search/things?${this.query(this.segments[seg])}&option=${encodeURIComponent(option)}`
        + `&fields=${FIELDS}`); // encoded: a '+' of the sort would arrive as a space
      items.push(...(page.items || []));
      if (page.cursor) cursor = page.cursor;
      else { seg += 1; cursor = null; }
    }
    if (generation !== this.generation) return; // a newer page was asked for meanwhile
    this.items = items;
    this.end = { seg, cursor };
    this.onChange();
    this.follow(generation);
  }

  /** Live changes of exactly the things on screen; the page is read again once the stream is up, so nothing falls in between. */
  follow(generation) {
    if (this.stop) this.stop();
    this.stop = null;
    if (!this.items.length) return;
    const ids = this.items.map((t) => t.thingId).join(',');
    this.stop = stream(`/api/2/things?ids=${encodeURIComponent(ids)}&fields=${FIELDS}`, (change) => this.apply(change),
      (up) => {
        document.dispatchEvent(new CustomEvent('stream-state', { detail: { name: 'page', up } }));
        if (up && generation === this.generation) this.refresh(ids, generation);
      });
  }

  async refresh(ids, generation) {
    try {
      const things = await get(`/api/2/things?ids=${encodeURIComponent(ids)}&fields=${FIELDS}`);
      if (generation !== this.generation) return;
      const byId = new Map(things.map((t) => [t.thingId, t]));
      // a change the stream brought while this read was under way is newer than what it read
      this.items = this.items.map((t) => (newer(byId.get(t.thingId), t) ? byId.get(t.thingId) : t));
      this.onChange();
    } catch (e) {
      // the stream keeps the page current from here on; a failed catch-up read only misses a beat
    }
  }

  apply(change) {
    const i = change && change.thingId ? this.items.findIndex((t) => t.thingId === change.thingId) : -1;
    if (i < 0 || !newer(change, this.items[i])) return;
    this.items[i] = merge(this.items[i], change);
    this.onChange(change.thingId);
  }
}

/** Whether {@code candidate} is a later state of the twin than {@code current} (by its revision, where both have one). */
export function newer(candidate, current) {
  if (!candidate) return false;
  return candidate._revision === undefined || current._revision === undefined || candidate._revision > current._revision;
}

export function merge(target, patch) {
  const out = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && out[key] && typeof out[key] === 'object') {
      out[key] = merge(out[key], value);
    } else {
      out[key] = value;
    }
  }
  return out;
}
