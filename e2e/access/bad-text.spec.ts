import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { claimRecord } from '../claimant/claim-db';
import { ClaimPage } from '../claimant/claim-page';
import { callClaimAction, claimActionId } from '../claimant/server-action';
import { query } from '../finance/finance-db';
import { callStaffAction } from '../finance/staff-actions';
import { runCli } from '../support/cli';
import { e2eDatabaseFile } from '../support/journey-database';
import { postCredentials } from '../support/credentials';
import { LoginPage } from '../support/login-page';
import { LOGINS, PASSWORD as DEMO_PASSWORD, storageStatePath } from '../support/logins';

// One journey: each test continues where the one before stopped. The two claimants are this
// file's own (created here, on accounts no other journey uses).
test.describe.configure({ mode: 'serial' });

const DISPUTER = { accountId: 'acct-0000240', email: 'user0000240@example.test' };
const PAYEE = { accountId: 'acct-0000241', email: 'user0000241@example.test' };
const PASSWORD = 'quiet harbour seventeen lamps';

const FIELD_ERRORS = 'Please correct the highlighted fields.';
const BIDI = /^Remove the hidden text-direction character U\+202E/;
const CONTROL = 'Remove tabs and other invisible control characters (line breaks are fine).';
const CYRILLIC_A =
  /^Use only ASCII letters, digits, spaces and punctuation: character 3 \(U\+0430\)/;

// Markup that must reach the screen as text: if it were ever parsed, the page would change.
const MARKUP = `<img src="x" onerror="window.__injected=1"><script>window.__injected=2</script>`;
const EXPLANATION = `${MARKUP} Crème brûlée, 日本語, 👨‍👩‍👧\nMy balance was higher before the hack.`;
const REASON = `Checked ✅ <img src="y" onerror="window.__injected=3"> — no deposit found.`;

let claimant: Page;
let payee: Page;
let disputeId = 0;
let batchId = 0;

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(email, password);
  await expect(page).toHaveURL(/\/claim$/);
  return page;
}

async function staffPage(browser: Browser, name: 'finance1' | 'finance2'): Promise<Page> {
  return (await browser.newContext({ storageState: storageStatePath(name) })).newPage();
}

async function serverStaysUp(request: APIRequestContext) {
  expect((await request.get('/api/health')).status()).toBe(200);
}

/** Nothing of the page's text became markup, and none of it ran. */
async function expectNothingInjected(page: Page) {
  await expect(page.locator('img[src="x"], img[src="y"]')).toHaveCount(0);
  const ran = await page.evaluate(() => ({
    injected: (window as { __injected?: number }).__injected ?? null,
    scripts: [...document.scripts].filter((s) => s.textContent?.startsWith('window.__injected'))
      .length,
  }));
  expect(ran).toEqual({ injected: null, scripts: 0 });
}

const batchRow = () =>
  query<{ status: string; reference: string | null; cancel_reason: string | null }>(
    'SELECT status, reference, cancel_reason FROM payout_batches WHERE id = ?',
    batchId,
  )[0];

const transactionsFor = (kind: string, key: string, id: number) =>
  query<{ n: number }>(
    `SELECT count(*) AS n FROM ledger_transactions WHERE kind = ? AND json_extract(memo, '$.${key}') = ?`,
    kind,
    id,
  )[0]!.n;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(120_000);
  for (const { accountId, email } of [DISPUTER, PAYEE]) {
    const args = ['--email', email, '--role', 'claimant', '--account', accountId];
    const created = runCli(e2eDatabaseFile(), ['user:create', ...args, '--password', PASSWORD]);
    expect(created.status, created.stderr).toBe(0);
  }
  claimant = await signedIn(browser, DISPUTER.email, PASSWORD);
  payee = await signedIn(browser, PAYEE.email, PASSWORD);
});

test.afterAll(async () => {
  await claimant?.context().close();
  await payee?.context().close();
});

/** The disputer's claim page with the dispute form open and its first line filled in. */
async function disputeFormWithOneLine() {
  const claim = new ClaimPage(claimant);
  await claim.goto();
  await claim.disputeButton.click();
  const form = claim.disputeForm;
  await form.getByLabel('Line 1: asset').selectOption({ index: 1 });
  await form.getByLabel(/^Line 1: amount you expect/).fill('1');
  return { claim, form };
}

test('a dispute with a direction override or a control character is refused in the form and by the server; nothing is written', async ({
  baseURL,
}) => {
  const { form } = await disputeFormWithOneLine();
  const explanation = form.getByLabel('Explanation');

  await explanation.fill('My balance was \u202Eyenom\u202C higher before the hack.');
  await form.getByRole('button', { name: 'Submit dispute' }).click();
  await expect(form.getByText(BIDI)).toBeVisible();
  await expect(explanation).toHaveAttribute('aria-invalid', 'true');

  await explanation.fill('My balance was higher\u0007 before the hack.');
  await form.getByLabel('References (optional)').fill('0xabc\n0x\u200Bdef');
  await form.getByRole('button', { name: 'Submit dispute' }).click();
  await expect(form.getByText(CONTROL)).toBeVisible();
  await expect(form.getByText(/^Line 2: Remove the zero-width space U\+200B/)).toBeVisible();
  expect(claimRecord(DISPUTER.accountId)).toMatchObject({ status: null, disputes: 0, audits: 0 });

  // The same, and worse, sent straight to the server action.
  const { version, lines } = (await (await claimant.request.get('/api/claim')).json()) as {
    version: string;
    lines: { asset: string; claim: string }[];
  };
  const line = { asset: lines.find((l) => l.claim !== '0')!.asset, expected: '1' };
  for (const [explanation, references, field, message] of [
    ['Balance \u202Eyenom\u202C was higher.', '', 'explanation', BIDI],
    [
      'Balance\u0000 was higher.',
      '',
      'explanation',
      new RegExp(`^${CONTROL.replace(/[().]/g, '\\$&')}$`),
    ],
    ['Balance \uD800 was higher.', '', 'explanation', /^Character 9 is broken \(a lone surrogate/],
    [
      'Balance was higher.',
      '0x\u2066abc\u2069',
      'references',
      /^Line 1: Remove the hidden text-direction character U\+2066/,
    ],
    ['x'.repeat(2001), '', 'explanation', /^Keep the explanation under 2000 characters\.$/],
  ] as const) {
    const { result } = await callClaimAction(claimant.request, baseURL!, 'openDisputeAction', [
      { version, lines: [line], explanation, references },
    ]);
    expect(result).toEqual({
      ok: false,
      error: FIELD_ERRORS,
      fieldErrors: { [field]: expect.stringMatching(message) },
    });
  }
  expect(claimRecord(DISPUTER.accountId)).toMatchObject({ status: null, disputes: 0, audits: 0 });
});

test('markup in an accepted dispute is shown as text, to the claimant and to finance, and never runs', async ({
  browser,
}) => {
  const { claim, form } = await disputeFormWithOneLine();
  await form.getByLabel('Explanation').fill(EXPLANATION);
  await form.getByLabel('References (optional)').fill('<b>ticket-9</b>');
  await form.getByRole('button', { name: 'Submit dispute' }).click();
  await expect(claim.status).toHaveText('Disputed');
  const mine = claimant.getByRole('article').filter({ hasText: 'Under review' });
  await expect(mine).toContainText(MARKUP);
  await expectNothingInjected(claimant);

  const [row] = query<{ id: number; explanation: string }>(
    "SELECT id, explanation FROM disputes WHERE account_id = ? AND status = 'open'",
    DISPUTER.accountId,
  );
  expect(row!.explanation).toBe(EXPLANATION);
  disputeId = row!.id;

  const finance = await staffPage(browser, 'finance1');
  await finance.goto(`/finance/disputes/${disputeId}`);
  await expect(finance.getByRole('heading', { level: 1 })).toHaveText(`Dispute #${disputeId} open`);
  await expect(finance.getByText(MARKUP, { exact: false })).toBeVisible();
  await expect(finance.getByText('<b>ticket-9</b>', { exact: true })).toBeVisible();
  await expectNothingInjected(finance);
  await finance.context().close();
});

test('finance cannot resolve with a control character or a direction override in the reason; nothing is written', async ({
  browser,
  baseURL,
}) => {
  const finance = await staffPage(browser, 'finance1');
  await finance.goto(`/finance/disputes/${disputeId}`);
  await finance.getByLabel('Reason for rejecting').fill('No deposit \u202Ednuof\u202C.');
  await finance.getByRole('button', { name: 'Reject dispute' }).click();
  await expect(finance.getByText(BIDI)).toBeVisible();

  const { lines } = query<{ lines: string }>(
    'SELECT lines FROM disputes WHERE id = ?',
    disputeId,
  )[0]!;
  const { asset } = (JSON.parse(lines) as { asset: string }[])[0]!;
  for (const [name, input] of [
    ['rejectDisputeAction', { disputeId, reason: 'No deposit\u0007 found.' }],
    ['rejectDisputeAction', { disputeId, reason: 'No deposit\u001B[2J found.' }],
    [
      'adjustClaimAction',
      { disputeId, lines: [{ asset, amount: '1' }], reason: 'Found \u202Eit\u202C.' },
    ],
    [
      'adjustClaimAction',
      { disputeId, lines: [{ asset, amount: '1' }], reason: 'Found\u200B it.' },
    ],
  ] as const) {
    const result = await callStaffAction(finance.request, {
      path: `/finance/disputes/${disputeId}`,
      origin: baseURL!,
      name,
      input,
    });
    expect(result, `${name}: ${JSON.stringify(input.reason)}`).toMatchObject({
      ok: false,
      error: FIELD_ERRORS,
      fieldErrors: { reason: expect.stringMatching(/^Remove /) },
    });
  }
  expect(query('SELECT status FROM disputes WHERE id = ?', disputeId)).toEqual([
    { status: 'open' },
  ]);
  expect(transactionsFor('dispute.rejected', 'disputeId', disputeId)).toBe(0);
  expect(transactionsFor('dispute.adjusted', 'disputeId', disputeId)).toBe(0);

  // A legitimate reason, markup included, is recorded and read back as text.
  await finance.getByLabel('Reason for rejecting').fill(REASON);
  await finance.getByRole('button', { name: 'Reject dispute' }).click();
  await expect(finance.getByText(`Rejected: ${REASON}`)).toBeVisible();
  await expectNothingInjected(finance);
  await finance.context().close();

  await claimant.goto('/claim');
  await expect(
    claimant.getByRole('article').filter({ hasText: 'Resolved: rejected' }),
  ).toContainText(REASON);
  await expectNothingInjected(claimant);
});

test('a payout reference with a Cyrillic lookalike, and a cancel reason with a control character, are refused; nothing is written', async ({
  browser,
  baseURL,
}) => {
  const claim = new ClaimPage(payee);
  await claim.goto();
  await claim.acknowledge();
  await expect(claim.status).toHaveText('Acknowledged');

  const finance1 = await staffPage(browser, 'finance1');
  const origin = baseURL!;
  const refusedInputs = [
    { requestId: crypto.randomUUID(), asset: 'usd\u0131', accounts: PAYEE.accountId },
    { requestId: crypto.randomUUID(), accounts: 'acct-0000\u0437\u0434\u0431' },
  ];
  for (const input of refusedInputs) {
    const refused = await callStaffAction(finance1.request, {
      path: '/finance/payouts',
      origin,
      name: 'createBatchAction',
      input,
    });
    expect(refused).toMatchObject({ ok: false, error: FIELD_ERRORS });
  }
  // Neither refused request made a batch (other journeys create batches of their own meanwhile,
  // so the table's size proves nothing).
  for (const { requestId } of refusedInputs)
    expect(query('SELECT id FROM payout_batches WHERE request_id = ?', requestId)).toEqual([]);
  const created = await callStaffAction(finance1.request, {
    path: '/finance/payouts',
    origin,
    name: 'createBatchAction',
    input: { requestId: crypto.randomUUID(), accounts: PAYEE.accountId },
  });
  expect(created).toMatchObject({ ok: true });
  batchId = (created!.data as { batchId: number }).batchId;
  await finance1.context().close();

  const finance2 = await staffPage(browser, 'finance2');
  const path = `/finance/payouts/${batchId}`;
  expect(
    await callStaffAction(finance2.request, {
      path,
      origin,
      name: 'approveBatchAction',
      input: { batchId },
    }),
  ).toMatchObject({ ok: true });

  await finance2.goto(path);
  await expect(finance2.getByRole('heading', { level: 1 })).toHaveText(
    `Batch #${batchId} approved`,
  );
  await finance2.getByLabel('Reference').fill('0x\u0430bc123');
  await finance2.getByRole('button', { name: 'Execute batch' }).click();
  await expect(finance2.getByText(CYRILLIC_A)).toBeVisible();
  await finance2.getByLabel('Reason for cancelling').fill('Duplicate \u2067batch\u2069');
  await finance2.getByRole('button', { name: 'Cancel batch' }).click();
  await expect(
    finance2.getByText(/^Remove the hidden text-direction character U\+2067/),
  ).toBeVisible();

  for (const [name, input, field, message] of [
    ['executeBatchAction', { batchId, reference: '0x\u0430bc123' }, 'reference', CYRILLIC_A],
    [
      'executeBatchAction',
      { batchId, reference: '0x\uFF11\uFF12\uFF13' },
      'reference',
      /\(U\+FF11\)/,
    ],
    ['executeBatchAction', { batchId, reference: '0xabc\u0000' }, 'reference', /\(U\+0000\)/],
    [
      'cancelBatchAction',
      { batchId, reason: 'Duplicate\u0000 batch' },
      'reason',
      new RegExp(`^${CONTROL.replace(/[().]/g, '\\$&')}$`),
    ],
    ['cancelBatchAction', { batchId, reason: 'Duplicate \uDFFF batch' }, 'reason', /is broken/],
  ] as const) {
    const result = await callStaffAction(finance2.request, { path, origin, name, input });
    expect(result, name).toEqual({
      ok: false,
      error: FIELD_ERRORS,
      fieldErrors: { [field]: expect.stringMatching(message) },
    });
  }
  expect(batchRow()).toEqual({ status: 'approved', reference: null, cancel_reason: null });
  expect(transactionsFor('payout.batch_executed', 'batchId', batchId)).toBe(0);
  expect(transactionsFor('payout.batch_cancelled', 'batchId', batchId)).toBe(0);

  // Tidy up, legitimately: the reason is read back as text.
  const reason = 'Duplicate ❌ <img src="y" onerror="window.__injected=4">';
  await finance2.getByLabel('Reason for cancelling').fill(reason);
  await finance2.getByRole('button', { name: 'Cancel batch' }).click();
  await expect(finance2.getByRole('heading', { level: 1 })).toHaveText(
    `Batch #${batchId} cancelled`,
  );
  await expect(finance2.getByText(reason, { exact: true })).toBeVisible();
  await expectNothingInjected(finance2);
  await finance2.context().close();
});

test.describe('malformed bodies and wrong media types', () => {
  test('a server action refuses them with a 4xx, writes nothing, and then accepts the right one', async ({
    baseURL,
  }) => {
    // The disputer's claim was reopened by the rejection: a valid acknowledgment would be written.
    const { version } = (await (await claimant.request.get('/api/claim')).json()) as {
      version: string;
    };
    const args = JSON.stringify([{ version }]);
    const send = (contentType: string | null, data: string | Buffer) =>
      claimant.request.post('/claim', {
        headers: {
          'Next-Action': claimActionId('acknowledgeClaimAction'),
          Accept: 'text/x-component',
          Origin: baseURL!,
          ...(contentType ? { 'Content-Type': contentType } : {}),
        },
        data: typeof data === 'string' ? Buffer.from(data) : data,
        failOnStatusCode: false,
      });
    const boundary = 'bad-text-boundary';
    for (const [contentType, data, status] of [
      ['application/json', args, 415],
      ['text/xml', `<version>${version}</version>`, 415],
      ['application/x-www-form-urlencoded', `version=${version}`, 415],
      [null, args, 415],
      ['text/plain;charset=UTF-8', '[{"version": ', 400],
      ['text/plain;charset=UTF-8', JSON.stringify({ version }), 400],
      ['text/plain;charset=UTF-8', Buffer.from([0x5b, 0xff, 0xfe, 0x5d]), 400],
      ['multipart/form-data; boundary=nothing-here', 'garbage', 400],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="1"\r\n\r\n${args}\r\n--${boundary}--\r\n`,
        400,
      ],
      [
        'text/plain;charset=UTF-8',
        `[${JSON.stringify({ version, pad: 'x'.repeat(2 * 1024 * 1024) })}]`,
        413,
      ],
    ] as const) {
      const response = await send(contentType, data);
      expect(response.status(), `${contentType}`).toBe(status);
      expect(((await response.json()) as { error: string }).error).toMatch(
        /^(Send this|The request body)/,
      );
      await serverStaysUp(claimant.request);
    }
    expect(claimRecord(DISPUTER.accountId)).toMatchObject({ status: 'open', acknowledgments: 0 });

    const accepted = await send('text/plain;charset=UTF-8', args);
    expect(accepted.status()).toBe(200);
    expect(claimRecord(DISPUTER.accountId)).toMatchObject({
      status: 'acknowledged',
      acknowledgments: 1,
    });
  });

  test('sign-in refuses them with a 4xx and signs no one in', async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    for (const [path, contentType, data, status] of [
      ['/api/auth/callback/credentials', 'text/xml', `<email>${LOGINS.claimant}</email>`, 415],
      [
        '/api/auth/callback/credentials',
        'application/json',
        `{"email": "${LOGINS.claimant}", "password": `,
        400,
      ],
      ['/api/auth/callback/credentials', 'application/json', '["email", "password"]', 400],
      [
        '/api/auth/callback/credentials',
        'application/x-www-form-urlencoded',
        `password=${'x'.repeat(100_000)}`,
        413,
      ],
      ['/api/auth/signout', 'text/xml', '<signout/>', 415],
      ['/api/auth/_log', 'application/json', '{"level": ', 400],
    ] as const) {
      const response = await anonymous.post(path, {
        headers: { 'Content-Type': contentType },
        data: Buffer.from(data),
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      expect(response.status(), `${path} ${contentType}`).toBe(status);
      expect(response.headers()['set-cookie'] ?? '').not.toContain('session-token');
      await serverStaysUp(anonymous);
    }
    expect((await anonymous.get('/api/claim', { failOnStatusCode: false })).status()).toBe(401);
    await anonymous.dispose();
  });

  test('a lookalike of a login email signs no one in, with the right password', async ({
    baseURL,
  }) => {
    const sessionOf = (response: Response) =>
      response.headers.getSetCookie().filter((cookie) => cookie.includes('session-token'));
    // A Cyrillic "а" for the Latin "a" of alice@demo.test.
    const lookalike = `\u0430${LOGINS.claimant.slice(1)}`;
    const refused = await postCredentials(baseURL!, { email: lookalike, password: DEMO_PASSWORD });
    expect(refused.headers.get('location')).toContain('error=CredentialsSignin');
    expect(sessionOf(refused)).toEqual([]);
    // The same request with the real address signs in: the refusal is the lookalike's alone.
    const accepted = await postCredentials(baseURL!, {
      email: LOGINS.claimant,
      password: DEMO_PASSWORD,
    });
    expect(sessionOf(accepted)).toHaveLength(1);
  });

  test('a route handler that takes no body answers 405 to one, and the server stays up', async ({
    request,
  }) => {
    for (const path of [
      '/api/claim',
      '/api/claim/proof',
      '/api/health',
      '/proof/roots',
      '/claim/statement.csv',
      '/admin/reconciliation/csv',
    ]) {
      const response = await request.post(path, {
        headers: { 'Content-Type': 'application/json' },
        data: Buffer.from('{"malformed": '),
        failOnStatusCode: false,
      });
      expect(response.status(), path).toBe(405);
    }
    await serverStaysUp(request);
  });
});
