import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * One field of a parsed HTML form: its text, or undefined when it is missing or repeated (a
 * repeated field is never what the console's own forms send).
 */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A checkbox: checked when the form sent it at all. */
export function formCheckbox(body: unknown, name: string): boolean {
  return formField(body, name) !== undefined;
}

/**
 * Checks form input against the admin API's own DTO, so the console and the API refuse the same
 * things with the same words. Returns the first problem, or undefined when the input is valid.
 */
export function formProblem<T extends object>(
  dto: new () => T,
  input: Record<string, unknown>,
): string | undefined {
  const errors = validateSync(plainToInstance(dto, input), { forbidUnknownValues: false });
  const first = errors[0];
  if (!first) return undefined;
  const messages = Object.values(first.constraints ?? {});
  return messages[0] ? `${capitalise(messages[0])}.` : `${first.property} is not valid.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
