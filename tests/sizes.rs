//! Every size tells the truth: each view (and the help overlay), in English and Chinese, at
//! 60×18, 80×24 and 100×30, drawn through ratatui's `TestBackend`, against the same view
//! drawn as tall as its whole text needs. Every word the tall drawing shows is shown at the
//! smaller size too, or a cut mark ("…", "↓ more") stands where it went missing: after the
//! last word before it that is still shown, before the first word after it, in its columns.
//! At 100×30 nothing is cut at all, except that the scrolling Sources view may end a long
//! cell in "…" and leave rows below its window.

mod common;

use common::screen::{Result, draw};
use gapdash::action::Action;
use gapdash::app::{App, View};
use gapdash::layout;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// Tall enough for any view's whole text at these widths.
const TALL: u16 = 200;
const SIZES: [(u16, u16); 3] = [(60, 18), (80, 24), (100, 30)];

/// A word as drawn: its text and its cells.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: u16,
    x1: u16,
    /// The columns of the run of text it is part of (words one space apart).
    run: (u16, u16),
    /// A cut mark: a word cut with "…", "… more on a larger screen", or the "↓" of
    /// "↓ more" (a scroll position such as "↑/↓ for more" is not).
    mark: bool,
}

impl Word {
    fn overlaps(&self, from: u16, to: u16) -> bool {
        self.x0 < to && from < self.x1
    }

    fn is_mark(&self) -> bool {
        self.mark
    }
}

/// Cells that draw shapes, not text: borders, bars, sparklines, big text.
fn is_shape(symbol: &str) -> bool {
    symbol.chars().any(|c| {
        matches!(c, '\u{2500}'..='\u{259F}' | '\u{2800}'..='\u{28FF}' | '\u{1FB00}'..='\u{1FBFF}')
    })
}

/// The words in `area` of `buf`, row by row, left to right.
fn words(buf: &Buffer, area: Rect) -> Vec<Word> {
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        // (column, symbol) of each visible cell; the cell after a wide character is its half.
        let mut cells: Vec<(u16, String)> = Vec::new();
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            let shown = if is_shape(symbol) { " " } else { symbol };
            cells.push((x, shown.to_string()));
            x += symbol.width().max(1) as u16;
        }
        let mut row: Vec<Word> = Vec::new();
        let mut current: Option<Word> = None;
        for (x, symbol) in &cells {
            let blank = symbol.trim().is_empty();
            // A wide character (Chinese) is a word of its own: Chinese puts no spaces
            // between words, and a caption may stand apart from its figure at one size.
            if symbol.width() > 1 {
                row.extend(current.take());
            }
            match (&mut current, blank) {
                (Some(word), false) => {
                    word.text.push_str(symbol);
                    word.x1 = x + symbol.width().max(1) as u16;
                }
                (None, false) => {
                    current = Some(Word {
                        text: symbol.clone(),
                        x0: *x,
                        x1: x + symbol.width().max(1) as u16,
                        run: (0, 0),
                        mark: false,
                    })
                }
                (Some(_), true) => row.extend(current.take()),
                (None, true) => {}
            }
            if symbol.width() > 1 {
                row.extend(current.take());
            }
        }
        row.extend(current.take());
        // Runs: words at most one blank cell apart. A run that starts with "…" says that
        // more is left out below it ("… more on a larger screen"): it stands for every
        // column to its right.
        let mut start = 0;
        for i in 0..row.len() {
            let ends = i + 1 == row.len() || row[i + 1].x0 > row[i].x1 + 1;
            if ends {
                // A run that ends in "…" stands for every column: what follows it in reading
                // order, on this row or the rows below, is what was cut.
                let run = if row[i].text.ends_with('…') {
                    (area.left(), area.right())
                } else if row[start].text.starts_with('…') {
                    (row[start].x0, area.right())
                } else {
                    (row[start].x0, row[i].x1)
                };
                for word in &mut row[start..=i] {
                    word.run = run;
                }
                start = i + 1;
            }
        }
        // "↓ more" stands for every column of the area: it is where a scrolled window ends.
        for i in 0..row.len() {
            let more = row
                .get(i + 1)
                .is_some_and(|next| matches!(next.text.as_str(), "more" | "更" | "还"));
            if matches!(row[i].text.as_str(), "↓" | "↑↓") && more {
                row[i].mark = true;
                row[i].run = (area.left(), area.right());
            } else if row[i].text.contains('…') {
                row[i].mark = true;
            }
        }
        out.extend(row);
    }
    out
}

/// Which words of `all` are matched in `shown`, keeping their order (a longest common
/// subsequence of words with the same text in overlapping columns), as indices into `shown`.
fn matched(all: &[Word], shown: &[Word]) -> Vec<Option<usize>> {
    let (n, m) = (all.len(), shown.len());
    let mut best = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            best[i][j] = if same(&all[i], &shown[j]) {
                best[i + 1][j + 1] + 1
            } else {
                best[i + 1][j].max(best[i][j + 1])
            };
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same(&all[i], &shown[j]) && best[i][j] == best[i + 1][j + 1] + 1 {
            out[i] = Some(j);
            i += 1;
            j += 1;
        } else if best[i + 1][j] >= best[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The same word in the same columns: a word of a table is not matched by the same number
/// in a footnote below it.
fn same(a: &Word, b: &Word) -> bool {
    a.text == b.text && a.overlaps(b.x0, b.x1)
}

/// What of `all` (the whole text) `shown` leaves out without a cut mark where it went.
fn silently_left_out(all: &[Word], shown: &[Word]) -> Vec<String> {
    let matches = matched(all, shown);
    let mut used = vec![false; shown.len()];
    for j in matches.iter().flatten() {
        used[*j] = true;
    }
    let mut problems = Vec::new();
    for (i, word) in all.iter().enumerate() {
        if matches[i].is_some() {
            continue;
        }
        // Shown elsewhere (moved out of order: a panel beside another one grew or shrank).
        if let Some(j) = (0..shown.len()).find(|&j| !used[j] && shown[j].text == word.text) {
            used[j] = true;
            continue;
        }
        // The nearest words in its columns before and after it that are shown.
        let in_columns = |k: &usize| all[*k].overlaps(word.x0, word.x1);
        let before = (0..i).rev().filter(in_columns).find_map(|k| matches[k]);
        let after = (i + 1..all.len())
            .filter(in_columns)
            .find_map(|k| matches[k]);
        let marked = shown.iter().enumerate().any(|(j, mark)| {
            mark.is_mark()
                && before.is_none_or(|b| j > b)
                && after.is_none_or(|a| j < a)
                && word.x0 < mark.run.1
                && mark.run.0 < word.x1
        });
        if !marked {
            problems.push(word.text.clone());
        }
    }
    problems
}

fn app(view: View, chinese: bool, (width, height): (u16, u16), help: bool) -> App {
    let mut app = App::new(gapdash::data::builtin().expect("built-in data"), view);
    app.update(Action::Resize(width, height));
    if chinese {
        app.update(Action::SwitchLanguage);
    }
    if help {
        app.update(Action::ToggleHelp);
    }
    app
}

/// The area whose words are compared: the view inside the frame, or the help overlay.
fn compared_area(app: &App, width: u16, height: u16) -> Rect {
    let stage = Rect::new(0, 0, width, height);
    if app.help() {
        layout::help_popup(stage, &app.strings().keys, !app.ascii())
    } else {
        layout::view_area(stage, false)
    }
}

fn drawn_words(app: &App, width: u16, height: u16) -> Result<(Vec<Word>, String)> {
    let terminal = draw(app, width, height)?;
    let buf = terminal.backend().buffer();
    let screen = common::screen::text(&terminal);
    Ok((words(buf, compared_area(app, width, height)), screen))
}

/// Every problem of `view` (or the help overlay over it) at every size, in both languages.
fn problems(view: View, help: bool) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for chinese in [false, true] {
        for (width, height) in SIZES {
            let lang = if chinese { "zh" } else { "en" };
            let what = if help { "help" } else { view.name() };
            let place = format!("{what} {lang} {width}x{height}");
            let (all, tall) = drawn_words(&app(view, chinese, (width, TALL), help), width, TALL)?;
            let marks: Vec<&Word> = all.iter().filter(|w| w.is_mark()).collect();
            // The tall drawing is the whole text only if it cuts nothing (Sources' window
            // cuts its long cells whatever its height).
            if view != View::Sources && !help && !marks.is_empty() {
                out.push(format!(
                    "{place}: cut even at {width}x{TALL}: {:?}\n{tall}",
                    marks.iter().map(|w| &w.text).collect::<Vec<_>>()
                ));
            }
            let (shown, screen) =
                drawn_words(&app(view, chinese, (width, height), help), width, height)?;
            let left_out = silently_left_out(&all, &shown);
            if !left_out.is_empty() {
                out.push(format!(
                    "{place}: left out without a cut mark: {left_out:?}\n{screen}"
                ));
            }
            if (width, height) == (100, 30) && view != View::Sources {
                let cut: Vec<&String> = shown
                    .iter()
                    .filter(|w| w.is_mark())
                    .map(|w| &w.text)
                    .collect();
                if !cut.is_empty() {
                    out.push(format!("{place}: cut at 100x30: {cut:?}\n{screen}"));
                }
            }
        }
    }
    Ok(out)
}

fn assert_truthful(view: View, help: bool) -> Result {
    let found = problems(view, help)?;
    assert!(found.is_empty(), "{}", found.join("\n"));
    Ok(())
}

#[test]
fn overview_tells_the_truth_at_every_size() -> Result {
    assert_truthful(View::Overview, false)
}

#[test]
fn penetration_tells_the_truth_at_every_size() -> Result {
    assert_truthful(View::Penetration, false)
}

#[test]
fn sales_tells_the_truth_at_every_size() -> Result {
    assert_truthful(View::Sales, false)
}

#[test]
fn quotes_tell_the_truth_at_every_size() -> Result {
    assert_truthful(View::Quotes, false)
}

#[test]
fn world_tells_the_truth_at_every_size() -> Result {
    assert_truthful(View::World, false)
}

#[test]
fn since_tells_the_truth_at_every_size() -> Result {
    assert_truthful(View::Since, false)
}

#[test]
fn sources_tell_the_truth_at_every_size() -> Result {
    assert_truthful(View::Sources, false)
}

#[test]
fn help_tells_the_truth_at_every_size() -> Result {
    assert_truthful(View::Overview, true)
}

/// The check itself: a word gone without a mark is found; one cut with "…" where it was,
/// or dropped under a "… more" line in its columns, is not.
#[test]
fn the_check_finds_a_silent_cut_and_accepts_a_marked_one() {
    let line = |texts: &[(&str, u16)]| -> Vec<Word> {
        texts
            .iter()
            .map(|(t, x)| Word {
                text: t.to_string(),
                x0: *x,
                x1: x + t.width() as u16,
                run: (0, 40),
                mark: t.contains('…'),
            })
            .collect()
    };
    let all: Vec<Word> = [
        line(&[("the", 0), ("digital", 4), ("divide", 12)]),
        line(&[("re-based", 0), ("in", 9), ("2021", 12)]),
    ]
    .concat();
    // The last line gone, nothing said.
    let silent = line(&[("the", 0), ("digital", 4), ("divide", 12)]);
    assert_eq!(silently_left_out(&all, &silent), ["re-based", "in", "2021"]);
    // The last line gone, the line before ending in "…".
    let marked = line(&[("the", 0), ("digital", 4), ("divide…", 12)]);
    assert!(silently_left_out(&all, &marked).is_empty());
    let marked = line(&[("the", 0), ("digital", 4), ("…", 12)]);
    assert!(silently_left_out(&all, &marked).is_empty());
    // A mark above the words before the cut does not stand for it.
    let early = [
        line(&[("x…", 0)]),
        line(&[("the", 0), ("digital", 4), ("divide", 12)]),
    ]
    .concat();
    let all_early = [
        line(&[("x", 0)]),
        line(&[("the", 0), ("digital", 4), ("divide", 12)]),
        line(&[("re-based", 0), ("in", 9), ("2021", 12)]),
    ]
    .concat();
    assert_eq!(
        silently_left_out(&all_early, &early),
        ["re-based", "in", "2021"]
    );
}
