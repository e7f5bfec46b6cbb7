/**
 * The bound parameters of one SQL statement. Every value a client sent reaches PostgreSQL only
 * through here, as `$n`, never spliced into the SQL text.
 */
export class SqlParameters {
  private readonly values: unknown[];

  constructor(initial: readonly unknown[] = []) {
    this.values = [...initial];
  }

  /** Binds `value` and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  get count(): number {
    return this.values.length;
  }

  /** The values bound so far, in placeholder order. */
  list(): unknown[] {
    return [...this.values];
  }
}
