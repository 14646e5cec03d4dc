-- Parents agree with a text, not with a plan that may change after they answered (WPO art. 40a,
-- WVO art. 26). Each version's action part is numbered by amendment, and every answer keeps the
-- action part exactly as it was answered.
ALTER TABLE "plan" ADD COLUMN "amendment" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan" ADD COLUMN "action_part_revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_parent_response" ADD COLUMN "amendment" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_parent_response" ADD COLUMN "action_part" jsonb;--> statement-breakpoint
-- Answers given before this migration kept no text: they are taken to be for the action part as it
-- stands now (amendment 0), the same shape as actionPartOf in src/domain/plans.ts.
UPDATE "plan_parent_response" r SET "action_part" = jsonb_build_object(
  'hasDevelopmentPerspective', p."has_development_perspective",
  'programmeDeviations', CASE WHEN p."has_development_perspective" THEN p."programme_deviations" ELSE '' END,
  'goals', coalesce((
    SELECT jsonb_agg(jsonb_build_object(
      'id', g."id", 'description', g."description", 'baseline', g."baseline",
      'target', g."target", 'targetDate', g."target_date") ORDER BY g."position")
    FROM "plan_goal" g WHERE g."swv_id" = p."swv_id" AND g."plan_id" = p."id"), '[]'::jsonb),
  'agreements', coalesce((
    SELECT jsonb_agg(jsonb_build_object(
      'id', a."id", 'action', a."action", 'owner', a."owner",
      'partnerOrganisationId', a."partner_organisation_id", 'dueOn', a."due_on") ORDER BY a."position")
    FROM "plan_agreement" a WHERE a."swv_id" = p."swv_id" AND a."plan_id" = p."id"), '[]'::jsonb))
FROM "plan" p WHERE p."swv_id" = r."swv_id" AND p."id" = r."plan_id";--> statement-breakpoint
ALTER TABLE "plan_parent_response" ALTER COLUMN "action_part" SET NOT NULL;
