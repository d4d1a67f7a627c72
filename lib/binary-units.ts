// Sizes in binary units (KiB, MiB, GiB), as the VM's memory and disk settings are given.

/** "1.5 GiB": powers of 1024, as Docker Desktop shows its disk image; formatBytes in lib/utils is Docker's decimal "1.61 GB". */
export function formatBinaryBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 || v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}
