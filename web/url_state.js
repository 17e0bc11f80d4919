// The page's state in its URL (settings and the picked sample), so that a link reproduces a view.
const settingKeys = ['preset', 'batch', 'lr', 'beta1', 'latent', 'd_steps', 'step', 'seed'];

export function readUrlState(location = window.location) {
  const params = new URLSearchParams(location.search);
  const settings = {};
  for (const key of settingKeys) if (params.has(key)) settings[key] = params.get(key);
  const pick = params.has('pick') ? Number(params.get('pick')) : null;
  return { settings, pick: Number.isInteger(pick) && pick >= 0 && pick < 16 ? pick : null };
}

export function writeUrlState({ settings, pick }) {
  const params = new URLSearchParams(window.location.search);
  for (const key of settingKeys) if (settings?.[key] !== undefined) params.set(key, String(settings[key]));
  if (pick !== undefined && pick !== null) params.set('pick', String(pick));
  window.history.replaceState(null, '', `${window.location.pathname}?${params}${window.location.hash}`);
}
