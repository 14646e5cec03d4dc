-- Retention per data kind (docs/decisions/0045-retention-per-data-kind.md): the periods the SWV's
-- administrator set; a kind without a row uses the default of src/domain/retention.ts.
CREATE TABLE "retention_setting" (
	"swv_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"years" smallint NOT NULL,
	"set_by_user_id" uuid NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "retention_setting_swv_id_kind_pk" PRIMARY KEY("swv_id","kind"),
	CONSTRAINT "retention_setting_years" CHECK ("retention_setting"."years" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "retention_setting" ADD CONSTRAINT "retention_setting_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_setting" ADD CONSTRAINT "retention_setting_swv_id_set_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","set_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;
