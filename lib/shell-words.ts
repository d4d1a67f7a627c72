// Words as a POSIX shell reads them: quoting for a command people paste into a terminal, and splitting what they type.

/** Characters that never need quoting in sh, bash or zsh. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One argument, quoted so the shell passes it through unchanged. Single quotes keep `$`, backticks, `\` and newlines
 * literal; a single quote itself closes the quotes, adds an escaped one and reopens them.
 */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class ShellWordsError extends Error {}

/**
 * Splits a command line into words the way sh does for plain words and quotes: whitespace separates, '…' is
 * literal, "…" keeps \" \\ \$ \` escapes, and a backslash outside quotes escapes the next character. No
 * expansion happens: the container receives exactly what is typed, as the exec form would.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellWordsError('has a single quote that is not closed');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new ShellWordsError('has a double quote that is not closed');
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      if (i + 1 < line.length && line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      }
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The words joined as one shell line that splitShellWords reads back into the same words. */
export function joinShellWords(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
