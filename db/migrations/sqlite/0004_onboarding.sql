CREATE TABLE `activation_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`account_id` text NOT NULL,
	`purpose` text NOT NULL,
	`nonce` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activation_codes_live` ON `activation_codes` (`email`) WHERE used_at IS NULL AND revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX `activation_codes_account` ON `activation_codes` (`account_id`,`used_at`,`revoked_at`,`expires_at`);--> statement-breakpoint
CREATE TABLE `anti_phishing_phrases` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`phrase` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_id` integer NOT NULL,
	`to_address` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`sent_at` text,
	`transport_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`code_id`) REFERENCES `activation_codes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_messages_due` ON `outbox_messages` (`status`,`next_attempt_at`,`id`);