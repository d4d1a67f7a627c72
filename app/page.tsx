import { redirect } from 'next/navigation';

// The server redirects "/" to the current engine before Next sees it; this is the fallback.
export default function Home() {
  redirect('/e/default/containers');
}
