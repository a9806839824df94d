-- Access receipts for the manager's checklist ratings, the 1:1 rhythm and a search of the 1:1s (ADR 041).
-- A risk's page is written down as "account", so no receipt ever says a risk exists.
ALTER TABLE "access_receipts" DROP CONSTRAINT "access_receipts_target";--> statement-breakpoint
ALTER TABLE "access_receipts" ADD CONSTRAINT "access_receipts_target" CHECK ("target" in ('account', 'commitment', 'meeting', 'person-record', 'export', 'checklist', 'rhythm', 'search'));