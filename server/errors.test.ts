import { describe, expect, it } from 'vitest';
import { BerthError, connectionFailure, engineMessage, toEngineError } from './errors';

const modem = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });

describe('engine errors become sentences with stable codes', () => {
  it('maps status codes', () => {
    expect(toEngineError(modem(404, 'No such container: web'), 'container web', 'stop')).toMatchObject({ code: 'NOT_FOUND', message: 'Container web was not found on this engine.' });
    expect(toEngineError(modem(409, 'You cannot remove a running container abc. Stop the container before attempting removal or force remove'), 'container web', 'remove').code).toBe('CONFLICT');
    expect(toEngineError(modem(409, 'remove data: volume is in use - [abc]'), 'volume data', 'remove').code).toBe('IN_USE');
    expect(toEngineError(modem(500, 'driver failed'), 'container web', 'start')).toMatchObject({ code: 'ENGINE_ERROR', message: 'The engine failed to start container web: driver failed.' });
    expect(toEngineError(modem(400, 'invalid reference format'), 'image X', 'tag').code).toBe('BAD_REQUEST');
  });

  it('keeps the engine’s own message without the transport prefix', () => {
    expect(engineMessage(modem(409, 'conflict here.'))).toBe('conflict here');
  });

  it('explains connection failures', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(connectionFailure(err('ENOENT'), 'the socket /x.sock')).toMatchObject({ code: 'UNREACHABLE', message: expect.stringContaining('does not exist') });
    expect(connectionFailure(err('EACCES'), 'the socket /x.sock').code).toBe('PERMISSION_DENIED');
    expect(connectionFailure(err('ECONNREFUSED'), 'tcp://h:1').message).toContain('Nothing is listening');
    expect(connectionFailure(err('ETIMEDOUT'), 'tcp://h:1').code).toBe('TIMEOUT');
    expect(connectionFailure(new Error('self signed certificate in certificate chain'), 'tcp://h:2376').code).toBe('TLS_FAILURE');
  });

  it('passes an BerthError through unchanged', () => {
    const e = new BerthError('IN_USE', 'already a sentence.');
    expect(toEngineError(e, 'x', 'y')).toBe(e);
  });
});
