// access: users and roles, API tokens, share links and the audit log (/settings/access, /settings/audit).
import { BerthError } from '../errors';
import { z } from 'zod';
import type { Context } from '../context';
import { THEMES } from '../store/preferences';
import { adminProcedure, router, viewerProcedure } from '../trpc';
import { engineName, objectRef } from './schemas';

function adminOnly(ctx: Context) {
  if (ctx.user?.role !== 'admin' || ctx.user.scope) throw new BerthError('FORBIDDEN', 'Only an admin can see this.');
  return ctx.access;
}

/** The audit log names users, tokens and share links rather than their row ids. */
const auditUser = { audit: { target: (input: unknown, ctx: Context) => ctx.access.accounts.user((input as { id: number }).id)?.name ?? null } };
const auditToken = { audit: { target: (input: unknown, ctx: Context) => ctx.access.accounts.tokens().find((t) => t.id === (input as { id: number }).id)?.name ?? null } };
const auditShare = { audit: { target: (input: unknown, ctx: Context) => ctx.access.shares.get((input as { id: number }).id)?.name ?? null } };

const userName = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._@-]*$/, 'may hold letters, digits, ".", "_", "@" and "-"');
const password = z.string().min(12, 'must be at least 12 characters').max(512, 'must be at most 512 characters');
const role = z.enum(['admin', 'viewer']);
const id = z.number().int().positive();
const label = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const accessRouter = router({
  me: viewerProcedure.query(({ ctx }) => ({ name: ctx.user!.name, role: ctx.user!.role, scope: ctx.user!.scope ?? null, theme: ctx.access.preferences.theme(ctx.user!.id) })),
  /** The signed-in user's own theme; share links have no user to remember it for. */
  setTheme: viewerProcedure.meta({ audit: { target: (input: unknown, ctx: Context) => `${ctx.user?.name ?? ''}: ${(input as { theme?: string }).theme ?? ''}` } }).input(z.object({ theme: z.enum(THEMES) })).mutation(({ ctx, input }) => {
    if (ctx.user!.id === undefined) throw new BerthError('FORBIDDEN', 'A share link has no settings to keep.');
    ctx.access.preferences.setTheme(ctx.user!.id, input.theme);
    return { theme: input.theme };
  }),

  users: viewerProcedure.query(({ ctx }) => adminOnly(ctx).accounts.users()),
  createUser: adminProcedure
    .input(z.object({ name: userName, role, password: password.optional() }))
    .mutation(({ ctx, input }) => ctx.access.accounts.createUser(input.name, input.role, input.password)),
  setRole: adminProcedure.meta(auditUser).input(z.object({ id, role })).mutation(({ ctx, input }) => {
    ctx.access.accounts.setRole(input.id, input.role);
    return { ok: true as const };
  }),
  setPassword: adminProcedure.meta(auditUser).input(z.object({ id, password })).mutation(async ({ ctx, input }) => {
    await ctx.access.accounts.setPassword(input.id, input.password);
    return { ok: true as const };
  }),
  removeUser: adminProcedure.meta(auditUser).input(z.object({ id })).mutation(({ ctx, input }) => {
    ctx.access.accounts.removeUser(input.id);
    return { ok: true as const };
  }),
  signOutUser: adminProcedure.meta(auditUser).input(z.object({ id })).mutation(({ ctx, input }) => ({ ended: ctx.access.sessions.revokeUser(input.id) })),

  tokens: viewerProcedure.query(({ ctx }) => adminOnly(ctx).accounts.tokens()),
  createToken: adminProcedure
    .input(z.object({ name: label, userId: id.optional(), expiresInDays: z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 10 years').optional() }))
    .mutation(({ ctx, input }) => {
      const expiresAt = input.expiresInDays ? Date.now() + input.expiresInDays * 86_400_000 : null;
      const { token, row } = ctx.access.accounts.createToken(input.userId ?? ctx.user!.id!, input.name, expiresAt);
      return { token, row };
    }),
  revokeToken: adminProcedure.meta(auditToken).input(z.object({ id })).mutation(({ ctx, input }) => {
    ctx.access.accounts.revokeToken(input.id);
    return { ok: true as const };
  }),

  shares: viewerProcedure.query(({ ctx }) => adminOnly(ctx).shares.list()),
  createShare: adminProcedure
    .input(
      z.object({
        name: label,
        engine: engineName,
        kind: z.enum(['project', 'container']),
        target: objectRef,
        expiresInHours: z.number().int().min(1, 'must be at least an hour').max(24 * 365, 'must be at most a year'),
      }),
    )
    .mutation(({ ctx, input }) => {
      ctx.registry.get(input.engine);
      const { secret, row } = ctx.access.shares.create({
        name: input.name,
        engine: input.engine,
        kind: input.kind,
        target: input.target,
        createdBy: ctx.user!.id,
        expiresAt: Date.now() + input.expiresInHours * 3_600_000,
      });
      return { path: `/s/${secret}`, row };
    }),
  revokeShare: adminProcedure.meta(auditShare).input(z.object({ id })).mutation(({ ctx, input }) => {
    const access = ctx.access;
    access.shares.revoke(input.id);
    access.sessions.revokeShare(input.id);
    return { ok: true as const };
  }),

  audit: viewerProcedure
    .input(
      z.object({
        user: z.string().max(100).optional(),
        engine: engineName.optional(),
        action: z.string().max(100).optional(),
        result: z.enum(['ok', 'error']).optional(),
        q: z.string().max(200).optional(),
        before: id.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }),
    )
    .query(({ ctx, input }) => adminOnly(ctx).audit.list(input)),
});
