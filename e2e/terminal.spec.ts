// The container page's Terminal, Processes and Files tabs in Chromium, against the real engine.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type Docker from 'dockerode';
import { TEST_IMAGE, expect, signIn, test, uniqueName } from './fixtures';

class ContainerTabs {
  constructor(
    private readonly page: Page,
    private readonly name: string,
  ) {}
  open(tab: 'Terminal' | 'Files' | 'Processes') {
    return this.page.getByRole('navigation', { name: 'Container' }).getByRole('link', { name: tab }).click();
  }
  get screen() {
    return this.page.locator('.xterm-rows');
  }
  async run(command: string) {
    await this.page.getByTestId('terminal').click();
    await this.page.keyboard.type(command);
    await this.page.keyboard.press('Enter');
  }
  async screenText(): Promise<string> {
    return (await this.screen.innerText()).replace(/\u00a0/g, ' ');
  }
  /** The last "rows cols" pair `stty size` printed. */
  /** Waits until the screen, read line by line, matches. */
  async shows(pattern: RegExp | string, timeout = 15_000): Promise<void> {
    await expect.poll(() => this.screenText(), { timeout }).toMatch(pattern);
  }
  async sttySize(): Promise<string> {
    const marker = `size-${Date.now().toString(36)}`;
    await this.run(`clear; echo ${marker} $(stty size)`);
    await this.shows(new RegExp(`${marker} \\d+ \\d+`));
    return new RegExp(`${marker} (\\d+ \\d+)`).exec(await this.screenText())![1]!;
  }
}

async function runBox(docker: Docker, name: string): Promise<Docker.Container> {
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  await c.start();
  return c;
}

/** Processes other than the container's own `sleep 3600`, as the engine's top lists them. */
async function extraProcesses(c: Docker.Container): Promise<string[]> {
  const top = await c.top({ ps_args: '-ef' });
  return (top.Processes ?? []).map((p: string[]) => p.join(' ')).filter((p: string) => !p.includes('sleep 3600'));
}

test.describe('inside a container', () => {
  // 20 MB through a terminal, and several page loads, on a shared 2-core machine.
  test.describe.configure({ timeout: 240_000 });
  test('a terminal computes, follows the window size, survives 20 MB of output and leaves nothing behind', async ({ page, docker }) => {
    const name = uniqueName('e2e-term');
    const c = await runBox(docker, name);
    try {
      await page.setViewportSize({ width: 1400, height: 900 });
      await signIn(page, `/e/default/containers/${name}/terminal`);
      const tabs = new ContainerTabs(page, name);
      await expect(page.getByText('Running sh')).toBeVisible();
      await tabs.run('echo $((6*7))');
      await tabs.shows(/^42\s*$/m);
      const before = await tabs.sttySize();
      await page.setViewportSize({ width: 900, height: 600 });
      await expect.poll(() => tabs.sttySize(), { timeout: 10_000 }).not.toBe(before);
      await tabs.run("yes 0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz | head -c 20000000; echo; echo OUTPUT-DONE-$((40+2))");
      await tabs.shows('OUTPUT-DONE-42', 120_000);
      await tabs.run('echo after-$((6*7))');
      await tabs.shows(/^after-42\s*$/m);
      expect((await extraProcesses(c)).length).toBeGreaterThan(0);
      await tabs.open('Processes');
      await expect(page.getByRole('table', { name: 'Processes' })).toContainText('sleep 3600');
      await expect.poll(() => extraProcesses(c), { timeout: 10_000 }).toEqual([]);
    } finally {
      await c.remove({ force: true });
    }
  });

  test('the session ends with a sentence and a Reconnect button; a stopped container offers Start', async ({ page, docker }) => {
    const name = uniqueName('e2e-term-end');
    const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
    try {
      await signIn(page, `/e/default/containers/${name}/terminal`);
      await expect(page.getByText(`Container ${name} is not running: start it to open a terminal.`)).toBeVisible();
      await page.getByRole('button', { name: 'Start', exact: true }).last().click();
      await expect(page.getByText('Running sh')).toBeVisible();
      const tabs = new ContainerTabs(page, name);
      await tabs.run('exit 5');
      await expect(page.getByText('Session ended (exit code 5).')).toBeVisible();
      await page.getByRole('button', { name: 'Reconnect' }).click();
      await expect(page.getByText('Running sh')).toBeVisible();
    } finally {
      await c.remove({ force: true });
    }
  });

  test('upload a file, see it in the terminal, download it back byte-identical, edit it and cat it', async ({ page, docker }) => {
    const name = uniqueName('e2e-files');
    const c = await runBox(docker, name);
    const content = Buffer.from(Array.from({ length: 2000 }, (_, i) => `line ${i} ${'é'.repeat(i % 7)}\n`).join(''), 'utf8');
    try {
      await signIn(page, `/e/default/containers/${name}/files`);
      const tabs = new ContainerTabs(page, name);
      await page.getByRole('textbox', { name: 'Path' }).fill('/tmp');
      await page.getByRole('button', { name: 'Go' }).click();
      await page.getByLabel('Files to upload').setInputFiles({ name: 'e2e-upload.txt', mimeType: 'text/plain', buffer: content });
      await expect(page.getByText('Uploaded e2e-upload.txt to /tmp.')).toBeVisible();
      await expect(page.getByRole('table', { name: 'Files' })).toContainText('e2e-upload.txt');
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download e2e-upload.txt' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('e2e-upload.txt');
      expect(readFileSync((await download.path())!).equals(content)).toBe(true);

      await tabs.open('Terminal');
      await expect(page.getByText('Running sh')).toBeVisible();
      await tabs.run('tail -n 1 /tmp/e2e-upload.txt; wc -c < /tmp/e2e-upload.txt');
      await tabs.shows(`line 1999 ${'é'.repeat(1999 % 7)}`);
      await tabs.shows(new RegExp(`^\\s*${content.length}\\s*$`, 'm'));

      await tabs.open('Files');
      await page.getByRole('textbox', { name: 'Path' }).fill('/tmp');
      await page.getByRole('button', { name: 'Go' }).click();
      await page.getByRole('button', { name: 'e2e-upload.txt' }).click();
      const editor = page.getByRole('textbox', { name: 'File content' });
      await expect(editor).toHaveValue(/line 1999/, { timeout: 30_000 });
      await editor.fill('edited from the browser ✓\n');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Saved.')).toBeVisible();
      await tabs.open('Terminal');
      await tabs.run('cat /tmp/e2e-upload.txt');
      await tabs.shows(/^edited from the browser ✓\s*$/m);
    } finally {
      await c.remove({ force: true });
    }
  });
});
