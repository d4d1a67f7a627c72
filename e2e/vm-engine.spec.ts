// Settings → Docker Engine in the browser: daemon.json is checked as it is typed, each problem underlined at its key
// with a sentence, invalid JSON placed by line and column, and a 10 MB paste refused by its size. The VM stays
// stopped: the page checks before anything is applied.
import { expect, screenshots, test } from './fixtures';

const BAD = `{
  "debug": true,
  "registry-mirrors": ["mirror.example.com"],
  "hosts": ["tcp://0.0.0.0:2375"],
  "log-opts": { "max-file": 3 }
}`;

for (const width of [1440, 800] as const) {
  test(`edit daemon.json with a problem shown under each bad key at ${width} px`, async ({ signedIn: page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/vm');
    await page.getByRole('navigation', { name: 'VM' }).getByRole('link', { name: 'Docker Engine' }).click();
    await expect(page).toHaveURL(/\/vm\/engine$/);
    const editor = page.getByRole('textbox', { name: 'daemon.json' });
    await expect(editor).toHaveValue(/^\{\}\s*$/);
    await expect(page.getByRole('note')).toContainText('The VM is not running');
    const apply = page.getByRole('button', { name: 'Apply & restart' });
    await expect(apply).toBeDisabled();

    await editor.fill(BAD);
    const problems = page.getByRole('list', { name: 'Problems in daemon.json' });
    await expect(problems.getByRole('listitem')).toHaveCount(3);
    await expect(problems).toContainText('"registry-mirrors[0]" has no scheme: write https://mirror.example.com (or http:// for a mirror without TLS).');
    await expect(problems).toContainText('"hosts" is managed by Berth. Berth manages where Docker Engine in the VM listens (its socket and TLS port).');
    await expect(problems).toContainText('"log-opts.max-file" must be a string');
    await expect(editor).toHaveAttribute('aria-invalid', 'true');
    // The underline sits on the bad key's text itself.
    await expect(page.locator('mark[data-problem="hosts"]')).toHaveText('"hosts"');
    await expect(page.locator('mark[data-problem="registry-mirrors[0]"]')).toHaveText('"mirror.example.com"');
    await expect(page.getByText('3 problems to fix before applying.')).toBeVisible();
    await screenshots(page, `vm-engine-problems-${width}`);

    // "Line 4" takes the caret to the key.
    await problems.getByRole('button', { name: 'Line 4' }).click();
    await expect(editor).toBeFocused();
    expect(await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe('"hosts"');

    await editor.fill('{\n  "debug": true,\n}');
    await expect(problems).toHaveText(/Line 3, column 1: A comma cannot come right before "}": remove the last comma\./);

    await editor.fill('{\n  "debug": true,\n  "registry-mirrors": ["https://mirror.example.com"]\n}');
    await expect(problems).toHaveCount(0);
    await expect(editor).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByText('Start the VM to apply.')).toBeVisible();
    await expect(apply).toBeDisabled();

    // A 10 MB paste is refused by its size; the text stays as it was.
    await editor.focus();
    await editor.evaluate((el: HTMLTextAreaElement) => {
      const data = new DataTransfer();
      data.setData('text/plain', `"x": "${'y'.repeat(10_000_000)}"`);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(page.getByRole('alert').filter({ hasText: 'That would make' })).toHaveText('That would make daemon.json 10.0 MB; it can be at most 128 KiB, so nothing was pasted.');
    await expect(editor).toHaveValue(/^\{\n  "debug": true,/);
    expect(await editor.evaluate((el: HTMLTextAreaElement) => el.value.length)).toBeLessThan(100);
    await screenshots(page, `vm-engine-valid-${width}`);

    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(editor).toHaveValue(/^\{\}\s*$/);
  });
}
