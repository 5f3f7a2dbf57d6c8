import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArizeGateway } from '../../../src/adapters/arize/arize-gateway.ts';
import { createTargetResolver } from '../../../src/adapters/arize/target-resolver.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../../src/local/arize-emulator/index.ts';
import { fixedNow, replyText, requester, runCommand } from './catalogue-harness.ts';
import { catalogueRows, type DemoIds } from './catalogue-rows.ts';

let emulator: ArizeEmulator;
let ids: DemoIds;

beforeAll(async () => {
  emulator = await startArizeEmulator({ port: 0, now: () => fixedNow });
  const gateway = createArizeGateway({
    baseUrl: emulator.url,
    appUrl: emulator.url,
    apiKey: async () => DEMO_ADMIN_API_KEY,
  });
  const resolver = createTargetResolver(gateway);
  const acme = await resolver.organization('Acme ML');
  const lab = await resolver.organization('Research Lab');
  ids = {
    acme: acme.id,
    lab: lab.id,
    acmeProduction: (await resolver.space('production', { orgId: acme.id })).id,
    labProduction: (await resolver.space('production', { orgId: lab.id })).id,
    staging: (await resolver.space('staging')).id,
    fraud: (await resolver.space('fraud-detection')).id,
  };
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('every catalogue operation on the emulator', () => {
  it('has a row for every catalogue id', () => {
    const covered = new Set(catalogueRows.map((r) => r.id));
    expect(catalogue.map((op) => op.id).filter((id) => !covered.has(id))).toEqual([]);
    expect(
      catalogueRows.map((r) => r.id).filter((id) => !catalogue.some((op) => op.id === id)),
    ).toEqual([]);
  });

  it.each(catalogueRows.map((r) => [r.id, r] as const))('%s', async (id, row) => {
    const text = row.text(ids);
    const {
      id: ran,
      reply,
      store,
    } = await runCommand(emulator, text, {
      ...(row.context ? { context: row.context(ids) } : {}),
    });
    expect(ran).toBe(id);
    expect(reply.kind).toBe(row.kind);
    const shown = replyText(reply);
    for (const part of row.says(ids)) expect(shown).toContain(part);
    expect(emulator.mutations().map((m) => m.operation)).toEqual(row.mutations);
    const saved = store.savedFor(requester);
    if (row.saves) expect(saved).toMatchObject(row.saves(ids));
    else expect(saved).toBeUndefined();
  });
});
