import type { Clock } from '../../src/app/ports.ts';

export const systemClock: Clock = { now: () => new Date() };
