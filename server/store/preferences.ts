// Each user's UI choices, kept server-side so they follow the user to every browser: for now the colour theme.
import { type Db, prepared } from './db';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export class Preferences {
  constructor(private readonly db: Db) {}

  /** The user's theme; "system" (follow the browser) until they choose one, and for share links, which have no user. */
  theme(userId: number | undefined): Theme {
    if (userId === undefined) return 'system';
    const row = prepared(this.db, 'SELECT theme FROM user_preferences WHERE user_id = ?').get(userId) as { theme: Theme } | undefined;
    return row?.theme ?? 'system';
  }

  setTheme(userId: number, theme: Theme): void {
    prepared(this.db, 'INSERT INTO user_preferences (user_id, theme) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme').run(userId, theme);
  }
}
