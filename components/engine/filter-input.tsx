'use client';
// The text filter of every list: follows the URL (back/forward, "Clear filter") while typing stays instant.
import { Search, X } from 'lucide-react';
import { useEffect, useRef, useState, type Ref } from 'react';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';

export interface FilterInputProps {
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
  inputRef: Ref<HTMLInputElement>;
  /** A clear button and a "/" hint inside the field, and Escape empties it; otherwise Escape leaves the field. */
  clearable?: boolean;
  className?: string;
  /** The down arrow leaves the field for the list below it. */
  onArrowDown?: () => void;
}

export function FilterInput({ label, placeholder, value, onChange, inputRef, clearable = false, className, onArrowDown }: FilterInputProps) {
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
        aria-label={label}
        aria-keyshortcuts="/"
        placeholder={placeholder}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && onArrowDown) {
            e.preventDefault();
            onArrowDown();
            return;
          }
          if (e.key !== 'Escape') return;
          if (!clearable) e.currentTarget.blur();
          else if (text) {
            e.stopPropagation();
            change('');
          }
        }}
        className={cn('pl-7', clearable && 'pr-7 [&::-webkit-search-cancel-button]:hidden', className)}
      />
      {!clearable ? null : text ? (
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
