/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A plain-text table with a header, columns padded to their widest cell; empty cells show as "-". */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | null | undefined)[])[],
): string {
  const cells = [
    headers,
    ...rows.map((row) =>
      row.map((cell) => (cell === null || cell === undefined || cell === '' ? '-' : cell)),
    ),
  ];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => (cell ?? '').padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** An ISO timestamp as `2026-03-01 09:00` (UTC), short enough for a table. */
export function shortTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  return iso.replace('T', ' ').slice(0, 16);
}
