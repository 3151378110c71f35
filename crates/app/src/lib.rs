//! The dashboard's state: the views, the one key table, the Actions keys and events ask
//! for, and `App::update`, which turns them into a new state and an Effect for the loop.
//! Pure: no terminal, no drawing, no I/O.

pub mod action;
pub mod app;
pub mod input;
pub mod keys;
pub mod layout;
pub mod notes;
pub mod text;
pub mod view;
