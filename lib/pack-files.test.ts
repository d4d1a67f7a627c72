import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packFolder } from './pack-files';
import { tarHeader } from './tar';

/** A File as <input webkitdirectory> gives it: the picked folder's name first in its relative path. */
function picked(path: string, content: string): File {
  const f = new File([content], path.split('/').pop()!, { lastModified: 1_700_000_000_000 });
  Object.defineProperty(f, 'webkitRelativePath', { value: `app/${path}` });
  return f;
}

describe('packFolder', () => {
  it('makes a tar that GNU tar reads, with UTF-8 and long names, leaving out what .dockerignore names', async () => {
    const long = `ü-${'n'.repeat(150)}/ファイル.txt`;
    const packed = await packFolder(
      [picked('Dockerfile', 'FROM scratch\n'), picked('.dockerignore', '# skip\n*.log\n!keep.log\nDockerfile\n'), picked('a.log', 'x'), picked('keep.log', 'kept'), picked(long, 'deep')],
      'Dockerfile',
    );
    expect(packed).toMatchObject({ folder: 'app', files: 4, ignored: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'berth-tar-'));
    try {
      const file = join(dir, 'ctx.tar');
      writeFileSync(file, Buffer.from(await packed.blob.arrayBuffer()));
      const names = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(names).toEqual(['.dockerignore', 'Dockerfile', 'keep.log', long].sort());
      execFileSync('tar', ['-xf', file, '-C', dir]);
      expect(readFileSync(join(dir, long), 'utf8')).toBe('deep');
      expect(readFileSync(join(dir, 'keep.log'), 'utf8')).toBe('kept');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a valid ustar checksum and a symlink’s target', () => {
    const h = tarHeader({ name: 'link', type: 'symlink', linkname: '../elsewhere' });
    const sum = h.reduce((s, b, i) => s + (i >= 148 && i < 156 ? 0x20 : b), 0);
    expect(parseInt(new TextDecoder().decode(h.subarray(148, 154)), 8)).toBe(sum);
    expect(new TextDecoder().decode(h.subarray(157, 169))).toBe('../elsewhere');
    expect(String.fromCharCode(h[156]!)).toBe('2');
  });
});
