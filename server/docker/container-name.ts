// A container's name as people type it: the engine reports names with a leading "/" (the legacy link path).

/** From an inspect's `Name`, a stats sample's `name`, or a list row (its first name, else its short id). */
export function containerName(from: string | { Id: string; Names?: string[] | null }): string {
  const name = typeof from === 'string' ? from : (from.Names?.[0] ?? from.Id.slice(0, 12));
  return name.replace(/^\//, '');
}
