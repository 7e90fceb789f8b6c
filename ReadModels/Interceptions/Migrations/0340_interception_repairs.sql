-- Reconciliation repairs the interception read model when it disagrees with a subject's projected state
-- (a lost or tampered row). The repair is a change like any other, so that agencies following
-- interception_changes hear of it: it takes new change-log positions from change_log_head, under the
-- head's lock, so snapshot at N plus the changes after N stays exactly the current state. Those positions
-- have no change_log row (no subject changed), so change_log is gap-free except at the positions marked here.
ALTER TABLE interception_changes ADD COLUMN IF NOT EXISTS repair boolean NOT NULL DEFAULT false;
