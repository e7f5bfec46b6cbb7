import { RpcException } from '@nestjs/microservices';
import { ContractViolation } from '@roster/contracts';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '../domain/domain-error';
import { rpcErrorPayload } from './rpc-error.filter';

const pgError = (fields: { code: string; message?: string }) =>
  Object.assign(new Error(fields.message ?? 'pg'), fields);
const queryFailed = (fields: { code: string; message?: string }) =>
  new QueryFailedError('SELECT secret FROM members WHERE email = $1', ['ada@example.com'], pgError(fields));

describe('rpcErrorPayload: what a caller of membership receives', () => {
  // prettier-ignore
  const table: [string, unknown, unknown][] = [
    ['a domain error, as its payload', DomainError.uniqueness('userName', 'taken'), { code: 'uniqueness', message: 'taken', target: 'userName' }],
    ['a domain error without target, without the key', DomainError.notFound('User'), { code: 'not_found', message: 'User not found.' }],
    [
      'a payload that fails its contract, as invalid_payload naming the problem',
      new ContractViolation('CreateUserRequest', ['user.userName: userName must be a string']),
      { code: 'invalid_payload', message: 'CreateUserRequest: user.userName: userName must be a string' },
    ],
    ['an RpcException carrying a domain payload, unchanged', new RpcException({ code: 'not_found', message: 'x' }), { code: 'not_found', message: 'x' }],
    ['a refused connection to PostgreSQL, as unavailable', pgError({ code: 'ECONNREFUSED' }), { code: 'unavailable', message: expect.any(String) }],
    ['a connection terminated by the server, as unavailable', queryFailed({ code: '57P01', message: 'terminating connection' }), { code: 'unavailable', message: expect.any(String) }],
    ['a pool that cannot connect in time, as unavailable', new Error('timeout exceeded when trying to connect'), { code: 'unavailable', message: expect.any(String) }],
    ['a failing query, without its SQL or parameters', queryFailed({ code: '42703', message: 'column "secret" does not exist' }), { status: 'error', message: 'Internal error in membership' }],
    ['anything else, without its message', new TypeError('Cannot read properties of undefined'), { status: 'error', message: 'Internal error in membership' }],
  ];

  it.each(table)('maps %s', (_behaviour, error, payload) => {
    expect(rpcErrorPayload(error)).toEqual(payload);
  });
});
