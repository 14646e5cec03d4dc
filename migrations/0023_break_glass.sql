-- Break-glass access (docs/SECURITY.md A4, docs/decisions/0043-break-glass.md): the operator opens a
-- window on ONE child of ONE SWV, with a reason, for a bounded time; while it is open the policy lets
-- that operator read the child's file, and every access-log row made under it carries the flag and the
-- reason. The row is evidence like the access log: no foreign key to the child, so it outlives the file.
CREATE TABLE "break_glass_window" (
	"swv_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"operator_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "break_glass_window_swv_id_id_unique" UNIQUE("swv_id","id"),
	CONSTRAINT "break_glass_window_period" CHECK ("break_glass_window"."closes_at" > "break_glass_window"."opened_at"),
	CONSTRAINT "break_glass_window_closed_in_period" CHECK ("break_glass_window"."closed_at" is null or "break_glass_window"."closed_at" >= "break_glass_window"."opened_at")
);
--> statement-breakpoint
ALTER TABLE "break_glass_window" ADD CONSTRAINT "break_glass_window_swv_id_swv_id_fk" FOREIGN KEY ("swv_id") REFERENCES "public"."swv"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_window" ADD CONSTRAINT "break_glass_window_operator_user_id_app_user_id_fk" FOREIGN KEY ("operator_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_window_swv_id_student_id_operator_user_id_index" ON "break_glass_window" USING btree ("swv_id","student_id","operator_user_id");--> statement-breakpoint
CREATE INDEX "break_glass_window_swv_id_opened_at_index" ON "break_glass_window" USING btree ("swv_id","opened_at");--> statement-breakpoint
CREATE INDEX "break_glass_window_operator_user_id_opened_at_index" ON "break_glass_window" USING btree ("operator_user_id","opened_at");
