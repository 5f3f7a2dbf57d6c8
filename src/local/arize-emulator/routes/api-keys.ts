import type { RestRoute } from '../http.ts';

export const apiKeyRoutes: RestRoute[] = [];
