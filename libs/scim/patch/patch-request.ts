import { ScimError } from '../errors';
import { type AttributePath, parseAttributePath } from '../path/attribute-path';
import { sameName } from '../schema/find-attribute';
import { PATCH_OP_SCHEMA } from '../schema/urns';
import { isPlainObject } from '../user/attribute-values';

/** The three PATCH operations of RFC 7644 §3.5.2. */
export type PatchOpName = 'add' | 'replace' | 'remove';

/** One operation of a PatchOp request, checked and with its path parsed. */
export interface PatchOperation {
  readonly op: PatchOpName;
  /** Undefined for a path-less add or replace (the target is the resource itself). */
  readonly path?: AttributePath;
  /** The path as the client wrote it, for error details. */
  readonly pathText?: string;
  /** Undefined when the client sent none (allowed for remove only); null is a value (unassigned). */
  readonly value?: unknown;
  /** The operation's 0-based position in `Operations`, as error details name it. */
  readonly index: number;
}

const OPS: readonly PatchOpName[] = ['add', 'replace', 'remove'];

/**
 * RFC 7644 §3.5.2: reads a PatchOp body. `schemas` must name the PatchOp message (any case);
 * `Operations` (any case) is a non-empty list; each `op` is add, replace or remove in any case
 * (Entra sends `Replace`); `path` is parsed (required for remove: 400 noTarget); add and replace need
 * a `value` (400 invalidValue), an object of attributes when there is no path. Errors name the
 * operation: `Operations[2]: ...`.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) {
    throw ScimError.badRequest('invalidSyntax', 'The PATCH body must be a JSON object (a PatchOp message).');
  }
  const schemas = member(body, 'schemas');
  const urns = Array.isArray(schemas) ? schemas : [schemas];
  if (!urns.some((urn) => typeof urn === 'string' && sameName(urn.trim(), PATCH_OP_SCHEMA))) {
    throw ScimError.badRequest('invalidSyntax', `The PATCH body's 'schemas' must be ["${PATCH_OP_SCHEMA}"].`);
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.badRequest('invalidSyntax', "The PATCH body must have a non-empty 'Operations' list.");
  }
  return operations.map((operation, index) => parseOperation(operation, index));
}

/** RFC 7644 §3.12: a client error prefixed with the operation it came from (`Operations[2]: ...`). */
export function errorAtOperation(error: unknown, index: number): unknown {
  if (!(error instanceof ScimError)) return error;
  return new ScimError(error.status, `Operations[${index}]: ${error.detail}`, error.scimType);
}

function parseOperation(operation: unknown, index: number): PatchOperation {
  try {
    return readOperation(operation, index);
  } catch (error) {
    throw errorAtOperation(error, index);
  }
}

function readOperation(operation: unknown, index: number): PatchOperation {
  if (!isPlainObject(operation))
    throw ScimError.badRequest('invalidSyntax', 'An operation must be a JSON object.');
  const opText = member(operation, 'op');
  const op = typeof opText === 'string' ? (opText.trim().toLowerCase() as PatchOpName) : undefined;
  if (op === undefined || !OPS.includes(op)) {
    throw ScimError.badRequest('invalidSyntax', "'op' must be one of add, replace or remove.");
  }
  const pathText = member(operation, 'path');
  if (pathText !== undefined && pathText !== null && typeof pathText !== 'string') {
    throw ScimError.badRequest('invalidPath', "'path' must be a string.");
  }
  // An empty path loses no meaning on add/replace: the target is the resource, as with no path.
  const hasPath = typeof pathText === 'string' && pathText.trim() !== '';
  const path = hasPath ? parseAttributePath(pathText) : undefined;
  const value = member(operation, 'value');
  if (op === 'remove' && !hasPath)
    throw ScimError.badRequest('noTarget', "A remove operation needs a 'path'.");
  if (op !== 'remove' && value === undefined) {
    throw ScimError.badRequest('invalidValue', `An ${op} operation needs a 'value'.`);
  }
  if (op !== 'remove' && !hasPath && !isPlainObject(value)) {
    throw ScimError.badRequest(
      'invalidValue',
      `An ${op} operation without a 'path' needs a 'value' object of attributes.`,
    );
  }
  return {
    op,
    ...(hasPath ? { path, pathText } : {}),
    ...(value === undefined ? {} : { value }),
    index,
  };
}

// Member names of a PatchOp message are read in any case (`Operations`, `operations`, `Op`).
function member(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((candidate) => sameName(candidate, name));
  return key === undefined ? undefined : object[key];
}
