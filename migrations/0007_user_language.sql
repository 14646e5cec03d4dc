-- The account's language (docs/SECURITY.md C8): the language the user chose in the web app, which
-- wins over the browser's at sign-in. Null: no choice made, the browser's stays.
ALTER TABLE "app_user" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_language" CHECK ("app_user"."language" in ('nl', 'en'));
