'use client';
// The buttons that open the Run dialog: "Run" on an image, and "Run again with changes" on a container, prefilled
// from what the engine says about it. Admins only: the caller shows them when useCanChangeHydrated() is true.
import { useQuery } from '@tanstack/react-query';
import { Play, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { emptyRunSpec } from '@/lib/run-spec';
import { useTRPC } from '@/lib/trpc';
import { RunDialog } from './run-dialog';

/** "Run" for an image; `label` names the image in the button's accessible name (a list row's "Run busybox:latest"). */
export function RunImageButton({ engine, image, label, withText }: { engine: string; image: string; label: string; withText?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={withText ? 'primary' : 'ghost'}
        size={withText ? 'sm' : 'icon'}
        aria-label={`Run ${label}`}
        title="Run a container from this image"
        onClick={() => setOpen(true)}
      >
        <Play aria-hidden />
        {withText ? 'Run' : null}
      </Button>
      {/* Mounted only while open: a list has one of these per row. */}
      {open ? <RunDialog engine={engine} open title={`Run ${label}`} initial={emptyRunSpec(image)} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function RunAgainButton({ engine, id, name }: { engine: string; id: string; name: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  // Read afresh at each opening: the container may have changed since.
  const spec = useQuery({ ...trpc.containers.runSpec.queryOptions({ engine, id }), enabled: open, staleTime: 0, gcTime: 0, retry: false });
  return (
    <>
      <Button size="sm" title="Open Run with this container's settings" onClick={() => setOpen(true)}>
        <RotateCcw aria-hidden />
        Run again with changes
      </Button>
      <RunDialog
        engine={engine}
        open={open}
        title={`Run again with changes: ${name}`}
        initial={open && !spec.isFetching ? (spec.data ?? null) : null}
        loadError={spec.error}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
