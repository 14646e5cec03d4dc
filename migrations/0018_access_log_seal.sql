ALTER TABLE "access_log" DROP CONSTRAINT "access_log_swv_id_seq_pk";--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "previous_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "id" bigint PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "sealed_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "access_log_swv_id_seq_index" ON "access_log" USING btree ("swv_id","seq");--> statement-breakpoint
CREATE INDEX "access_log_unsealed_index" ON "access_log" USING btree ("id") WHERE "access_log"."seq" is null;