-- Accounts, part 2: failed sign-ins, counted in the database so every server process on it sees
-- the same counts. A row is written BEFORE the password is checked (so parallel guesses count at
-- once) and the e-mail's rows are deleted when a sign-in succeeds; what remains are failures.
create table sign_in_attempts (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  email_key text not null check (length(email_key) <= 320), -- the e-mail as typed, lower-cased
  address_key text not null check (length(address_key) <= 100) -- see addressKey.ts
);
create index sign_in_attempts_email on sign_in_attempts (email_key, at);
create index sign_in_attempts_address on sign_in_attempts (address_key, at);
create index sign_in_attempts_at on sign_in_attempts (at);

