import type { Grant } from '../../domain/grants/grant.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { AuditLog, Clock, GrantStore, Log } from '../ports.ts';
import { auditGrant } from './grant-news.ts';

/** What an approved `request extend` reads and writes (worker). */
export interface GrantExtension {
  get(grantId: string): Promise<Grant | undefined>;
  /**
   * Moves the end of an ACTIVE grant from `from` by `seconds`: one conditional write on the
   * version read, audited first. A grant whose end is no longer `from` is left as it is (unless
   * it already ends where this extension puts it: a re-run), and so is one being ended.
   */
  extend(input: {
    grantId: string;
    from: string;
    seconds: number;
    actor: string;
  }): Promise<Result<Grant, string>>;
}

const attempts = 5;

/** The extension side of the grant store, for the worker's executors. */
export function makeGrantExtension(deps: {
  store: GrantStore;
  audit: AuditLog;
  clock: Clock;
  log: Log;
}): GrantExtension {
  return {
    get: (grantId) => deps.store.get(grantId),
    extend: async ({ grantId, from, seconds, actor }) => {
      const fromMs = Date.parse(from);
      if (Number.isNaN(fromMs)) return err(`The end to extend (${from}) is not a time.`);
      const to = new Date(fromMs + seconds * 1000).toISOString();
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        const grant = await deps.store.get(grantId);
        if (!grant) return err('No such time-bound grant.');
        if (grant.endsAt === to && grant.history.some((e) => e.event === 'extended')) {
          return ok(grant);
        }
        if (grant.status !== 'ACTIVE' || grant.endRequestedBy !== undefined) {
          return err('The grant is ending or over, so there is nothing to extend.');
        }
        if (grant.endsAt !== from) {
          return err(
            `The grant changed meanwhile (it now ends at ${grant.endsAt}), so this extension was not applied.`,
          );
        }
        await auditGrant(
          deps,
          grant,
          'grant-extended',
          { from, to, seconds },
          { actor, suffix: String(grant.version) },
        );
        const saved = await deps.store.update(
          grant,
          { status: 'ACTIVE', endsAt: to },
          { at: deps.clock.now().toISOString(), event: 'extended', detail: `${from} → ${to}` },
        );
        if (saved) {
          deps.log.info('grant extended', { grantId, endsAt: to });
          return ok(saved);
        }
      }
      return err('The grant changed while it was being extended; ask again.');
    },
  };
}
