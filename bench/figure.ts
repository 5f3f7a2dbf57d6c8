/** One measured figure, as every bench module returns it. */
export interface Figure {
  /** The id of its entry in bench/budgets.json. */
  name: string;
  value: number;
  unit: string;
  /** What it is compared with (a baseline, the limit, p50…), for the reader. */
  details?: string;
  /** A bench may carry its own budget; bench/budgets.json wins when it has an entry. */
  budget?: number;
  ok?: boolean;
}

export interface Budget {
  budget: number;
  unit: string;
  better: 'lower' | 'higher';
  anchor: string;
}

export function meetsBudget(value: number, budget: Budget): boolean {
  return budget.better === 'lower' ? value <= budget.budget : value >= budget.budget;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}
