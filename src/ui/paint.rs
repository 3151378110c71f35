//! Painting whole areas cheaply. ratatui's `Buffer::set_style` and `Block` look up every
//! cell by position with bounds checks; on a 300×90 frame the background fill and the frame
//! border alone cost more than a view. These write rows as slices instead.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Sets `style` on every cell of `area` (clipped to the buffer).
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = buf.area.intersection(area);
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        let start = buf.index_of(area.x, y);
        for cell in &mut buf.content[start..start + area.width as usize] {
            cell.set_style(style);
        }
    }
}

/// A rounded border around `area` in `style`, with an optional title at its top left.
pub fn border(buf: &mut Buffer, area: Rect, style: Style, title: Option<Span>) {
    let area = buf.area.intersection(area);
    if area.width < 2 || area.height < 2 {
        return;
    }
    let (left, right, top, bottom) = (area.left(), area.right() - 1, area.top(), area.bottom() - 1);
    for (y, l, r) in [(top, "╭", "╮"), (bottom, "╰", "╯")] {
        let start = buf.index_of(left, y);
        let row = &mut buf.content[start..start + area.width as usize];
        for (i, cell) in row.iter_mut().enumerate() {
            let symbol = match i {
                0 => l,
                i if i + 1 == area.width as usize => r,
                _ => "─",
            };
            cell.set_symbol(symbol).set_style(style);
        }
    }
    for y in top + 1..bottom {
        buf[(left, y)].set_symbol("│").set_style(style);
        buf[(right, y)].set_symbol("│").set_style(style);
    }
    if let Some(title) = title {
        let title_area = Rect {
            x: left + 1,
            y: top,
            width: area.width - 2,
            height: 1,
        };
        Line::from(title).render(title_area, buf);
    }
}

/// Writes `span` at (x, y) in at most `width` cells; returns the column after it. Printable
/// ASCII, most of what the dashboard shows, is written a byte to a cell; anything else goes
/// through ratatui's grapheme-aware writer. Both give the same cells.
pub fn span(buf: &mut Buffer, x: u16, y: u16, span: &Span, width: u16) -> u16 {
    let text = span.content.as_ref();
    if !text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return buf.set_span(x, y, span, width).0;
    }
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x < area.left() || x >= area.right() {
        return x;
    }
    let count = text
        .len()
        .min(width as usize)
        .min((area.right() - x) as usize);
    let start = buf.index_of(x, y);
    let mut utf8 = [0; 4];
    for (cell, byte) in buf.content[start..start + count]
        .iter_mut()
        .zip(text.bytes())
    {
        cell.set_symbol(char::from(byte).encode_utf8(&mut utf8))
            .set_style(span.style);
    }
    x + count as u16
}

/// Writes the spans of `line` from (x, y) in at most `width` cells; returns the column after.
pub fn line(buf: &mut Buffer, x: u16, y: u16, line: &Line, width: u16) -> u16 {
    let end = x.saturating_add(width);
    let mut x = x;
    for s in &line.spans {
        if x >= end {
            break;
        }
        let styled = Span::styled(s.content.as_ref(), line.style.patch(s.style));
        x = span(buf, x, y, &styled, end - x);
    }
    x
}

/// One table row: `spans` in columns `widths` wide, `spacing` cells apart, each cut to its
/// column. Only the text is written, not every cell of the row.
pub fn columns<const N: usize>(
    buf: &mut Buffer,
    row: Rect,
    widths: &[usize; N],
    spacing: u16,
    spans: [Span; N],
) {
    let mut x = row.x;
    for (span, width) in spans.into_iter().zip(widths) {
        if x >= row.right() {
            return;
        }
        let width = (*width as u16).min(row.right() - x);
        self::span(buf, x, row.y, &span, width);
        x = x.saturating_add(width + spacing);
    }
}

/// The area inside a border.
pub fn inside(area: Rect) -> Rect {
    area.inner(ratatui::layout::Margin::new(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn border_matches_ratatuis_rounded_block() {
        use ratatui::widgets::{Block, BorderType};
        let area = Rect::new(1, 1, 12, 5);
        let mut ours = Buffer::empty(Rect::new(0, 0, 14, 7));
        let mut theirs = ours.clone();
        border(&mut ours, area, Style::new(), Some(Span::raw(" Title ")));
        Block::bordered()
            .border_type(BorderType::Rounded)
            .title(" Title ")
            .render(area, &mut theirs);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn ascii_fast_path_writes_what_ratatui_writes() {
        use ratatui::style::Stylize;
        for text in ["plain ASCII, 76.4 %", "urban–rural · 数字 ✓", "", "x"] {
            for width in [0, 3, 40] {
                let area = Rect::new(0, 0, 30, 2);
                let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
                let styled = Span::raw(text).red();
                let end = span(&mut ours, 2, 1, &styled, width);
                let (their_end, _) = theirs.set_span(2, 1, &styled, width);
                assert_eq!(ours, theirs, "{text:?} in {width}");
                assert_eq!(end, their_end, "{text:?} in {width}");
            }
        }
    }

    #[test]
    fn fill_is_clipped_to_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        let style = Style::new().bold();
        fill(&mut buf, Rect::new(2, 1, 10, 10), style);
        assert_eq!(buf[(3, 1)].modifier, style.add_modifier);
        assert_eq!(buf[(1, 1)].modifier, Style::new().add_modifier);
        fill(&mut buf, Rect::new(9, 9, 1, 1), style);
    }
}
