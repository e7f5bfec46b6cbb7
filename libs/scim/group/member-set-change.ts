import type { GroupChange } from '../../contracts/membership/groups';

/**
 * Member operations of one request folded in order into set operations: later operations win for
 * the same id, so "add a, remove a" removes a and "remove all, add b" leaves exactly b. The result is
 * either a replacement set or disjoint add and remove sets — what membership applies in SQL.
 */
export class MemberSetChange {
  private replacement: Set<string> | undefined;
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  add(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.replacement) this.replacement.add(id);
      else {
        this.added.add(id);
        this.removed.delete(id);
      }
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.replacement) this.replacement.delete(id);
      else {
        this.removed.add(id);
        this.added.delete(id);
      }
    }
  }

  replace(ids: readonly string[]): void {
    this.replacement = new Set(ids);
    this.added.clear();
    this.removed.clear();
  }

  toChange(): Pick<GroupChange, 'replaceMembers' | 'addMembers' | 'removeMembers'> {
    if (this.replacement) return { replaceMembers: [...this.replacement] };
    return {
      ...(this.added.size > 0 ? { addMembers: [...this.added] } : {}),
      ...(this.removed.size > 0 ? { removeMembers: [...this.removed] } : {}),
    };
  }
}
