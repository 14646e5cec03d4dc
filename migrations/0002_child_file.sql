CREATE TABLE "enrolment" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	CONSTRAINT "enrolment_period" CHECK ("enrolment"."ended_on" is null or "enrolment"."ended_on" >= "enrolment"."started_on")
);
--> statement-breakpoint
CREATE TABLE "support_level_change" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"previous_level" smallint,
	"reason" text NOT NULL,
	"effective_on" date NOT NULL,
	"set_by_user_id" uuid NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "support_level_change_level" CHECK ("support_level_change"."level" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "case_meeting" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"participants" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_meeting_swv_id_id_unique" UNIQUE("swv_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_meeting_action" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"plan_agreement_id" uuid,
	CONSTRAINT "case_meeting_action_swv_id_id_unique" UNIQUE("swv_id","id")
);
--> statement-breakpoint
CREATE TABLE "document" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"classification" text NOT NULL,
	"shared_with_parents" boolean DEFAULT false NOT NULL,
	"sha256" text NOT NULL,
	"key_id" text NOT NULL,
	"iv" "bytea" NOT NULL,
	"auth_tag" "bytea" NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_user_id" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "document_size" CHECK ("document"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"strengths" text DEFAULT '' NOT NULL,
	"stimulating_factors" text DEFAULT '' NOT NULL,
	"hindering_factors" text DEFAULT '' NOT NULL,
	"needs" text DEFAULT '' NOT NULL,
	"teacher_needs" text DEFAULT '' NOT NULL,
	"has_development_perspective" boolean DEFAULT false NOT NULL,
	"exit_destination" text DEFAULT '' NOT NULL,
	"exit_grounds" text DEFAULT '' NOT NULL,
	"programme_deviations" text DEFAULT '' NOT NULL,
	"pupil_view" text DEFAULT '' NOT NULL,
	"evaluation_due_on" date NOT NULL,
	"evaluated_on" date,
	"evaluation" text,
	"evaluated_with_parents" boolean,
	"evaluated_by_user_id" uuid,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by_user_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "plan_swv_id_student_id_version_unique" UNIQUE("swv_id","student_id","version"),
	CONSTRAINT "plan_closed_is_evaluated" CHECK (("plan"."status" = 'closed') = ("plan"."evaluated_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "plan_agreement" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"partner_organisation_id" uuid,
	"due_on" date,
	"done" boolean DEFAULT false NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_agreement_swv_id_id_unique" UNIQUE("swv_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_goal" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"description" text NOT NULL,
	"baseline" text DEFAULT '' NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"target_date" date NOT NULL,
	"progress" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_parent_response" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_user_id" uuid,
	"parent_name" text NOT NULL,
	"agrees" boolean NOT NULL,
	"view" text DEFAULT '' NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"proof" text
);
--> statement-breakpoint
ALTER TABLE "consent" ALTER COLUMN "given_by_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consent" ADD COLUMN "given_by_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "consent" ADD COLUMN "scope" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "consent" ADD COLUMN "recorded_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "consent" ADD COLUMN "proof" text;--> statement-breakpoint
ALTER TABLE "consent" ADD COLUMN "withdrawn_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_level_change" ADD CONSTRAINT "support_level_change_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_level_change" ADD CONSTRAINT "support_level_change_swv_id_set_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","set_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meeting" ADD CONSTRAINT "case_meeting_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meeting" ADD CONSTRAINT "case_meeting_swv_id_created_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","created_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meeting_action" ADD CONSTRAINT "case_meeting_action_swv_id_meeting_id_case_meeting_swv_id_id_fk" FOREIGN KEY ("swv_id","meeting_id") REFERENCES "public"."case_meeting"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meeting_action" ADD CONSTRAINT "case_meeting_action_swv_id_plan_agreement_id_plan_agreement_swv_id_id_fk" FOREIGN KEY ("swv_id","plan_agreement_id") REFERENCES "public"."plan_agreement"("swv_id","id") ON DELETE SET NULL ("plan_agreement_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_swv_id_uploaded_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","uploaded_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_swv_id_created_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","created_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_swv_id_updated_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","updated_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_swv_id_evaluated_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","evaluated_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_agreement" ADD CONSTRAINT "plan_agreement_swv_id_plan_id_plan_swv_id_id_fk" FOREIGN KEY ("swv_id","plan_id") REFERENCES "public"."plan"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_agreement" ADD CONSTRAINT "plan_agreement_swv_id_partner_organisation_id_partner_organisation_swv_id_id_fk" FOREIGN KEY ("swv_id","partner_organisation_id") REFERENCES "public"."partner_organisation"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_swv_id_plan_id_plan_swv_id_id_fk" FOREIGN KEY ("swv_id","plan_id") REFERENCES "public"."plan"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_parent_response" ADD CONSTRAINT "plan_parent_response_swv_id_plan_id_plan_swv_id_id_fk" FOREIGN KEY ("swv_id","plan_id") REFERENCES "public"."plan"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_parent_response" ADD CONSTRAINT "plan_parent_response_swv_id_parent_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","parent_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_parent_response" ADD CONSTRAINT "plan_parent_response_swv_id_recorded_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","recorded_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolment_swv_id_student_id_index" ON "enrolment" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "support_level_change_swv_id_student_id_index" ON "support_level_change" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "case_meeting_swv_id_student_id_index" ON "case_meeting" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "case_meeting_action_swv_id_meeting_id_index" ON "case_meeting_action" USING btree ("swv_id","meeting_id");--> statement-breakpoint
CREATE INDEX "document_swv_id_student_id_index" ON "document" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_one_active" ON "plan" USING btree ("swv_id","student_id") WHERE "plan"."status" = 'active';--> statement-breakpoint
CREATE INDEX "plan_swv_id_status_evaluation_due_on_index" ON "plan" USING btree ("swv_id","status","evaluation_due_on");--> statement-breakpoint
CREATE INDEX "plan_agreement_swv_id_plan_id_index" ON "plan_agreement" USING btree ("swv_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_goal_swv_id_plan_id_index" ON "plan_goal" USING btree ("swv_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_parent_response_swv_id_plan_id_index" ON "plan_parent_response" USING btree ("swv_id","plan_id");--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_swv_id_recorded_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","recorded_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_swv_id_withdrawn_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","withdrawn_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_giver" CHECK ("consent"."given_by_user_id" is not null or "consent"."given_by_name" <> '');--> statement-breakpoint
-- Children created before enrolment history existed: one open enrolment from their creation date.
INSERT INTO "enrolment" ("swv_id", "id", "student_id", "school_id", "group_name", "started_on")
SELECT "swv_id", gen_random_uuid(), "id", "school_id", "group_name", ("created_at" at time zone 'Europe/Amsterdam')::date
FROM "student";
