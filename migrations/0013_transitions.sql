CREATE TABLE "transition" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"move_kind" text NOT NULL,
	"from_school_id" uuid,
	"to_school_id" uuid,
	"other_school_code" text DEFAULT '' NOT NULL,
	"other_school_name" text DEFAULT '' NOT NULL,
	"other_swv_name" text DEFAULT '' NOT NULL,
	"registered_on" date NOT NULL,
	"moves_on" date NOT NULL,
	"report" text DEFAULT '' NOT NULL,
	"handed_over_on" date,
	"handed_over_by_user_id" uuid,
	"consent_scope" text DEFAULT '' NOT NULL,
	"risk_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"meeting_on" date,
	"meeting_with" text DEFAULT '' NOT NULL,
	"extended" boolean DEFAULT false NOT NULL,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_on" date,
	"outcome" text,
	"decision_reason" text DEFAULT '' NOT NULL,
	"started_on" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "transition_schools" CHECK (("transition"."from_school_id" is null) = ("transition"."direction" = 'incoming') and ("transition"."to_school_id" is null) = ("transition"."direction" = 'outgoing')),
	CONSTRAINT "transition_decision" CHECK (("transition"."decided_on" is null) = ("transition"."outcome" is null))
);
--> statement-breakpoint
ALTER TABLE "transition" ADD CONSTRAINT "transition_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition" ADD CONSTRAINT "transition_swv_id_from_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","from_school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition" ADD CONSTRAINT "transition_swv_id_to_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","to_school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition" ADD CONSTRAINT "transition_swv_id_handed_over_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","handed_over_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition" ADD CONSTRAINT "transition_swv_id_created_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","created_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transition_swv_id_student_id_index" ON "transition" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "transition_swv_id_moves_on_index" ON "transition" USING btree ("swv_id","moves_on");