-- A workstation asks for the desk's live leases every few seconds (issue 15: "Editing: Asha since
-- 14:02" in its list). A lease row stays after it expires until its story is leased again, so the
-- table holds about one row per story ever edited: the list reads the few live ones by their expiry.
-- PostgreSQL 15 SQL (PGlite runs it too).
create index leases_expires_at on leases (expires_at);
