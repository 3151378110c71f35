//! The views, in the order the tabs show them, and how each is named.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use gapdash_data::Strings;

/// The seven views. The names are the command line's (`--view`, `snapshot`), and the
/// console's wire uses them too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    Overview,
    Penetration,
    Sales,
    Quotes,
    World,
    /// After the report: the periods and years since.toml holds.
    Since,
    Sources,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Overview,
        View::Penetration,
        View::Sales,
        View::Quotes,
        View::World,
        View::Since,
        View::Sources,
    ];

    /// Position in [`View::ALL`], from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The number the tabs and number keys give the view, from 1.
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// The view numbered `n` (1-based, as the number keys and tabs show it).
    pub fn numbered(n: usize) -> Option<View> {
        n.checked_sub(1).and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn first() -> View {
        Self::ALL[0]
    }

    pub fn last() -> View {
        Self::ALL[Self::ALL.len() - 1]
    }

    /// The name the command line uses for the view (`--view`, `snapshot`).
    pub fn name(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Penetration => "penetration",
            View::Sales => "sales",
            View::Quotes => "quotes",
            View::World => "world",
            View::Since => "since",
            View::Sources => "sources",
        }
    }

    /// The name on the view's tab, in the language of `words`.
    pub fn title(self, words: &Strings) -> &str {
        words.view_title(self.name())
    }

    /// Views whose bars grow in when entered in presentation mode.
    pub fn has_chart(self) -> bool {
        matches!(
            self,
            View::Penetration | View::Sales | View::World | View::Since
        )
    }

    /// The view `step` places on, wrapping around at either end (Tab, Shift-Tab).
    pub fn wrapping_add(self, step: isize) -> View {
        let n = Self::ALL.len() as isize;
        Self::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }

    /// The view `step` places on, stopping at either end (a clicker's buttons).
    pub fn saturating_add(self, step: isize) -> View {
        let last = Self::ALL.len() as isize - 1;
        Self::ALL[(self.index() as isize + step).clamp(0, last) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_wrap_or_stop_at_the_ends() {
        assert_eq!(View::last().wrapping_add(1), View::first());
        assert_eq!(View::first().wrapping_add(-1), View::last());
        assert_eq!(View::last().saturating_add(1), View::last());
        assert_eq!(View::first().saturating_add(-1), View::first());
    }

    #[test]
    fn view_names_are_the_command_lines() {
        for view in View::ALL {
            let clap_name = view.to_possible_value().map(|v| v.get_name().to_string());
            assert_eq!(clap_name.as_deref(), Some(view.name()));
        }
    }

    #[test]
    fn view_names_are_the_wires() {
        for view in View::ALL {
            let json = serde_json::to_string(&view).expect("a view serializes");
            assert_eq!(json, format!("\"{}\"", view.name()));
        }
    }

    #[test]
    fn numbers_count_from_one() {
        assert_eq!(View::numbered(1), Some(View::Overview));
        assert_eq!(View::numbered(0), None);
        assert_eq!(View::numbered(View::ALL.len() + 1), None);
        for view in View::ALL {
            assert_eq!(View::numbered(view.number()), Some(view));
        }
    }
}
