import type { AttributeRef, QueryExpr } from '../../contracts/query/query-expr';
import { ScimError } from '../errors';
import { type FoundAttribute, findAttribute, sameName } from '../schema/find-attribute';
import type { ResourceSchema } from '../schema/schema-definition';
import { type AttrPath, type FilterNode, formatAttrPath } from './filter-ast';
import { compareOperand } from './filter-operand';

/**
 * Resolves a parsed filter against a resource type into the query membership runs (RFC 7644 §3.4.2.2):
 * canonical names and the attribute's type facts on every reference; `emails eq "x"` is
 * `emails[value eq "x"]` and `emails.value eq "x"` is `emails[value eq "x"]`; operands checked and
 * coerced to the attribute's type. An unknown attribute or a type mismatch is a 400 `invalidFilter`.
 */
export function resolveFilter(node: FilterNode, resource: ResourceSchema): QueryExpr {
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        kind: node.kind,
        left: resolveFilter(node.left, resource),
        right: resolveFilter(node.right, resource),
      };
    case 'not':
      return { kind: 'not', expr: resolveFilter(node.filter, resource) };
    case 'valuePath':
      return resolveValuePath(node, resource);
    default:
      return resolveAttributeExpression(node, resource);
  }
}

/**
 * The reference to a found attribute (RFC 7643 §7 characteristics): type and caseExact of the
 * sub-attribute when there is one; `multiValued` says whether the resource holds a list of `name`.
 */
export function attributeRef(found: FoundAttribute): AttributeRef {
  const definition = found.subAttribute ?? found.attribute;
  return {
    schema: found.schema,
    name: found.attribute.name,
    ...(found.subAttribute ? { sub: found.subAttribute.name } : {}),
    type: definition.type,
    caseExact: definition.caseExact,
    multiValued: found.attribute.multiValued,
  };
}

type AttributeExpression = Extract<FilterNode, { kind: 'present' | 'compare' }>;

function resolveAttributeExpression(node: AttributeExpression, resource: ResourceSchema): QueryExpr {
  const found = lookUp(resource, node.attribute);
  const { attribute, subAttribute } = found;
  if (subAttribute) {
    const expr = elementExpression(node, found);
    return attribute.multiValued
      ? { kind: 'valuePath', attr: attributeRef({ ...found, subAttribute: undefined }), filter: expr }
      : expr;
  }
  if (attribute.type !== 'complex' || node.kind === 'present') return elementExpression(node, found);
  const value = attribute.multiValued
    ? attribute.subAttributes?.find((sub) => sub.name === 'value')
    : undefined;
  if (!value) {
    throw invalid(
      `'${formatAttrPath(node.attribute)}' is complex; compare one of its sub-attributes instead`,
    );
  }
  // RFC 7644 §3.4.2.2: a multi-valued complex attribute without a sub-attribute means its `value`.
  return {
    kind: 'valuePath',
    attr: attributeRef(found),
    filter: elementExpression(node, { ...found, subAttribute: value }),
  };
}

function resolveValuePath(
  node: Extract<FilterNode, { kind: 'valuePath' }>,
  resource: ResourceSchema,
): QueryExpr {
  const found = lookUp(resource, node.attribute);
  if (found.attribute.type !== 'complex') {
    throw invalid(`'${formatAttrPath(node.attribute)}' has no sub-attributes to filter with [...]`);
  }
  const filter = resolveWithin(node.filter, resource, found, node.attribute);
  // A value path on a singular complex attribute (`name[givenName eq "x"]`) is just its filter.
  return found.attribute.multiValued ? { kind: 'valuePath', attr: attributeRef(found), filter } : filter;
}

// Inside `attr[...]`, names are the attribute's sub-attributes.
function resolveWithin(
  node: FilterNode,
  resource: ResourceSchema,
  parent: FoundAttribute,
  parentPath: AttrPath,
): QueryExpr {
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        kind: node.kind,
        left: resolveWithin(node.left, resource, parent, parentPath),
        right: resolveWithin(node.right, resource, parent, parentPath),
      };
    case 'not':
      return { kind: 'not', expr: resolveWithin(node.filter, resource, parent, parentPath) };
    case 'valuePath':
      throw invalid(`a value path cannot contain another value path ('${formatAttrPath(node.attribute)}')`);
    default: {
      const written = `${formatAttrPath(parentPath)}.${formatAttrPath(node.attribute)}`;
      const found =
        node.attribute.schema === undefined && node.attribute.subAttribute === undefined
          ? findAttribute(resource, {
              schema: parent.schema,
              attribute: parent.attribute.name,
              subAttribute: node.attribute.attribute,
            })
          : undefined;
      if (!found) throw invalid(`unknown attribute '${written}'`);
      return elementExpression(node, found, written);
    }
  }
}

// A present/compare on one attribute or sub-attribute, with no value-path wrapping.
function elementExpression(node: AttributeExpression, found: FoundAttribute, written?: string): QueryExpr {
  const name = written ?? formatAttrPath(node.attribute);
  const definition = found.subAttribute ?? found.attribute;
  if (definition.returned === 'never') throw invalid(`'${name}' cannot be filtered on`);
  const attr = attributeRef(found);
  if (node.kind === 'present') return { kind: 'present', attr };
  return { kind: 'compare', attr, op: node.op, value: compareOperand(definition, node.op, node.value, name) };
}

function lookUp(resource: ResourceSchema, path: AttrPath): FoundAttribute {
  // `schemas` (RFC 7643 §3) describes the resource rather than being one of its attributes.
  if (path.schema === undefined && sameName(path.attribute, 'schemas')) {
    throw invalid(`filtering on 'schemas' is not supported`);
  }
  const found = findAttribute(resource, path);
  if (!found) throw invalid(`unknown attribute '${formatAttrPath(path)}'`);
  return found;
}

function invalid(detail: string): ScimError {
  return ScimError.badRequest('invalidFilter', `Invalid filter: ${detail}`);
}
