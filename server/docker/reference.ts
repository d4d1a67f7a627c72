// Docker's image reference grammar (distribution's reference package), so only real references reach an engine's URL.

/** Lower-case words joined by ".", "_", "__" or runs of "-": one component of a repository path. */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const NAME_RE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const DIGEST_RE = new RegExp(`^${DIGEST}$`);
const FULL_ID_RE = /^[a-f0-9]{64}$/;

/** The longest repository name (domain and path) Docker accepts. */
export const NAME_MAX = 255;

export interface ImageReference {
  /** Registry host with optional port, when the name has one. */
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
}

/**
 * A repository name, "registry.local:5000/team/app" or "busybox". Docker counts a first component as a registry when
 * it has a dot, a port or is "localhost", and otherwise when it has capitals; the last case is refused here, so
 * "UPPER/case" reads as the typo it almost always is rather than as a registry called UPPER.
 */
export function parseName(name: string): { domain?: string; path: string } | null {
  if (name.length > NAME_MAX) return null;
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [, domain, path] = m;
  if (domain && !/[.:]/.test(domain) && domain !== 'localhost' && domain !== domain.toLowerCase()) return null;
  return domain ? { domain, path: path! } : { path: path! };
}

/** A digest "algorithm:hex"; sha256 must be exactly 64 hex digits, as the engine checks. */
export function isDigest(s: string): boolean {
  if (!DIGEST_RE.test(s)) return false;
  const [algorithm, hex] = s.split(':') as [string, string];
  return algorithm !== 'sha256' || hex.length === 64;
}

export function isTag(s: string): boolean {
  return TAG_RE.test(s);
}

/** name[:tag][@digest]; ids (full or short hex) are names too, and "sha256:<hex>" is read as a digest. */
export function parseImageReference(ref: string): ImageReference | null {
  if (isDigest(ref)) return { path: '', digest: ref };
  const at = ref.indexOf('@');
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  if (digest !== undefined && !isDigest(digest)) return null;
  const named = at === -1 ? ref : ref.slice(0, at);
  // A tag's colon is the last one after the last slash; an earlier colon is a registry port.
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  if (tag !== undefined && !isTag(tag)) return null;
  const name = parseName(hasTag ? named.slice(0, colon) : named);
  if (!name) return null;
  return { ...name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export function isImageReference(ref: string): boolean {
  return parseImageReference(ref) !== null;
}

/** A name `docker tag` may give: the engine refuses a 64-hex repository as it would be mistaken for an id. */
export function isRepositoryName(name: string): boolean {
  return parseName(name) !== null && !FULL_ID_RE.test(name);
}
