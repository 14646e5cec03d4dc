CREATE TABLE "notification" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"occasion" text DEFAULT '' NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"link" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"email_state" text DEFAULT 'none' NOT NULL,
	CONSTRAINT "notification_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "notification_once" UNIQUE("swv_id","user_id","kind","subject_id","occasion")
);
--> statement-breakpoint
CREATE TABLE "notification_preference" (
	"swv_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"email" text NOT NULL,
	CONSTRAINT "notification_preference_swv_id_user_id_kind_pk" PRIMARY KEY("swv_id","user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "outbox_message" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_message_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "outbox_message_attempts" CHECK ("outbox_message"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "complaint" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"received_on" date NOT NULL,
	"filed_by_user_id" uuid,
	"student_id" uuid,
	"school_id" uuid,
	"about" text NOT NULL,
	"description" text NOT NULL,
	"state" text DEFAULT 'received' NOT NULL,
	"handled_by_user_id" uuid,
	"outcome" text DEFAULT '' NOT NULL,
	"closed_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "complaint_closed" CHECK (("complaint"."state" = 'closed') = ("complaint"."closed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "dispute" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"student_id" uuid,
	"school_id" uuid,
	"filed_on" date NOT NULL,
	"ruling_due_on" date NOT NULL,
	"ruled_on" date,
	"outcome" text,
	"summary" text DEFAULT '' NOT NULL,
	"registered_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dispute_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "dispute_outcome" CHECK (("dispute"."outcome" is null) = ("dispute"."ruled_on" is null))
);
--> statement-breakpoint
CREATE TABLE "objection" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"filed_by" text NOT NULL,
	"filed_by_user_id" uuid,
	"received_on" date NOT NULL,
	"late_reason" text DEFAULT '' NOT NULL,
	"grounds" text NOT NULL,
	"state" text DEFAULT 'received' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"advice_due_on" date,
	"advice_requested_on" date,
	"advice_received_on" date,
	"advice_summary" text DEFAULT '' NOT NULL,
	"hearing_on" date,
	"decided_on" date,
	"outcome" text,
	"decision_reasons" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "objection_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "objection_outcome" CHECK (("objection"."outcome" is null) = ("objection"."decided_on" is null))
);
--> statement-breakpoint
CREATE TABLE "objection_event" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"objection_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"on" date NOT NULL,
	"by_user_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_signal" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"received_on" date NOT NULL,
	"kind" text NOT NULL,
	"school_id" uuid,
	"summary" text NOT NULL,
	"outcome" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"registered_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "support_signal_swv_id_id_unique" UNIQUE("swv_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_invitation" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"occasion" text NOT NULL,
	"user_id" uuid NOT NULL,
	"respondent" text NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "survey_invitation_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "survey_invitation_once" UNIQUE("swv_id","request_id","occasion","user_id")
);
--> statement-breakpoint
CREATE TABLE "survey_response" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"request_type_code" text NOT NULL,
	"occasion" text NOT NULL,
	"respondent" text NOT NULL,
	"school_year" text NOT NULL,
	"month" text NOT NULL,
	"listened_to" integer,
	"clear_information" integer,
	"help_fits" integer,
	"result" integer,
	"overall" integer,
	"open_answer" text DEFAULT '' NOT NULL,
	CONSTRAINT "survey_response_scale" CHECK (coalesce("survey_response"."listened_to", 1) between 1 and 5 and coalesce("survey_response"."clear_information", 1) between 1 and 5
        and coalesce("survey_response"."help_fits", 1) between 1 and 5 and coalesce("survey_response"."result", 1) between 1 and 5
        and coalesce("survey_response"."overall", 1) between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_swv_id_filed_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","filed_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_swv_id_handled_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","handled_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute" ADD CONSTRAINT "dispute_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute" ADD CONSTRAINT "dispute_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute" ADD CONSTRAINT "dispute_swv_id_registered_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","registered_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection" ADD CONSTRAINT "objection_swv_id_request_id_support_request_swv_id_id_fk" FOREIGN KEY ("swv_id","request_id") REFERENCES "public"."support_request"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection" ADD CONSTRAINT "objection_swv_id_filed_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","filed_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_event" ADD CONSTRAINT "objection_event_swv_id_objection_id_objection_swv_id_id_fk" FOREIGN KEY ("swv_id","objection_id") REFERENCES "public"."objection"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_event" ADD CONSTRAINT "objection_event_swv_id_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_signal" ADD CONSTRAINT "support_signal_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_signal" ADD CONSTRAINT "support_signal_swv_id_registered_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","registered_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_swv_id_request_id_support_request_swv_id_id_fk" FOREIGN KEY ("swv_id","request_id") REFERENCES "public"."support_request"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_swv_id_user_id_created_at_index" ON "notification" USING btree ("swv_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_email_state_index" ON "notification" USING btree ("email_state");--> statement-breakpoint
CREATE INDEX "outbox_message_state_created_at_index" ON "outbox_message" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "outbox_message_swv_id_created_at_index" ON "outbox_message" USING btree ("swv_id","created_at");--> statement-breakpoint
CREATE INDEX "complaint_swv_id_received_on_index" ON "complaint" USING btree ("swv_id","received_on");--> statement-breakpoint
CREATE INDEX "dispute_swv_id_filed_on_index" ON "dispute" USING btree ("swv_id","filed_on");--> statement-breakpoint
CREATE INDEX "objection_swv_id_request_id_index" ON "objection" USING btree ("swv_id","request_id");--> statement-breakpoint
CREATE INDEX "objection_swv_id_state_index" ON "objection" USING btree ("swv_id","state");--> statement-breakpoint
CREATE INDEX "objection_event_swv_id_objection_id_at_index" ON "objection_event" USING btree ("swv_id","objection_id","at");--> statement-breakpoint
CREATE INDEX "support_signal_swv_id_received_on_index" ON "support_signal" USING btree ("swv_id","received_on");--> statement-breakpoint
CREATE INDEX "survey_invitation_swv_id_user_id_index" ON "survey_invitation" USING btree ("swv_id","user_id");--> statement-breakpoint
CREATE INDEX "survey_response_swv_id_school_year_index" ON "survey_response" USING btree ("swv_id","school_year");--> statement-breakpoint
-- An objection's timeline is never rewritten, like a request's (docs/domain.md, "Objections").
CREATE TRIGGER objection_event_no_update BEFORE UPDATE ON objection_event
  FOR EACH ROW EXECUTE FUNCTION request_event_refuse_change();
