//! The report's data: types (`model`), loading (`load`) and checking (`validate`) with
//! exact positions (`problem`), text made safe to draw (`clean`), where the files come from
//! (`source`), the list of every figure with its source (`sources`), how figures are
//! written (`fmt`), the figures a note may state (`figures`), and stated growth rates against
//! the totals beside them (`rates`).

pub mod clean;
mod compiled;
pub mod dates;
pub mod doc;
pub mod figures;
pub mod fmt;
pub mod i18n;
pub mod load;
pub mod model;
pub mod palette;
pub mod problem;
pub mod rates;
pub mod read;
pub mod source;
pub mod sources;
mod validate;
pub mod write;

pub use compiled::palettes as builtin_palettes;
pub use i18n::{Lang, Strings};
pub use load::{BUILTIN_FILES, builtin};
pub use model::*;
pub use problem::{LoadError, Problem};
pub use source::DataSource;
pub use sources::SourceRow;
