/** What a claimant is told. One message for every unusable code: the form must not say which. */
export const INVALID_CODE =
  'This code does not work. It may be mistyped, already used, replaced by a newer code, or expired. Use the code from our latest email, or ask for a new one below.';

export function throttledMessage(seconds: number): string {
  const wait =
    seconds >= 120
      ? `${Math.ceil(seconds / 60)} minutes`
      : `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `Too many attempts. Please wait ${wait} and try again.`;
}

export const CODE_SENT =
  'If that address belongs to a claim, we have sent it a new code. Check your inbox (and spam folder), then enter the code below.';
