import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { Public } from '@app/auth/auth.decorators';
import { sendVersioned } from '@app/hot-cache/versioned-reply';

import { ProductIdParamDto, VersionQueryDto } from './front-page.dto';
import { FrontPageService } from './front-page.service';

/**
 * Client-cached, public reads. Each answer carries `ETag: "<resource>.<version>"`; a client that
 * sends it back in If-None-Match (or `?v=<version>`) gets 304 without a body while it is current.
 * Handlers write the reply themselves: the stored JSON goes out as it is, with no serialization.
 */
@ApiTags('front-page')
@ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of the copy the client holds' })
@ApiOkResponse({ description: 'The current version, with its ETag' })
@ApiNotModifiedResponse({ description: 'The client holds the current version' })
@Public()
@Controller()
export class FrontPageController {
  constructor(private readonly frontPage: FrontPageService) {}

  /** Featured products, active flash sales, banners and the category tree. */
  @Get('front-page')
  async frontPageAnswer(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: VersionQueryDto,
  ): Promise<void> {
    sendVersioned(request, reply, await this.frontPage.read('front-page'), query.v);
  }

  @Get('category-tree')
  async categoryTree(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: VersionQueryDto,
  ): Promise<void> {
    sendVersioned(request, reply, await this.frontPage.read('category-tree'), query.v);
  }

  @Get('app-config')
  async appConfig(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: VersionQueryDto,
  ): Promise<void> {
    sendVersioned(request, reply, await this.frontPage.read('app-config'), query.v);
  }

  /** A product's static details (no stock: that is live data of the catalog and sales). */
  @Get('product-details/:id')
  async productDetails(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: ProductIdParamDto,
    @Query() query: VersionQueryDto,
  ): Promise<void> {
    sendVersioned(request, reply, await this.frontPage.product(params.id), query.v);
  }

  /** The current version of every shared client-cached resource. */
  @Get('manifest')
  async manifest(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendVersioned(request, reply, await this.frontPage.manifest());
  }
}
