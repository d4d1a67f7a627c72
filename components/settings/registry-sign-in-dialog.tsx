'use client';
// The "Sign in to a registry" form: the registry, the user and the password or access token, checked by an engine.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Field, FormDialog, inputClass } from '@/components/ui/form-dialog';
import { useTRPC } from '@/lib/trpc';

export interface SignedIn {
  server: string;
  username: string;
}

export function RegistrySignInDialog(props: { open: boolean; server?: string; onClose: () => void; onSignedIn: (row: SignedIn) => Promise<void> }) {
  const trpc = useTRPC();
  const engines = useQuery({ ...trpc.engines.list.queryOptions(), enabled: props.open });
  const current = useQuery(trpc.engines.current.queryOptions());
  const [picked, setEngine] = useState<string | null>(null);
  const engine = picked ?? current.data?.name ?? '';
  const signIn = useMutation(trpc.registries.signIn.mutationOptions());
  const close = () => (signIn.reset(), setEngine(null), props.onClose());
  const user = useRef<HTMLInputElement>(null);
  // Opened for a named registry, the user name is what is left to type. This runs after the dialog's showModal,
  // which would otherwise focus the first field.
  useEffect(() => {
    if (props.open && props.server) user.current?.focus();
  }, [props.open, props.server]);
  return (
    <FormDialog
      fields={['server', 'username', 'password', 'engine']}
      open={props.open}
      title="Sign in to a registry"
      description="As docker login does: the engine checks the account with the registry, then it is kept where the docker CLI keeps it."
      submitLabel="Sign in"
      busy={signIn.isPending}
      error={signIn.error}
      onCancel={close}
      onSubmit={async (f) => {
        try {
          const row = await signIn.mutateAsync({
            engine,
            server: String(f.get('server') ?? ''),
            username: String(f.get('username') ?? ''),
            password: String(f.get('password') ?? ''),
          });
          await props.onSignedIn(row);
          close();
        } catch {
          // The dialog shows the refusal under the form; the password field keeps what was typed for a retry.
        }
      }}
    >
      <Field label="Registry" name="server" hint='Docker Hub is "docker.io"; other registries by host, such as "ghcr.io" or "registry.example.com:5000".'>
        <input name="server" required defaultValue={props.server ?? 'docker.io'} autoComplete="off" spellCheck={false} className={inputClass} />
      </Field>
      <Field label="User name" name="username">
        <input ref={user} name="username" required autoComplete="username" spellCheck={false} className={inputClass} />
      </Field>
      <Field label="Password" name="password" hint="Or an access token, where the registry offers them.">
        <input name="password" type="password" required autoComplete="current-password" className={inputClass} />
      </Field>
      <Field label="Check through engine" name="engine" hint="The registry must be reachable from this engine.">
        <select value={engine} onChange={(e) => setEngine(e.target.value)} className={inputClass}>
          {(engines.data ?? (engine ? [{ name: engine }] : [])).map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
            </option>
          ))}
        </select>
      </Field>
    </FormDialog>
  );
}
