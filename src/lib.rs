//! gapdash: China's urban–rural digital divide, as told by the China Internet Development
//! Report 2020, in the terminal.

pub mod action;
pub mod ansi;
pub mod app;
pub mod cli;
pub mod console;
pub mod console_loop;
pub mod data;
pub mod decode;
pub mod event;
pub mod export;
pub mod input;
pub mod keys;
pub mod layout;
pub mod notes;
pub mod output;
pub mod session;
pub mod snapshot;
pub mod terminal;
pub mod text;
pub mod tty;
pub mod ui;
pub mod view;
pub mod watch;
pub mod wire;
