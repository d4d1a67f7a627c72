'use client';
// The text filter: follows the URL (back/forward, "Clear filter") while typing stays instant.
import { Search, X } from 'lucide-react';
import { useEffect, useRef, useState, type Ref } from 'react';
import { Input } from '@/components/ui/input';

export function FilterInput({ value, onChange, inputRef }: { value: string; onChange: (v: string) => void; inputRef: Ref<HTMLInputElement> }) {
  const [text, setText] = useState(value);
  // Values this field sent that the URL has not shown yet: they arrive a moment later, and must not overwrite newer keystrokes.
  const sent = useRef<string[]>([]);
  useEffect(() => {
    const i = sent.current.indexOf(value);
    if (i >= 0) sent.current.splice(0, i + 1);
    else {
      sent.current = [];
      setText(value);
    }
  }, [value]);
  const change = (v: string) => {
    setText(v);
    sent.current.push(v.trim());
    onChange(v.trim());
  };
  return (
    <div className="relative">
      <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-muted" aria-hidden />
      <Input
        ref={inputRef}
        type="search"
        aria-label="Filter containers"
        aria-keyshortcuts="/"
        placeholder="Name, image, id or project"
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.stopPropagation();
            change('');
          }
        }}
        className="w-64 pr-7 pl-7 [&::-webkit-search-cancel-button]:hidden"
      />
      {text ? (
        <button
          type="button"
          aria-label="Clear filter"
          onClick={() => change('')}
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-0.5 text-muted hover:text-fg"
        >
          <X className="size-3.5" aria-hidden />
        </button>
      ) : (
        <kbd aria-hidden className="pointer-events-none absolute top-1/2 right-1.5 -translate-y-1/2 rounded border border-line px-1 font-mono text-[10px] leading-4 text-muted">
          /
        </kbd>
      )}
    </div>
  );
}
