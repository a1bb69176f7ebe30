import type { CodePurpose } from './issue-code';
import { formatCode } from './code-format';

export type CodeEmailInput = {
  purpose: CodePurpose;
  code: string;
  expiresAt: string;
  /** The address claimants are told to type; never sent as a link. */
  portalUrl: string;
  program: string | null;
  displayName: string | null;
  phrase: string | null;
};

export type RenderedEmail = { subject: string; text: string; html: string };

/** What Makewhole never asks for: said plainly in every email, because imitations do ask. */
export const NEVER_ASKED = [
  'your password (not by email, phone, chat or any form other than the portal itself)',
  'your seed phrase, recovery words or private keys',
  'to connect your wallet or sign anything with it',
  'any fee, tax, deposit or payment to release your compensation',
] as const;

const SUBJECT: Record<CodePurpose, string> = {
  invite: 'Your Makewhole activation code',
  reset: 'Your Makewhole password reset code',
};

function paragraphs(input: CodeEmailInput): { lead: string[]; steps: string[]; closing: string } {
  const code = formatCode(input.code);
  const until = `${input.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  const address = `${input.portalUrl.replace(/\/+$/, '')}/activate`;
  const lead =
    input.purpose === 'invite'
      ? [
          `${input.program ?? 'The compensation programme'} has a claim ready for you. To see it, activate your account with this one-time code:`,
        ]
      : [
          'Someone (we hope you) asked to reset the password of your Makewhole login. Your one-time code:',
        ];
  return {
    lead: [...lead, code, `It works once, and only until ${until}.`],
    steps: [
      'Open a new browser window and type this address yourself (this email has no links, on purpose):',
      address,
      'Enter your email address and the code, then choose a password.',
    ],
    closing:
      input.purpose === 'invite'
        ? 'If you did not have an account with the exchange, ignore this email.'
        : 'If you did not ask for this, ignore this email: your password stays as it is.',
  };
}

function phraseLine(phrase: string | null): string | null {
  return phrase
    ? `Your anti-phishing phrase: "${phrase}". An email claiming to be from Makewhole without it is not from us.`
    : null;
}

export function renderCodeEmail(input: CodeEmailInput): RenderedEmail {
  const { lead, steps, closing } = paragraphs(input);
  const greeting = input.displayName ? `Hello ${input.displayName},` : 'Hello,';
  const phrase = phraseLine(input.phrase);
  const text = [
    ...(phrase ? [phrase, ''] : []),
    greeting,
    '',
    lead[0],
    '',
    `    ${lead[1]}`,
    '',
    lead[2],
    '',
    steps[0],
    '',
    `    ${steps[1]}`,
    '',
    steps[2],
    '',
    'Makewhole will never ask you for:',
    ...NEVER_ASKED.map((item) => `  - ${item}`),
    '',
    closing,
    '',
  ].join('\n');
  return { subject: SUBJECT[input.purpose], text, html: renderHtml(input, greeting, phrase) };
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A zero-width space after each dot and slash keeps mail programs from turning the address into a link. */
function unlinkable(address: string): string {
  return escapeHtml(address).replace(/([./:])/g, '$1&#8203;');
}

function renderHtml(
  input: CodeEmailInput,
  greeting: string,
  phraseSentence: string | null,
): string {
  const { lead, steps, closing } = paragraphs(input);
  const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const big = (content: string) =>
    `<p style="margin:0 0 16px;font:700 24px/1.3 monospace;letter-spacing:2px">${content}</p>`;
  return [
    '<!doctype html><html lang="en"><body style="font:16px/1.5 sans-serif;color:#111;max-width:560px">',
    phraseSentence ? p(`<strong>${escapeHtml(phraseSentence)}</strong>`) : '',
    p(escapeHtml(greeting)),
    p(escapeHtml(lead[0]!)),
    big(escapeHtml(lead[1]!)),
    p(escapeHtml(lead[2]!)),
    p(escapeHtml(steps[0]!)),
    big(unlinkable(steps[1]!)),
    p(escapeHtml(steps[2]!)),
    p('<strong>Makewhole will never ask you for:</strong>'),
    `<ul>${NEVER_ASKED.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
    p(escapeHtml(closing)),
    '</body></html>',
  ].join('\n');
}
