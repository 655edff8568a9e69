-- Which CMS-secret key this desk's servers seal with (see src/server/outbox/SecretBox.ts): an
-- HMAC-SHA256 of a fixed label under the key, never the key. The first server that starts sets it;
-- a server with another key (its own key file, another COPYDESK_SECRET_KEY) refuses to start, instead
-- of sealing secrets the other servers cannot open and silently failing their pushes.
alter table desk add column secret_key_check text
  check (secret_key_check is null or secret_key_check ~ '^[0-9a-f]{64}$');
