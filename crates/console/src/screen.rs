//! The console's screen, for the presenter's own display: the notes of the view on the
//! projector, large and wrapped; what comes next; the talk timer and the clock; the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget};

use crate::console::{Console, DEFAULT_SESSION};
use gapdash_app::action::Action;
use gapdash_app::layout::{self, CONSOLE_MIN_HEIGHT, CONSOLE_MIN_WIDTH};
use gapdash_app::view::View;
use gapdash_app::{keys, text};
use gapdash_data::Strings;
use gapdash_data::i18n::{ConsoleWords, counted};
use gapdash_ui::theme::Theme;
use gapdash_ui::{ascii, notes};

/// The console's screen in a theme.
pub struct ConsoleScreen<'a> {
    console: &'a Console,
    theme: &'a Theme,
}

impl<'a> ConsoleScreen<'a> {
    pub fn new(console: &'a Console, theme: &'a Theme) -> ConsoleScreen<'a> {
        ConsoleScreen { console, theme }
    }
}

impl Widget for ConsoleScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (console, theme) = (self.console, self.theme);
        Block::new().style(theme.text).render(area, buf);
        if area.width < CONSOLE_MIN_WIDTH || area.height < CONSOLE_MIN_HEIGHT {
            too_small(console.strings(), area, buf, theme);
        } else {
            let [title, body, boxes, bottom] = layout::console_rows(area);
            title_bar(console, title, buf, theme);
            let at = layout::console_notes(area);
            match console.state() {
                Some(state) => {
                    let words = console.strings();
                    let width = at.width as usize;
                    let lines = layout::notes_lines(words, &state.notes, &state.stale, width);
                    Paragraph::new(notes::styled(lines, theme))
                        .scroll((console.scroll(), 0))
                        .render(at, buf);
                }
                None => waiting(console, body, buf, theme),
            }
            let time_width = (boxes.width / 2).min(TIME_WIDTH);
            let (next, time) = split_right(boxes, time_width);
            next_box(console, next, buf, theme);
            time_box(console, time, buf, theme);
            match console.status() {
                Some(status) => Line::styled(
                    format!(" · {}", text::truncate(status, bottom.width as usize - 3)),
                    theme.muted,
                )
                .render(bottom, buf),
                None => hints(&console.strings().console, bottom, buf, theme),
            }
        }
        if console.ascii() {
            ascii::Ascii.render(area, buf);
        }
    }
}

/// The time box's width: "-12:34 over 15:00" and "clock 14:05:09" with room to spare.
const TIME_WIDTH: u16 = 26;

/// `area` without its right `columns`, and those columns.
fn split_right(area: Rect, columns: u16) -> (Rect, Rect) {
    let columns = columns.min(area.width);
    (
        Rect {
            width: area.width - columns,
            ..area
        },
        Rect {
            x: area.right() - columns,
            width: columns,
            ..area
        },
    )
}

/// A role's style on the title bar's background.
fn on_bar(style: Style, theme: &Theme) -> Style {
    match theme.title_bar.bg {
        Some(bg) => style.bg(bg),
        None => style,
    }
}

/// The console's name and the projected view on the left; the dashboard's mode, the
/// session and whether it is connected on the right.
fn title_bar(console: &Console, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Block::new().style(theme.title_bar).render(area, buf);
    let w = console.strings();
    let mut left = vec![Span::styled(
        format!(" {} ", w.console.name),
        on_bar(theme.accent, theme),
    )];
    let mut right = Vec::new();
    if let Some(state) = console.state() {
        left.push(Span::styled(
            format!(
                " {} ",
                w.frame
                    .view_count
                    .fill(&[("n", &state.view.number()), ("total", &View::ALL.len())])
            ),
            on_bar(theme.text, theme),
        ));
        left.push(Span::styled(
            notes::place(w, state.view, state.quote, state.quotes)
                .split_once(' ')
                .map_or(String::new(), |(_, place)| place.to_string()),
            on_bar(theme.heading, theme),
        ));
        if state.blank {
            right.push(Span::styled(
                format!("{} ", w.console.blank),
                on_bar(theme.warning, theme),
            ));
        } else if state.present {
            right.push(Span::styled(
                format!("{} ", w.console.presenting),
                on_bar(theme.muted, theme),
            ));
        }
    }
    let (dot, style) = if console.connected() {
        ("●", theme.accent)
    } else {
        ("○", theme.muted)
    };
    right.push(Span::styled(
        format!("{dot} {} ", console.session()),
        on_bar(style, theme),
    ));
    let right = Line::from(right);
    let room = (area.width as usize).saturating_sub(right.width() + 1);
    text::truncate_line(Line::from(left), room).render(area, buf);
    right.right_aligned().render(area, buf);
}

/// Before the dashboard answers: what the console waits for, and how to start it.
fn waiting(console: &Console, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut start = "gapdash --present".to_string();
    if console.session() != DEFAULT_SESSION {
        start.push_str(&format!(" --session {}", console.session()));
    }
    let width = area.width.saturating_sub(4) as usize;
    let w = &console.strings().console;
    let lines = vec![
        Line::styled(w.waiting.clone(), theme.heading),
        Line::raw(""),
        Line::styled(w.start.clone(), theme.text),
        Line::styled(start, theme.accent),
        Line::raw(""),
        Line::styled(
            text::truncate(&w.socket.fill(&[("path", &console.socket())]), width),
            theme.muted,
        ),
    ];
    let height = lines.len() as u16;
    Paragraph::new(lines)
        .centered()
        .render(layout::centered(area, area.width, height), buf);
}

fn boxed<'a>(title: Line<'a>, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .padding(Padding::horizontal(1))
        .title(title)
}

/// The next view and its headline lines; notes taller than the screen say how many lines
/// are left on the box's top border, just under them.
fn next_box(console: &Console, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let state = console.state();
    let words = console.strings();
    let w = &words.console;
    let title = match state.map(|s| s.next.as_ref()) {
        Some(Some(next)) => w.next.fill(&[("view", &notes::named(words, next.view))]),
        Some(None) => w.last.clone(),
        None => w.next_unknown.clone(),
    };
    let left = console.scroll_room().saturating_sub(console.scroll());
    let more = (left > 0).then(|| format!(" {} ", counted(left.into(), &w.more_one, &w.more)));
    // Between the border's corners, the second title's leading space over the first's
    // trailing one; the next view's name gives way ("…") to how much is left to read.
    let room = (area.width as usize)
        .saturating_sub(1)
        .saturating_sub(more.as_deref().map_or(0, text::width));
    let title = format!(" {} ", text::truncate(&title, room.saturating_sub(2)));
    let mut block = boxed(Line::styled(title, theme.heading), theme);
    if let Some(more) = more {
        block = block.title(Line::styled(more, theme.accent).right_aligned());
    }
    let inner = block.inner(area);
    block.render(area, buf);
    let preview = state
        .and_then(|s| s.next.as_ref())
        .map(|n| n.preview.clone())
        .unwrap_or_default();
    let lines: Vec<Line> = preview
        .iter()
        .map(|l| Line::styled(text::truncate(l, inner.width as usize), theme.text))
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The talk timer (the dashboard's), the wall clock, and what the projector shows.
fn time_box(console: &Console, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let w = &console.strings().console;
    let block = boxed(Line::styled(format!(" {} ", w.talk), theme.heading), theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let timer = match (console.timer(), console.state()) {
        (Some(timer), Some(state)) => {
            let shown = timer.text();
            let words = match state.talk_secs {
                None => w.elapsed.fill(&[("time", &shown)]),
                Some(talk) => {
                    let talk = format!("{:02}:{:02}", talk / 60, talk % 60);
                    match shown.strip_prefix('-') {
                        Some(over) => w.over.fill(&[("time", &over), ("talk", &talk)]),
                        None => w.left.fill(&[("time", &shown), ("talk", &talk)]),
                    }
                }
            };
            let style = if timer.warning() {
                theme.warning
            } else {
                theme.heading
            };
            Line::styled(words, style.add_modifier(Modifier::BOLD))
        }
        _ => Line::styled("--:--", theme.muted),
    };
    let projector = match console.state() {
        Some(s) if s.blank => Line::styled(w.blank.clone(), theme.warning),
        Some(s) if s.present => Line::styled(w.presenting.clone(), theme.muted),
        Some(_) => Line::styled(w.not_presenting.clone(), theme.muted),
        None => Line::raw(""),
    };
    let lines = vec![
        timer,
        Line::styled(w.clock.fill(&[("time", &console.clock())]), theme.text),
        projector,
    ];
    let width = inner.width as usize;
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| text::truncate_line(l, width))
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The console's keys, as the key table writes them. When they do not fit, hints go from
/// just before the last (quit), which always stays.
fn hints(w: &ConsoleWords, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let key = |action: Action| keys::key_for(&action).unwrap_or_default();
    let mut hints = vec![
        (key(Action::Forward), w.hint_next.as_str()),
        (key(Action::Back), w.hint_back.as_str()),
        (
            format!(
                "{}–{}",
                key(Action::Goto(View::first())),
                key(Action::Goto(View::last()))
            ),
            w.hint_view.as_str(),
        ),
        (
            format!("{}/{}", key(Action::Up), key(Action::Down)),
            w.hint_move.as_str(),
        ),
        (key(Action::Blank), w.hint_blank.as_str()),
        (key(Action::TogglePresent), w.hint_present.as_str()),
        (key(Action::Quit), w.hint_quit.as_str()),
    ];
    let width = |hints: &[(String, &str)]| -> usize {
        hints
            .iter()
            .map(|(k, w)| text::width(k) + text::width(w) + 3)
            .sum::<usize>()
            + 1
    };
    while width(&hints) > area.width as usize && hints.len() > 1 {
        hints.remove(hints.len() - 2);
    }
    let mut spans = vec![Span::raw(" ")];
    for (keys, word) in hints {
        spans.push(Span::styled(keys, theme.hint_key));
        spans.push(Span::styled(format!(" {word}  "), theme.muted));
    }
    Line::from(spans).render(area, buf);
}

/// The full-screen message for a terminal below the console's minimum size.
fn too_small(w: &Strings, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let message = [
        Line::styled(
            w.frame
                .too_small
                .fill(&[("width", &area.width), ("height", &area.height)]),
            theme.heading,
        ),
        Line::styled(
            w.frame.needs.fill(&[
                ("width", &CONSOLE_MIN_WIDTH),
                ("height", &CONSOLE_MIN_HEIGHT),
            ]),
            theme.text,
        ),
    ];
    let lines = text::wrap_lines(&message, area.width as usize);
    let height = lines.len() as u16;
    Paragraph::new(lines)
        .centered()
        .render(layout::centered(area, area.width, height), buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::Event;
    use crate::wire::State;
    use gapdash_app::app::App;
    use gapdash_data::{Lang, builtin};

    /// The console at 60×16 following the overview in `lang`, scrolled to leave `left`
    /// lines below, drawn as text.
    fn drawn(lang: Lang, left: u16) -> String {
        let mut app = App::new(builtin().expect("built-in data"), View::Overview);
        if lang != app.lang() {
            app.update(Action::SwitchLanguage);
        }
        let mut console = Console::new(
            "default",
            "/run/user/1000/gapdash/default.sock",
            false,
            lang,
            builtin().expect("built-in data").i18n,
        );
        console.update(Event::Resize(60, 16));
        console.update(Event::Connected);
        console.update(Event::State(Box::new(State::of(&app, 0))));
        let room = console.scroll_room();
        assert!(
            room > left,
            "the overview's notes leave {room} lines at 60x16"
        );
        for _ in 0..room - left {
            console.update(Event::Key(Action::Down));
        }
        let area = Rect::new(0, 0, 60, 16);
        let mut buf = Buffer::empty(area);
        ConsoleScreen::new(&console, &Theme::default()).render(area, &mut buf);
        // A wide character's second cell is hidden, as a terminal shows it.
        let mut text = String::new();
        let mut hidden = false;
        for cell in &buf.content {
            if !std::mem::take(&mut hidden) {
                text.push_str(cell.symbol());
                hidden = text::width(cell.symbol()) > 1;
            }
        }
        text
    }

    #[test]
    fn lines_left_below_are_counted_in_the_singular_for_one() {
        assert!(drawn(Lang::En, 1).contains("↓ 1 more line "));
        assert!(!drawn(Lang::En, 1).contains("more lines"));
        assert!(drawn(Lang::En, 2).contains("↓ 2 more lines "));
        // Chinese counts lines the same way for one and for more.
        assert!(drawn(Lang::Zh, 1).contains("还有 1 行"));
        assert!(drawn(Lang::Zh, 2).contains("还有 2 行"));
    }
}
