CREATE TABLE "document_chunk" (
	"swv_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"content_version" integer NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "document_chunk_document_id_content_version_seq_pk" PRIMARY KEY("document_id","content_version","seq"),
	CONSTRAINT "document_chunk_seq" CHECK ("document_chunk"."seq" >= 0)
);
--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "state" text DEFAULT 'stored' NOT NULL;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "content_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_chunk" ADD CONSTRAINT "document_chunk_swv_id_document_id_document_swv_id_id_fk" FOREIGN KEY ("swv_id","document_id") REFERENCES "public"."document"("swv_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- custom:begin document_chunks
-- Moves each stored document's ciphertext into chunks of 64 KB (docs/decisions/0023-…), version 1.
-- This block must run after "document_chunk" exists and BEFORE the generated
-- `ALTER TABLE "document" DROP COLUMN "content"`: placed after it, it fails (no column "content")
-- and the whole migration rolls back, so no document can be lost silently.
INSERT INTO "document_chunk" ("swv_id", "document_id", "content_version", "seq", "bytes")
  SELECT d."swv_id", d."id", 1, s.seq, substring(d."content" from s.seq * 65536 + 1 for 65536)
  FROM "document" d, generate_series(0, (length(d."content") - 1) / 65536) AS s(seq);--> statement-breakpoint
-- custom:end document_chunks
ALTER TABLE "document" DROP COLUMN "content";--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_state" CHECK ("document"."state" in ('storing', 'stored'));