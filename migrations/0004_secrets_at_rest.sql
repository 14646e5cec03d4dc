-- Secrets at rest (docs/SECURITY.md): TOTP secrets and OIDC client secrets are stored sealed
-- under a key of the installation's key ring; the key id says which. Rows written before this
-- migration keep their plaintext with a null key id until the server seals them at its next start
-- (the keys are not known to SQL).
ALTER TABLE "app_user" ADD COLUMN "totp_secret_key_id" text;--> statement-breakpoint
ALTER TABLE "swv_oidc" ADD COLUMN "client_secret_key_id" text;
