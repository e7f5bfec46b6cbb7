import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { ScimOrganizationId, ScimPreconditionHeaders, type ScimPreconditions } from '../scim-params';
import { sendScimResult } from '../scim-result';
import { ScimGroupsService, type ScimQuery } from './scim-groups.service';

/**
 * SCIM Groups (RFC 7644 §3.3–§3.6, SPEC §5). Each handler hands the raw request parts to the
 * service; the request itself goes along where skipped members become provisioning-log warnings.
 */
@Controller('scim/v2/:organizationId/Groups')
@UseGuards(ScimAuthGuard)
export class ScimGroupsController {
  constructor(private readonly groups: ScimGroupsService) {}

  @Post()
  async create(
    @ScimOrganizationId() organizationId: string,
    @Body() body: unknown,
    @Query() query: ScimQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.groups.create(organizationId, body, query, request));
  }

  @Get()
  async list(
    @ScimOrganizationId() organizationId: string,
    @Query() query: ScimQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.groups.list(organizationId, query));
  }

  @Post('.search')
  @HttpCode(200)
  async search(
    @ScimOrganizationId() organizationId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.groups.search(organizationId, body));
  }

  @Get(':id')
  async get(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Query() query: ScimQuery,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.groups.get(organizationId, id, query, preconditions));
  }

  @Put(':id')
  async replace(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: ScimQuery,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(
      reply,
      await this.groups.replace(organizationId, id, body, query, preconditions, request),
    );
  }

  @Patch(':id')
  async patch(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: ScimQuery,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(
      reply,
      await this.groups.patch(organizationId, id, body, query, preconditions, request),
    );
  }

  @Delete(':id')
  async delete(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.groups.delete(organizationId, id, preconditions));
  }
}
