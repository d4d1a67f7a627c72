// The images table shows one line per tag; a dangling image is one "<none>" line addressed by its id.
import { naturalCompare } from '@/lib/natural-sort';
import type { RouterOutputs } from '@/lib/router-types';

export type ImageRow = RouterOutputs['images']['list'][number];

export interface ImageLine {
  key: string;
  id: string;
  /** What remove and tag act on: the repo:tag of this line, or the image id when dangling. */
  ref: string;
  label: string;
  dangling: boolean;
  size: number;
  created: number;
  containers: number;
  /** Other tags of the same image, so removal can say whether the image itself goes. */
  otherTags: number;
}

export function toLines(images: ImageRow[]): ImageLine[] {
  const out: ImageLine[] = [];
  for (const img of images) {
    const base = { id: img.id, dangling: img.dangling, size: img.size, created: img.created, containers: img.containers, otherTags: Math.max(0, img.repoTags.length - 1) };
    if (!img.repoTags.length) out.push({ ...base, key: img.id, ref: img.id, label: '<none>' });
    for (const tag of img.repoTags) out.push({ ...base, key: `${img.id}/${tag}`, ref: tag, label: tag });
  }
  return out.sort((a, b) => Number(a.dangling) - Number(b.dangling) || naturalCompare(a.label, b.label) || b.created - a.created);
}

export function matchesLine(line: ImageLine, q: string, danglingOnly: boolean): boolean {
  if (danglingOnly && !line.dangling) return false;
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return line.label.toLowerCase().includes(needle) || line.id.replace(/^sha256:/, '').startsWith(needle.replace(/^sha256:/, ''));
}

/** The detail page's URL segment: the bare hex id, or the repo:tag (encoded: it may hold "/" and ":"). */
export function imageHref(engine: string, ref: string): string {
  return `/e/${encodeURIComponent(engine)}/images/${encodeURIComponent(ref.replace(/^sha256:/, ''))}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
