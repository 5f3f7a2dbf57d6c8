import { isAccountAdmin } from '../access.ts';
import type { RestRoute } from '../http.ts';
import { encodeId, ID_TYPES } from '../ids.ts';
import type { AuditRec } from '../model.ts';
import { paginationJson, parsePageParams } from '../pagination.ts';
import { badRequest, forbidden } from '../problem.ts';
import { iso } from '../wire.ts';
import { idNumber } from './lookup.ts';

const OPERATION_TYPES = ['QUERY', 'MUTATION', 'SUBSCRIPTION'] as const;

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badRequest(`'${name}' must be an ISO 8601 date-time.`);
  return ms;
}

function auditJson(rec: AuditRec) {
  return {
    id: rec.id,
    user_id: encodeId(ID_TYPES.user, rec.userN),
    ip: rec.ip,
    operation_type: rec.operationType,
    operation_name: rec.operationName,
    operation_text: rec.operationText,
    variables: rec.variables,
    created_at: iso(rec.ms),
  };
}

/** GET /v2/audit-logs: the account's mutations, newest first (account admin, logging enabled). */
export const auditLogRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/v2/audit-logs',
    operation: 'listAuditLogs',
    handler: (ctx) => {
      if (!isAccountAdmin(ctx.principal.user))
        throw forbidden('Audit logs require the account admin role.');
      if (!ctx.store.auditLogging)
        throw forbidden('Audit logging is not enabled for this account.');
      const page = parsePageParams(ctx.query);
      const start = timeParam(ctx.query, 'start_time');
      const end = timeParam(ctx.query, 'end_time');
      const rawUser = ctx.query.get('user_id');
      const userN = rawUser ? idNumber(rawUser, ID_TYPES.user, 'user') : undefined;
      const type = ctx.query.get('operation_type');
      if (type && !(OPERATION_TYPES as readonly string[]).includes(type)) {
        throw badRequest(`'operation_type' must be one of ${OPERATION_TYPES.join(', ')}.`);
      }
      const logs: AuditRec[] = [];
      let next: AuditRec | undefined;
      for (let i = ctx.store.audit.length - 1; i >= 0; i -= 1) {
        const rec = ctx.store.audit[i] as AuditRec;
        if (page.after !== undefined && rec.n >= page.after.n) continue;
        if (start !== undefined && rec.ms < start) continue;
        if (end !== undefined && rec.ms > end) continue;
        if (userN !== undefined && rec.userN !== userN) continue;
        if (type && rec.operationType !== type) continue;
        if (logs.length === page.limit) {
          next = logs[logs.length - 1];
          break;
        }
        logs.push(rec);
      }
      return {
        status: 200,
        body: {
          logs: logs.map(auditJson),
          pagination: paginationJson(next ? { ms: next.ms, n: next.n } : undefined),
        },
      };
    },
  },
];
