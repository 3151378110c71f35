//! The report's data: types (`model`), loading and checking (`load`), and the list of every
//! figure with its source (`sources`).

pub mod load;
pub mod model;
pub mod sources;

pub use load::{BUILTIN_FILES, builtin};
pub use model::*;
pub use sources::SourceRow;
