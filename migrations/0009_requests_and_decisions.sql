CREATE TABLE "school_holiday" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"school_year" text NOT NULL,
	"name" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	CONSTRAINT "school_holiday_year" CHECK ("school_holiday"."school_year" ~ '^[0-9]{4}-[0-9]{4}$'),
	CONSTRAINT "school_holiday_period" CHECK ("school_holiday"."last_day" >= "school_holiday"."first_day")
);
--> statement-breakpoint
CREATE TABLE "arrangement_budget" (
	"swv_id" uuid NOT NULL,
	"school_year" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "arrangement_budget_swv_id_school_year_pk" PRIMARY KEY("swv_id","school_year"),
	CONSTRAINT "arrangement_budget_year" CHECK ("arrangement_budget"."school_year" ~ '^[0-9]{4}-[0-9]{4}$'),
	CONSTRAINT "arrangement_budget_amount" CHECK ("arrangement_budget"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "request_advice" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"adviser_user_id" uuid NOT NULL,
	"expertise" text NOT NULL,
	"advice" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_delivery" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"delivered_on" date NOT NULL,
	"hours" numeric(6, 2) NOT NULL,
	"delivered_by" text NOT NULL,
	"progress" text DEFAULT '' NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_delivery_hours" CHECK ("request_delivery"."hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "request_event" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"on" date NOT NULL,
	"by_user_id" uuid NOT NULL,
	"reason_code" text,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_type" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"required" text[] NOT NULL,
	"deadline_days" integer,
	"crisis" boolean DEFAULT false NOT NULL,
	"has_category" boolean DEFAULT false NOT NULL,
	"is_tlv" boolean DEFAULT false NOT NULL,
	"decided_by" text DEFAULT 'committee' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_type_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "request_type_swv_id_code_unique" UNIQUE("swv_id","code"),
	CONSTRAINT "request_type_deadline" CHECK ("request_type"."deadline_days" is null or "request_type"."deadline_days" between 0 and 60)
);
--> statement-breakpoint
CREATE TABLE "support_request" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"type_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"student_id" uuid,
	"state" text DEFAULT 'draft' NOT NULL,
	"outcome" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"tried_so_far" text DEFAULT '' NOT NULL,
	"parents_view" text DEFAULT '' NOT NULL,
	"team_question" text DEFAULT '' NOT NULL,
	"category" text,
	"planned_return_on" date,
	"extends_request_id" uuid,
	"requested_by_user_id" uuid NOT NULL,
	"assigned_to_user_id" uuid,
	"complete_on" date,
	"deadline_on" date,
	"decided_on" date,
	"decided_by_user_id" uuid,
	"decision_reasons" text DEFAULT '' NOT NULL,
	"period_from" date,
	"period_until" date,
	"budget_cents" integer,
	"hours_granted" numeric(7, 2),
	"provider" text DEFAULT '' NOT NULL,
	"evaluation_outcome" text,
	"evaluation_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_request_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "support_request_swv_id_number_unique" UNIQUE("swv_id","number"),
	CONSTRAINT "support_request_outcome" CHECK (("support_request"."outcome" is null) = ("support_request"."decided_on" is null)),
	CONSTRAINT "support_request_period" CHECK ("support_request"."period_until" is null or "support_request"."period_until" >= "support_request"."period_from")
);
--> statement-breakpoint
ALTER TABLE "swv" ADD COLUMN "consultants_decide" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "school_holiday" ADD CONSTRAINT "school_holiday_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangement_budget" ADD CONSTRAINT "arrangement_budget_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_advice" ADD CONSTRAINT "request_advice_swv_id_request_id_support_request_swv_id_id_fk" FOREIGN KEY ("swv_id","request_id") REFERENCES "public"."support_request"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_advice" ADD CONSTRAINT "request_advice_swv_id_adviser_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","adviser_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_delivery" ADD CONSTRAINT "request_delivery_swv_id_request_id_support_request_swv_id_id_fk" FOREIGN KEY ("swv_id","request_id") REFERENCES "public"."support_request"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_delivery" ADD CONSTRAINT "request_delivery_swv_id_recorded_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","recorded_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_event" ADD CONSTRAINT "request_event_swv_id_request_id_support_request_swv_id_id_fk" FOREIGN KEY ("swv_id","request_id") REFERENCES "public"."support_request"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_event" ADD CONSTRAINT "request_event_swv_id_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_type" ADD CONSTRAINT "request_type_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_swv_id_type_id_request_type_swv_id_id_fk" FOREIGN KEY ("swv_id","type_id") REFERENCES "public"."request_type"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_swv_id_extends_request_id_support_request_swv_id_id_fk" FOREIGN KEY ("swv_id","extends_request_id") REFERENCES "public"."support_request"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_swv_id_requested_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","requested_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_swv_id_assigned_to_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","assigned_to_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_swv_id_decided_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","decided_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_holiday_swv_id_first_day_index" ON "school_holiday" USING btree ("swv_id","first_day");--> statement-breakpoint
CREATE INDEX "request_advice_swv_id_request_id_index" ON "request_advice" USING btree ("swv_id","request_id");--> statement-breakpoint
CREATE INDEX "request_delivery_swv_id_request_id_index" ON "request_delivery" USING btree ("swv_id","request_id");--> statement-breakpoint
CREATE INDEX "request_event_swv_id_request_id_at_index" ON "request_event" USING btree ("swv_id","request_id","at");--> statement-breakpoint
CREATE INDEX "support_request_swv_id_state_deadline_on_index" ON "support_request" USING btree ("swv_id","state","deadline_on");--> statement-breakpoint
CREATE INDEX "support_request_swv_id_student_id_index" ON "support_request" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "support_request_swv_id_school_id_index" ON "support_request" USING btree ("swv_id","school_id");--> statement-breakpoint
-- A request's timeline is never rewritten (docs/domain.md, "Requests and decisions"): the
-- database refuses UPDATE; DELETE only comes with the request itself (a child's file removed).
CREATE FUNCTION request_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'request_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER request_event_no_update BEFORE UPDATE ON request_event
  FOR EACH ROW EXECUTE FUNCTION request_event_refuse_change();
