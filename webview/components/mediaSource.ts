// Turns the base64 media a server sends into `data:` URLs the panel may show, or says why not.
// Only types a browser plays inertly are allowed: the data is the server's, never trusted.

/** Image types shown in <img>; SVG is safe there because an <img> never runs its scripts. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/svg+xml']);
const AUDIO_TYPES = new Set([
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/webm',
  'audio/flac',
]);

export type MediaKind = 'image' | 'audio';

export type MediaSource = { ok: true; url: string; bytes: number } | { ok: false; reason: string };

/** The `data:` URL for base64 `data` of `mimeType`, after checking both. */
export function mediaSource(kind: MediaKind, mimeType: unknown, data: unknown): MediaSource {
  const allowed = kind === 'image' ? IMAGE_TYPES : AUDIO_TYPES;
  if (typeof mimeType !== 'string' || !allowed.has(mimeType.trim().toLowerCase())) {
    return {
      ok: false,
      reason: `The ${kind} has the type ${JSON.stringify(mimeType)}, which the panel does not show. It shows ${[...allowed].join(', ')}.`,
    };
  }
  const bytes = base64Bytes(data);
  if (bytes === undefined) return { ok: false, reason: `The ${kind}’s data is not valid base64, so it cannot be shown.` };
  if (bytes === 0) return { ok: false, reason: `The ${kind}’s data is empty.` };
  return { ok: true, url: `data:${mimeType.trim().toLowerCase()};base64,${(data as string).replace(/\s+/g, '')}`, bytes };
}

/** How many bytes base64 `data` decodes to, or undefined when it is not base64. */
export function base64Bytes(data: unknown): number | undefined {
  if (typeof data !== 'string') return undefined;
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return (compact.length / 4) * 3 - padding;
}

/** Whether a URL is one the host will open in a browser. */
export function isWebLink(uri: string): boolean {
  return /^https?:\/\//i.test(uri.trim());
}
