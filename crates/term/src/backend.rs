//! ratatui's `Backend` for the dashboard's terminal: what ratatui's `Terminal` decides to draw
//! is encoded by [`crate::ansi`] into one buffer, and [`Backend::flush`] writes it in one
//! write inside a synchronized update (DEC mode 2026), so a terminal never paints half a
//! frame. A frame that changes nothing writes nothing, and nothing ever asks the terminal
//! where its cursor is.
//!
//! Own code, for two reasons: `benches/render.rs` (`encode/*`) measures crossterm's command
//! formatting of a frame at several times this encoder's cost, and the right halves of wide
//! characters need re-sending ([`crate::ansi::with_halves`]), which needs the screen as shown.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Size};

use unicode_width::UnicodeWidthStr;

use crate::ansi;

/// Start and end of a synchronized update: the terminal shows the frame once it is whole.
pub const BEGIN_FRAME: &[u8] = b"\x1b[?2026h";
pub const END_FRAME: &[u8] = b"\x1b[?2026l";

/// Frames into `out`, one write each.
pub struct FrameBackend<W: Write> {
    out: W,
    /// The terminal's size in cells.
    size: Size,
    /// What the terminal shows now, as far as this backend has drawn it, unless `blank`.
    /// Its cells stay allocated while the screen is blank, for the next frame drawn.
    shown: Buffer,
    /// The screen shows blank cells alone (nothing drawn yet, cleared or resized).
    blank: bool,
    /// The bytes of the frame being made.
    bytes: Vec<u8>,
    /// Whether the cursor is hidden: hiding it again would write bytes for nothing.
    hidden: bool,
    cursor: Position,
    /// Counts changes to the screen: a frame encoded against one screen is shown only on it.
    generation: u64,
    /// A frame drawn ahead was written: the next frame, made against the screen before it,
    /// should be the same bytes, and is then not written again.
    expect: Option<Vec<u8>>,
    /// The next frame was not what was drawn ahead: the screen must be drawn whole.
    repaint: bool,
}

impl<W: Write> FrameBackend<W> {
    /// A backend for a terminal of `size` cells whose cursor is shown.
    pub fn new(out: W, size: Size) -> FrameBackend<W> {
        FrameBackend {
            out,
            size,
            shown: Buffer::default(),
            blank: true,
            bytes: Vec::with_capacity(16 * 1024),
            hidden: false,
            cursor: Position::ORIGIN,
            generation: 0,
            expect: None,
            repaint: false,
        }
    }

    /// The terminal is now `size` (ratatui's `Terminal` asks for it before every frame).
    pub fn set_size(&mut self, size: Size) {
        if size != self.size {
            self.size = size;
            self.blank = true;
            self.generation += 1;
        }
    }

    /// The frame just drawn is what the screen shows (a copy of what ratatui's `Terminal`
    /// drew): the next frame's halved wide characters are found against it. Gives back the
    /// buffer it replaces, whose cells the next copy can reuse.
    pub fn drawn(&mut self, frame: Buffer) -> Buffer {
        self.blank = false;
        std::mem::replace(&mut self.shown, frame)
    }

    /// The screen as shown; None while it shows blank cells alone.
    fn screen(&self) -> Option<&Buffer> {
        (!self.blank).then_some(&self.shown)
    }

    /// The cursor's state is unknown again (after the terminal was given back and taken again).
    pub fn forget_cursor(&mut self) {
        self.hidden = false;
        self.generation += 1;
    }

    /// Which screen is shown: it changes with every frame written, clear and resize.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What was written so far (for tests that write into memory).
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The bytes that drawing `next` after what is on screen would write (the frame
    /// `Terminal::draw` would make, cursor hidden), computed without writing anything.
    pub fn frame_for(&self, next: &Buffer) -> Vec<u8> {
        self.frame_marking(next, |_, _, _| {})
    }

    /// As [`FrameBackend::frame_for`], and for each cell of row `row` that the frame sends,
    /// where its text starts in the frame's bytes (column, offset), in `marks`.
    pub fn frame_for_row(&self, next: &Buffer, row: u16, marks: &mut Vec<(u16, usize)>) -> Vec<u8> {
        marks.clear();
        self.frame_marking(next, |x, y, at| {
            if y == row {
                marks.push((x, at + BEGIN_FRAME.len()));
            }
        })
    }

    /// `frame`, made by [`FrameBackend::frame_for_row`] against the screen as it is for
    /// cells whose row `row` was `before` (with `marks`), turned into the frame for `next`,
    /// which differs from those cells in that row only: each changed cell's text written
    /// over its old text. Done only where that makes exactly the bytes `frame_for(next)`
    /// makes: every changed cell was sent, and its text differs from the screen's before
    /// and after (so the diff sends the same cells), it keeps its colours, attributes and
    /// flags, and it is one column wide in as many bytes. False, and `frame` untouched,
    /// otherwise.
    pub fn patch_row(
        &self,
        frame: &mut [u8],
        marks: &[(u16, usize)],
        before: &[Cell],
        next: &Buffer,
        row: u16,
    ) -> bool {
        let blank = Cell::EMPTY;
        let area = next.area;
        if area.as_size() != self.size
            || row >= area.bottom()
            || before.len() != area.width as usize
        {
            return false;
        }
        let shown = |x: u16| self.screen().map_or(&blank, |s| &s[(x, row)]);
        let narrow = |c: &Cell| c.symbol().width() == 1;
        let mut writes = Vec::new();
        for (x, old) in (area.left()..area.right()).zip(before) {
            let new = &next[(x, row)];
            if new == old {
                continue;
            }
            let Ok(i) = marks.binary_search_by_key(&x, |&(column, _)| column) else {
                return false;
            };
            // The same cell but for its text: colours, attributes and flags.
            let mut retexted = old.clone();
            retexted.set_symbol(new.symbol());
            let same_kind = retexted == *new
                && old.diff_option == CellDiffOption::None
                && narrow(old)
                && narrow(new)
                && old.symbol().len() == new.symbol().len();
            // Sent before and now, whichever way the diff looks at it.
            let on_screen = shown(x);
            let sent = |c: &Cell| c != on_screen && c.symbol() != on_screen.symbol();
            if !same_kind || !sent(old) || !sent(new) {
                return false;
            }
            let at = marks[i].1;
            if frame.get(at..at + old.symbol().len()) != Some(old.symbol().as_bytes()) {
                return false;
            }
            writes.push((at, new.symbol()));
        }
        for (at, text) in writes {
            frame[at..at + text.len()].copy_from_slice(text.as_bytes());
        }
        true
    }

    fn frame_marking(&self, next: &Buffer, mark: impl FnMut(u16, u16, usize)) -> Vec<u8> {
        let mut body = Vec::new();
        if next.area.as_size() == self.size {
            let blank;
            let shown = match self.screen() {
                Some(shown) => shown,
                None => {
                    blank = Buffer::empty(next.area);
                    &blank
                }
            };
            let diff = shown.diff(next);
            if !diff.is_empty() {
                ansi::encode_marking(&mut body, ansi::with_halves(shown, diff), mark);
            }
        }
        if !self.hidden {
            body.extend_from_slice(HIDE);
        }
        if body.is_empty() {
            return body;
        }
        let mut frame = Vec::with_capacity(body.len() + BEGIN_FRAME.len() + END_FRAME.len());
        frame.extend_from_slice(BEGIN_FRAME);
        frame.append(&mut body);
        frame.extend_from_slice(END_FRAME);
        frame
    }

    /// Writes `frame` (from [`FrameBackend::frame_for`]) in one write, ahead of the drawing
    /// that makes the same frame; that drawing then writes nothing.
    pub fn write_ahead(&mut self, frame: Vec<u8>) -> io::Result<()> {
        if frame.is_empty() {
            return Ok(());
        }
        self.out.write_all(&frame).and_then(|()| self.out.flush())?;
        self.expect = Some(frame);
        Ok(())
    }

    /// Whether the screen must be drawn whole: a frame drawn ahead was not the frame drawn.
    pub fn take_repaint(&mut self) -> bool {
        std::mem::take(&mut self.repaint)
    }
}

/// Hides the cursor.
const HIDE: &[u8] = b"\x1b[?25l";

impl<W: Write> Backend for FrameBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        if updates.is_empty() {
            return Ok(());
        }
        // A blank screen has no halved wide characters: no cell to look at is as good.
        let nothing = Buffer::default();
        let shown = if self.blank { &nothing } else { &self.shown };
        ansi::encode(&mut self.bytes, ansi::with_halves(shown, updates));
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.hidden {
            self.bytes.extend_from_slice(HIDE);
            self.hidden = true;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.hidden {
            self.bytes.extend_from_slice(b"\x1b[?25h");
            self.hidden = false;
        }
        Ok(())
    }

    /// Where this backend last put the cursor: the terminal is never asked.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        let _ = write!(self.bytes, "\x1b[{};{}H", p.y + 1, p.x + 1);
        self.cursor = p;
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let code: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.bytes.extend_from_slice(code);
        // A fullscreen `Terminal` clears only the whole screen; whatever is cleared, the next
        // frame is compared with blank cells.
        self.blank = true;
        self.generation += 1;
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    /// The frame, in one write inside a synchronized update; nothing when nothing changed.
    fn flush(&mut self) -> io::Result<()> {
        let expected = self.expect.take();
        if self.bytes.is_empty() {
            self.repaint |= expected.is_some();
            return Ok(());
        }
        self.generation += 1;
        let mut frame = Vec::with_capacity(self.bytes.len() + BEGIN_FRAME.len() + END_FRAME.len());
        frame.extend_from_slice(BEGIN_FRAME);
        frame.append(&mut self.bytes);
        frame.extend_from_slice(END_FRAME);
        if let Some(expected) = expected {
            if expected == frame {
                frame.clear();
                self.bytes = frame;
                return Ok(());
            }
            self.repaint = true;
        }
        let written = self.out.write_all(&frame).and_then(|()| self.out.flush());
        // The buffer's capacity is kept for the next frame.
        frame.clear();
        self.bytes = frame;
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::style::{Color, Style};
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    /// Counts writes, so a frame can be shown to be one.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn terminal() -> Terminal<FrameBackend<Writes>> {
        Terminal::new(FrameBackend::new(Writes::default(), Size::new(20, 4))).expect("in memory")
    }

    #[test]
    fn a_frame_is_one_write_inside_a_synchronized_update() {
        let mut t = terminal();
        t.draw(|f| f.render_widget(Line::from("penetration 76.4 %"), f.area()))
            .expect("draws");
        let writes = &t.backend().writer().0;
        assert_eq!(writes.len(), 1);
        assert!(writes[0].starts_with(BEGIN_FRAME));
        assert!(writes[0].ends_with(END_FRAME));
    }

    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let mut t = terminal();
        for _ in 0..3 {
            t.draw(|f| f.render_widget(Line::from("same"), f.area()))
                .expect("draws");
        }
        assert_eq!(t.backend().writer().0.len(), 1);
    }

    /// Row 0 of a 12×2 frame holding `text`.
    fn row(text: &str) -> Buffer {
        let mut b = Buffer::empty(ratatui::layout::Rect::new(0, 0, 12, 2));
        Line::from(text).render(b.area, &mut b);
        Line::from("footer").render(ratatui::layout::Rect::new(0, 1, 12, 1), &mut b);
        b
    }

    /// Whether `from`'s frame, against a screen showing `screen`, is patched into `to`'s
    /// (and then into exactly its bytes).
    fn patched(screen: &str, from: &str, to: &str) -> bool {
        let mut t = Terminal::new(FrameBackend::new(Writes::default(), Size::new(12, 2)))
            .expect("in memory");
        let drawn = t
            .draw(|f| f.render_widget(Line::from(screen), f.area()))
            .expect("draws")
            .buffer
            .clone();
        // As the dashboard's terminal tells it: this is what the screen shows.
        t.backend_mut().drawn(drawn);
        let backend = t.backend();
        let (before, after) = (row(from), row(to));
        let mut marks = Vec::new();
        let mut frame = backend.frame_for_row(&before, 0, &mut marks);
        let was = frame.clone();
        let done = backend.patch_row(&mut frame, &marks, &before.content[..12], &after, 0);
        if done {
            assert_eq!(frame, backend.frame_for(&after), "{from} to {to}");
        } else {
            assert_eq!(frame, was, "untouched");
        }
        done
    }

    #[test]
    fn a_row_is_written_over_only_where_that_makes_a_fresh_frame() {
        assert!(patched("", "at 00:59", "at 01:00"));
        assert!(patched("at 00:00", "at 12:34", "at 12:35"));
        // The 0 is on screen already, so a fresh frame does not send it.
        assert!(!patched("at 00:00", "at 12:34", "at 12:30"));
        // Nothing where the new text's extra cell goes was sent.
        assert!(!patched("", "at 9:59", "at 10:00"));
        // A wide character, and text of another length in bytes.
        assert!(!patched("", "at 12", "at 数"));
        assert!(!patched("", "at 1", "at é"));
        // Nothing changed: nothing to write over.
        assert!(patched("", "at 00:01", "at 00:01"));
    }

    #[test]
    fn the_right_half_of_a_halved_wide_character_is_sent_again() {
        let mut t = terminal();
        t.draw(|f| f.render_widget(Line::from(" 字"), f.area()))
            .expect("draws");
        t.draw(|f| f.render_widget(Line::styled("数", Style::new().bg(Color::Red)), f.area()))
            .expect("draws");
        let second = String::from_utf8_lossy(&t.backend().writer().0[1]).into_owned();
        // 数 on cells 0–1 halves 字 (cells 1–2): cell 2 is written again, after the reset.
        assert!(second.contains("数"), "{second:?}");
        let after = &second[second.find('数').expect("sent") + '数'.len_utf8()..];
        assert!(after.contains(' '), "cell 2 re-sent: {second:?}");
    }
}
