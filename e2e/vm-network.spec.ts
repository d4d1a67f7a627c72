// VM → Network from the browser: a manual proxy, with a bad URL refused under its field, saved and read back.
import { expect, screenshots, signIn, test } from './fixtures';

test('set a manual proxy: a URL with a space or without a scheme is refused under its field', async ({ page }) => {
  // Eight screenshots and two saves: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  await signIn(page, '/vm/network');
  await expect(page.getByRole('heading', { name: 'Proxies' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Host access' })).toBeVisible();
  await expect(page.getByText('host.docker.internal', { exact: true })).toBeVisible();
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshots(page, `vm-network-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole('radio', { name: 'Manual proxy configuration' }).check();
  const http = page.getByLabel('Web Server (HTTP)');
  await http.fill('http://proxy example.com:3128');
  await expect(http).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#httpProxy-error')).toHaveText('The HTTP proxy URL must not contain spaces.');
  await expect(page.getByRole('button', { name: /^Apply/ })).toBeDisabled();
  await screenshots(page, 'vm-network-refused');
  const https = page.getByLabel('Secure Web Server (HTTPS)');
  await https.fill('proxy.example.com:3128');
  await expect(page.locator('#httpsProxy-error')).toHaveText('The HTTPS proxy URL needs a scheme, such as http://proxy.example.com:3128.');

  await http.fill('http://proxy.example.com:3128');
  await https.fill('');
  await page.getByLabel('Bypass proxy settings for these hosts & domains').fill('localhost, .internal.example.com');
  await expect(http).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
  await expect(page.getByText('In use in the VM:')).toContainText('HTTP http://proxy.example.com:3128 · except localhost, .internal.example.com');

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Manual proxy configuration' })).toBeChecked();
  await expect(page.getByLabel('Web Server (HTTP)')).toHaveValue('http://proxy.example.com:3128');
  await expect(page.getByLabel('Bypass proxy settings for these hosts & domains')).toHaveValue('localhost,.internal.example.com');
  await screenshots(page, 'vm-network-manual');

  // Back to the default, for the tests after this one.
  await page.getByRole('radio', { name: 'System proxy' }).check();
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
});
