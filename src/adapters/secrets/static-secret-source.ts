import type { SecretSource } from '../../app/ports.ts';

/** Secrets given up front (locally, from the environment the stack was started with). */
export class StaticSecretSource implements SecretSource {
  constructor(private readonly values: Readonly<Record<string, string | undefined>>) {}

  async get(name: string): Promise<string> {
    const value = this.values[name];
    if (!value) throw new Error(`secret ${name} is not set`);
    return value;
  }
}
