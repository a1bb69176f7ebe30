/**
 * Rules for a password a claimant chooses. Length matters most; beyond that we refuse what the
 * lists of breached passwords are made of: common words and their l33t spellings, keyboard and
 * number sequences, repeats, dates, the site's name and the claimant's own address. No network
 * call: the check runs the same in the browser and on the server.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON_WORDS = `password passwd passw0rd letmein welcome admin administrator login qwerty
  azerty iloveyou love monkey dragon shadow master superman batman football baseball soccer
  hockey sunshine princess trustno1 freedom whatever starwars pokemon michael jennifer jordan
  hunter ranger killer charlie donald summer winter spring autumn secret access hello
  computer internet default changeme guest user test tester demo sample
  bitcoin ethereum crypto wallet binance coinbase kraken exchange satoshi nakamoto hodl moon
  lambo blockchain ledger trezor metamask money million dollar claim compensation refund
  makewhole`
  .split(/\s+/)
  .filter(Boolean);

const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertzuiopasdfghjklyxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

function deleet(text: string): string {
  return [...text].map((c) => LEET[c] ?? c).join('');
}

/** Every run of 4+ characters that reads along a sequence, forwards or backwards. */
function stripSequences(text: string): string {
  let result = text;
  for (const sequence of [...SEQUENCES, ...SEQUENCES.map((s) => [...s].reverse().join(''))]) {
    for (let length = sequence.length; length >= 4; length -= 1) {
      for (let start = 0; start + length <= sequence.length; start += 1) {
        result = result.split(sequence.slice(start, start + length)).join(' ');
      }
    }
  }
  return result;
}

function stripWords(text: string, words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .reduce((rest, word) => rest.split(word).join(' '), text);
}

/** Words of the claimant's own address (`jane.doe@mail.example` → jane, doe, mail, example). */
function personalWords(email: string | undefined): string[] {
  return (email ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !['com', 'net', 'org', 'test'].includes(word));
}

/** What is left once the predictable parts are taken out: too little means a guessable password. */
function unpredictableRest(password: string, email: string | undefined): string {
  const words = [...COMMON_WORDS, ...personalWords(email)];
  const variants = [password.toLowerCase(), deleet(password.toLowerCase())];
  const rests = variants.map((variant) => {
    let rest = stripWords(variant, words);
    rest = stripSequences(rest);
    rest = rest.replace(/(.)\1{2,}/g, ' '); // aaa, 111
    rest = rest.replace(/(19|20)\d\d/g, ' '); // years
    rest = rest.replace(/(.{2,6}?)\1+/g, ' '); // abab, xyzxyz
    return rest.replace(/[^\p{L}\p{N}]+/gu, '');
  });
  return rests.reduce((shortest, rest) => (rest.length < shortest.length ? rest : shortest));
}

/** The one problem to tell the claimant about a password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (password.trim() !== password) return 'Do not start or end with a space.';
  if (unpredictableRest(password, email).length < 6) {
    return 'This password follows patterns found in breached password lists (common words, sequences, repeats, years or your email address). Add a few unrelated words.';
  }
  return null;
}
