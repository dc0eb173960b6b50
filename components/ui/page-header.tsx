'use client';

import type { ReactNode } from 'react';
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
  return (
    <header className="page-header">
      <div className="title-row">
        <h1 data-testid={titleTestId}>{title}</h1>
        {badges}
      </div>
      <div className="header-side">
        {status}
        {links.map((link) => (
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
