CREATE TABLE "absence_case" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid,
	"child_given_name" text DEFAULT '' NOT NULL,
	"child_family_name" text DEFAULT '' NOT NULL,
	"child_birth_date" date,
	"municipality" text NOT NULL,
	"kind" text NOT NULL,
	"exemption_article" text,
	"started_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"attendance_officer_user_id" uuid,
	"consultant_user_id" uuid,
	"ended_on" date,
	"ending" text,
	"end_note" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "absence_case_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "absence_case_child" CHECK ("absence_case"."student_id" is not null or ("absence_case"."child_given_name" <> '' and "absence_case"."child_birth_date" is not null)),
	CONSTRAINT "absence_case_exemption_article" CHECK (("absence_case"."kind" = 'exemption') = ("absence_case"."exemption_article" is not null)),
	CONSTRAINT "absence_case_ending" CHECK (("absence_case"."ended_on" is null) = ("absence_case"."ending" is null)),
	CONSTRAINT "absence_case_period" CHECK ("absence_case"."ended_on" is null or "absence_case"."ended_on" >= "absence_case"."started_on")
);
--> statement-breakpoint
CREATE TABLE "absence_event" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"threshold" text,
	"on" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid,
	"user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "absence_ladder" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"municipality" text DEFAULT '' NOT NULL,
	"threshold" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "absence_ladder_swv_id_municipality_threshold_user_id_unique" UNIQUE("swv_id","municipality","threshold","user_id")
);
--> statement-breakpoint
CREATE TABLE "absence_offer" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"from_on" date NOT NULL,
	"education_hours" smallint NOT NULL,
	"care_hours" smallint NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "absence_offer_hours" CHECK ("absence_offer"."education_hours" >= 0 and "absence_offer"."care_hours" >= 0 and "absence_offer"."education_hours" + "absence_offer"."care_hours" <= 40)
);
--> statement-breakpoint
CREATE TABLE "absence_step" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"what" text NOT NULL,
	"who" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "absence_step_swv_id_id_unique" UNIQUE("swv_id","id")
);
--> statement-breakpoint
CREATE TABLE "absence_watch" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"municipality" text NOT NULL,
	"kind" text NOT NULL,
	"absent_since" date NOT NULL,
	"reported_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"case_id" uuid,
	"reported_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "absence_watch_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "absence_watch_converted" CHECK (("absence_watch"."state" = 'converted') = ("absence_watch"."case_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "partner_organisation" ADD COLUMN "municipality" text;--> statement-breakpoint
ALTER TABLE "absence_case" ADD CONSTRAINT "absence_case_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_case" ADD CONSTRAINT "absence_case_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_case" ADD CONSTRAINT "absence_case_swv_id_attendance_officer_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","attendance_officer_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_case" ADD CONSTRAINT "absence_case_swv_id_consultant_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","consultant_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_case" ADD CONSTRAINT "absence_case_swv_id_created_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","created_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_event" ADD CONSTRAINT "absence_event_swv_id_case_id_absence_case_swv_id_id_fk" FOREIGN KEY ("swv_id","case_id") REFERENCES "public"."absence_case"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_event" ADD CONSTRAINT "absence_event_swv_id_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_ladder" ADD CONSTRAINT "absence_ladder_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_ladder" ADD CONSTRAINT "absence_ladder_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_offer" ADD CONSTRAINT "absence_offer_swv_id_case_id_absence_case_swv_id_id_fk" FOREIGN KEY ("swv_id","case_id") REFERENCES "public"."absence_case"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_offer" ADD CONSTRAINT "absence_offer_swv_id_recorded_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","recorded_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_step" ADD CONSTRAINT "absence_step_swv_id_case_id_absence_case_swv_id_id_fk" FOREIGN KEY ("swv_id","case_id") REFERENCES "public"."absence_case"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_watch" ADD CONSTRAINT "absence_watch_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_watch" ADD CONSTRAINT "absence_watch_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_watch" ADD CONSTRAINT "absence_watch_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_watch" ADD CONSTRAINT "absence_watch_swv_id_reported_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","reported_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absence_case_swv_id_student_id_index" ON "absence_case" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "absence_case_swv_id_municipality_index" ON "absence_case" USING btree ("swv_id","municipality");--> statement-breakpoint
CREATE INDEX "absence_event_swv_id_case_id_at_index" ON "absence_event" USING btree ("swv_id","case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "absence_event_once" ON "absence_event" USING btree ("swv_id","case_id","kind","threshold") WHERE "absence_event"."threshold" is not null;--> statement-breakpoint
CREATE INDEX "absence_offer_swv_id_case_id_from_on_index" ON "absence_offer" USING btree ("swv_id","case_id","from_on");--> statement-breakpoint
CREATE INDEX "absence_step_swv_id_case_id_index" ON "absence_step" USING btree ("swv_id","case_id");--> statement-breakpoint
CREATE INDEX "absence_watch_swv_id_state_index" ON "absence_watch" USING btree ("swv_id","state");--> statement-breakpoint
-- custom:begin absence_cases
-- An absence case's offers and timeline are never rewritten (docs/domain.md, "Children at home").
CREATE TRIGGER absence_offer_no_update BEFORE UPDATE ON absence_offer
  FOR EACH ROW EXECUTE FUNCTION request_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER absence_event_no_update BEFORE UPDATE ON absence_event
  FOR EACH ROW EXECUTE FUNCTION request_event_refuse_change();
-- custom:end absence_cases
