import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from './auth.decorators';
import { ROLES } from './roles';
import type { Principal, Role } from './roles';

class PrincipalView {
  @ApiProperty({ example: 'officer-17' }) id!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

/** Lets a web app check a pasted token before using it. */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  @Get('me')
  @Auth()
  @ApiOkResponse({ type: PrincipalView })
  me(@CurrentPrincipal() principal: Principal): PrincipalView {
    return { id: principal.id, roles: principal.roles };
  }
}
