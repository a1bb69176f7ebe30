-- Claimants type their address in any case, and identity providers lower-case it, while the
-- snapshot keeps it as the exchange spelled it: look accounts up by lower(email) through an index.
CREATE INDEX `accounts_email_lower` ON `accounts` (lower(`email`));
