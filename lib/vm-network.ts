// What the server and the browser share about the VM's network settings (Settings → VM → Network): proxies as
// Docker Desktop words them (off, system, manual), the default socket link, and the proxies the VM ends up with.
// It imports only zod, so both sides may load it.
import { z } from 'zod';

export const PROXY_MODES = ['off', 'system', 'manual'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

/** Where the VM reaches this machine: QEMU's user network maps the host's loopback here. */
export const HOST_ADDRESS_IN_VM = '10.0.2.2';
/** The names every container of the VM's engine resolves to this machine. */
export const HOST_NAMES = ['host.docker.internal', 'gateway.docker.internal'] as const;

export interface NetworkSettings {
  proxyMode: ProxyMode;
  httpProxy: string;
  httpsProxy: string;
  /** Hosts and domains that bypass the proxies, comma-separated. */
  noProxy: string;
  /** "Allow the default Docker socket to be used": /var/run/docker.sock points at the VM's engine. */
  defaultSocket: boolean;
}

export const DEFAULT_NETWORK: NetworkSettings = { proxyMode: 'system', httpProxy: '', httpsProxy: '', noProxy: '', defaultSocket: false };

/** The proxies dockerd and containers get; empty strings for what is not set. */
export interface ProxyConfig {
  http: string;
  https: string;
  noProxy: string;
}

const SCHEMES = ['http:', 'https:', 'socks5:', 'socks5h:'];

/** The sentence that says why `text` is not a proxy URL, or null when it is one (or empty). */
export function proxyUrlProblem(text: string, what = 'The proxy URL'): string | null {
  if (text === '') return null;
  if (/\s/.test(text)) return `${what} must not contain spaces.`;
  if (text.length > 2048) return `${what} is too long.`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return `${what} needs a scheme, such as http://proxy.example.com:3128.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${what} is not a valid URL, such as http://proxy.example.com:3128.`;
  }
  if (!SCHEMES.includes(url.protocol)) return `${what} must start with http://, https:// or socks5://.`;
  if (!url.hostname) return `${what} must name a host, such as http://proxy.example.com:3128.`;
  return null;
}

const EXCLUSION = /^(\*|\.?[A-Za-z0-9*_-]+(\.[A-Za-z0-9*_-]+)*\.?(:\d{1,5})?|\[?[0-9A-Fa-f:.]+\]?(\/\d{1,3})?(:\d{1,5})?)$/;

/** The exclusions as one comma-separated list: commas, spaces or line breaks separate them. */
export function normalizeNoProxy(text: string): string {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .join(',');
}

/** The sentence that says which exclusion is not a host, domain or address, or null. */
export function noProxyProblem(text: string): string | null {
  const list = normalizeNoProxy(text);
  if (list.length > 8192) return 'The exclusions are too long.';
  for (const entry of list ? list.split(',') : []) {
    if (!EXCLUSION.test(entry)) return `"${entry}" is not a host, a domain or an address: use names such as localhost, .example.com, 192.168.1.10 or 10.0.0.0/8, separated by commas.`;
  }
  return null;
}

const proxyUrl = (what: string) =>
  z
    .string()
    .max(4096, `${what} is too long.`)
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      const problem = proxyUrlProblem(s, what);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const networkSchema = z
  .object({
    proxyMode: z.enum(PROXY_MODES, 'The proxy mode must be off, system or manual.'),
    httpProxy: proxyUrl('The HTTP proxy URL'),
    httpsProxy: proxyUrl('The HTTPS proxy URL'),
    noProxy: z
      .string()
      .max(16384, 'The exclusions are too long.')
      .superRefine((s, ctx) => {
        const problem = noProxyProblem(s);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform(normalizeNoProxy),
    defaultSocket: z.boolean(),
  })
  .refine((s) => s.proxyMode !== 'manual' || s.httpProxy !== '' || s.httpsProxy !== '', {
    message: 'Give the HTTP or the HTTPS proxy, or choose another mode.',
    path: ['httpProxy'],
  });

/** The proxies of `settings`: the manual ones, this process's own environment for "system", nothing for "off". */
export function effectiveProxies(settings: NetworkSettings, env: Record<string, string | undefined>): ProxyConfig {
  if (settings.proxyMode === 'manual') return { http: settings.httpProxy, https: settings.httpsProxy, noProxy: settings.noProxy };
  if (settings.proxyMode === 'system') {
    const pick = (name: string) => (env[name] ?? env[name.toLowerCase()] ?? '').trim();
    const valid = (url: string) => (proxyUrlProblem(url) === null ? url : '');
    return { http: valid(pick('HTTP_PROXY')), https: valid(pick('HTTPS_PROXY')), noProxy: normalizeNoProxy(pick('NO_PROXY')) };
  }
  return { http: '', https: '', noProxy: '' };
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** A proxy on this machine's loopback is reached from the VM (and its containers) at 10.0.2.2. */
export function proxyForVm(url: string): string {
  if (!url) return url;
  try {
    const parsed = new URL(url);
    if (!LOOPBACK_HOST.test(parsed.hostname)) return url;
    parsed.hostname = HOST_ADDRESS_IN_VM;
    // URL adds a "/" after the host; a proxy URL without a path reads better without it.
    return url.endsWith('/') ? parsed.href : parsed.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** The proxies as the VM uses them: loopback proxies moved to the host's address in the VM. */
export function vmProxies(config: ProxyConfig): ProxyConfig {
  return { http: proxyForVm(config.http), https: proxyForVm(config.https), noProxy: config.noProxy };
}

/** A proxy URL with its password replaced, for people who may not read it. */
export function maskProxy(url: string, mask: string): string {
  try {
    if (!new URL(url).password) return url;
  } catch {
    return url;
  }
  // Spliced as text: the URL API would percent-encode the mask.
  const start = url.indexOf('//') + 2;
  const rest = url.slice(start);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return url;
  return `${url.slice(0, start + colon + 1)}${mask}${url.slice(start + at)}`;
}

/** The environment a container gets by default: upper and lower case, as the docker CLI sets them. */
export function proxyEnvironment(config: ProxyConfig): Record<string, string> {
  const env: Record<string, string> = {};
  const put = (name: string, value: string) => {
    if (!value) return;
    env[name] = value;
    env[name.toLowerCase()] = value;
  };
  put('HTTP_PROXY', config.http);
  put('HTTPS_PROXY', config.https);
  if (config.http || config.https) put('NO_PROXY', config.noProxy);
  return env;
}
