// access.* answers: who is signed in.
import { type RouterOutputs, trpcQuery } from '../trpc';

type Me = RouterOutputs['access']['me'];

export function me(user: Me = { name: 'admin', role: 'admin', scope: null, theme: 'system' }) {
  return trpcQuery<Me>('access.me', () => user);
}

export const accessHandlers = [me()];
