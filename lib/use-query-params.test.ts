// @vitest-environment jsdom
// Filters in the query string: a write from a setter taken before the last change still keeps that change.
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentUrl, setUrl } from '@/test/msw/next-navigation';
import { useQueryParams } from './use-query-params';

vi.mock('next/navigation', () => import('@/test/msw/next-navigation'));

afterEach(cleanup);

describe('useQueryParams', () => {
  it('keeps a filter typed a moment ago when a delayed write sets another one', () => {
    setUrl('/settings/audit');
    const { result } = renderHook(() => useQueryParams());
    const delayed = result.current[1];
    act(() => result.current[1]({ user: 'ada' }));
    act(() => delayed({ result: 'error' }));
    expect(currentUrl()).toBe('/settings/audit?user=ada&result=error');
  });
});
