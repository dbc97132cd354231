import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Principal, Role } from './roles';
import { TokenService } from './token.service';

export const ROLES_KEY = 'corridor:roles';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** 401 without a valid bearer token, 403 when none of the route's roles is held; admin holds all. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly tokens: TokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException({ code: 'AUTH.MISSING_TOKEN', message: 'a bearer token is required (Authorization: Bearer <token>)' });
    const principal = this.tokens.verify(match[1]);
    if (!principal) throw new UnauthorizedException({ code: 'AUTH.INVALID_TOKEN', message: 'the bearer token is invalid or expired' });
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (allowed.length === 0 || principal.roles.includes('admin') || principal.roles.some((role) => allowed.includes(role))) return true;
    throw new ForbiddenException({ code: 'AUTH.FORBIDDEN', message: `this action needs one of the roles: ${allowed.join(', ')}` });
  }
}
