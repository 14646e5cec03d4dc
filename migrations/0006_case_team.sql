-- The case team (docs/SECURITY.md C7): a member is a person or a whole partner organisation, with a
-- role on the case, a reason and a period; ending a membership keeps the row as history.
-- Existing members (a person each) get an id, an empty role and reason, and count from the day of
-- this migration.
ALTER TABLE "case_member" DROP CONSTRAINT "case_member_swv_id_student_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "case_member" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "id" uuid;--> statement-breakpoint
UPDATE "case_member" SET "id" = gen_random_uuid();--> statement-breakpoint
ALTER TABLE "case_member" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_member" ADD PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "partner_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "role" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "reason" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "valid_from" date NOT NULL DEFAULT (now() AT TIME ZONE 'Europe/Amsterdam')::date;--> statement-breakpoint
ALTER TABLE "case_member" ALTER COLUMN "role" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "case_member" ALTER COLUMN "reason" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "case_member" ALTER COLUMN "valid_from" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "valid_until" date;--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "added_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "added_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "ended_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_swv_id_partner_organisation_id_partner_organisation_swv_id_id_fk" FOREIGN KEY ("swv_id","partner_organisation_id") REFERENCES "public"."partner_organisation"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_swv_id_added_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","added_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_swv_id_ended_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","ended_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_member_swv_id_student_id_index" ON "case_member" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "case_member_partner_organisation_id_index" ON "case_member" USING btree ("partner_organisation_id");--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_person_or_organisation" CHECK (("case_member"."user_id" is null) <> ("case_member"."partner_organisation_id" is null));--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_period" CHECK ("case_member"."valid_until" is null or "case_member"."valid_until" >= "case_member"."valid_from");