import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ScimError, listResponse, sameName, type QueryParameters } from '@roster/scim';
import type { FastifyReply } from 'fastify';
import { GatewayConfig } from '../../config/gateway.config';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { ScimOrganizationId } from '../scim-params';
import { sendScimResult } from '../scim-result';
import { ScimUrls } from '../scim-urls';
import {
  RESOURCE_TYPES,
  SCHEMAS,
  findResourceType,
  findSchema,
  resourceTypeDocument,
  schemaDocument,
  serviceProviderConfig,
} from './discovery-documents';

/**
 * The discovery endpoints of RFC 7644 §4. They are authenticated like every other SCIM request
 * (RFC 7644 §4 lets a provider choose): SPEC §1–§2 make every request of a disabled or unknown
 * organization the same 401, and an open endpoint under `/scim/v2/{organizationId}` would tell
 * anyone which organization ids exist. Entra ID and Okta send their bearer token here anyway.
 *
 * The documents are the same for every organization but carry its absolute `meta.location`s.
 */
@Controller('scim/v2/:organizationId')
@UseGuards(ScimAuthGuard)
export class ScimDiscoveryController {
  constructor(
    private readonly urls: ScimUrls,
    private readonly config: GatewayConfig,
  ) {}

  /** RFC 7644 §4; `/serviceConfiguration` is the name some older clients use (SPEC §3). */
  @Get(['ServiceProviderConfig', 'serviceConfiguration'])
  serviceProviderConfig(
    @ScimOrganizationId() organizationId: string,
    @Query() query: QueryParameters,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    refuseFilter(query);
    const base = this.urls.organizationBase(organizationId);
    return sendScimResult(reply, {
      status: 200,
      body: serviceProviderConfig(base, this.config.MAX_PAYLOAD_BYTES),
    });
  }

  @Get('ResourceTypes')
  resourceTypes(
    @ScimOrganizationId() organizationId: string,
    @Query() query: QueryParameters,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    refuseFilter(query);
    const base = this.urls.organizationBase(organizationId);
    const documents = RESOURCE_TYPES.map((type) => resourceTypeDocument(type, base));
    return sendScimResult(reply, { status: 200, body: listResponse(documents, documents.length, 1) });
  }

  @Get('ResourceTypes/:id')
  resourceType(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const type = findResourceType(id);
    if (!type) throw new ScimError(404, `Resource type ${shown(id)} not found.`);
    const body = resourceTypeDocument(type, this.urls.organizationBase(organizationId));
    return sendScimResult(reply, { status: 200, body });
  }

  @Get('Schemas')
  schemas(
    @ScimOrganizationId() organizationId: string,
    @Query() query: QueryParameters,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    refuseFilter(query);
    const base = this.urls.organizationBase(organizationId);
    const documents = SCHEMAS.map((schema) => schemaDocument(schema, base));
    return sendScimResult(reply, { status: 200, body: listResponse(documents, documents.length, 1) });
  }

  @Get('Schemas/:id')
  schema(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const schema = findSchema(id);
    if (!schema) throw new ScimError(404, `Schema ${shown(id)} not found.`);
    return sendScimResult(reply, {
      status: 200,
      body: schemaDocument(schema, this.urls.organizationBase(organizationId)),
    });
  }
}

/**
 * RFC 7644 §4: these endpoints ignore sorting and paging, and SHOULD answer a filter with 403 so that
 * no client takes the full list for the filtered one.
 */
function refuseFilter(query: QueryParameters): void {
  if (Object.keys(query).some((key) => sameName(key, 'filter'))) {
    throw new ScimError(403, 'Filtering is not supported on the discovery endpoints (RFC 7644 §4).');
  }
}

/** The client's id in a 404 detail, cut short. */
function shown(id: string): string {
  return id.length > 100 ? `${id.slice(0, 100)}…` : id;
}
