-- Lock rows for the hourly transcript-mail limits. Counting a requester's mails of the last hour and
-- recording a new one run in one transaction holding one of these rows (SELECT ... FOR UPDATE), so
-- concurrent requests, on any node, cannot both find room for one more. The requester's id hashes
-- to a stripe: the table keeps a fixed, small number of rows and no visitor or agent id; the
-- application inserts a stripe's row the first time it needs it.
-- Same shared subset of MySQL, MariaDB and H2 as V1.
CREATE TABLE transcript_email_locks (
    stripe  INT NOT NULL,
    PRIMARY KEY (stripe)
);
