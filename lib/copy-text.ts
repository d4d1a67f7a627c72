// Copying text to the clipboard, also where the clipboard API is missing (plain HTTP on another host than localhost).

/** Copies `text`; without the clipboard API the contents of `fallback` are selected and copied the legacy way. */
export async function copyText(text: string, fallback: HTMLElement | null): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  if (!fallback) throw new Error('nothing to copy');
  const range = document.createRange();
  range.selectNodeContents(fallback);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  const ok = document.execCommand('copy');
  sel?.removeAllRanges();
  if (!ok) throw new Error('copy refused');
}
