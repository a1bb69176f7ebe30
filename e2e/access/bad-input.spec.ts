import { expect, test } from '@playwright/test';
import { storageStatePath } from '../support/logins';

test.describe('bad input at the edges', () => {
  test('an oversized server-action body is refused with 413 and the server stays up', async ({
    request,
  }) => {
    const response = await request.post('/claim', {
      headers: { 'Next-Action': 'f'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8' },
      data: 'x'.repeat(3 * 1024 * 1024),
      failOnStatusCode: false,
    });
    expect(response.status()).toBe(413);
    expect((await request.get('/api/health')).status()).toBe(200);
  });

  test('a malformed sign-in request is refused without signing anyone in', async ({ request }) => {
    const response = await request.post('/api/auth/callback/credentials', {
      headers: { 'Content-Type': 'application/json' },
      data: '{"email": "alice@demo.test", "password": ',
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    expect(response.headers()['set-cookie'] ?? '').not.toContain('next-auth.session-token=');
    const claim = await request.get('/api/claim', { failOnStatusCode: false });
    expect(claim.status()).toBe(401);
  });

  test.describe('a signed-in claimant', () => {
    test.use({ storageState: storageStatePath('claimant') });

    test('cannot change the API method or reach another account through the claim API', async ({
      request,
    }) => {
      const post = await request.post('/api/claim?accountId=acct-0000002', {
        data: { accountId: 'acct-0000002' },
        failOnStatusCode: false,
      });
      expect(post.status()).toBe(405);
      const get = await request.get('/api/claim?accountId=acct-0000002&account=acct-0000002');
      expect(((await get.json()) as { accountId: string }).accountId).toBe('acct-0000001');
    });
  });
});
