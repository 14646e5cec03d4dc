CREATE TABLE "arrangement_provider" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "arrangement_provider_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "arrangement_provider_swv_id_name_unique" UNIQUE("swv_id","name")
);
--> statement-breakpoint
CREATE TABLE "place_capacity" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"school_year" text NOT NULL,
	"school_id" uuid,
	"provider_id" uuid,
	"category" text NOT NULL,
	"places" integer NOT NULL,
	"taken" integer NOT NULL,
	"updated_by_user_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "place_capacity_one_place" CHECK (("place_capacity"."school_id" is null) <> ("place_capacity"."provider_id" is null)),
	CONSTRAINT "place_capacity_counts" CHECK ("place_capacity"."places" between 0 and 2000 and "place_capacity"."taken" between 0 and 2000),
	CONSTRAINT "place_capacity_school_year" CHECK ("place_capacity"."school_year" ~ '^[0-9]{4}-[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "waiting_entry" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"request_id" uuid,
	"school_id" uuid,
	"provider_id" uuid,
	"category" text NOT NULL,
	"since" date NOT NULL,
	"promised_on" date,
	"ended_on" date,
	"ending" text,
	"note" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "waiting_entry_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "waiting_entry_one_place" CHECK (("waiting_entry"."school_id" is null) <> ("waiting_entry"."provider_id" is null)),
	CONSTRAINT "waiting_entry_ending" CHECK (("waiting_entry"."ending" is null) = ("waiting_entry"."ended_on" is null)),
	CONSTRAINT "waiting_entry_promised" CHECK ("waiting_entry"."promised_on" is null or "waiting_entry"."promised_on" >= "waiting_entry"."since"),
	CONSTRAINT "waiting_entry_ended" CHECK ("waiting_entry"."ended_on" is null or "waiting_entry"."ended_on" >= "waiting_entry"."since")
);
--> statement-breakpoint
ALTER TABLE "arrangement_provider" ADD CONSTRAINT "arrangement_provider_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_capacity" ADD CONSTRAINT "place_capacity_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_capacity" ADD CONSTRAINT "place_capacity_swv_id_provider_id_arrangement_provider_swv_id_id_fk" FOREIGN KEY ("swv_id","provider_id") REFERENCES "public"."arrangement_provider"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_capacity" ADD CONSTRAINT "place_capacity_swv_id_updated_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","updated_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_entry" ADD CONSTRAINT "waiting_entry_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_entry" ADD CONSTRAINT "waiting_entry_swv_id_request_id_support_request_swv_id_id_fk" FOREIGN KEY ("swv_id","request_id") REFERENCES "public"."support_request"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_entry" ADD CONSTRAINT "waiting_entry_swv_id_school_id_school_swv_id_id_fk" FOREIGN KEY ("swv_id","school_id") REFERENCES "public"."school"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_entry" ADD CONSTRAINT "waiting_entry_swv_id_provider_id_arrangement_provider_swv_id_id_fk" FOREIGN KEY ("swv_id","provider_id") REFERENCES "public"."arrangement_provider"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_entry" ADD CONSTRAINT "waiting_entry_swv_id_created_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","created_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "place_capacity_school" ON "place_capacity" USING btree ("swv_id","school_year","school_id","category") WHERE "place_capacity"."school_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "place_capacity_provider" ON "place_capacity" USING btree ("swv_id","school_year","provider_id","category") WHERE "place_capacity"."provider_id" is not null;--> statement-breakpoint
CREATE INDEX "waiting_entry_swv_id_student_id_index" ON "waiting_entry" USING btree ("swv_id","student_id");--> statement-breakpoint
CREATE INDEX "waiting_entry_swv_id_since_index" ON "waiting_entry" USING btree ("swv_id","since");--> statement-breakpoint
CREATE UNIQUE INDEX "waiting_entry_open_school" ON "waiting_entry" USING btree ("swv_id","student_id","school_id") WHERE "waiting_entry"."ended_on" is null and "waiting_entry"."school_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "waiting_entry_open_provider" ON "waiting_entry" USING btree ("swv_id","student_id","provider_id") WHERE "waiting_entry"."ended_on" is null and "waiting_entry"."provider_id" is not null;