import { expect, test } from '@playwright/test';

test.describe('what a deployed site serves from public/', () => {
  test('robots.txt keeps the portal out of search engines', async ({ request }) => {
    const response = await request.get('/robots.txt');
    expect(response.status()).toBe(200);
    const lines = (await response.text()).split('\n').map((line) => line.trim());
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Disallow: /');
  });

  test('security.txt names a contact and an expiry in the future', async ({ request }) => {
    const response = await request.get('/.well-known/security.txt');
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^Contact: mailto:\S+@\S+$/m);
    const expires = /^Expires: (\S+)$/m.exec(text)?.[1];
    expect(expires && Date.parse(expires)).toBeGreaterThan(Date.now());
  });

  test('the favicon is an icon', async ({ request }) => {
    const response = await request.get('/favicon.ico');
    expect(response.status()).toBe(200);
    const bytes = await response.body();
    // ICONDIR: reserved 0, type 1 (icon), at least one image.
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
  });
});
