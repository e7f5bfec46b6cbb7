/**
 * Runscope's `{{name}}` templates. An undefined variable is an error: sending the literal text would
 * test something other than what the suite means.
 */
export function substituteVariables(template: string, variables: ReadonlyMap<string, string>): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_match, name: string) => {
    const value = variables.get(name);
    if (value === undefined) throw new Error(`Runscope variable {{${name}}} is not defined.`);
    return value;
  });
}

/**
 * Runscope's JSON property paths: dotted names and `[n]` indexes (`Resources[0].name.givenName`).
 * Undefined when any step along the path is missing.
 */
export function jsonProperty(document: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '') return document;
  const steps = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let current: unknown = document;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** How Runscope shows a JSON value when it compares it as text: strings bare, the rest as JSON. */
export function asText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
