//! The terminal: entering and leaving it (crossterm), reading its events, writing frames
//! (ratatui's `Terminal` over a backend that writes each frame once), and printing for the
//! commands that print. What differs between operating systems is in `platform`.

pub mod ansi;
pub mod backend;
pub mod input;
pub mod output;
pub mod platform;
pub mod terminal;
pub mod wait;
