//! Group commit: one writer thread per [`Db`](super::Db) takes every operation
//! waiting at the moment it is free and runs them in ONE write transaction, each
//! in a savepoint of its own, then commits once and only then answers each
//! caller with its own result.
//!
//! Why: on SQLite every write transaction takes the one write lock and waits for
//! its own commit, so a burst of signers queues on the lock one commit at a time;
//! on PostgreSQL each commit waits for its own WAL flush. One writer that commits
//! what has gathered while the previous commit ran pays one lock and one flush
//! for the whole group.
//!
//! What a caller may rely on:
//! - its result is sent only after the commit succeeded, so nothing it is told
//!   can be undone by a crash (a `kill -9` loses only operations not yet answered);
//! - an error of its own (a refusal, a failed query) rolls back its savepoint
//!   alone; the others in the group commit as if it had not been there;
//! - when the commit itself fails, every operation of the group gets the error.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use diesel::Connection;

use super::{write_transaction, DbConn, DbError, Pool};

/// At most this many operations share one transaction; more wait for the next.
pub const MAX_GROUP: usize = 256;

/// What the writer does with one waiting operation: run it in its savepoint, and
/// return how to answer its caller once the group's fate is known.
pub(super) type Job = Box<dyn FnOnce(&mut DbConn) -> Answer + Send>;
/// Answers one caller: with its own result after a commit, or the commit's error.
pub(super) type Answer = Box<dyn FnOnce(Result<(), &DbError>) + Send>;

/// Wraps an operation as a job; the receiver gets its result after the commit.
pub(super) fn job<T, E, F>(operation: F) -> (Job, tokio::sync::oneshot::Receiver<Result<T, E>>)
where
    F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + From<diesel::result::Error> + Send + 'static,
{
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move |conn: &mut DbConn| -> Answer {
        // Inside the group's transaction, diesel's nested transaction is a savepoint.
        let result = conn.transaction(operation);
        let answer: Answer = Box::new(move |commit: Result<(), &DbError>| {
            let answer = match commit {
                Ok(()) => result,
                Err(error) => Err(E::from(DbError::GroupCommit(error.to_string()))),
            };
            // The caller may have gone (its request was cancelled): nothing to tell.
            let _ = sender.send(answer);
        });
        answer
    });
    (job, receiver)
}

/// Starts the writer thread; it ends when every sender is gone.
pub(super) fn start(pool: Pool) -> std::io::Result<mpsc::Sender<Job>> {
    let (sender, receiver) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("group-commit".into())
        .spawn(move || writer(&pool, &receiver))?;
    Ok(sender)
}

fn writer(pool: &Pool, receiver: &mpsc::Receiver<Job>) {
    while let Ok(first) = receiver.recv() {
        let mut group = Vec::with_capacity(16);
        group.push(first);
        while group.len() < MAX_GROUP {
            match receiver.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        // A panicking operation drops the answers of its group (their callers
        // see a cancelled task) and the connection (its open transaction marks
        // it broken for the pool); the writer goes on with the next group.
        if catch_unwind(AssertUnwindSafe(|| commit_group(pool, group))).is_err() {
            tracing::error!("an operation panicked in a group commit; its group was not committed");
        }
    }
}

/// Runs one group in one transaction and answers each caller after the commit.
fn commit_group(pool: &Pool, group: Vec<Job>) {
    let mut answers: Vec<Answer> = Vec::with_capacity(group.len());
    let committed = pool.get().map_err(DbError::from).and_then(|mut conn| {
        write_transaction(&mut conn, |conn| {
            for job in group {
                answers.push(job(conn));
            }
            Ok::<_, DbError>(())
        })
    });
    if let Err(error) = &committed {
        tracing::warn!(%error, operations = answers.len(), "a group commit failed");
    }
    for answer in answers {
        answer(committed.as_ref().map(|_| ()));
    }
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    use crate::db::{Backend, Db, DbError};

    #[derive(Debug)]
    enum Refused {
        No,
        Db,
    }

    impl From<DbError> for Refused {
        fn from(_: DbError) -> Refused {
            Refused::Db
        }
    }

    impl From<diesel::result::Error> for Refused {
        fn from(_: diesel::result::Error) -> Refused {
            Refused::Db
        }
    }

    fn insert(conn: &mut crate::db::DbConn, n: i64) -> QueryResult<usize> {
        let sql = format!("INSERT INTO t (n) VALUES ({n})");
        crate::on_backend!(conn, |c| diesel::sql_query(&sql).execute(c))
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_refusal_rolls_back_its_own_writes_and_the_group_commits_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("group.db").display().to_string();
        let db = Db::connect(&path, Backend::Sqlite, 2).unwrap();
        db.get()
            .unwrap()
            .batch_execute("CREATE TABLE t (n INTEGER NOT NULL)")
            .unwrap();
        // The lock held elsewhere makes every operation wait in one group.
        let mut holder = db.get().unwrap();
        holder.batch_execute("BEGIN IMMEDIATE").unwrap();
        let operations: Vec<_> = (0..20_i64)
            .map(|n| {
                let db = db.clone();
                tokio::spawn(async move {
                    db.grouped(move |conn| {
                        insert(conn, n)?;
                        if n % 2 == 1 {
                            return Err(Refused::No);
                        }
                        // What the group wrote before this one is visible to it.
                        let count = "SELECT count(*) AS n FROM t";
                        let seen: Row =
                            crate::on_backend!(conn, |c| diesel::sql_query(count).get_result(c))?;
                        Ok(seen.n)
                    })
                    .await
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        holder.batch_execute("COMMIT").unwrap();
        let mut seen_most = 0;
        for (n, operation) in operations.into_iter().enumerate() {
            match operation.await.unwrap() {
                Ok(seen) => {
                    assert_eq!(n % 2, 0);
                    seen_most = seen_most.max(seen);
                }
                Err(refused) => assert!(matches!(refused, Refused::No) && n % 2 == 1),
            }
        }
        assert!(seen_most > 1, "the operations shared a transaction");
        let mut conn = db.get().unwrap();
        let rows: Vec<Row> = crate::on_backend!(&mut *conn, |c| diesel::sql_query(
            "SELECT n FROM t ORDER BY n"
        )
        .load(c))
        .unwrap();
        let stored: Vec<i64> = rows.into_iter().map(|r| r.n).collect();
        assert_eq!(stored, (0..20).step_by(2).collect::<Vec<_>>());
    }

    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
}
