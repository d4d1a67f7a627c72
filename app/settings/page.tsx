// /settings opens its first screen.
import { redirect } from 'next/navigation';

export default function Page() {
  redirect('/settings/general');
}
