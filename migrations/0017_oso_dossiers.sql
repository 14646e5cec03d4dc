CREATE TABLE "oso_attachment" (
	"swv_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"document_id" uuid NOT NULL,
	"source" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"medical" boolean NOT NULL,
	CONSTRAINT "oso_attachment_content" UNIQUE("swv_id","student_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "oso_dossier" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"file_sha256" text NOT NULL,
	"kind" text NOT NULL,
	"transfer" text DEFAULT '' NOT NULL,
	"exported_on" date,
	"package_name" text DEFAULT '' NOT NULL,
	"sending_location_code" text NOT NULL,
	"sending_school_name" text DEFAULT '' NOT NULL,
	"imported_by_user_id" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oso_dossier_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "oso_dossier_file" UNIQUE("swv_id","student_id","file_sha256")
);
--> statement-breakpoint
CREATE TABLE "oso_entry" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entry_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"dossier_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oso_entry_key" UNIQUE("swv_id","student_id","kind","entry_key"),
	CONSTRAINT "oso_entry_kind" CHECK ("oso_entry"."kind" in ('contact', 'career', 'result', 'support'))
);
--> statement-breakpoint
ALTER TABLE "oso_attachment" ADD CONSTRAINT "oso_attachment_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oso_attachment" ADD CONSTRAINT "oso_attachment_swv_id_document_id_document_swv_id_id_fk" FOREIGN KEY ("swv_id","document_id") REFERENCES "public"."document"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oso_attachment" ADD CONSTRAINT "oso_attachment_swv_id_dossier_id_oso_dossier_swv_id_id_fk" FOREIGN KEY ("swv_id","dossier_id") REFERENCES "public"."oso_dossier"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oso_dossier" ADD CONSTRAINT "oso_dossier_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oso_dossier" ADD CONSTRAINT "oso_dossier_swv_id_imported_by_user_id_app_user_swv_id_id_fk" FOREIGN KEY ("swv_id","imported_by_user_id") REFERENCES "public"."app_user"("swv_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oso_entry" ADD CONSTRAINT "oso_entry_swv_id_student_id_student_swv_id_id_fk" FOREIGN KEY ("swv_id","student_id") REFERENCES "public"."student"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oso_entry" ADD CONSTRAINT "oso_entry_swv_id_dossier_id_oso_dossier_swv_id_id_fk" FOREIGN KEY ("swv_id","dossier_id") REFERENCES "public"."oso_dossier"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oso_attachment_swv_id_student_id_index" ON "oso_attachment" USING btree ("swv_id","student_id");