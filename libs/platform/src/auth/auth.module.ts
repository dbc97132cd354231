import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { CorridorConfig } from '../config/config';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [CorridorConfig],
      useFactory: (config: CorridorConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256', issuer: 'corridor' }, verifyOptions: { issuer: 'corridor' } }),
    }),
  ],
  providers: [TokenService, AuthGuard],
  exports: [TokenService, AuthGuard],
})
export class AuthModule {}
