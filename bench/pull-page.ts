// Responsiveness of the browser during a pull of a 100-layer image: the longest gap between animation frames in
// Chromium from the Pull button to the digest on screen, with every layer's bar on the page.
import { type Browser, chromium } from 'playwright-core';
import { buildLayeredImage } from '../test/layered-image';
import { startTestRegistry } from '../test/registry';
import type { BenchContext } from './context';
import { dockerCli } from './util';

const LAYERS = 100;
const RUNS = 3;
/** `BERTH_BENCH_TRACE=file.json npm run bench pullpage` also writes a Chromium performance trace of the last pull. */
const TRACE = process.env.BERTH_BENCH_TRACE;

// Records every animation frame's gap and the long animation frames, with the scripts that made them long. A string,
// so the bundler's helpers (which do not exist in the page) stay out of it.
const RECORD_FRAMES = `(() => {
  window.__gaps = [];
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    window.__gaps.push(now - last);
    last = now;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // Long animation frames name the scripts that made them long.
  window.__loaf = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__loaf.push({
        at: Math.round(e.startTime), duration: Math.round(e.duration), blocking: Math.round(e.blockingDuration || 0),
        render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0),
        style: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0),
        scripts: (e.scripts || []).map((s) => (s.invoker || s.name) + ' ' + Math.round(s.duration) + 'ms ' + (s.sourceFunctionName || '') + '@' + (s.sourceURL || '').split('/').pop() + ':' + s.sourceCharPosition),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: false });
})()`;

interface PullRun {
  elapsed: number;
  gaps: number[];
  rows: number;
  loaf: LongFrame[];
  /** CPU time of this process (Berth's server, and the bench's Playwright client) during the pull. */
  serverCpu: number;
}

interface LongFrame {
  at: number;
  duration: number;
  blocking: number;
  render: number;
  style: number;
  scripts: string[];
}

/** One pull from the images page's Pull dialog, in a page of its own, with every animation frame's gap recorded. */
async function pullOnce(browser: Browser, ctx: BenchContext, ref: string, trace?: string): Promise<PullRun> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`http://127.0.0.1:${ctx.port}/login?token=${encodeURIComponent(ctx.token)}&next=/e/default/images`);
    if (process.env.BERTH_BENCH_CSS) await page.addStyleTag({ content: process.env.BERTH_BENCH_CSS });
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.getByLabel('Image', { exact: true }).fill(ref);
    await page.evaluate(RECORD_FRAMES);
    if (trace) await browser.startTracing(page, { path: trace, screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'blink', 'cc', 'viz', 'toplevel'] });
    await page.evaluate('window.__click = performance.now()');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.getByText('Digest:').waitFor({ timeout: 300_000 });
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (trace) await browser.stopTracing();
    const gaps = (await page.evaluate('(window.__stop = true, window.__gaps)')) as number[];
    gaps.sort((a, b) => a - b);
    const rows = await page.locator('dialog[open] li[data-layer]').count();
    const loaf = (await page.evaluate('window.__loaf.map((f) => ({ ...f, at: Math.round(f.at - window.__click) }))')) as LongFrame[];
    return { elapsed, gaps, rows, loaf, serverCpu: (cpu.user + cpu.system) / 1000 };
  } finally {
    await page.close();
  }
}

async function idleDuringCliPull(browser: Browser, ctx: BenchContext, ref: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`http://127.0.0.1:${ctx.port}/login?token=${encodeURIComponent(ctx.token)}&next=/e/default/images`);
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.getByRole('dialog', { name: 'Pull an image' }).getByLabel('Image', { exact: true }).fill(ref);
    await page.evaluate(RECORD_FRAMES);
    await dockerCli(ctx, ['pull', ref]);
    const gaps = (await page.evaluate('(window.__stop = true, window.__gaps)')) as number[];
    return gaps.sort((a, b) => a - b);
  } finally {
    await page.close();
  }
}

export async function benchPullPage(ctx: BenchContext): Promise<void> {
  const registry = await startTestRegistry({ auth: false });
  const ref = `${registry.host}/bench/layers:${LAYERS}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    await buildLayeredImage(ctx.engine.api, ref, { layers: LAYERS, bytesPerLayer: 500_000 });
    await dockerCli(ctx, ['push', ref]);
    await ctx.engine.api.getImage(ref).remove({ force: true });
    const runs: PullRun[] = [];
    for (let run = 0; run < RUNS; run++) {
      await ctx.engine.api.getImage(ref).remove({ force: true }).catch(() => undefined);
      runs.push(await pullOnce(browser, ctx, ref, TRACE && run === RUNS - 1 ? TRACE : undefined));
    }
    // The same page, idle with its dialog open, while the docker CLI pulls the same image: the gaps the machine's
    // load alone makes, with no update reaching the page.
    await ctx.engine.api.getImage(ref).remove({ force: true }).catch(() => undefined);
    const idle = await idleDuringCliPull(browser, ctx, ref);
    const quantile = (gaps: number[], q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0;
    const longest = runs.map((r) => r.gaps.at(-1) ?? 0);
    const loaf = runs.flatMap((r) => r.loaf).sort((a, b) => b.duration - a.duration).slice(0, 3);
    ctx.report(`Chromium during a pull of ${LAYERS} layers (${ref.split('/').slice(1).join('/')}), ${RUNS} pulls, the page loaded afresh for each`, [
      ['pull, click → digest on screen, each run', runs.map((r) => `${(r.elapsed / 1000).toFixed(2)} s`).join(', ')],
      ["CPU of Berth's process during the pull, each run", runs.map((r) => `${(r.serverCpu / 1000).toFixed(2)} s`).join(', ')],
      ['frames, each run', runs.map((r) => String(r.gaps.length)).join(', ')],
      ['frame gap p50 / p99 / longest, each run', runs.map((r) => `${quantile(r.gaps, 0.5).toFixed(1)} / ${quantile(r.gaps, 0.99).toFixed(1)} / ${(r.gaps.at(-1) ?? 0).toFixed(1)} ms`).join('; ')],
      ['longest gap, best and worst run', `${Math.min(...longest).toFixed(1)} ms, ${Math.max(...longest).toFixed(1)} ms`],
      ['the same page idle while `docker pull` runs: p50 / p99 / longest', `${quantile(idle, 0.5).toFixed(1)} / ${quantile(idle, 0.99).toFixed(1)} / ${(idle.at(-1) ?? 0).toFixed(1)} ms`],
      ['layer rows on the page at the end', runs.map((r) => String(r.rows)).join(', ')],
      ['target', 'longest gap < 50 ms'],
      ...loaf.map((f, i): [string, string] => [`long frame ${i + 1}`, `${f.duration} ms, ${f.at} ms after the click (render ${f.render} ms, style+layout ${f.style} ms): ${f.scripts.join('; ') || 'no script'}`]),
    ]);
  } finally {
    await browser.close();
    await ctx.engine.api.getImage(ref).remove({ force: true }).catch(() => {});
    await registry.stop();
  }
}
