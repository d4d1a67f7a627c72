// The VM's firmware: qboot when QEMU ships it, else QEMU's default SeaBIOS.
import { existsSync } from 'node:fs';

/**
 * qboot does only what a direct kernel boot needs (no option ROMs, no boot menu, no disk probing); under software
 * emulation it reaches the kernel about a second sooner than SeaBIOS. Debian's qemu-system-data ships it.
 */
export const QBOOT_PATHS = ['/usr/share/qemu/qboot.rom', '/usr/share/qemu/qboot.bin'];

export function firmwareArgs(exists: (path: string) => boolean = existsSync): string[] {
  if (process.env.BERTH_VM_FIRMWARE === 'seabios') return [];
  const qboot = QBOOT_PATHS.find((p) => exists(p));
  return qboot ? ['-bios', qboot] : [];
}
