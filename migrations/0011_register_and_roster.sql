ALTER TABLE "school" ADD COLUMN "street" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "city" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "denomination" text;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "holiday_region" text;--> statement-breakpoint
ALTER TABLE "student" ADD COLUMN "eck_id" text;--> statement-breakpoint
ALTER TABLE "student" ADD COLUMN "left_on" date;