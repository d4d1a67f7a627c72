import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts } from './accounts';
import { openDb } from './db';
import { Preferences } from './preferences';

describe('preferences', () => {
  it('keeps each user\'s theme across reopening the database, "system" until chosen, gone with the user', async () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-prefs-'));
    let db = openDb(home);
    const accounts = new Accounts(db);
    const ann = await accounts.createUser('ann', 'viewer', 'a long enough password');
    const bob = await accounts.createUser('bob', 'admin', 'a long enough password');
    const prefs = new Preferences(db);
    expect(prefs.theme(ann.id)).toBe('system');
    expect(prefs.theme(undefined)).toBe('system');
    prefs.setTheme(ann.id, 'dark');
    prefs.setTheme(bob.id, 'light');
    prefs.setTheme(ann.id, 'light');
    prefs.setTheme(ann.id, 'dark');
    db.close();
    db = openDb(home);
    expect(new Preferences(db).theme(ann.id)).toBe('dark');
    expect(new Preferences(db).theme(bob.id)).toBe('light');
    new Accounts(db).removeUser(ann.id);
    expect(db.prepare('SELECT COUNT(*) AS n FROM user_preferences').get()).toEqual({ n: 1 });
    expect(() => db.prepare("INSERT INTO user_preferences (user_id, theme) VALUES (?, 'pink')").run(bob.id + 100)).toThrow();
    db.close();
  });
});
