import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { CorridorConfig } from '../config/config';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [CorridorConfig],
      // A KeyObject, not a string: jsonwebtoken otherwise tries (and fails) to parse it as a public key on every request.
      useFactory: (config: CorridorConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string, signOptions: { algorithm: 'HS256', issuer: 'corridor' }, verifyOptions: { issuer: 'corridor' } }),
    }),
  ],
  providers: [TokenService, AuthGuard],
  exports: [TokenService, AuthGuard],
})
export class AuthModule {}
