import type { RestRoute } from '../http.ts';

export const auditLogRoutes: RestRoute[] = [];
