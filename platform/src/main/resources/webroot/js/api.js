// Talks to the ParkOps HTTP API with the signed-in token. Server-Sent Events are read with
// fetch() rather than EventSource, because EventSource cannot send an Authorization header.

const TOKEN_KEY = 'parkops.token';

export const auth = {
  token: () => localStorage.getItem(TOKEN_KEY),
  set: (token) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const token = auth.token();
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function parse(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { message: text }; }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function get(path) {
  return parse(await fetch(path, { headers: headers() }));
}

export async function post(path, json) {
  return parse(await fetch(path, {
    method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(json),
  }));
}

/**
 * Fetches {@code path} as {@code accept} with the token and saves it as {@code filename}: a plain
 * link cannot send the Authorization header, so the answer becomes a Blob behind a temporary link.
 */
export async function download(path, accept, filename) {
  const response = await fetch(path, { headers: headers({ Accept: accept }) });
  if (!response.ok) await parse(response); // throws with the server's message
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000); // after the browser has started saving it
}

/**
 * Follows a text/event-stream: calls onData(parsedJson, eventName) for every event and
 * reconnects with a growing pause when the stream ends. Returns a function that stops it.
 */
export function stream(path, onData, onState = () => {}) {
  let stopped = false;
  let controller = null;
  let pause = 1000;
  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onState(true);
        pause = 1000;
        await readEvents(response.body, onData);
      } catch (e) {
        if (stopped) return;
      }
      onState(false);
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 15000);
    }
  }
  run();
  return () => { stopped = true; if (controller) controller.abort(); };
}

async function readEvents(body, onData) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) {
        try { onData(JSON.parse(data.join('\n')), event); } catch (e) { /* a malformed event is skipped */ }
      }
    }
  }
}
