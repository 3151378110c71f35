//! gapdash: China's urban–rural digital divide, as told by the China Internet Development
//! Report 2020, in the terminal.
//!
//! The binary's own parts (the command line, the dashboard's loop, the data folder's watch)
//! live here; the rooms are the workspace's crates under `crates/`, named here as the tests
//! and benches reach them.

pub mod cli;
pub mod event;
pub mod setup;
pub mod watch;

pub use gapdash_app::{action, app, input, keys, layout, notes, text, view};
pub use gapdash_console::{console, console_loop, session, wire};
pub use gapdash_data as data;
#[cfg(feature = "export")]
pub use gapdash_export as export;
pub use gapdash_term::{ansi, input as term_input, output, terminal};
pub use gapdash_ui as ui;
pub use gapdash_ui::snapshot;
