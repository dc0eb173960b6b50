'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { audioAllowed, playChime } from './chime';
import { NOTIFY_KEY, SOUND_KEY, notificationPermission, readChoice, writeChoice, type NotificationPermissionState } from './preferences';
import type { ActiveAlert } from './types';
import { useNewlyFiring } from './use-newly-firing';

/**
 * "Notify me": after a click that asks for the browser's permission, a desktop notification for each
 * alert that starts firing while the page is open (not for those already firing when it opened),
 * and a chime if the sound is on. Both choices are remembered by this browser.
 */
export function AlertNotify({ active }: { active: readonly ActiveAlert[] | undefined }) {
  const t = useTranslations('alerts');
  const [notify, setNotify] = useState(false);
  const [sound, setSound] = useState(false);
  const [permission, setPermission] = useState<NotificationPermissionState>('default');
  const [asking, setAsking] = useState(false);

  // Read after the first render: the server knows neither the browser's storage nor its permission.
  useEffect(() => {
    setPermission(notificationPermission());
    setNotify(readChoice(NOTIFY_KEY));
    setSound(readChoice(SOUND_KEY));
  }, []);

  // A remembered sound choice: browsers start audio only after an interaction, so the first click
  // or key on the page (anything a supervisor does) lets the chime through.
  useEffect(() => {
    if (!sound) return;
    const unlock = () => void audioAllowed();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [sound]);

  const announce = useCallback(
    (alerts: ActiveAlert[]) => {
      if (notify && notificationPermission() === 'granted') {
        for (const alert of alerts) {
          try {
            const shown = new window.Notification(t('notify.title'), { body: alert.text, tag: `chatload-alert-${alert.id}` });
            shown.onclick = () => {
              window.focus();
              shown.close();
            };
          } catch {
            // Some browsers allow notifications only from a service worker: the strip still shows it.
          }
        }
      }
      if (sound) playChime();
    },
    [notify, sound, t],
  );
  useNewlyFiring(active, announce);

  const onNotify = async () => {
    if (notify) {
      setNotify(false);
      writeChoice(NOTIFY_KEY, false);
      return;
    }
    let granted = notificationPermission();
    if (granted === 'default') {
      setAsking(true);
      try {
        granted = await window.Notification.requestPermission();
      } finally {
        setAsking(false);
      }
    }
    setPermission(granted);
    if (granted === 'granted') {
      setNotify(true);
      writeChoice(NOTIFY_KEY, true);
    }
  };

  const onSound = async (on: boolean) => {
    setSound(on);
    writeChoice(SOUND_KEY, on);
    // Inside the click the browser lets audio start; the chime says what it will sound like.
    if (on && (await audioAllowed())) playChime();
  };

  const enabled = notify && permission === 'granted';
  return (
    <div className="al-notify" data-testid="alert-notify">
      {permission !== 'unsupported' ? (
        <button
          type="button"
          className={enabled ? 'button al-notify-on' : 'button'}
          aria-pressed={enabled}
          disabled={asking || permission === 'denied'}
          onClick={() => void onNotify()}
          data-testid="alert-notify-button"
          title={permission === 'denied' ? t('notify.blocked') : enabled ? t('notify.onHint') : t('notify.offHint')}
        >
          {enabled ? t('notify.on') : t('notify.button')}
        </button>
      ) : null}
      <label className="check al-sound">
        <input type="checkbox" checked={sound} onChange={(event) => void onSound(event.target.checked)} data-testid="alert-sound" />
        {t('notify.sound')}
      </label>
      {permission === 'denied' ? (
        <span className="muted small al-notify-blocked" role="status">
          {t('notify.blocked')}
        </span>
      ) : null}
    </div>
  );
}
