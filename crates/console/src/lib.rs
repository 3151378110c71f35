//! The presenter's console: the wire between a dashboard and its consoles, the session's
//! rendezvous, the console's state, its screen and its loop.

pub mod console;
pub mod console_loop;
pub mod screen;
pub mod session;
pub mod wire;
