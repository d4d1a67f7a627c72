// The sub-path Berth is served under behind a reverse proxy ("" at the root); fixed when the UI is built.
export const BASE_PATH = process.env.NEXT_PUBLIC_BERTH_BASE_PATH ?? '';

export function withBase(path: string): string {
  return `${BASE_PATH}${path}`;
}
