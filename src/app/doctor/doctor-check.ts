/** One line of `/arize doctor`: ✓ or ✗, what was found, and for a ✗ what to do about it. */
export interface DoctorCheck {
  ok: boolean;
  title: string;
  detail: string;
  /** What to do; present on every ✗. */
  fix?: string;
}

export const passed = (title: string, detail: string): DoctorCheck => ({ ok: true, title, detail });

export const failed = (title: string, detail: string, fix: string): DoctorCheck => ({
  ok: false,
  title,
  detail,
  fix,
});

/**
 * Runs one check; an unexpected failure (a network error, a throttled API) is a ✗ that says the
 * check could not run, so one broken dependency never hides the other lines.
 */
export async function guarded(
  title: string,
  fix: string,
  check: () => Promise<DoctorCheck | DoctorCheck[]>,
): Promise<DoctorCheck[]> {
  try {
    return [await check()].flat();
  } catch (error: unknown) {
    const why = error instanceof Error ? error.message : String(error);
    return [failed(title, `could not be checked: ${why}`, fix)];
  }
}
