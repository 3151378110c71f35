//! The terminal: entering and leaving raw mode, the alternate screen, mouse reporting and
//! bracketed paste (crossterm, on every OS); drawing frames through ratatui's `Terminal`;
//! suspending on Ctrl-Z where the OS has job control. Restored on quit, on error, on panic,
//! and (on Unix) on SIGTERM, SIGHUP, SIGINT and SIGQUIT and while stopped.

use std::cell::RefCell;
use std::io::{self, Stdout, Write, stdout};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;

use crate::backend::FrameBackend;
use crate::platform;

/// The dashboard's (or the console's) terminal: stdout, or memory in tests.
pub struct Tui<W: Write = Stdout> {
    terminal: Terminal<FrameBackend<W>>,
    /// Cells to draw into besides ratatui's two: the copy of each frame drawn that the
    /// backend keeps (the two take turns), and the frames drawn ahead. Reused, so drawing
    /// allocates and touches no new memory once the first frames are drawn.
    spare: RefCell<Buffer>,
}

/// Raw mode, the alternate screen, mouse reporting and bracketed paste, with a panic hook
/// that undoes them before the panic message is printed and, where there are signals, signal
/// handling that undoes them before exiting.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    platform::restore_on_exit_signals(restore)?;
    if let Err(e) = enter_modes() {
        restore();
        return Err(e);
    }
    Tui::with_writer(stdout(), size())
}

fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// The bytes that leave the terminal's modes: bracketed paste off, mouse reporting off, the
/// main screen, the cursor shown.
pub fn restore_bytes() -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing commands into memory cannot fail.
    let _ = execute!(
        bytes,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    bytes
}

/// Everything `enter` turned on, turned off. Safe to call more than once; errors are
/// ignored because there is nothing better to do with them on the way out.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = out.flush();
}

/// The terminal's size in cells; 0×0 when it cannot be told.
pub fn size() -> Size {
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((0, 0));
    Size::new(width, height)
}

impl<W: Write> Tui<W> {
    /// Frames of `size` written to `out`, with the terminal's modes left alone (tests, and
    /// [`enter`] once it has set them).
    pub fn with_writer(out: W, size: Size) -> io::Result<Tui<W>> {
        let mut terminal = Terminal::new(FrameBackend::new(out, size))?;
        // Cleared in the first frame's write: whatever the screen held is gone.
        terminal.clear()?;
        Ok(Tui {
            terminal,
            spare: RefCell::default(),
        })
    }

    /// What was written (for tests that write into memory).
    pub fn writer(&self) -> &W {
        self.terminal.backend().writer()
    }

    /// Which screen is shown: it changes with every frame written, clear and resize.
    pub fn generation(&self) -> u64 {
        self.terminal.backend().generation()
    }

    /// The area frames are drawn in.
    pub fn area(&self) -> Rect {
        let size = self.terminal.backend().size().unwrap_or_default();
        Rect::new(0, 0, size.width, size.height)
    }

    /// The terminal is now `width`×`height`: the next frame is drawn whole at that size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal
            .backend_mut()
            .set_size(Size::new(width, height));
    }

    /// Draws `widget` over the whole terminal and writes what changed since the last frame,
    /// in one write. Writes nothing when nothing changed.
    pub fn draw(&mut self, widget: impl Widget) -> io::Result<()> {
        let completed = self
            .terminal
            .draw(|frame| frame.render_widget(widget, frame.area()))?;
        let shown = self.spare.get_mut();
        copy(completed.buffer, shown);
        if self.terminal.backend_mut().take_repaint() {
            // A frame drawn ahead went out, and this one was not it: the screen drawn whole.
            self.terminal.clear()?;
            self.terminal
                .draw(|frame| copy(shown, frame.buffer_mut()))?;
        }
        let shown = std::mem::take(shown);
        *self.spare.get_mut() = self.terminal.backend_mut().drawn(shown);
        Ok(())
    }
}

impl Tui<Stdout> {
    /// Ctrl-Z: the terminal restored, the process stopped as the shell's job control
    /// expects; on `fg`, the terminal taken back and the screen drawn whole. Where there is
    /// no job control (Windows), nothing happens.
    pub fn suspend(&mut self) -> io::Result<()> {
        if !platform::JOB_CONTROL {
            return Ok(());
        }
        restore();
        platform::stop_self();
        self.resume()
    }

    /// After being stopped (by Ctrl-Z, SIGTSTP or SIGSTOP) and continued: the terminal's
    /// modes back on, and the screen, which the shell used meanwhile, drawn whole.
    pub fn resume(&mut self) -> io::Result<()> {
        enter_modes()?;
        let backend = self.terminal.backend_mut();
        backend.forget_cursor();
        backend.set_size(size());
        self.terminal.clear()
    }
}

/// A frame drawn ahead, for a key not yet pressed: the bytes that show it after the frame
/// on screen (see [`Tui::prepare`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    bytes: Vec<u8>,
    /// The screen it was encoded against.
    generation: u64,
    area: Rect,
}

impl Prepared {
    /// The bytes that show this frame after the one on screen when it was prepared.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// A frame's cells kept after preparing it (see [`Tui::prepare_keeping`]), with where its
/// bytes send one row's cells.
#[derive(Debug, Default)]
pub struct Kept {
    cells: Buffer,
    row: u16,
    /// (column, offset in the frame's bytes) of each of the row's cells the frame sends.
    marks: Vec<(u16, usize)>,
    /// The row's cells before a change.
    before: Vec<ratatui::buffer::Cell>,
}

impl<W: Write> Tui<W> {
    /// Draws `widget` into memory and encodes it against the frame on screen: what
    /// [`Tui::draw`] would write for it now, ready for [`Tui::show`].
    pub fn prepare(&self, widget: impl Widget) -> Prepared {
        self.prepare_with(widget, FrameBackend::frame_for)
    }

    /// As [`Tui::prepare`], keeping the frame's cells in `kept` (whose allocations are
    /// reused) and where its bytes send the cells of row `row`, so that a change to that
    /// row alone is made by [`Tui::prepare_again`] without encoding the whole frame again.
    pub fn prepare_keeping(&self, widget: impl Widget, kept: &mut Kept, row: u16) -> Prepared {
        self.prepare_with(widget, |backend, cells| {
            copy(cells, &mut kept.cells);
            kept.row = row;
            backend.frame_for_row(cells, row, &mut kept.marks)
        })
    }

    /// `widget` drawn into the spare cells, which `encode` encodes against the screen.
    fn prepare_with(
        &self,
        widget: impl Widget,
        encode: impl FnOnce(&FrameBackend<W>, &Buffer) -> Vec<u8>,
    ) -> Prepared {
        let area = self.area();
        let mut buffer = self.spare.borrow_mut();
        // As `Buffer::empty(area)`, in cells already allocated.
        buffer.resize(area);
        buffer.reset();
        widget.render(area, &mut buffer);
        let backend = self.terminal.backend();
        Prepared {
            bytes: encode(backend, &buffer),
            generation: backend.generation(),
            area,
        }
    }

    /// `was`, prepared with `kept`, for the cells as `change` leaves them: it may change
    /// the cells of `kept`'s row alone, and says false when it cannot make the frame (then
    /// None). The changed cells' text is written over theirs in `was`'s bytes where that
    /// gives the bytes a fresh encoding would (the same cells sent, in the same colours, one
    /// column wide in as many bytes); otherwise the frame is encoded again. None if the
    /// screen has changed since `was` was prepared.
    pub fn prepare_again(
        &self,
        was: Prepared,
        kept: &mut Kept,
        change: impl FnOnce(&mut Buffer) -> bool,
    ) -> Option<Prepared> {
        let backend = self.terminal.backend();
        if was.generation != backend.generation() || was.area != self.area() {
            return None;
        }
        let row = kept.row;
        let area = kept.cells.area;
        if area != was.area || !(area.top()..area.bottom()).contains(&row) {
            return None;
        }
        let width = usize::from(area.width);
        let start = kept.cells.index_of(area.x, row);
        kept.before.clear();
        kept.before
            .extend_from_slice(&kept.cells.content[start..start + width]);
        if !change(&mut kept.cells) {
            return None;
        }
        let mut bytes = was.bytes;
        if !backend.patch_row(&mut bytes, &kept.marks, &kept.before, &kept.cells, row) {
            bytes = backend.frame_for(&kept.cells);
        }
        Some(Prepared { bytes, ..was })
    }

    /// Writes a frame prepared while the screen was as it is, in one write. The next
    /// [`Tui::draw`], of the state the frame was drawn for, then writes nothing (had it drawn
    /// anything else, the screen is drawn whole). False, and nothing written, if the screen
    /// has changed since the frame was prepared.
    pub fn show(&mut self, prepared: Prepared) -> io::Result<bool> {
        if prepared.generation != self.terminal.backend().generation()
            || prepared.area != self.area()
        {
            return Ok(false);
        }
        self.terminal.backend_mut().write_ahead(prepared.bytes)?;
        Ok(true)
    }
}

/// `from`'s cells into `to`, reusing `to`'s allocation.
fn copy(from: &Buffer, to: &mut Buffer) {
    to.area = from.area;
    to.content.clone_from(&from.content);
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span, Text};
    use ratatui::widgets::Clear;

    fn tui() -> Tui<Vec<u8>> {
        let mut tui = Tui::with_writer(Vec::new(), Size::new(20, 3)).expect("in memory");
        tui.draw(Line::from("overview")).expect("draws");
        tui
    }

    #[test]
    fn a_frame_shown_ahead_is_not_written_again_by_the_draw_that_makes_it() {
        let mut tui = tui();
        let frame = tui.prepare(Line::from("penetration"));
        let before = tui.writer().len();
        assert!(tui.show(frame.clone()).expect("writes"));
        assert_eq!(&tui.writer()[before..], frame.bytes());
        tui.draw(Line::from("penetration")).expect("draws");
        assert_eq!(tui.writer().len(), before + frame.bytes().len());
    }

    /// Three rows: a title, a clock on the second, a footer.
    fn clock(time: &str, style: Style) -> impl Widget {
        Text::from(vec![
            Line::from("gapdash"),
            Line::from(vec![
                Span::raw("timer "),
                Span::styled(time.to_string(), style),
            ]),
            Line::from("footer"),
        ])
    }

    /// The frame for `before`'s clock prepared and kept, then its clock row drawn as
    /// `after`'s: the bytes, checked against a fresh prepare of `after`.
    fn again(tui: &Tui<Vec<u8>>, before: (&str, Style), after: (&str, Style)) -> Vec<u8> {
        let mut kept = Kept::default();
        let was = tui.prepare_keeping(clock(before.0, before.1), &mut kept, 1);
        assert_eq!(was.bytes(), tui.prepare(clock(before.0, before.1)).bytes());
        let again = tui
            .prepare_again(was, &mut kept, |cells| {
                Clear.render(
                    Rect {
                        y: 1,
                        height: 1,
                        ..cells.area
                    },
                    cells,
                );
                clock(after.0, after.1).render(cells.area, cells);
                true
            })
            .expect("same screen");
        let fresh = tui.prepare(clock(after.0, after.1));
        assert_eq!(
            String::from_utf8_lossy(again.bytes()),
            String::from_utf8_lossy(fresh.bytes()),
            "{before:?} to {after:?}"
        );
        again.bytes().to_vec()
    }

    #[test]
    fn a_kept_frame_whose_row_changed_is_what_a_fresh_prepare_makes() {
        let tui = tui();
        let red = Style::new().fg(Color::Red);
        let plain = Style::new();
        let bytes = again(&tui, ("00:59", plain), ("01:00", plain));
        assert!(String::from_utf8_lossy(&bytes).contains("01:00"));
        again(&tui, ("09:59", plain), ("09:58", red));
        again(&tui, ("99:59", plain), ("100:00", plain));
        again(&tui, ("10:00", plain), ("9:59", plain));
        again(&tui, ("00:01", plain), ("数字", plain));
        // Digits the screen already shows, which are not sent.
        let mut shown = Tui::with_writer(Vec::new(), Size::new(20, 3)).expect("in memory");
        shown.draw(clock("00:00", plain)).expect("draws");
        again(&shown, ("12:34", plain), ("12:30", plain));
        again(&shown, ("12:34", plain), ("12:35", plain));
        again(&shown, ("00:00", plain), ("00:01", plain));
    }

    #[test]
    fn kept_cells_are_not_encoded_again_for_another_screen() {
        let mut tui = tui();
        let mut kept = Kept::default();
        let was = tui.prepare_keeping(Line::from("penetration"), &mut kept, 0);
        tui.draw(Line::from("sales")).expect("draws");
        assert!(tui.prepare_again(was, &mut kept, |_| true).is_none());
    }

    #[test]
    fn a_frame_shown_ahead_and_then_not_drawn_gives_way_to_the_whole_screen() {
        let mut tui = tui();
        let frame = tui.prepare(Line::from("penetration"));
        assert!(tui.show(frame).expect("writes"));
        let before = tui.writer().len();
        tui.draw(Line::from("sales")).expect("draws");
        let after = String::from_utf8_lossy(&tui.writer()[before..]).into_owned();
        assert!(after.contains("\x1b[2J"), "cleared: {after:?}");
        assert!(after.contains("sales"), "{after:?}");
    }
}
