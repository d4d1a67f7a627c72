// registries: the registries Berth is signed in to (Settings → Registries), kept where the docker CLI keeps them.
import { z } from 'zod';
import type { Context } from '../context';
import { BerthError } from '../errors';
import { normalizeServer } from '../registries/config';
import { listCredentials, type SignInRow } from '../registries/store';
import { signIn, signOut } from '../registries/sign-in';
import { adminProcedure, engineAdminProcedure, router, viewerProcedure } from '../trpc';

// After the CLI's normalisation a server is a host with an optional port (or Docker Hub's index URL).
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::[0-9]{1,5})?$/;

const server = z
  .string()
  .trim()
  .min(1, { message: 'must name a registry, such as "docker.io" or "registry.example.com:5000"', abort: true })
  .max(255, { message: 'must be at most 255 characters', abort: true })
  .refine((s) => {
    const n = normalizeServer(s);
    return n.startsWith('https://index.docker.io/') || HOST.test(n);
  }, 'must be a registry host such as "docker.io" or "registry.example.com:5000"');

const username = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty', abort: true })
  .max(255, { message: 'must be at most 255 characters', abort: true })
  // Basic auth joins user and password with ":", so a user name holding one could never sign in.
  .refine((s) => !s.includes(':') && !/[\u0000-\u001f\u007f]/.test(s), 'must not hold ":" or control characters');

// The message never quotes the value: it is a password.
const password = z
  .string()
  .min(1, { message: 'must not be empty', abort: true })
  .max(8192, { message: 'must be at most 8192 characters', abort: true });

function adminOnly(ctx: Context): string {
  if (ctx.user?.role !== 'admin' || ctx.user.scope) throw new BerthError('FORBIDDEN', 'Only an admin can see this.');
  return ctx.registry.dockerConfigDir;
}

/** The audit row names the server and the user name, and nothing else of the input (never the password). */
function auditSignIn(input: unknown): string | null {
  const i = (typeof input === 'object' && input !== null ? input : {}) as { server?: unknown; username?: unknown };
  const where = typeof i.server === 'string' ? normalizeServer(i.server).slice(0, 255) : '?';
  return typeof i.username === 'string' ? `${where} as ${i.username.slice(0, 255)}` : where;
}

function auditServer(input: unknown): string | null {
  const s = (input as { server?: unknown } | null)?.server;
  return typeof s === 'string' ? normalizeServer(s).slice(0, 255) : null;
}

export const registriesRouter = router({
  list: viewerProcedure.query(({ ctx }): Promise<SignInRow[]> => listCredentials(adminOnly(ctx))),
  signIn: engineAdminProcedure
    .meta({ audit: { target: auditSignIn } })
    .input(z.object({ server, username, password }))
    .mutation(({ ctx, input }) => signIn(ctx.api, ctx.registry.dockerConfigDir, input.engine, input)),
  signOut: adminProcedure
    .meta({ audit: { target: auditServer } })
    .input(z.object({ server }))
    .mutation(({ ctx, input }) => signOut(ctx.registry.dockerConfigDir, input.server)),
});
