'use client';

import { createContext, useContext, type ReactNode } from 'react';

export interface SessionInfo {
  user: { name: string; role: 'viewer' | 'manager' | 'display' } | null;
  authDisabled: boolean;
}

const SessionContext = createContext<SessionInfo>({ user: null, authDisabled: true });

/** Who is signed in, as the server saw it when it rendered the page. */
export function SessionProvider({ value, children }: { value: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionInfo(): SessionInfo {
  return useContext(SessionContext);
}

/** Whether the person here may save and delete snapshots and manage displays. */
export function useCanManage(): boolean {
  const session = useSessionInfo();
  return session.authDisabled || session.user?.role === 'manager';
}
