ALTER TABLE "plan" ADD COLUMN "previous_pupil_view" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan" ADD COLUMN "goal_outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL;