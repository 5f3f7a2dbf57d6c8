import { describe, expect, it } from 'vitest';
import { counted, durationInWords } from '../../src/domain/words.ts';

describe('counts and durations in words', () => {
  it.each([
    [0, 'user', '0 users'],
    [1, 'user', '1 user'],
    [2, 'space', '2 spaces'],
    [1n, 'character', '1 character'],
  ] as const)('counts %s %s as %j', (n, word, text) => {
    expect(counted(n, word)).toBe(text);
  });

  it('takes an irregular plural', () => {
    expect(counted(3, 'person', 'people')).toBe('3 people');
  });

  it.each([
    [30, '1 minute'],
    [60, '1 minute'],
    [120, '2 minutes'],
    [5_400, '90 minutes'],
    [3_600, '1 hour'],
    [28_800, '8 hours'],
    [86_400, '1 day'],
    [7_776_000, '90 days'],
    [90_000, '25 hours'],
  ])('says %i s as %j', (seconds, text) => {
    expect(durationInWords(seconds)).toBe(text);
  });
});
