import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { TokenService, type Principal, type Role } from '@corridor/platform';
import type { Request } from 'express';

export const STREAM_ROLES: Role[] = ['officer', 'engineer', 'manager'];

/**
 * Like @Auth, but also takes the token from `?token=`: a browser's EventSource cannot set an
 * Authorization header. Prefer a short-lived token there: URLs end up in access logs.
 */
@Injectable()
export class StreamAuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization;
    const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const query = typeof request.query.token === 'string' ? request.query.token : undefined;
    const token = bearer ?? query;
    if (!token) throw new UnauthorizedException({ code: 'AUTH.MISSING_TOKEN', message: 'a token is required (Authorization: Bearer <token>, or ?token=<token> for EventSource)' });
    const principal = this.tokens.verify(token);
    if (!principal) throw new UnauthorizedException({ code: 'AUTH.INVALID_TOKEN', message: 'the token is invalid or expired' });
    request.principal = principal;
    if (principal.roles.includes('admin') || principal.roles.some((role) => STREAM_ROLES.includes(role))) return true;
    throw new ForbiddenException({ code: 'AUTH.FORBIDDEN', message: `this stream needs one of the roles: ${STREAM_ROLES.join(', ')}` });
  }
}
