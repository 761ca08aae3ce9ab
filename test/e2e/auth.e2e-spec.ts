import request from 'supertest';

import { startTestApp, useTestApp } from '@test/support/test-app';

describe('Auth', () => {
  const t = useTestApp();

  it('registers a user, who can then log in and call a user-scoped endpoint', async () => {
    const registered = await request(t.url)
      .post('/v1/auth/register')
      .send({ email: 'Ann@Example.com', password: 'correct horse', displayName: 'Ann' })
      .expect(201);
    expect(registered.body.user).toEqual({ id: expect.any(Number), email: 'ann@example.com', role: 'user', displayName: 'Ann' });

    const login = await request(t.url)
      .post('/v1/auth/login')
      .send({ email: 'ann@example.com', password: 'correct horse' })
      .expect(200);
    expect(login.body.tokenType).toBe('Bearer');

    await request(t.url).get('/v1/sign-ins/today').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
  });

  it('stores the password as an argon2id hash, never as given', async () => {
    await request(t.url).post('/v1/auth/register').send({ email: 'bob@example.com', password: 'correct horse' }).expect(201);

    const [row] = await t.db.query(`SELECT password_hash FROM users WHERE email = 'bob@example.com'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same e-mail, in any letter case', async () => {
    await request(t.url).post('/v1/auth/register').send({ email: 'cy@example.com', password: 'password-1' }).expect(201);

    const duplicate = await request(t.url)
      .post('/v1/auth/register')
      .send({ email: 'CY@example.com', password: 'password-2' })
      .expect(409);
    expect(duplicate.body.error).toBe('EMAIL_TAKEN');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE email = 'cy@example.com'`);
    expect(count).toBe(1);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    await request(t.url).post('/v1/auth/register').send({ email: 'di@example.com', password: 'password-1' }).expect(201);

    const wrongPassword = await request(t.url).post('/v1/auth/login').send({ email: 'di@example.com', password: 'nope-nope' });
    const unknownEmail = await request(t.url).post('/v1/auth/login').send({ email: 'zz@example.com', password: 'nope-nope' });

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body.message).toBe(unknownEmail.body.message);
  });

  it('rejects missing, malformed and forged tokens with 401', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJlLW1hZGUtdXA';
    for (const header of [undefined, 'Bearer', 'Basic abc', 'Bearer not-a-jwt', `Bearer ${forged}`]) {
      const call = request(t.url).get('/v1/sign-ins/today');
      if (header) call.set('authorization', header);
      const response = await call.expect(401);
      expect(response.body.error).toBe('UNAUTHENTICATED');
    }
  });

  it('seeds the admin account from config at boot, with the admin role', async () => {
    // The reset above emptied the table; a fresh boot seeds it again.
    const second = await startTestApp();
    try {
      const login = await request(second.url)
        .post('/v1/auth/login')
        .send({ email: second.config.auth.admin.email, password: second.config.auth.admin.password.reveal() })
        .expect(200);
      expect(login.body.user.role).toBe('admin');
    } finally {
      await second.close();
    }
  });
});
