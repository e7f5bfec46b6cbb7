import {
  PROVISIONING_PATH_MAX,
  PROVISIONING_WARNING_MAX_LENGTH,
  PROVISIONING_WARNINGS_MAX,
  ProvisioningOutcome,
  type ProvisioningLogEntry,
} from '@roster/contracts';
import { isUUID } from 'class-validator';
import { detectIdp, type IdpHeaders } from '../idp-detector';
import { scimResourceTypeOf } from './scim-resource-types';

/** What the gateway knows about a finished SCIM request; nothing of its query string or body. */
export interface FinishedScimRequest {
  id: string;
  entryId: string;
  method: string;
  /** The request URL as received; the query string is cut off here. */
  url: string;
  headers: IdpHeaders;
  status: number;
  /** The response's `Location` (a created resource), if any. */
  location?: string;
  durationMs: number;
  finishedAt: number;
  warnings: readonly string[];
}

const SCIM_PATH = /^\/scim\/v2\/([^/]+)(?:\/(.*))?$/i;
const RESOURCE_ID_MAX = 200;

/**
 * The provisioning log entry of a SCIM request (SPEC §1), or null when the path names no
 * organization (nothing to file it under). Never a secret, a filter value or a body: the path is cut
 * at `?`, and bodies, headers other than the IdP's name and the key are never read.
 */
export function provisioningLogEntry(request: FinishedScimRequest): ProvisioningLogEntry | null {
  const path = request.url.split(/[?#]/, 1)[0];
  const match = SCIM_PATH.exec(path);
  if (!match || !isUUID(match[1])) return null;
  const [resourceSegment, idSegment] = (match[2] ?? '').split('/').filter(Boolean);
  const resourceType = scimResourceTypeOf(resourceSegment);
  return {
    id: request.entryId,
    organizationId: match[1].toLowerCase(),
    at: new Date(request.finishedAt - request.durationMs).toISOString(),
    requestId: request.id.slice(0, 100),
    idp: detectIdp(request.headers),
    method: request.method.toUpperCase().slice(0, 10),
    path: path.slice(0, PROVISIONING_PATH_MAX),
    resourceType,
    resourceId: resourceType ? resourceIdOf(idSegment, request.location) : null,
    outcome: outcomeOf(request.status),
    status: request.status,
    durationMs: Math.max(0, Math.round(request.durationMs)),
    warnings: request.warnings
      .slice(0, PROVISIONING_WARNINGS_MAX)
      .map((warning) => warning.slice(0, PROVISIONING_WARNING_MAX_LENGTH)),
  };
}

/** The id in the path, or for a create the one `Location` names; `.search` is not an id. */
function resourceIdOf(idSegment: string | undefined, location: string | undefined): string | null {
  const id = idSegment && !idSegment.startsWith('.') ? idSegment : location?.split('/').at(-1);
  return id ? decodeSegment(id).slice(0, RESOURCE_ID_MAX) : null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function outcomeOf(status: number): ProvisioningOutcome {
  if (status === 503) return ProvisioningOutcome.unavailable;
  if (status >= 500) return ProvisioningOutcome.serverError;
  if (status >= 400) return ProvisioningOutcome.clientError;
  return ProvisioningOutcome.success;
}
