// What Berth's tRPC middlewares receive, and what a procedure may declare about itself (`.meta({...})`).
import type { Context } from '../context';

export interface Meta {
  audit?: {
    /** How the audit log names what this mutation acts on, worked out before the change. */
    target?: (input: unknown, ctx: Context) => string | null;
  };
}

export interface MiddlewareOpts {
  ctx: Context;
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta?: Meta;
  getRawInput: () => Promise<unknown>;
  next: (o?: any) => Promise<any>;
}
