CREATE TABLE "swv_oidc_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"swv_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"client_secret_key_id" text,
	"enabled" boolean NOT NULL,
	"provider_enforces_mfa" boolean NOT NULL,
	"status" text NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "swv_oidc_change" ADD CONSTRAINT "swv_oidc_change_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swv_oidc_change" ADD CONSTRAINT "swv_oidc_change_requested_by_user_id_app_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swv_oidc_change" ADD CONSTRAINT "swv_oidc_change_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "swv_oidc_change_swv_id_status_index" ON "swv_oidc_change" USING btree ("swv_id","status");