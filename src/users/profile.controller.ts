import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { AuthenticatedUser, CurrentUser } from '@app/auth/auth.decorators';

import { ProfileDto, UpdateProfileDto } from './profile.dto';
import { ProfileService } from './profile.service';
import { Profile } from './profile.types';

@ApiTags('user center')
@ApiBearerAuth()
@Controller('me')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @ApiOkResponse({ type: ProfileDto })
  profile(@CurrentUser() user: AuthenticatedUser): Promise<Profile> {
    return this.profiles.profile(user.id);
  }

  /** Changes only the fields given; `addresses` replaces the whole list. */
  @Patch()
  @ApiOkResponse({ type: ProfileDto })
  update(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateProfileDto): Promise<Profile> {
    return this.profiles.update(user.id, body);
  }
}
