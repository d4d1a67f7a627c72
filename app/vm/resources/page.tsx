// /vm/resources: the VM's CPUs, memory, swap, disk and shared directories.
import type { Metadata } from 'next';
import { ResourcesForm } from '@/components/vm/resources-form';

export const metadata: Metadata = { title: 'VM resources' };

export default function Page() {
  return <ResourcesForm />;
}
