// The command a user types for a terminal, split into argv the way a shell would for simple words and quotes.

/** Splits on blanks; '…' and "…" keep blanks, a backslash escapes the next character. No expansion happens. */
export function splitCommand(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word += text[++i];
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(word);
  return out;
}

/** A user as `docker exec -u` takes it: name, uid, name:group or uid:gid. */
export function isExecUser(v: string): boolean {
  return /^[a-zA-Z0-9_.][a-zA-Z0-9_.-]{0,63}(:[a-zA-Z0-9_.][a-zA-Z0-9_.-]{0,63})?$/.test(v);
}

/** An absolute working directory without control characters. */
export function isWorkdir(v: string): boolean {
  return v.startsWith('/') && v.length <= 4096 && !/[\u0000-\u001f]/.test(v);
}
