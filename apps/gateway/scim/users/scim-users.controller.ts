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
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { ScimOrganizationId, ScimPreconditionHeaders, type ScimPreconditions } from '../scim-params';
import { sendScimResult } from '../scim-result';
import { ScimUsersService, type ScimQuery } from './scim-users.service';

/**
 * SCIM Users (RFC 7644 §3.3–§3.6, SPEC §3–§4). Each handler hands the raw request parts to the
 * service, which parses, calls membership and maps back; the reply carries its status and headers.
 */
@Controller('scim/v2/:organizationId/Users')
@UseGuards(ScimAuthGuard)
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  @Post()
  async create(
    @ScimOrganizationId() organizationId: string,
    @Body() body: unknown,
    @Query() query: ScimQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.users.create(organizationId, body, query));
  }

  @Get()
  async list(
    @ScimOrganizationId() organizationId: string,
    @Query() query: ScimQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.users.list(organizationId, query));
  }

  @Post('.search')
  @HttpCode(200)
  async search(
    @ScimOrganizationId() organizationId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.users.search(organizationId, body));
  }

  @Get(':id')
  async get(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Query() query: ScimQuery,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.users.get(organizationId, id, query, preconditions));
  }

  @Put(':id')
  async replace(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: ScimQuery,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.users.replace(organizationId, id, body, query, preconditions));
  }

  @Patch(':id')
  async patch(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: ScimQuery,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.users.patch(organizationId, id, body, query, preconditions));
  }

  @Delete(':id')
  async delete(
    @ScimOrganizationId() organizationId: string,
    @Param('id') id: string,
    @ScimPreconditionHeaders() preconditions: ScimPreconditions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendScimResult(reply, await this.users.delete(organizationId, id, preconditions));
  }
}
