// @vitest-environment jsdom
// The engine overview when the selected engine is down: the health probe's sentence, and the engine marked unreachable.
import { cleanup, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { engineInfo, engineSummary, enginesList } from '@/test/msw/handlers/engines';
import { renderPage } from '@/test/msw/render';
import { server } from '@/test/msw/server';
import { unreachable } from '@/test/msw/trpc';
import { OverviewPage } from './overview-page';

vi.mock('next/navigation', () => import('@/test/msw/next-navigation'));
vi.mock('next/link', () => import('@/test/msw/next-link'));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

const HOST_SENTENCE = 'Nothing is listening at unix:///var/run/docker.sock: the Docker engine is not running.';

describe('OverviewPage', () => {
  it('names the unreachable engine with the health probe sentence', async () => {
    server.use(
      // engines.info only knows "the engine"; the health probe names the socket, and the page prefers it.
      engineInfo(unreachable('the engine')),
      enginesList([
        engineSummary({ health: { reachable: false, checkedAt: 1_700_000_000_000, error: { code: 'UNREACHABLE', message: HOST_SENTENCE } } }),
        engineSummary({ name: 'build-box', kind: 'context', host: 'tcp://10.0.0.7:2376', description: 'CI builder', current: false }),
      ]),
    );
    renderPage(<OverviewPage engine="local" />);

    expect(await screen.findByText('2 engines')).toBeTruthy();
    expect(screen.getByText('· 1 unreachable')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(HOST_SENTENCE);

    const rows = screen.getAllByRole('row').filter((r) => r.hasAttribute('data-engine'));
    const local = rows.find((r) => r.getAttribute('data-engine') === 'local')!;
    expect(within(local).getByRole('img', { name: 'unreachable' })).toBeTruthy();
    expect(within(local).getByText(HOST_SENTENCE)).toBeTruthy();
    const other = rows.find((r) => r.getAttribute('data-engine') === 'build-box')!;
    expect(within(other).getByRole('img', { name: 'reachable' })).toBeTruthy();
    // No facts from a stale answer under the error.
    expect(screen.queryByText(/^Docker \d/)).toBeNull();
  });
});
