import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
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
  return <LoginForm next={first(params.next)} namedAccounts={runtime.signIn.hasNamedAccounts} display={first(params.display)} />;
}
