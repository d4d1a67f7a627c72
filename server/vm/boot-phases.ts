// The phases of a VM start, timed from what Berth can observe: QEMU's process and control socket on the host,
// marker lines the guest prints on its serial console with its own uptime, and the engine's first answer.
import { tailBytes } from './procs';

export type BootPhaseName = 'qemu' | 'firmware' | 'kernel' | 'initramfs' | 'boot' | 'dockerd';

export interface BootPhase {
  name: BootPhaseName;
  label: string;
  ms: number;
}

export interface BootTiming {
  phases: BootPhase[];
  totalMs: number;
  measuredAt: string;
}

/** The guest's markers: `berth-phase <mark> <uptime in seconds>`, printed by the initramfs, the root's init and the boot script. */
export const PHASE_MARKS = ['initramfs', 'init', 'dockerd'] as const;
type Mark = (typeof PHASE_MARKS)[number];
const MARK_LINE = /^berth-phase (initramfs|init|dockerd) (\d+(?:\.\d+)?)\s*$/;

export const PHASE_LABELS: Record<BootPhaseName, string> = {
  qemu: 'QEMU process start',
  firmware: 'Firmware and early kernel (until the guest clock starts)',
  kernel: 'Kernel',
  initramfs: 'Initramfs (modules, root overlay)',
  boot: 'Boot script (network, disks, guest agent)',
  dockerd: 'dockerd until the engine answers',
};

/** Reads marks from the console log as they appear; the host time each was first seen bounds when the guest printed it. */
export class BootClock {
  private readonly t0 = Date.now();
  private qmpAt: number | null = null;
  private readyAt: number | null = null;
  private readonly marks = new Map<Mark, { uptimeMs: number; seenAt: number }>();

  constructor(private readonly serialLog: string) {}

  qmpReady(): void {
    this.qmpAt ??= Date.now();
  }

  /** Looks at the console log again; cheap enough to call every 50 ms while booting. */
  poll(): void {
    if (this.marks.size === PHASE_MARKS.length) return;
    const now = Date.now();
    const { text } = tailBytes(this.serialLog, 64 * 1024);
    for (const line of text.split('\n')) {
      const m = MARK_LINE.exec(line.trim());
      if (!m || this.marks.has(m[1] as Mark)) continue;
      this.marks.set(m[1] as Mark, { uptimeMs: Number(m[2]) * 1000, seenAt: now });
    }
  }

  engineReady(): void {
    this.poll();
    this.readyAt ??= Date.now();
  }

  /** The phases, or null when a mark is missing (an image built before the guest printed them). */
  timing(): BootTiming | null {
    return bootTiming(this.t0, this.qmpAt, this.readyAt, this.marks);
  }
}

const positive = (ms: number) => Math.max(1, Math.round(ms));

/**
 * The guest's uptime clock starts when its kernel does; the host saw each mark at most one poll after the guest
 * printed it, so the earliest `seenAt − uptime` over all marks is the best estimate of that moment on the host clock.
 */
export function bootTiming(t0: number, qmpAt: number | null, readyAt: number | null, marks: Map<Mark, { uptimeMs: number; seenAt: number }>): BootTiming | null {
  const initramfs = marks.get('initramfs');
  const init = marks.get('init');
  const dockerd = marks.get('dockerd');
  if (qmpAt === null || readyAt === null || !initramfs || !init || !dockerd) return null;
  const kernelAt = Math.min(...[initramfs, init, dockerd].map((m) => m.seenAt - m.uptimeMs));
  const phase = (name: BootPhaseName, ms: number): BootPhase => ({ name, label: PHASE_LABELS[name], ms: positive(ms) });
  return {
    phases: [
      phase('qemu', qmpAt - t0),
      phase('firmware', kernelAt - qmpAt),
      phase('kernel', initramfs.uptimeMs),
      phase('initramfs', init.uptimeMs - initramfs.uptimeMs),
      phase('boot', dockerd.uptimeMs - init.uptimeMs),
      phase('dockerd', readyAt - (kernelAt + dockerd.uptimeMs)),
    ],
    totalMs: readyAt - t0,
    measuredAt: new Date(readyAt).toISOString(),
  };
}
