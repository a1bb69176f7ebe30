// The closed sets of values some columns hold, shared by both engines' schemas.

export const ROLES = ['claimant', 'finance', 'admin'] as const;
export const CLAIM_STATUSES = ['open', 'acknowledged', 'disputed', 'paid'] as const;
export const DISPUTE_STATUSES = ['open', 'adjusted', 'rejected'] as const;
export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const STAFF_REQUEST_KINDS = [
  'create_login',
  'change_role',
  'enable_login',
  'reset_totp',
] as const;
export const STAFF_ROLES = ['finance', 'admin'] as const;
export const BATCH_STATUSES = ['pending', 'approved', 'executed', 'cancelled'] as const;
export const CLAIM_STATE_STATUSES = ['acknowledged', 'disputed'] as const;
export const JOB_KINDS = ['verification', 'proof.publish'] as const;
export const JOB_STATUSES = ['running', 'succeeded', 'failed'] as const;
export const CODE_PURPOSES = ['invite', 'reset'] as const;
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'cancelled'] as const;
