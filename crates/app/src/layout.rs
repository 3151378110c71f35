//! Pure geometry, shared by `App` (how far a quote can scroll, which tab a click hit) and
//! `ui` (where to draw): the stage, the frame's rows, the view's area, the tabs, the quote's
//! lines. Fixed splits are plain arithmetic; nothing here draws or reads the terminal.

use ratatui::layout::{Constraint, Direction, Layout, Margin, Rect};

use crate::view::View;
use crate::{keys, text};
use gapdash_data::i18n::Keys;
use gapdash_data::{Quote, Strings};

/// Below this size the frame cannot show a view legibly, so it says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// The name at the left of the title bar.
pub const NAME: &str = " gapdash ";

/// Quotes read best at a book's line length, however wide the terminal.
pub const QUOTE_LINE: usize = 72;

/// A rectangle of at most `width`×`height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (w, h) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The area the dashboard draws in: the whole terminal, or the `--stage` size centred in it.
pub fn stage(area: Rect, stage: Option<(u16, u16)>) -> Rect {
    match stage {
        Some((w, h)) => centered(area, w, h),
        None => area,
    }
}

/// The dashboard's stage and, with the speaker's notes shown, the notes panel: below the
/// dashboard where both fit, else over the dashboard's bottom rows. The panel takes a third
/// of the stage, 6 to 12 rows.
pub fn stage_and_notes(
    area: Rect,
    stage_size: Option<(u16, u16)>,
    notes: bool,
) -> (Rect, Option<Rect>) {
    let stage = stage(area, stage_size);
    if !notes {
        return (stage, None);
    }
    let (panel, above) = split_bottom(stage, (stage.height / 3).clamp(6, 12));
    if fits(above) {
        (above, Some(panel))
    } else {
        (stage, Some(panel))
    }
}

/// Whether a stage is big enough to draw the dashboard in.
pub fn fits(stage: Rect) -> bool {
    stage.width >= MIN_WIDTH && stage.height >= MIN_HEIGHT
}

/// The top `rows` rows of `area`, and the rest.
pub fn split_top(area: Rect, rows: u16) -> (Rect, Rect) {
    let rows = rows.min(area.height);
    (
        Rect {
            height: rows,
            ..area
        },
        Rect {
            y: area.y + rows,
            height: area.height - rows,
            ..area
        },
    )
}

/// `area` cut into rows (`Direction::Vertical`) or columns by `constraints`, exactly as
/// ratatui's `Layout` cuts it, without running its solver where the answer is plain: only
/// `Length`s and `Fill`s, the lengths fitting, no spacing. The fills then share what the
/// lengths leave in proportion to their weights, and each edge is rounded as `Layout` rounds
/// it (to hundredths of a cell, then to a cell). Anything else is `Layout`'s.
///
/// Why: the solver took about a third of drawing the first frame, for four plain layouts
/// (README, Performance); a test holds this to `Layout`'s answer over about 8,000 sizes
/// and lengths.
pub fn split<const N: usize>(
    area: Rect,
    direction: Direction,
    constraints: [Constraint; N],
) -> [Rect; N] {
    let (start, size) = match direction {
        Direction::Horizontal => (area.x, area.width),
        Direction::Vertical => (area.y, area.height),
    };
    let mut lengths = 0u32;
    let mut weights = 0u32;
    for constraint in constraints {
        match constraint {
            Constraint::Length(n) => lengths += u32::from(n),
            Constraint::Fill(weight) if weight > 0 => weights += u32::from(weight),
            _ => return Layout::new(direction, constraints).areas(area),
        }
    }
    if weights == 0 || lengths > u32::from(size) {
        return Layout::new(direction, constraints).areas(area);
    }
    // Edges in hundredths of a cell, as the solver has them.
    let room = f64::from(u32::from(size) - lengths) * 100.0;
    let edge = |lengths: u32, filled: u32| {
        f64::from(start) * 100.0
            + f64::from(lengths) * 100.0
            + room * f64::from(filled) / f64::from(weights)
    };
    let cell = |hundredths: f64| ((hundredths.round() / 100.0).round()) as u16;
    let (mut lengths_before, mut weights_before) = (0u32, 0u32);
    constraints.map(|constraint| {
        let from = cell(edge(lengths_before, weights_before));
        match constraint {
            Constraint::Length(n) => lengths_before += u32::from(n),
            Constraint::Fill(weight) => weights_before += u32::from(weight),
            _ => {}
        }
        let to = cell(edge(lengths_before, weights_before));
        match direction {
            Direction::Horizontal => Rect {
                x: from,
                width: to - from,
                ..area
            },
            Direction::Vertical => Rect {
                y: from,
                height: to - from,
                ..area
            },
        }
    })
}

/// The bottom `rows` rows of `area`, and the rest above them.
pub fn split_bottom(area: Rect, rows: u16) -> (Rect, Rect) {
    let rows = rows.min(area.height);
    (
        Rect {
            y: area.bottom() - rows,
            height: rows,
            ..area
        },
        Rect {
            height: area.height - rows,
            ..area
        },
    )
}

/// The frame's rows outside presentation mode: the title bar, the bordered body, the hint
/// bar.
pub fn frame_rows(stage: Rect) -> [Rect; 3] {
    let (title, rest) = split_top(stage, 1);
    let (hints, body) = split_bottom(rest, 1);
    [title, body, hints]
}

/// Where a view draws in a stage: inside the border, or in presentation mode inside the
/// margins under the slim bar.
pub fn view_area(stage: Rect, present: bool) -> Rect {
    if present {
        let (_, body) = split_top(stage, 1);
        body.inner(Margin::new(
            (body.width / 16).max(2),
            (body.height / 15).max(1),
        ))
    } else {
        frame_rows(stage)[1].inner(Margin::new(2, 1))
    }
}

/// The tabs as (view, text), numbered as the keys are. When the full names do not fit in
/// `width`, only the current view keeps its name.
pub fn tabs(current: View, words: &Strings, width: u16) -> Vec<(View, String)> {
    let tab = |view: View, full: bool| -> String {
        let pad = if view == current { " " } else { "" };
        if full || view == current {
            format!(" {} {}{pad}", view.number(), view.title(words))
        } else {
            format!(" {}{pad}", view.number())
        }
    };
    let full_width: usize = text::width(NAME)
        + View::ALL
            .iter()
            .map(|v| text::width(&tab(*v, true)))
            .sum::<usize>();
    let full = full_width <= width as usize;
    View::ALL.iter().map(|v| (*v, tab(*v, full))).collect()
}

/// Autoplay's state as the title bar says it: every how many seconds, or paused.
pub fn autoplay_label(words: &Strings, every: std::time::Duration, paused: bool) -> String {
    if paused {
        words.frame.autoplay_paused.clone()
    } else {
        words
            .frame
            .autoplay
            .fill(&[("seconds", &every.as_secs_f64())])
    }
}

/// The cells of a title bar `bar_width` wide the tabs may take: the rest, when autoplay is
/// on, is its label's (with a cell each side).
pub fn tabs_room(bar_width: u16, autoplay_label: Option<&str>) -> u16 {
    let label = autoplay_label.map_or(0, |l| text::width(l) as u16 + 2);
    bar_width.saturating_sub(label)
}

/// The view whose tab is at column `x` of the title bar `bar`, if any, the tabs laid out in
/// `room` cells.
pub fn tab_at(current: View, words: &Strings, bar: Rect, room: u16, x: u16) -> Option<View> {
    let mut left = bar.x + text::width(NAME) as u16;
    for (view, label) in tabs(current, words, room) {
        let right = left + text::width(&label) as u16;
        if (left..right).contains(&x) {
            return Some(view);
        }
        left = right;
    }
    None
}

/// The help overlay over a stage: wide enough for its widest row, as tall as its rows and
/// the border, within the stage.
pub fn help_popup(stage: Rect, words: &Keys, wide: bool) -> Rect {
    let rows = keys::help_rows(words, wide);
    let keys_w = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
    let help_w = rows.iter().map(|(_, h)| text::width(h)).max().unwrap_or(0);
    // The border and a cell of padding each side, two cells between the columns, and one
    // to spare.
    let width = (keys_w + help_w + 7) as u16;
    centered(stage, width, rows.len() as u16 + 2)
}

/// How far the help overlay can scroll in a stage too short to show every row.
pub fn help_scroll_room(stage: Rect, words: &Keys, wide: bool) -> u16 {
    (keys::help_rows(words, wide).len() as u16 + 2).saturating_sub(stage.height)
}

/// The quotes view's rows: heading, the quote, the position line.
pub fn quote_rows(area: Rect) -> [Rect; 3] {
    let (head, rest) = split_top(area, 1);
    let (foot, body) = split_bottom(rest, 1);
    [head, body, foot]
}

/// A quote wrapped for a quote body `body_width` cells wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLines {
    pub words: Vec<String>,
    pub speaker: Vec<String>,
    pub source: Vec<String>,
}

impl QuoteLines {
    /// The quote in its own words; who said it and where, in the language of `words`.
    pub fn new(quote: &Quote, words: &Strings, body_width: u16) -> QuoteLines {
        let width = (body_width as usize).saturating_sub(4).clamp(1, QUOTE_LINE);
        QuoteLines {
            words: text::wrap(&quote.display_text(), width),
            speaker: text::wrap(&format!("— {}", words.term(&quote.speaker)), width),
            source: text::wrap(words.term(&quote.source), width),
        }
    }

    /// Rows the quote takes: its words, a blank row, the speaker and the source.
    pub fn height(&self) -> u16 {
        (self.words.len() + 1 + self.speaker.len() + self.source.len()) as u16
    }
}

/// Below this size the console says so instead of drawing.
pub const CONSOLE_MIN_WIDTH: u16 = 40;
pub const CONSOLE_MIN_HEIGHT: u16 = 12;

/// Rows of the console's boxes (what comes next, the time), borders included.
const CONSOLE_BOXES: u16 = 5;

/// The console's rows: the title bar, the notes, the boxes, the hints (or the status line).
pub fn console_rows(area: Rect) -> [Rect; 4] {
    let (title, rest) = split_top(area, 1);
    let (hints, rest) = split_bottom(rest, 1);
    let (boxes, notes) = split_bottom(rest, CONSOLE_BOXES);
    [title, notes, boxes, hints]
}

/// Where the console writes the notes: their rows, inside a margin of two columns.
pub fn console_notes(area: Rect) -> Rect {
    console_rows(area)[1].inner(Margin::new(2, 0))
}

/// What a line of the notes is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteLine {
    /// The notes state figures the data no longer holds.
    Stale,
    /// What to say now: the first note.
    Now,
    /// What to say after it (on the quotes view, the view's own note).
    Later,
    /// There are no notes.
    None,
}

/// The notes as the panel and the console show them, wrapped to `width` cells: first, when
/// they state figures the data no longer holds, a line saying so; then each note, an empty
/// line between two; or, without notes, that there are none.
pub fn notes_lines<S: AsRef<str>>(
    words: &Strings,
    notes: &[S],
    stale: &[String],
    width: usize,
) -> Vec<(NoteLine, String)> {
    let wrapped = |kind: NoteLine, text: &str| {
        text::wrap(text, width)
            .into_iter()
            .map(move |l| (kind, l))
            .collect::<Vec<_>>()
    };
    if notes.is_empty() {
        return wrapped(NoteLine::None, &words.notes.none);
    }
    let mut lines = Vec::new();
    if !stale.is_empty() {
        let said = words.notes.stale.fill(&[("figures", &stale.join(", "))]);
        lines.extend(wrapped(NoteLine::Stale, &said));
        lines.push((NoteLine::Stale, String::new()));
    }
    for (i, note) in notes.iter().enumerate() {
        let kind = if i == 0 {
            NoteLine::Now
        } else {
            NoteLine::Later
        };
        if i > 0 {
            lines.push((kind, String::new()));
        }
        lines.extend(wrapped(kind, note.as_ref()));
    }
    lines
}

/// Where the notes panel writes the notes: inside its border, a column's margin each side.
pub fn notes_panel_text(panel: Rect) -> Rect {
    panel.inner(Margin::new(2, 1))
}

/// How far `lines` lines of notes can scroll in `area` rows (0 when they fit).
pub fn notes_scroll_room(lines: usize, area: Rect) -> u16 {
    u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_sub(area.height)
}

/// How far `quote` can scroll when the view is drawn in `view_area` (0 when it fits).
pub fn quote_scroll_room(quote: &Quote, words: &Strings, view_area: Rect) -> u16 {
    let [_, body, _] = quote_rows(view_area);
    QuoteLines::new(quote, words, body.width)
        .height()
        .saturating_sub(body.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `split` is `Layout`'s answer for every size and every length, where it answers
    /// itself and where it hands over: the shapes the views cut.
    #[test]
    fn split_is_what_layout_makes_at_every_size() {
        use Constraint::{Fill, Length};
        // Sizes past a wide terminal's, at an edge and off it; rows to 30 with every
        // length to 4 (about 8,000 layouts: the solver is slow in a debug build).
        for size in 0..=130u16 {
            for at in [0u16, 7] {
                let columns = Rect::new(at, 3, size, 5);
                let rows = Rect::new(2, at, 9, size);
                let same = |area: Rect, direction: Direction, constraints: &[Constraint]| {
                    let layout = Layout::new(direction, constraints.to_vec()).split(area);
                    let ours: Vec<Rect> = match *constraints {
                        [a, b] => split(area, direction, [a, b]).to_vec(),
                        [a, b, c] => split(area, direction, [a, b, c]).to_vec(),
                        [a, b, c, d] => split(area, direction, [a, b, c, d]).to_vec(),
                        [a, b, c, d, e] => split(area, direction, [a, b, c, d, e]).to_vec(),
                        _ => unreachable!("the shapes below"),
                    };
                    assert_eq!(
                        ours,
                        layout.to_vec(),
                        "{area:?} {direction:?} {constraints:?}"
                    );
                };
                same(columns, Direction::Horizontal, &[Fill(1), Fill(1), Fill(1)]);
                same(columns, Direction::Horizontal, &[Fill(1), Fill(2)]);
                for n in [0u16, 1, 7, 24, 131] {
                    same(
                        columns,
                        Direction::Horizontal,
                        &[Fill(1), Length(2), Length(n)],
                    );
                    same(
                        columns,
                        Direction::Horizontal,
                        &[Length(n), Length(2), Fill(1)],
                    );
                    same(
                        columns,
                        Direction::Horizontal,
                        &[Fill(1), Length(2), Length(n), Length(1)],
                    );
                }
                if size <= 30 && at == 7 {
                    for (a, b, c) in (0..5u16).flat_map(|a| {
                        (0..5u16).flat_map(move |b| (0..5u16).map(move |c| (a, b, c)))
                    }) {
                        same(
                            rows,
                            Direction::Vertical,
                            &[Length(a), Fill(1), Fill(1), Length(b), Length(c)],
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_stage_is_centred_and_clipped() {
        let area = Rect::new(0, 0, 120, 40);
        assert_eq!(stage(area, Some((100, 30))), Rect::new(10, 5, 100, 30));
        assert_eq!(stage(area, Some((200, 60))), area);
        assert_eq!(stage(area, None), area);
    }

    #[test]
    fn the_notes_go_under_the_dashboard_when_both_fit_else_over_it() {
        let area = Rect::new(0, 0, 100, 30);
        assert_eq!(stage_and_notes(area, None, false), (area, None));
        assert_eq!(
            stage_and_notes(area, None, true),
            (Rect::new(0, 0, 100, 20), Some(Rect::new(0, 20, 100, 10)))
        );
        let small = Rect::new(0, 0, 60, 18);
        assert_eq!(
            stage_and_notes(small, None, true),
            (small, Some(Rect::new(0, 12, 60, 6)))
        );
    }

    #[test]
    fn the_console_gives_the_notes_what_the_title_boxes_and_hints_leave() {
        let [title, notes, boxes, hints] = console_rows(Rect::new(0, 0, 80, 24));
        assert_eq!(
            (title, notes, boxes, hints),
            (
                Rect::new(0, 0, 80, 1),
                Rect::new(0, 1, 80, 17),
                Rect::new(0, 18, 80, 5),
                Rect::new(0, 23, 80, 1)
            )
        );
        assert_eq!(
            console_notes(Rect::new(0, 0, 80, 24)),
            Rect::new(2, 1, 76, 17)
        );
    }

    #[test]
    fn notes_lines_say_stale_first_and_none_when_there_are_none() {
        let report = gapdash_data::builtin().expect("built-in data");
        let words = &report.i18n.en;
        let line = |kind, text: &str| (kind, text.to_string());
        assert_eq!(
            notes_lines(words, &["one two three", "four"], &[], 8),
            [
                line(NoteLine::Now, "one two"),
                line(NoteLine::Now, "three"),
                line(NoteLine::Later, ""),
                line(NoteLine::Later, "four")
            ]
        );
        let stale = notes_lines(words, &["one"], &["36.2".to_string()], 200);
        assert_eq!(
            stale,
            [
                line(
                    NoteLine::Stale,
                    "Stale: this note states 36.2, which the data no longer holds \
                     (gapdash check names the line)."
                ),
                line(NoteLine::Stale, ""),
                line(NoteLine::Now, "one")
            ]
        );
        let none: [&str; 0] = [];
        assert_eq!(
            notes_lines(&report.i18n.zh, &none, &[], 200),
            [line(
                NoteLine::None,
                "没有演讲者备注：这份数据没有 notes.toml。"
            )]
        );
    }

    #[test]
    fn frame_rows_cover_the_stage() {
        let [title, body, hints] = frame_rows(Rect::new(0, 0, 80, 24));
        assert_eq!(title, Rect::new(0, 0, 80, 1));
        assert_eq!(body, Rect::new(0, 1, 80, 22));
        assert_eq!(hints, Rect::new(0, 23, 80, 1));
        let [title, body, hints] = frame_rows(Rect::new(0, 0, 10, 1));
        assert_eq!((title.height, body.height, hints.height), (1, 0, 0));
    }

    #[test]
    fn the_view_sits_inside_the_border_or_the_margins() {
        let stage = Rect::new(0, 0, 80, 24);
        assert_eq!(view_area(stage, false), Rect::new(2, 2, 76, 20));
        assert_eq!(view_area(stage, true), Rect::new(5, 2, 70, 21));
    }

    #[test]
    fn tabs_shorten_to_numbers_when_narrow_and_clicks_find_them() {
        let report = gapdash_data::builtin().unwrap();
        let en = report.i18n.get(gapdash_data::Lang::En);
        let wide = tabs(View::Sales, en, 100);
        assert_eq!(wide[2].1, " 3 Rural sales ");
        let narrow = tabs(View::Sales, en, 60);
        assert_eq!(narrow[0].1, " 1");
        assert_eq!(narrow[2].1, " 3 Rural sales ");
        let bar = Rect::new(0, 0, 60, 1);
        let x = text::width(NAME) as u16 + 2 + 2;
        assert_eq!(tab_at(View::Sales, en, bar, 60, x), Some(View::Sales));
        assert_eq!(tab_at(View::Sales, en, bar, 60, 0), None);
        let zh = report.i18n.get(gapdash_data::Lang::Zh);
        assert_eq!(tabs(View::Since, zh, 200)[5].1, " 6 报告之后 ");
    }
}
