// The tar reader against Berth's own tar writer: long and non-ASCII names, links, bodies split anywhere.
import { describe, expect, it } from 'vitest';
import { TAR_END, tarHeader, tarPadding } from '@/lib/tar';
import { containerPath, entryName } from './paths';
import { type TarEvent, tarEvents } from './tar-read';

function archive(): Buffer {
  const parts: Uint8Array[] = [];
  const add = (name: string, type: 'file' | 'dir' | 'symlink', body = '', linkname?: string) => {
    const bytes = Buffer.from(body);
    parts.push(tarHeader({ name, type, size: bytes.length, mode: 0o640, mtime: 1_700_000_000, linkname, uid: 1000, gid: 1000 }), bytes, tarPadding(bytes.length));
  };
  add('d/', 'dir');
  add('d/hello.txt', 'file', 'hello\n');
  add(`d/${'long-'.repeat(60)}é`, 'file', 'x'.repeat(1000));
  add('d/new\nline <b>', 'file', '');
  add('d/link', 'symlink', '', `/target/${'deep/'.repeat(30)}`);
  parts.push(TAR_END);
  return Buffer.concat(parts);
}

async function read(chunks: Buffer[]): Promise<TarEvent[]> {
  const out: TarEvent[] = [];
  for await (const e of tarEvents((async function* () { yield* chunks; })())) out.push(e);
  return out;
}

describe('tarEvents', () => {
  it('reads headers and bodies however the stream is cut', async () => {
    const tar = archive();
    for (const size of [1, 7, 511, 512, 513, 4096, tar.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < tar.length; i += size) chunks.push(tar.subarray(i, i + size));
      const events = await read(chunks);
      const headers = events.flatMap((e) => (e.kind === 'header' ? [e.header] : []));
      expect(headers.map((h) => h.name), `chunks of ${size}`).toEqual(['d/', 'd/hello.txt', `d/${'long-'.repeat(60)}é`, 'd/new\nline <b>', 'd/link']);
      expect(headers[1]).toMatchObject({ type: 'file', size: 6, mode: 0o640, uid: 1000, gid: 1000, mtime: 1_700_000_000 });
      expect(headers[4]).toMatchObject({ type: 'symlink', linkname: `/target/${'deep/'.repeat(30)}` });
      const body = Buffer.concat(events.filter((e) => e.kind === 'data').map((e) => (e as { chunk: Buffer }).chunk)).toString();
      expect(body).toBe(`hello\n${'x'.repeat(1000)}`);
    }
  });

  it('says when the archive ends inside an entry', async () => {
    await expect(read([archive().subarray(0, 1100)])).rejects.toThrow('the archive ended in the middle of an entry');
  });
});

describe('paths', () => {
  it('normalises container paths and keeps them inside the tree', () => {
    expect(containerPath('/a/../../etc/')).toBe('/etc');
    expect(containerPath('/')).toBe('/');
    expect(() => containerPath('etc')).toThrow('starts with "/"');
    expect(() => containerPath('/a\0b')).toThrow('NUL');
    expect(() => containerPath(`/${'a'.repeat(5000)}`)).toThrow('4096 bytes');
  });

  it('takes one file name, never a path', () => {
    expect(entryName('ok <b>\n.txt')).toBe('ok <b>\n.txt');
    for (const bad of ['', '.', '..', 'a/b', '../x', 'a\0b', 'é'.repeat(200)]) expect(() => entryName(bad), bad).toThrow();
  });
});
