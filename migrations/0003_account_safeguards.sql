CREATE TABLE "account_activation" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"swv_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"kind" text NOT NULL,
	"subject_user_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grant" (
	"id" uuid PRIMARY KEY NOT NULL,
	"swv_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"school_id" uuid,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"partner_organisation_id" uuid,
	"status" text NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "app_user" DROP CONSTRAINT "app_user_email_unique";--> statement-breakpoint
ALTER TABLE "swv" ADD COLUMN "grant_approval_required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "swv_oidc" ADD COLUMN "provider_enforces_mfa" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "account_activation" ADD CONSTRAINT "account_activation_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_event" ADD CONSTRAINT "admin_event_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_requested_by_user_id_app_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_swv_id_partner_organisation_id_partner_organisation_swv_id_id_fk" FOREIGN KEY ("swv_id","partner_organisation_id") REFERENCES "public"."partner_organisation"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_activation_user_id_index" ON "account_activation" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "admin_event_swv_id_at_index" ON "admin_event" USING btree ("swv_id","at");--> statement-breakpoint
CREATE INDEX "role_grant_swv_id_status_index" ON "role_grant" USING btree ("swv_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "app_user_operator_email_unique" ON "app_user" USING btree ("email") WHERE "app_user"."swv_id" is null;--> statement-breakpoint
CREATE INDEX "app_user_email_index" ON "app_user" USING btree ("email");--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_swv_email_unique" UNIQUE("swv_id","email");--> statement-breakpoint
-- The administrators' audit trail is append-only like the access log: the database refuses
-- UPDATE, DELETE and TRUNCATE.
CREATE FUNCTION admin_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER admin_event_no_update_delete BEFORE UPDATE OR DELETE ON admin_event
  FOR EACH ROW EXECUTE FUNCTION admin_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER admin_event_no_truncate BEFORE TRUNCATE ON admin_event
  FOR EACH STATEMENT EXECUTE FUNCTION admin_event_refuse_change();
