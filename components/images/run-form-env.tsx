'use client';
// Environment and labels: KEY=VALUE rows, and for the environment a box that takes a pasted env file.
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/form-dialog';
import { type EnvVar, parseEnvFile } from '@/lib/run-spec';
import { RemoveRowButton, RunField, RunSection, TextInput, removeAt, replaceAt } from './run-form-field';

interface Pair {
  key: string;
  value: string;
}

function PairRows({ rows, path, noun, onChange }: { rows: Pair[]; path: 'env' | 'labels'; noun: string; onChange: (rows: Pair[]) => void }) {
  return (
    <>
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_1.75rem] items-start gap-2">
          <RunField label={`${noun} ${i + 1} name`} path={`${path}.${i}.key`} hideLabel>
            {(a) => <TextInput {...a} mono placeholder="KEY" value={row.key} onChange={(key) => onChange(replaceAt(rows, i, { ...row, key }))} />}
          </RunField>
          <RunField label={`${noun} ${i + 1} value`} path={`${path}.${i}.value`} hideLabel>
            {(a) => <TextInput {...a} mono placeholder="value" value={row.value} onChange={(value) => onChange(replaceAt(rows, i, { ...row, value }))} />}
          </RunField>
          <RemoveRowButton label={`Remove ${noun.toLowerCase()} ${row.key || i + 1}`} onClick={() => onChange(removeAt(rows, i))} />
        </div>
      ))}
    </>
  );
}

/** Pasted variables replace rows with the same key and add the others, as a later --env-file line would. */
export function mergeEnv(rows: EnvVar[], pasted: EnvVar[]): EnvVar[] {
  const incoming = new Map(pasted.map((e) => [e.key, e.value]));
  const kept = rows.filter((r) => r.key.trim() || r.value).map((r) => (incoming.has(r.key) ? { key: r.key, value: incoming.get(r.key)! } : r));
  const present = new Set(kept.map((r) => r.key));
  return [...kept, ...pasted.filter((e) => !present.has(e.key))];
}

function EnvFileBox({ onAdd }: { onAdd: (vars: EnvVar[]) => void }) {
  const [text, setText] = useState('');
  const id = useId();
  const parsed = parseEnvFile(text);
  return (
    <details className="text-[13px]">
      <summary className="cursor-pointer text-muted hover:text-fg">Paste an env file</summary>
      <div className="mt-2 flex flex-col gap-2">
        <label htmlFor={id} className="text-[12px] text-muted">
          KEY=VALUE lines, as for <code className="font-mono">--env-file</code>; lines starting with # and blank lines are ignored.
        </label>
        <textarea
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          spellCheck={false}
          placeholder={'# .env\nDB_HOST=db\nDB_PORT=5432'}
          className={`${inputClass} h-auto py-1.5 font-mono`}
        />
        <div>
          <Button
            disabled={parsed.length === 0}
            onClick={() => {
              onAdd(parsed);
              setText('');
            }}
          >
            {parsed.length ? `Add ${parsed.length} variable${parsed.length === 1 ? '' : 's'}` : 'Add variables'}
          </Button>
        </div>
      </div>
    </details>
  );
}

export function EnvSection({ env, onChange }: { env: EnvVar[]; onChange: (env: EnvVar[]) => void }) {
  return (
    <RunSection title="Environment" count={env.length} onAdd={() => onChange([...env, { key: '', value: '' }])} addLabel="Add variable">
      <PairRows rows={env} path="env" noun="Variable" onChange={onChange} />
      <EnvFileBox onAdd={(vars) => onChange(mergeEnv(env, vars))} />
    </RunSection>
  );
}

export function LabelsSection({ labels, onChange }: { labels: Pair[]; onChange: (labels: Pair[]) => void }) {
  return (
    <RunSection title="Labels" count={labels.length} onAdd={() => onChange([...labels, { key: '', value: '' }])} addLabel="Add label">
      <PairRows rows={labels} path="labels" noun="Label" onChange={onChange} />
    </RunSection>
  );
}
