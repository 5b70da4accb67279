//! The results: rows a child prints, the Markdown table the parent assembles, and
//! the line about the machine that precedes it.

use std::path::PathBuf;
use std::process::Command;

use crate::measure::Settings;

/// Marks a result line on a child's stdout, where the app prints other things too
/// (the setup link).
const ROW_PREFIX: &str = "RESULT\t";

/// One measurement: its label and the figures, already formatted.
pub type Row = (String, String);

/// Prints one result row for the parent to collect.
pub fn emit_row(label: &str, value: &str) {
    println!("{ROW_PREFIX}{label}\t{value}");
}

pub fn parse_rows(stdout: &str) -> Vec<Row> {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix(ROW_PREFIX))
        .filter_map(|row| row.split_once('\t'))
        .map(|(label, value)| (label.to_string(), value.to_string()))
        .collect()
}

/// What one backend's column holds.
pub enum Column {
    Measured(Vec<Row>),
    /// The child stopped early: the rows it printed before, the rest marked failed.
    Failed(Vec<Row>),
    Skipped(String),
}

impl Column {
    pub fn failed(&self) -> bool {
        matches!(self, Column::Failed(_))
    }

    fn rows(&self) -> &[Row] {
        match self {
            Column::Measured(rows) | Column::Failed(rows) => rows,
            Column::Skipped(_) => &[],
        }
    }

    fn cell(&self, label: &str) -> String {
        let found = self.rows().iter().find(|(l, _)| l == label);
        match (self, found) {
            (_, Some((_, value))) => value.clone(),
            (Column::Measured(_), None) => "—".into(),
            (Column::Failed(_), None) => "failed".into(),
            (Column::Skipped(_), None) => "skipped".into(),
        }
    }
}

pub struct Table {
    columns: Vec<(&'static str, Column)>,
}

impl Table {
    pub fn new(columns: Vec<(&'static str, Column)>) -> Table {
        Table { columns }
    }

    /// Rows in the order the measurements ran; a label only one backend has still
    /// gets its row.
    fn labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = Vec::new();
        for (_, column) in &self.columns {
            for (label, _) in column.rows() {
                if !labels.contains(&label.as_str()) {
                    labels.push(label);
                }
            }
        }
        labels
    }

    pub fn to_markdown(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|(name, _)| *name).collect();
        let mut lines = vec![
            format!("| measurement | {} |", names.join(" | ")),
            format!("|---|{}", "---:|".repeat(names.len())),
        ];
        for label in self.labels() {
            let cells: Vec<String> = self
                .columns
                .iter()
                .map(|(_, column)| column.cell(label))
                .collect();
            lines.push(format!("| {label} | {} |", cells.join(" | ")));
        }
        for (name, column) in &self.columns {
            if let Column::Skipped(reason) = column {
                lines.push(format!("\n{name} skipped: {reason}."));
            }
        }
        lines.join("\n")
    }
}

/// Cores, memory, commit and how long each run lasted: what a reader needs to
/// compare two tables. The load average before the start tells whether something
/// else was competing for the cores (the app and the load share them already).
pub fn machine_line(settings: &Settings) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "Machine: {cores} cores, {} RAM, load average {} before the start; commit {}; \
         each figure the median of {} runs of {} s after a {} s warm-up.",
        total_memory(),
        load_average(),
        git_commit(),
        settings.runs,
        settings.run.as_secs_f64(),
        settings.warm_up.as_secs_f64(),
    )
}

/// The 1-minute load average from /proc/loadavg.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

fn total_memory() -> String {
    let kib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|meminfo| kib_field(&meminfo, "MemTotal:"));
    match kib {
        Some(kib) => format!("{:.1} GiB", kib as f64 / (1024.0 * 1024.0)),
        None => "unknown".into(),
    }
}

/// A `Name:   1234 kB` line of /proc/meminfo or /proc/self/status, in KiB.
pub fn kib_field(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .find_map(|line| line.strip_prefix(name))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn git_commit() -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|commit| !commit.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Writes `name` into cargo's target folder (CARGO_TARGET_DIR, or ./target).
pub fn write_to_target_dir(name: &str, contents: &str) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let path = target.join(name);
    match std::fs::write(&path, format!("{contents}\n")) {
        Ok(()) => eprintln!("table written to {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
}
