//! The promise every area's operation rests on: it runs in one transaction, and
//! a refusal (an error value, not a panic) rolls back everything written before
//! it, on SQLite and on PostgreSQL alike.

use diesel::prelude::*;
use solidarity::audit::{self, Action, Actor};
use solidarity::db::DbError;
use solidarity::schema::audit_log;

use crate::helpers::*;

#[derive(Debug)]
enum Outcome {
    Refused,
    #[allow(dead_code)] // read by Debug when an assertion fails
    Database(DbError),
}
solidarity::database_errors!(Outcome);

fn audit_rows(app: &TestApp) -> i64 {
    let mut conn = app.db.get().unwrap();
    audit_log::table.count().get_result(&mut *conn).unwrap()
}

/// Writes two audit entries, then answers as `refuse` says.
async fn write_twice_then(app: &TestApp, refuse: bool) -> Result<(), Outcome> {
    app.db
        .transaction(move |conn| {
            let actor = Actor::system();
            audit::record(conn, &actor, Action::SettingsDues, 1, "first write")?;
            audit::record(conn, &actor, Action::SettingsDues, 2, "second write")?;
            if refuse {
                return Err(Outcome::Refused);
            }
            Ok(())
        })
        .await
}

#[tokio::test]
async fn a_refusal_after_writes_leaves_nothing_behind() {
    let app = spawn_app().await;
    let before = audit_rows(&app);

    let refused = write_twice_then(&app, true).await;
    assert!(matches!(refused, Err(Outcome::Refused)));
    assert_eq!(audit_rows(&app), before, "both writes rolled back");

    write_twice_then(&app, false).await.expect("committed");
    assert_eq!(
        audit_rows(&app),
        before + 2,
        "an accepted operation commits"
    );
}

#[tokio::test]
async fn a_failed_query_after_writes_leaves_nothing_behind() {
    let app = spawn_app().await;
    let before = audit_rows(&app);
    let failed = app
        .db
        .transaction(|conn| {
            audit::record(conn, &Actor::system(), Action::SettingsDues, 1, "written")?;
            // The same primary key twice: the database refuses the second row.
            let id: i64 = audit_log::table
                .select(audit_log::id)
                .order(audit_log::id.desc())
                .first(conn)?;
            diesel::insert_into(audit_log::table)
                .values((
                    audit_log::id.eq(id),
                    audit_log::occurred_at.eq(solidarity::domain::clock::now()),
                    audit_log::action.eq("settings.dues"),
                    audit_log::entity_type.eq("setting"),
                    audit_log::summary.eq("duplicate"),
                ))
                .execute(conn)?;
            Ok::<_, Outcome>(())
        })
        .await;
    assert!(matches!(failed, Err(Outcome::Database(_))), "{failed:?}");
    assert_eq!(audit_rows(&app), before);
}
