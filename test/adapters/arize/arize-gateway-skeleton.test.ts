import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArizeGateway } from '../../../src/adapters/arize/arize-gateway.ts';
import { interactiveBurst } from '../../../src/adapters/arize/arize-transport.ts';
import { AppError, ErrorCodes } from '../../../src/domain/errors.ts';
import { fakeTime } from './fake-time.ts';
import { sendJson, startTinyServer } from './tiny-server.ts';

const ORG = Buffer.from('AccountOrganization:1').toString('base64');
const SPACE = Buffer.from('Space:7').toString('base64');

describe('arize gateway on a tiny server', () => {
  let server: Awaited<ReturnType<typeof startTinyServer>>;
  beforeAll(async () => {
    server = await startTinyServer((req, res) => {
      if (req.headers.authorization !== 'Bearer key-1') {
        return sendJson(res, 401, { status: 401, title: 'Authentication required' });
      }
      if (req.path.startsWith('/v2/organizations')) {
        return sendJson(res, 200, {
          organizations: [
            { id: ORG, name: 'Acme ML', description: '', created_at: '2024-01-01T12:00:00Z' },
          ],
          pagination: { has_more: false },
        });
      }
      if (/^\/v2\/spaces(\?|$)/.test(req.path)) {
        return sendJson(res, 200, {
          spaces: [
            {
              id: SPACE,
              name: 'production',
              description: 'p',
              created_at: '2024-01-02T00:00:00Z',
              is_private: false,
            },
          ],
          pagination: { has_more: true, next_cursor: 'c2' },
        });
      }
      return sendJson(res, 404, { status: 404, title: 'Resource not found', detail: 'nope' });
    });
  });
  afterAll(() => server.close());

  const gateway = () =>
    createArizeGateway({ baseUrl: server.url, appUrl: server.url, apiKey: async () => 'key-1' });

  it('sends an interactive command’s first calls at once, then paces at maxRps', async () => {
    const time = fakeTime();
    const paced = createArizeGateway({
      baseUrl: server.url,
      appUrl: server.url,
      apiKey: async () => 'key-1',
      maxRps: 2,
      now: time.now,
      sleep: time.sleep,
    });
    const start = time.now();
    for (let i = 0; i < interactiveBurst; i++) await paced.listOrganizations();
    expect(time.now() - start).toBe(0);
    await paced.listOrganizations();
    expect(time.now() - start).toBe(500);
  });

  it('lists organizations as domain entities', async () => {
    const page = await gateway().listOrganizations();
    expect(page).toEqual({
      items: [{ id: ORG, name: 'Acme ML', description: '', createdAt: '2024-01-01T12:00:00.000Z' }],
    });
  });

  it('lists spaces of an org, with the cursor of the next page', async () => {
    const page = await gateway().listSpaces({ orgId: ORG, name: 'prod' });
    expect(page.nextCursor).toBe('c2');
    expect(page.items[0]).toMatchObject({ id: SPACE, organizationId: ORG, isPrivate: false });
    const last = server.seen.at(-1);
    expect(last?.path).toContain(`org_id=${encodeURIComponent(ORG)}`);
    expect(last?.path).toContain('name=prod');
  });

  it('translates a 404 into ARIZE.NOT_FOUND', async () => {
    const error = await gateway()
      .getSpace(SPACE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCodes.arizeNotFound);
  });
});
