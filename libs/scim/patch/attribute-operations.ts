import { isDeepStrictEqual } from 'node:util';
import { ScimError } from '../errors';
import type { FilterNode } from '../filter/filter-ast';
import { sameName } from '../schema/find-attribute';
import type { AttributeDefinition } from '../schema/schema-definition';
import {
  findSubAttribute,
  type IgnoredNames,
  invalidValue,
  isPlainObject,
  isUnassigned,
  normaliseAttributeValue,
  normaliseSimpleValue,
  normaliseSingleValue,
} from '../user/attribute-values';
import type { PatchOpName } from './patch-request';
import { elementDescribedBy, matchesValueFilter } from './value-filter';

/** One PATCH operation narrowed to one attribute of one container (the resource or an extension object). */
export interface AttributeChange {
  readonly op: PatchOpName;
  readonly container: Record<string, unknown>;
  readonly definition: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
  readonly valueFilter?: FilterNode;
  /** Undefined when the operation has none (a remove). */
  readonly value: unknown;
  /** The attribute as error details name it (`emails`, `urn:...:enterprise:2.0:User:manager`). */
  readonly label: string;
  readonly ignored: IgnoredNames;
}

type Element = Record<string, unknown>;

/** RFC 7644 §3.5.2.1–3.5.2.3: applies one add, replace or remove to one attribute, in place. */
export function applyAttributeChange(change: AttributeChange): void {
  if (change.definition.multiValued) changeMultiValued(change);
  else if (change.definition.type === 'complex') changeComplex(change);
  else changeSimple(change);
}

function changeSimple({ op, container, definition, value, label, ignored }: AttributeChange): void {
  const normalised = op === 'remove' ? undefined : normaliseAttributeValue(definition, value, label, ignored);
  if (normalised !== undefined) container[definition.name] = normalised;
  else if (op !== 'add') delete container[definition.name];
}

// Singular complex (name, manager): RFC 7644 §3.5.2.1 and §3.5.2.3 both merge the given
// sub-attributes and leave the others unchanged; a null sub-attribute clears it (RFC 7643 §2.5).
function changeComplex({
  op,
  container,
  definition,
  subAttribute,
  value,
  label,
  ignored,
}: AttributeChange): void {
  const current: Element = isPlainObject(container[definition.name])
    ? { ...(container[definition.name] as Element) }
    : {};
  if (subAttribute) {
    const subLabel = `${label}.${subAttribute.name}`;
    const normalised =
      op === 'remove' || isUnassigned(value)
        ? undefined
        : normaliseSimpleValue(subAttribute, value, subLabel);
    if (normalised !== undefined) current[subAttribute.name] = normalised;
    else if (op !== 'add') delete current[subAttribute.name];
  } else if (op === 'remove' || (op === 'replace' && isUnassigned(value))) {
    delete container[definition.name];
    return;
  } else if (!isUnassigned(value)) {
    const normalised = normaliseSingleValue(definition, value, label, ignored) as Element | undefined;
    if (isPlainObject(value)) {
      for (const [key, subValue] of Object.entries(value)) {
        const cleared = subValue === null ? findSubAttribute(definition, key) : undefined;
        if (cleared) delete current[cleared.name];
      }
    }
    Object.assign(current, normalised ?? {});
  }
  if (Object.keys(current).length > 0) container[definition.name] = current;
  else delete container[definition.name];
}

function changeMultiValued(change: AttributeChange): void {
  const { container, definition, subAttribute, valueFilter, label } = change;
  if ((subAttribute || valueFilter) && definition.type !== 'complex') {
    throw ScimError.badRequest('invalidPath', `'${label}' has no sub-attributes to select.`);
  }
  const existing = container[definition.name];
  const elements: unknown[] = Array.isArray(existing)
    ? existing.map((element: unknown) => (isPlainObject(element) ? { ...element } : element))
    : isUnassigned(existing)
      ? []
      : [existing];
  const result = valueFilter
    ? changeFilteredElements(change, elements, valueFilter)
    : subAttribute
      ? changeEverySubAttribute(change, elements, subAttribute)
      : changeWholeList(change, elements);
  const kept = result.elements.filter((element) => !isUnassigned(element));
  keepOnePrimary(kept, result.touched, label);
  if (kept.length > 0) container[definition.name] = kept;
  else delete container[definition.name];
}

interface ListChange {
  elements: unknown[];
  /** Elements this operation wrote: when one of them is primary, the others stop being so. */
  touched: unknown[];
}

// `emails`: add appends what is not there yet (merging into the same value), replace swaps the list,
// remove clears it — or, with a value (Entra's `members` removal), takes out those values only.
function changeWholeList(
  { op, definition, value, label, ignored }: AttributeChange,
  elements: unknown[],
): ListChange {
  if (op === 'remove') {
    if (isUnassigned(value)) return { elements: [], touched: [] };
    const removed =
      (normaliseAttributeValue(definition, value, label, ignored) as unknown[] | undefined) ?? [];
    return {
      elements: elements.filter((element) => !removed.some((gone) => sameElement(definition, element, gone))),
      touched: [],
    };
  }
  const given = (normaliseAttributeValue(definition, value, label, ignored) as unknown[] | undefined) ?? [];
  if (op === 'replace') return { elements: given, touched: given };
  const touched: unknown[] = [];
  for (const element of given) {
    const same = elements.find((candidate) => sameElement(definition, candidate, element));
    if (same !== undefined && isPlainObject(same) && isPlainObject(element)) {
      Object.assign(same, element);
      touched.push(same);
    } else if (same === undefined) {
      elements.push(element);
      touched.push(element);
    }
  }
  return { elements, touched };
}

// `emails.value` without a filter: every element (RFC 7644 leaves it open; one element is created
// when there is none, so that add/replace never silently do nothing).
function changeEverySubAttribute(
  change: AttributeChange,
  elements: unknown[],
  subAttribute: AttributeDefinition,
): ListChange {
  const value = subValue(change, subAttribute);
  if (elements.length === 0 && value !== undefined) {
    const created = { [subAttribute.name]: value };
    return { elements: [created], touched: [created] };
  }
  const targets = elements.filter(isPlainObject);
  for (const element of targets) setSubAttribute(element, subAttribute, value, change.op);
  return { elements, touched: targets };
}

// `emails[type eq "work"]` and `emails[type eq "work"].value`. Remove of matching nothing is a
// no-op (IdPs repeat removals); add/replace matching nothing creates the element the filter
// describes (Entra sends replace `emails[type eq "work"].value` to users without a work email).
function changeFilteredElements(
  change: AttributeChange,
  elements: unknown[],
  filter: FilterNode,
): ListChange {
  const { op, definition, subAttribute, value, label, ignored } = change;
  const matches = elements.filter(
    (element): element is Element =>
      isPlainObject(element) && matchesValueFilter(filter, element, definition),
  );
  if (op === 'remove') {
    if (!subAttribute)
      return { elements: elements.filter((element) => !matches.includes(element as Element)), touched: [] };
    for (const element of matches) delete element[subAttribute.name];
    return { elements, touched: [] };
  }
  const given = subAttribute
    ? subValue(change, subAttribute)
    : (normaliseSingleValue(definition, value, label, ignored) as Element | undefined);
  if (matches.length === 0) {
    if (given === undefined) return { elements, touched: [] };
    const described = elementDescribedBy(filter, definition);
    if (!described)
      throw ScimError.badRequest(
        'noTarget',
        `No value of '${label}' matches the filter, and the filter does not describe one to create.`,
      );
    const created = subAttribute
      ? { ...described, [subAttribute.name]: given }
      : { ...described, ...(given as Element) };
    return { elements: [...elements, created], touched: [created] };
  }
  if (subAttribute) {
    for (const element of matches) setSubAttribute(element, subAttribute, given, op);
    return { elements, touched: matches };
  }
  if (given === undefined) {
    // replace with null unassigns the matching values (RFC 7643 §2.5); add of nothing adds nothing
    const kept =
      op === 'replace' ? elements.filter((element) => !matches.includes(element as Element)) : elements;
    return { elements: kept, touched: [] };
  }
  const touched: Element[] = [];
  const updated = elements.map((element) => {
    if (!matches.includes(element as Element)) return element;
    const next = op === 'replace' ? { ...(given as Element) } : Object.assign(element as Element, given);
    touched.push(next);
    return next;
  });
  return { elements: updated, touched };
}

function subValue({ op, value, label }: AttributeChange, subAttribute: AttributeDefinition): unknown {
  if (op === 'remove' || isUnassigned(value)) return undefined;
  return normaliseSimpleValue(subAttribute, value, `${label}.${subAttribute.name}`);
}

function setSubAttribute(
  element: Element,
  subAttribute: AttributeDefinition,
  value: unknown,
  op: PatchOpName,
): void {
  if (value !== undefined) element[subAttribute.name] = value;
  else if (op !== 'add') delete element[subAttribute.name];
}

/** RFC 7643 §2.4: a value this operation made primary takes it from the others; two in one operation is 400. */
function keepOnePrimary(elements: unknown[], touched: unknown[], label: string): void {
  const newPrimaries = touched.filter((element) => isPlainObject(element) && element.primary === true);
  if (newPrimaries.length > 1) throw invalidValue(label, 'has more than one value with primary set to true');
  for (const element of elements) {
    if (
      newPrimaries.length === 1 &&
      element !== newPrimaries[0] &&
      isPlainObject(element) &&
      element.primary === true
    ) {
      element.primary = false;
    }
  }
  const primaries = elements.filter((element) => isPlainObject(element) && element.primary === true);
  if (primaries.length > 1) throw invalidValue(label, 'has more than one value with primary set to true');
}

// Two values of a multi-valued attribute are the same when their `value` is (per its caseExact) and
// their `type` does not differ; values without a `value` sub-attribute (addresses) when equal.
function sameElement(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  const valueDefinition = definition.type === 'complex' ? findSubAttribute(definition, 'value') : definition;
  if (!isPlainObject(a) || !isPlainObject(b)) return sameSimpleValue(valueDefinition, a, b);
  if (!valueDefinition || (a.value === undefined && b.value === undefined)) return isDeepStrictEqual(a, b);
  if (!sameSimpleValue(valueDefinition, a.value, b.value)) return false;
  return typeof a.type !== 'string' || typeof b.type !== 'string' || sameName(a.type, b.type);
}

function sameSimpleValue(definition: AttributeDefinition | undefined, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && !definition?.caseExact) return sameName(a, b);
  return isDeepStrictEqual(a, b);
}
