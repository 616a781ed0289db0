import type { OpeningSlot } from '../content/types';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Whether a service is open at `now` in UK time. Undefined when the pack gives no hours, so the bot
 * can avoid promising a time it does not know.
 */
export function isOpenAt(hours: OpeningSlot[], now: Date): boolean | undefined {
  if (!hours.length) return undefined;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').slice(0, 3).toLowerCase() as (typeof DAYS)[number];
  const time = `${get('hour')}:${get('minute')}`;
  return hours.some((slot) => slot.days.includes(day) && time >= slot.open && time < slot.close);
}
