//! The terminal: entering and leaving it, reading its events, writing frames, and printing
//! for the commands that print.

pub mod ansi;
pub mod decode;
pub mod output;
pub mod terminal;
pub mod tty;
