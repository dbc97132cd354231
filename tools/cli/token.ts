// npm run token -- --role officer [--role manager] [--sub alice] [--ttl 8h]
// Prints a bearer token signed with this machine's JWT secret; the last line is the token alone.
import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { ConfigError, isRole, loadConfig, ROLES, TokenService, type Role } from '@corridor/platform';
import { parseArgs } from 'node:util';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({ options: { role: { type: 'string', multiple: true }, sub: { type: 'string' }, ttl: { type: 'string', default: '8h' } } }));
  } catch (error) {
    fail((error as Error).message);
  }
  const roles = values.role ?? [];
  if (roles.length === 0) fail(`--role is required (one of ${ROLES.join(', ')})`);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) fail(`unknown role "${unknown[0]}" (one of ${ROLES.join(', ')})`);
  if (!/^\d+[smhd]$/.test(values.ttl ?? '')) fail(`--ttl must look like 30m, 8h or 7d, got "${values.ttl}"`);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration: ${error.message}`);
    throw error;
  }
  const jwt = new JwtService({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256', issuer: 'corridor' } });
  const token = new TokenService(jwt).issue({ id: values.sub ?? `local-${roles.join('-')}`, roles: roles as Role[] }, values.ttl as `${number}h`);
  process.stderr.write(`roles: ${roles.join(', ')}; valid for ${values.ttl}; send as "Authorization: Bearer <token>"\n`);
  process.stdout.write(`${token}\n`);
}

main();
