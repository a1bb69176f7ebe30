/**
 * Authenticator keys of the demo's staff logins (demo and journeys only). A real deployment's
 * staff enrol their own key on first sign-in; these are fixed so that the demo can print codes.
 */
export const DEMO_TOTP_SECRETS: Readonly<Record<string, string>> = {
  'finance1@demo.test': 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  'finance2@demo.test': 'OV3XQ6L2GEZDGNBVGY3TQOJQMFRGGZDF',
  'admin@demo.test': 'MZTWQ2LKNNWG23TPOBYXE43UOV3XQ6L2',
  'admin2@demo.test': 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
};
