CREATE TABLE "access_log" (
	"swv_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"student_id" uuid,
	"object_type" text NOT NULL,
	"object_id" text,
	"part" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"purpose" text NOT NULL,
	"break_glass" boolean DEFAULT false NOT NULL,
	"client_address" text NOT NULL,
	"request_id" text NOT NULL,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "access_log_swv_id_seq_pk" PRIMARY KEY("swv_id","seq")
);
--> statement-breakpoint
CREATE TABLE "access_log_head" (
	"swv_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_user" (
	"id" uuid PRIMARY KEY NOT NULL,
	"swv_id" uuid,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" bigint,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_email_unique" UNIQUE("email"),
	CONSTRAINT "app_user_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "app_user_email_lower" CHECK ("app_user"."email" = lower("app_user"."email"))
);
--> statement-breakpoint
CREATE TABLE "membership" (
	"id" uuid PRIMARY KEY NOT NULL,
	"swv_id" uuid,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"school_id" uuid,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"partner_organisation_id" uuid,
	CONSTRAINT "membership_scope" CHECK (("membership"."role" = 'operator') = ("membership"."swv_id" is null)
        and ("membership"."role" in ('school_ib', 'school_director', 'teacher')) = ("membership"."school_id" is not null)
        and ("membership"."role" = 'partner') = ("membership"."partner_organisation_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "oidc_login" (
	"state" text PRIMARY KEY NOT NULL,
	"swv_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_code" (
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "recovery_code_user_id_code_hash_pk" PRIMARY KEY("user_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_member" (
	"swv_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "team_member_swv_id_team_id_user_id_pk" PRIMARY KEY("swv_id","team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_identity" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "user_identity_issuer_subject_pk" PRIMARY KEY("issuer","subject")
);
--> statement-breakpoint
CREATE TABLE "board" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "board_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "board_swv_id_code_unique" UNIQUE("swv_id","code")
);
--> statement-breakpoint
CREATE TABLE "partner_organisation" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "partner_organisation_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "partner_organisation_swv_id_name_unique" UNIQUE("swv_id","name")
);
--> statement-breakpoint
CREATE TABLE "partner_school" (
	"swv_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	CONSTRAINT "partner_school_swv_id_partner_organisation_id_school_id_pk" PRIMARY KEY("swv_id","partner_organisation_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "school" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"board_id" uuid,
	"brin" text NOT NULL,
	"location_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"wijk" text NOT NULL,
	"municipality" text NOT NULL,
	"pupil_count" integer DEFAULT 0 NOT NULL,
	"support_profile" text DEFAULT '' NOT NULL,
	CONSTRAINT "school_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "school_swv_id_location_code_unique" UNIQUE("swv_id","location_code"),
	CONSTRAINT "school_location_code" CHECK ("school"."location_code" ~ '^[0-9]{2}[A-Z]{2}[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "swv" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"register_code" text NOT NULL,
	"sector" text NOT NULL,
	"municipalities" text[] DEFAULT '{}'::text[] NOT NULL,
	"holiday_region" text NOT NULL,
	"decision_working_days" integer DEFAULT 10 NOT NULL,
	"crisis_working_days" integer DEFAULT 1 NOT NULL,
	"skip_school_holidays" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "swv_register_code_unique" UNIQUE("register_code")
);
--> statement-breakpoint
CREATE TABLE "swv_oidc" (
	"swv_id" uuid PRIMARY KEY NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"wijk" text NOT NULL,
	CONSTRAINT "team_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "team_swv_id_name_unique" UNIQUE("swv_id","name")
);
--> statement-breakpoint
CREATE TABLE "team_school" (
	"swv_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	CONSTRAINT "team_school_swv_id_team_id_school_id_pk" PRIMARY KEY("swv_id","team_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "case_member" (
	"swv_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "case_member_swv_id_student_id_user_id_pk" PRIMARY KEY("swv_id","student_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "consent" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"partner_organisation_id" uuid,
	"given_by_user_id" uuid NOT NULL,
	"given_on" date NOT NULL,
	"expires_on" date,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "consent_partner" CHECK (("consent"."purpose" = 'share_with_partner') = ("consent"."partner_organisation_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "student" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"given_name" text NOT NULL,
	"family_name_prefix" text DEFAULT '' NOT NULL,
	"family_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"school_key" text,
	"group_name" text DEFAULT '' NOT NULL,
	"support_level" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "student_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "student_support_level" CHECK ("student"."support_level" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "student_guardian" (
	"swv_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "student_guardian_swv_id_student_id_user_id_pk" PRIMARY KEY("swv_id","student_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_swv_id_partner_organisation_id_partner_organisation_swv_id_id_fk" FOREIGN KEY ("swv_id","partner_organisation_id") REFERENCES "public"."partner_organisation"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_login" ADD CONSTRAINT "oidc_login_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_swv_id_team_id_team_swv_id_id_fk" FOREIGN KEY ("swv_id","team_id") REFERENCES "public"."team"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_identity" ADD CONSTRAINT "user_identity_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board" ADD CONSTRAINT "board_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_organisation" ADD CONSTRAINT "partner_organisation_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_school" ADD CONSTRAINT "partner_school_swv_id_partner_organisation_id_partner_organisation_swv_id_id_fk" FOREIGN KEY ("swv_id","partner_organisation_id") REFERENCES "public"."partner_organisation"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_school" ADD CONSTRAINT "partner_school_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school" ADD CONSTRAINT "school_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school" ADD CONSTRAINT "school_swv_id_board_id_board_swv_id_id_fk" FOREIGN KEY ("swv_id","board_id") REFERENCES "public"."board"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swv_oidc" ADD CONSTRAINT "swv_oidc_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_school" ADD CONSTRAINT "team_school_swv_id_team_id_team_swv_id_id_fk" FOREIGN KEY ("swv_id","team_id") REFERENCES "public"."team"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_school" ADD CONSTRAINT "team_school_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_swv_id_partner_organisation_id_partner_organisation_swv_id_id_fk" FOREIGN KEY ("swv_id","partner_organisation_id") REFERENCES "public"."partner_organisation"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_swv_id_given_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","given_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student" ADD CONSTRAINT "student_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student" ADD CONSTRAINT "student_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_guardian" ADD CONSTRAINT "student_guardian_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_guardian" ADD CONSTRAINT "student_guardian_swv_id_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_swv_id_student_id_at_index" ON "access_log" USING btree ("swv_id","student_id","at");--> statement-breakpoint
CREATE INDEX "access_log_swv_id_actor_user_id_at_index" ON "access_log" USING btree ("swv_id","actor_user_id","at");--> statement-breakpoint
CREATE INDEX "membership_user_id_index" ON "membership" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_id_index" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_member_user_id_index" ON "case_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "consent_swv_id_student_id_index" ON "consent" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "student_swv_id_school_id_family_name_index" ON "student" USING btree ("swv_id","school_id","family_name");--> statement-breakpoint
CREATE INDEX "student_guardian_user_id_index" ON "student_guardian" USING btree ("user_id");