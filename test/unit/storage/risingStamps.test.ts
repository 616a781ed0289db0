import { RisingStamps } from '../../../src/bot/storage/blobTranscriptStore';

describe('RisingStamps', () => {
  it('keeps one conversation’s stamps strictly rising, even when clocks tie or go back', () => {
    const stamps = new RisingStamps();
    expect(stamps.next('a', 1000)).toBe(1000);
    expect(stamps.next('a', 1000)).toBe(1001);
    expect(stamps.next('a', 990)).toBe(1002);
    expect(stamps.next('a', 5000)).toBe(5000);
  });

  it('leaves other conversations alone', () => {
    const stamps = new RisingStamps();
    stamps.next('a', 1000);
    expect(stamps.next('b', 1000)).toBe(1000);
  });

  it('forgets the least recently used conversation past its capacity', () => {
    const stamps = new RisingStamps(2);
    stamps.next('a', 1000);
    stamps.next('b', 1000);
    stamps.next('a', 1000); // a is now the most recent
    stamps.next('c', 1000); // evicts b
    expect(stamps.next('a', 1000)).toBe(1002);
    expect(stamps.next('b', 1000)).toBe(1000);
  });
});
