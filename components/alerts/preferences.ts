// What a person chose for alerts on the team load page, remembered by this browser.

export const NOTIFY_KEY = 'chatload.alerts.notify';
export const SOUND_KEY = 'chatload.alerts.sound';

export function readChoice(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === '1';
  } catch {
    // Storage refused (a private window, a policy): nothing remembered, nothing broken.
    return false;
  }
}

export function writeChoice(key: string, on: boolean): void {
  try {
    if (on) window.localStorage.setItem(key, '1');
    else window.localStorage.removeItem(key);
  } catch {
    // As above: the choice holds for this page only.
  }
}

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification.permission : 'unsupported';
}
