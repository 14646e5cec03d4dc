ALTER TABLE "student" ADD COLUMN "eck_id" text;--> statement-breakpoint
ALTER TABLE "student" ADD COLUMN "left_on" date;