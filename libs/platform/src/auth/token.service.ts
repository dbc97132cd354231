import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Principal, Role, isRole } from './roles';

interface Claims {
  sub: string;
  roles: Role[];
}

/** Issues and checks the HS256 bearer tokens every service accepts. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(principal: Principal, expiresIn: number | `${number}${'s' | 'm' | 'h' | 'd'}` = '8h'): string {
    return this.jwt.sign({ roles: principal.roles } satisfies Omit<Claims, 'sub'>, { subject: principal.id, expiresIn });
  }

  /** Returns the principal, or undefined for a token that is invalid, expired or malformed. */
  verify(token: string): Principal | undefined {
    try {
      const claims = this.jwt.verify<Claims>(token, { algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles) || !claims.roles.every(isRole)) return undefined;
      return { id: claims.sub, roles: claims.roles };
    } catch {
      return undefined;
    }
  }
}
