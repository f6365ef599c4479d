-- An erasure in progress: it cleans the engine's history of the subject's cases one case at a time while the
-- subject's key still exists (the clear values are needed to find them in free text), and destroys the key last.
-- erasure_progress records what each cleaned case lost (counts, variable names; never a value), so that a second
-- request after a failure goes on where the first stopped and the final subject_erased event lists all of it.
alter table audit_privacy_subject add column erasure_started_at timestamp with time zone;
alter table audit_privacy_subject add column erasure_progress text;
