// The VM's kernel as an uncompressed ELF, so QEMU boots it through its PVH entry point: no decompression in the guest.
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

function xzDecompress(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // --single-stream: a bzImage carries more bytes after its payload's stream, which xz would refuse.
    const xz = spawn('xz', ['-dc', '--single-stream'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    xz.stdout.on('data', (c: Buffer) => chunks.push(c));
    xz.on('error', reject);
    xz.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`xz exited with ${code}`))));
    xz.stdin.on('error', () => undefined);
    xz.stdin.end(data);
  });
}

/**
 * Writes the kernel inside `bzImage` to `out` as ELF. Debian compresses it with xz, which takes the guest many
 * seconds to undo under software emulation; QEMU loads an ELF kernel with a PVH note directly. When the payload
 * cannot be taken out, `out` is the bzImage itself, which QEMU boots the usual way. Returns which one it wrote.
 */
export async function extractKernel(bzImage: string, out: string): Promise<'elf' | 'bzimage'> {
  const data = readFileSync(bzImage);
  const candidates: Array<() => Promise<Buffer>> = [];
  const xzAt = data.indexOf(XZ_MAGIC);
  if (xzAt >= 0) candidates.push(() => xzDecompress(data.subarray(xzAt)));
  const gzAt = data.indexOf(GZIP_MAGIC);
  if (gzAt >= 0) candidates.push(async () => gunzipSync(data.subarray(gzAt)));
  for (const attempt of candidates) {
    try {
      const elf = await attempt();
      if (elf.subarray(0, 4).equals(ELF_MAGIC)) {
        writeFileSync(out, elf);
        return 'elf';
      }
    } catch {
      // Try the next format, then fall back to the bzImage.
    }
  }
  copyFileSync(bzImage, out);
  return 'bzimage';
}
