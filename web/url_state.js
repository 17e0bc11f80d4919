// The page's state in its URL (settings, the explored model and a conditional model's class, the
// picked sample or the edited z — a found one, say — and the interpolation's two end points), so that
// a link reproduces a view. Settings use the keys of the engine's settings schema, which the
// caller passes in. End points are latent vectors: float32 little-endian, base64url (100 values →
// 534 characters each).
const maxValues = 4096;   // a bound on what a link may carry; the engine checks the size against its model
const maxMagnitude = 100; // far outside anything N(0, 1) draws or the sliders set

export function encodeLatent(z) {
  const bytes = new Uint8Array(Float32Array.from(z).buffer);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

// A latent vector from the URL, or null when the text is not one (wrong length, not finite, absurd).
export function decodeLatent(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]+$/.test(text) || text.length > Math.ceil((maxValues * 4 * 4) / 3)) return null;
  let binary;
  try {
    binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
  if (binary.length === 0 || binary.length % 4 !== 0) return null;
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const z = new Float32Array(bytes.buffer);
  return z.every((v) => Number.isFinite(v) && Math.abs(v) <= maxMagnitude) ? z : null;
}

export function readUrlState(settingKeys, location = window.location) {
  const params = new URLSearchParams(location.search);
  const settings = {};
  for (const key of settingKeys) if (params.has(key)) settings[key] = params.get(key);
  const pick = params.has('pick') ? Number(params.get('pick')) : null;
  return {
    settings,
    pick: Number.isInteger(pick) && pick >= 0 && pick < 16 ? pick : null,
    z: params.has('z') ? decodeLatent(params.get('z')) : null,
    model: params.get('model'),  // checked against the shipped models by the page
    klass: /^[0-9]$/.test(params.get('class') ?? '') ? Number(params.get('class')) : null,
    badZ: params.has('z') && !decodeLatent(params.get('z')),
    start: params.has('start') ? decodeLatent(params.get('start')) : null,
    end: params.has('end') ? decodeLatent(params.get('end')) : null,
  };
}

// Sets what is given; leaves the rest of the URL as it is. The sample is a pick or a z, never both.
export function writeUrlState({ settings, pick, z, start, end, model, klass }) {
  const params = new URLSearchParams(window.location.search);
  if (model) params.set('model', model);
  if (klass !== undefined) {
    if (klass === null) params.delete('class');
    else params.set('class', String(klass));
  }
  for (const [key, value] of Object.entries(settings ?? {})) if (value !== undefined) params.set(key, String(value));
  if (pick !== undefined && pick !== null) {
    params.set('pick', String(pick));
    params.delete('z');
  }
  if (z) {
    params.set('z', encodeLatent(z));
    params.delete('pick');
  }
  if (start) params.set('start', encodeLatent(start));
  if (end) params.set('end', encodeLatent(end));
  window.history.replaceState(null, '', `${window.location.pathname}?${params}${window.location.hash}`);
}
