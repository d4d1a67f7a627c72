// @vitest-environment jsdom
// The containers page in states a real engine can't produce on demand: down, 500 containers, a slow answer.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { containerRow, containerRows, containersList } from '@/test/msw/handlers/containers';
import { currentUrl, setUrl } from '@/test/msw/next-navigation';
import { renderPage } from '@/test/msw/render';
import { server } from '@/test/msw/server';
import { unreachable } from '@/test/msw/trpc';
import { ContainersPage } from './containers-page';

vi.mock('next/navigation', () => import('@/test/msw/next-navigation'));
vi.mock('next/link', () => import('@/test/msw/next-link'));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => setUrl('/e/local/containers'));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

/** Container rows in the table body (the header row and aria-hidden spacers are not rows to a user). */
function bodyRows(): HTMLElement[] {
  return screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-container-row'));
}

describe('ContainersPage', () => {
  it('shows the server sentence and no rows when the engine is unreachable', async () => {
    server.use(containersList(unreachable('unix:///var/run/docker.sock')));
    renderPage(<ContainersPage engine="local" />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing is listening at unix:///var/run/docker.sock: the Docker engine is not running.');
    expect(within(alert).getByText('UNREACHABLE')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(bodyRows()).toHaveLength(0);
  });

  it('counts 500 containers, renders only a window of them, and narrows them with the filter', async () => {
    server.use(containersList(containerRows(500)));
    renderPage(<ContainersPage engine="local" />);

    expect(await screen.findByText('250 running · 500 total')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('501');
    const rendered = bodyRows();
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(50);
    expect(screen.getByRole('link', { name: 'svc-000' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'svc-499' })).toBeNull();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter containers' }), { target: { value: 'svc-12' } });

    expect(await screen.findByText('250 running · 500 total · 10 shown')).toBeTruthy();
    expect(currentUrl()).toBe('/e/local/containers?q=svc-12');
    expect(bodyRows().map((r) => r.getAttribute('data-container-row'))).toEqual(Array.from({ length: 10 }, (_, i) => `svc-12${i}`));
  });

  it('shows a loading table while the list has not answered, then the rows', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      containersList(async () => {
        await answered;
        return [containerRow(1, { name: 'web' })];
      }),
    );
    renderPage(<ContainersPage engine="local" />);

    const loading = screen.getByRole('table', { name: 'Loading containers' });
    expect(loading.getAttribute('aria-busy')).toBe('true');
    // Still loading a moment later: nothing but the placeholder until the server answers.
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.getByRole('table', { name: 'Loading containers' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'web' })).toBeNull();

    answer();
    expect(await screen.findByRole('link', { name: 'web' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Loading containers' })).toBeNull());
    expect(bodyRows()).toHaveLength(1);
  });
});
