// What a share link's viewer may reach, in one place: the pages and the read-only procedures of one engine, for its
// project or container only.
import { containerName } from '../docker/container-name';
import { BerthError } from '../errors';
import type { EngineRegistry } from '../engines/registry';
import type { Scope, User } from '../store/principal';

/** The pages a scope opens: a project's container list (and its merged logs), or one container's pages. */
export function pageInScope(user: User, path: string): boolean {
  const scope = user.scope;
  if (!scope) return true;
  const engine = `/e/${encodeURIComponent(scope.engine)}`;
  if (scope.kind === 'project') return path === `${engine}/containers` || path.startsWith(`${engine}/containers/`) || path === `${engine}/logs`;
  const container = `${engine}/containers/${encodeURIComponent(scope.target)}`;
  return path === container || path.startsWith(`${container}/`);
}

const SCOPED_PROCEDURES = new Set(['access.me', 'engines.list', 'engines.current', 'containers.list', 'containers.inspect', 'containers.logs', 'containers.searchLogs', 'containers.stats', 'containers.files', 'containers.readFile']);
const CONTAINER_PROCEDURES = new Set(['containers.inspect', 'containers.logs', 'containers.searchLogs', 'containers.stats', 'containers.files', 'containers.readFile']);

function outside(): BerthError {
  return new BerthError('FORBIDDEN', 'This share link does not reach that.');
}

/** Throws FORBIDDEN unless the call stays inside the scope. */
export async function assertInScope(scope: Scope, path: string, input: unknown, registry: EngineRegistry): Promise<void> {
  if (!SCOPED_PROCEDURES.has(path)) throw outside();
  const args = (input ?? {}) as { engine?: unknown; id?: unknown };
  // Who is signed in (with the scope itself), and the one engine the link is on.
  if (path === 'access.me' || path === 'engines.list' || path === 'engines.current') return;
  if (args.engine !== scope.engine) throw outside();
  if (!CONTAINER_PROCEDURES.has(path)) return;
  if (typeof args.id !== 'string') throw outside();
  let info;
  try {
    info = await registry.api(scope.engine).getContainer(args.id).inspect();
  } catch {
    throw outside();
  }
  const name = containerName(info.Name);
  const project = info.Config?.Labels?.['com.docker.compose.project'];
  const ok = scope.kind === 'container' ? name === scope.target : project === scope.target;
  if (!ok) throw outside();
}

/** Drops rows outside the scope from list results. */
export function filterToScope(scope: Scope, path: string, data: unknown): unknown {
  if (path === 'engines.list' && Array.isArray(data)) return data.filter((e: { name: string }) => e.name === scope.engine);
  if (path === 'engines.current') return { name: scope.engine };
  if (path === 'containers.list' && Array.isArray(data)) {
    return data.filter((c: { name: string; project?: string }) => (scope.kind === 'container' ? c.name === scope.target : c.project === scope.target));
  }
  return data;
}
