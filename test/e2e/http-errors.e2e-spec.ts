import request from 'supertest';

import { useTestApp } from '@test/support/test-app';

/** Case C07 and the rest of the bad-input surface: clear 4xx answers in one shape, never a 500. */
describe('HTTP error answers', () => {
  const t = useTestApp({}, { resetBetweenTests: false });

  function expectErrorShape(body: unknown, status: number, error: string): void {
    expect(body).toEqual(
      expect.objectContaining({ statusCode: status, error, message: expect.any(String), requestId: expect.any(String) }),
    );
  }

  it('answers truncated JSON with 400 MALFORMED_BODY', async () => {
    const response = await request(t.url)
      .post('/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":"a@b.co","pass');
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 400, 'MALFORMED_BODY');
  });

  it('answers a body over the size limit with 413', async () => {
    const huge = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(t.config.http.bodyLimitBytes) });
    const response = await request(t.url).post('/v1/auth/login').set('content-type', 'application/json').send(huge);
    expect(response.status).toBe(413);
    expectErrorShape(response.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    'answers Content-Type %s with 415',
    async (contentType) => {
      const response = await request(t.url).post('/v1/auth/login').set('content-type', contentType).send('email=a');
      expect(response.status).toBe(415);
      expectErrorShape(response.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('answers application/json with an empty body with 400', async () => {
    const response = await request(t.url).post('/v1/auth/login').set('content-type', 'application/json').send('');
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 400, 'MALFORMED_BODY');
  });

  it('names every invalid field: wrong types and unknown fields', async () => {
    const response = await request(t.url)
      .post('/v1/auth/register')
      .send({ email: 42, password: ['x'], role: 'admin' })
      .expect(400);
    expectErrorShape(response.body, 400, 'VALIDATION_FAILED');
    const paths = (response.body.details as { path: string; message: string }[]).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'password']));
    expect(JSON.stringify(response.body.details)).toContain('role');
  });

  it('refuses a prototype-poisoning body', async () => {
    const response = await request(t.url)
      .post('/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"__proto__":{"admin":true},"email":"a@b.co","password":"x"}');
    expect(response.status).toBe(400);
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const response = await request(t.url).get('/v1/no-such-thing').expect(404);
    expectErrorShape(response.body, 404, 'NOT_FOUND');
  });

  it('echoes a client-sent X-Request-Id in the header and the error body', async () => {
    const response = await request(t.url).get('/v1/sign-ins/today').set('x-request-id', 'req-abc-123').expect(401);
    expect(response.headers['x-request-id']).toBe('req-abc-123');
    expect(response.body.requestId).toBe('req-abc-123');
  });

  it('replaces a request id that is not a safe token', async () => {
    const response = await request(t.url).get('/v1/sign-ins/today').set('x-request-id', 'bad id\twith spaces').expect(401);
    expect(response.body.requestId).not.toContain(' ');
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const response = await request(t.url).get('/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/v1/auth/register', '/v1/sign-ins', '/v1/sign-ins/today', '/health/ready']),
    );
    expect(response.body.components.schemas.RegisterDto.properties).toHaveProperty('email');
  });
});
