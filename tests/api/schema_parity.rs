//! Both migration trees must produce the same tables, columns and nullability,
//! since one query codebase (src/schema.rs) serves both backends.

use std::collections::BTreeSet;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use solidarity::db::{Backend, Db, DbConn};

use crate::helpers::TestDatabase;

#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Bool)]
    not_null: bool,
}

fn columns(db: &Db) -> BTreeSet<Column> {
    let mut conn = db.get().expect("connection");
    let rows: Vec<Column> = match &mut *conn {
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, p.\"notnull\" <> 0 AS not_null
             FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'",
        )
        .load(c),
        DbConn::Postgres(c) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, is_nullable = 'NO' AS not_null
             FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
        )
        .load(c),
    }
    .expect("list columns");
    rows.into_iter().collect()
}

#[tokio::test]
async fn both_backends_end_with_the_same_tables_columns_and_nullability() {
    let postgres = TestDatabase::fresh();
    if !postgres.is_postgres() {
        eprintln!("skipped: set TEST_DATABASE_URL to compare the PostgreSQL schema with SQLite's (.ci/run does)");
        return;
    }
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite_url = sqlite_dir.path().join("parity.db").display().to_string();

    let sqlite = Db::connect(&sqlite_url, Backend::Sqlite, 1).unwrap();
    sqlite.migrate().unwrap();
    let pg = Db::connect(&postgres.url, Backend::Postgres, 1).unwrap();
    pg.migrate().unwrap();

    let sqlite_columns = columns(&sqlite);
    let pg_columns = columns(&pg);
    assert!(sqlite_columns.len() > 20, "the schema was read");
    let only_sqlite: Vec<_> = sqlite_columns.difference(&pg_columns).collect();
    let only_pg: Vec<_> = pg_columns.difference(&sqlite_columns).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "SQLite only: {only_sqlite:#?}\nPostgreSQL only: {only_pg:#?}"
    );
}
