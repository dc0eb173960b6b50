import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { redirectTarget } from '@/lib/http/redirect-target';
import { getRuntime } from '@/lib/runtime';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('loginTitle') };
}

// Sign in: a password (the manager's or the viewers'), or a name and password from USERS_FILE.
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const runtime = await getRuntime();
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
  if (runtime.config.auth.disabled) redirect('/');
  // The form goes on to `next` once signed in: only a page of our own, whatever the link said.
  const next = redirectTarget(first(params.next), { fallback: '/' });
  return <LoginForm next={next} namedAccounts={runtime.signIn.hasNamedAccounts} display={first(params.display)} />;
}
