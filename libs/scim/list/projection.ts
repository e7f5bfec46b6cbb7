import { parseAttributePath } from '../path/attribute-path';
import { type FoundAttribute, findAttribute, findExtension, sameName } from '../schema/find-attribute';
import type { AttributeDefinition, ResourceSchema } from '../schema/schema-definition';

/** The `attributes` and `excludedAttributes` of a request (RFC 7644 §3.4.2.5, §3.9). */
export interface Projection {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

type JsonObject = Record<string, unknown>;

// Per canonical `schema:attribute`: the whole attribute, or only these sub-attributes (canonical names).
type Selection = Map<string, 'whole' | Set<string>>;

interface Selections {
  readonly attributes?: Selection;
  readonly excluded: Selection;
}

/**
 * Keeps the attributes a client asked for (RFC 7644 §3.4.2.5, §3.9): `returned: always` attributes
 * (id, meta) and `schemas` always stay and `never` ones (password) never do; `attributes` keeps only
 * those named (`name.givenName` keeps that part of `name`), `excludedAttributes` drops them from the
 * default set. Names match in any case; extension attributes live under their schema URN key and may
 * be named by full URN, and a whole extension by its URN. Unknown names are ignored.
 */
export function projectResource(
  resource: JsonObject,
  schema: ResourceSchema,
  projection: Projection,
): JsonObject {
  const selections: Selections = {
    ...(projection.attributes && projection.attributes.length > 0
      ? { attributes: selectionOf(projection.attributes, schema) }
      : {}),
    excluded: selectionOf(projection.excludedAttributes ?? [], schema),
  };
  const projected: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    const extension = findExtension(schema, key);
    const kept = sameName(key, 'schemas')
      ? value
      : extension
        ? projectExtension(value, extension.id, extension.attributes, selections)
        : projectTopLevel(key, value, schema, selections);
    if (kept !== undefined) projected[key] = kept;
  }
  return projected;
}

function projectExtension(
  value: unknown,
  urn: string,
  attributes: readonly AttributeDefinition[],
  selections: Selections,
): unknown {
  if (selections.excluded.get(urn) === 'whole') return undefined;
  const whole = selections.attributes?.get(urn) === 'whole';
  if (!isObject(value)) return whole || !selections.attributes ? value : undefined;
  const projected: JsonObject = {};
  for (const [key, attributeValue] of Object.entries(value)) {
    const definition = attributes.find((attribute) => sameName(attribute.name, key));
    const kept = definition
      ? projectAttribute(definition, `${urn}:${definition.name}`, attributeValue, selections, whole)
      : unknownAttribute(attributeValue, selections, whole);
    if (kept !== undefined) projected[key] = kept;
  }
  return Object.keys(projected).length > 0 ? projected : undefined;
}

function projectTopLevel(
  key: string,
  value: unknown,
  schema: ResourceSchema,
  selections: Selections,
): unknown {
  const found = findAttribute(schema, { schema: schema.coreSchema.id, attribute: key });
  if (!found) return unknownAttribute(value, selections, false);
  return projectAttribute(
    found.attribute,
    `${found.schema}:${found.attribute.name}`,
    value,
    selections,
    false,
  );
}

function projectAttribute(
  definition: AttributeDefinition,
  key: string,
  value: unknown,
  selections: Selections,
  wholeExtension: boolean,
): unknown {
  if (definition.returned === 'never') return undefined;
  if (definition.returned === 'always') return value;
  if (selections.attributes && !wholeExtension) {
    const selected = selections.attributes.get(key);
    if (selected === undefined) return undefined;
    return keepSubAttributes(definition, value, (sub) =>
      selected === 'whole'
        ? sub?.returned !== 'never'
        : sub !== undefined && (sub.returned === 'always' || selected.has(sub.name)),
    );
  }
  if (definition.returned === 'request' && !wholeExtension) return undefined;
  const excluded = selections.excluded.get(key);
  if (excluded === 'whole') return undefined;
  return keepSubAttributes(
    definition,
    value,
    (sub) => !sub || sub.returned === 'always' || (sub.returned === 'default' && !excluded?.has(sub.name)),
  );
}

// An attribute of no schema Roster knows: part of the default set, never of a selection.
function unknownAttribute(value: unknown, selections: Selections, wholeExtension: boolean): unknown {
  return selections.attributes && !wholeExtension ? undefined : value;
}

// Filters the sub-attributes of a complex value (each element's, when multi-valued); elements left
// empty go. `keep` gets no definition for a sub-attribute no schema defines.
function keepSubAttributes(
  definition: AttributeDefinition,
  value: unknown,
  keep: (sub: AttributeDefinition | undefined) => boolean,
): unknown {
  const subAttributes = definition.subAttributes;
  if (!subAttributes) return value;
  const project = (element: unknown): unknown => {
    if (!isObject(element)) return element;
    const projected: JsonObject = {};
    for (const [key, subValue] of Object.entries(element)) {
      if (keep(subAttributes.find((candidate) => sameName(candidate.name, key)))) projected[key] = subValue;
    }
    return Object.keys(projected).length > 0 ? projected : undefined;
  };
  if (!Array.isArray(value)) return project(value);
  const elements = value.map(project).filter((element) => element !== undefined);
  return elements.length > 0 || value.length === 0 ? elements : undefined;
}

function selectionOf(names: readonly string[], schema: ResourceSchema): Selection {
  const selection: Selection = new Map();
  for (const name of names) {
    const extension = findExtension(schema, name.trim());
    if (extension) {
      selection.set(extension.id, 'whole');
      continue;
    }
    const found = safeFind(name, schema);
    if (!found) continue;
    const key = `${found.schema}:${found.attribute.name}`;
    const current = selection.get(key);
    if (!found.subAttribute) selection.set(key, 'whole');
    else if (current !== 'whole') selection.set(key, new Set([...(current ?? []), found.subAttribute.name]));
  }
  return selection;
}

function safeFind(name: string, schema: ResourceSchema): FoundAttribute | undefined {
  try {
    return findAttribute(schema, parseAttributePath(name));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
