import { isIP } from 'node:net';

/** True when a URL points at this machine (loopback), the only place local mode may send replies. */
export function isLoopbackUrl(raw: string): boolean {
  try {
    const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost') return true;
    if (isIP(host) === 4) return host.startsWith('127.');
    if (isIP(host) === 6) return host === '::1';
    return false;
  } catch {
    return false;
  }
}
