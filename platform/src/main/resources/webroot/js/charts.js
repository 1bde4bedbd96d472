// Small SVG line charts: no library, so the dashboard works offline in a plant room.

const NS = 'http://www.w3.org/2000/svg';
const COLORS = ['#2b6cb0', '#d69e2e', '#38a169', '#c53030', '#805ad5'];

/**
 * series: [{ name, points: [{ t: Date, v: number }] }]; band: optional [low, high] drawn as a
 * shaded comfort band.
 */
export function lineChart(container, series, { unit = '', band = null } = {}) {
  container.replaceChildren();
  const all = series.flatMap((s) => s.points);
  if (!all.length) {
    container.textContent = 'no data in this range yet';
    return;
  }
  const w = 600; const h = 200; const pad = 34;
  const ts = all.map((p) => p.t.getTime());
  let lo = Math.min(...all.map((p) => p.v)); let hi = Math.max(...all.map((p) => p.v));
  if (band) { lo = Math.min(lo, band[0]); hi = Math.max(hi, band[1]); }
  if (hi === lo) { hi += 1; lo -= 1; }
  const t0 = Math.min(...ts); const t1 = Math.max(...ts) || t0 + 1;
  const x = (t) => pad + ((t - t0) / Math.max(1, t1 - t0)) * (w - pad - 8);
  const y = (v) => h - pad + 10 - ((v - lo) / (hi - lo)) * (h - pad - 10);
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img' });
  if (band) {
    svg.append(el('rect', { x: pad, y: y(band[1]), width: w - pad - 8, height: Math.max(0, y(band[0]) - y(band[1])),
      fill: '#38a16922' }));
  }
  svg.append(el('line', { x1: pad, y1: h - pad + 10, x2: w - 8, y2: h - pad + 10, stroke: '#ccc' }));
  svg.append(text(4, y(hi) + 4, `${round(hi)} ${unit}`), text(4, y(lo), `${round(lo)} ${unit}`));
  svg.append(text(pad, h - 4, new Date(t0).toLocaleString()), text(w - 150, h - 4, new Date(t1).toLocaleString()));
  series.forEach((s, i) => {
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p.t.getTime()).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
    svg.append(el('path', { d, fill: 'none', stroke: COLORS[i % COLORS.length], 'stroke-width': 2 }));
  });
  const legend = document.createElement('div');
  legend.className = 'legend';
  series.forEach((s, i) => {
    const item = document.createElement('span');
    item.style.color = COLORS[i % COLORS.length];
    item.style.marginRight = '1rem';
    item.textContent = `\u25A0 ${s.name}`;
    legend.append(item);
  });
  container.append(svg, legend);
}

function el(name, attrs) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function text(x, y, content) {
  const t = el('text', { x, y, 'font-size': 11, fill: '#66717d' });
  t.textContent = content;
  return t;
}

function round(v) {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10;
}
