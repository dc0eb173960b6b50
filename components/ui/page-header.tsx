'use client';

import { useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useCanManage } from '@/components/auth/session-context';
import { UserMenu } from '@/components/auth/user-menu';
import { LanguageSwitch } from './language-switch';
import { ThemeSwitch } from './theme-switch';

interface Props {
  title: ReactNode;
  titleTestId?: string;
  /** Beside the title: "Demo data", "Read-only snapshot". */
  badges?: ReactNode;
  /** Before the links: "Updated 12 s ago". */
  status?: ReactNode;
  links: Array<{ href: string; label: string }>;
}

/** Every page's header: its title, links to the other pages, who is signed in, language and theme. */
export function PageHeader({ title, titleTestId, badges, status, links }: Props) {
  const tNav = useTranslations('nav');
  const canManage = useCanManage();
  const pathname = usePathname();
  // The alert history is for managers; every other page links to it.
  const shown = canManage && pathname !== '/alerts' ? [...links, { href: '/alerts', label: tNav('alerts') }] : links;
  return (
    <header className="page-header">
      <div className="title-row">
        <h1 data-testid={titleTestId}>{title}</h1>
        {badges}
      </div>
      <div className="header-side">
        {status}
        {shown.map((link) => (
          <a key={link.href} href={link.href} className="header-link">
            {link.label}
          </a>
        ))}
        <UserMenu />
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
    </header>
  );
}
