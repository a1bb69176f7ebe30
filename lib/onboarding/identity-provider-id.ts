/** next-auth's id for the exchange's identity provider (also in its callback URL). */
export const EXCHANGE_PROVIDER_ID = 'exchange';
