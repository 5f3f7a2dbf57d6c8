import type { Clock } from '../app/ports.ts';

/** The wall clock: the one real `Clock`, given to every use case by the functions and the local stack. */
export const systemClock: Clock = { now: () => new Date() };
