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
        buf.set_span(x, row.y, &span, width);
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
    fn fill_is_clipped_to_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        let style = Style::new().bold();
        fill(&mut buf, Rect::new(2, 1, 10, 10), style);
        assert_eq!(buf[(3, 1)].modifier, style.add_modifier);
        assert_eq!(buf[(1, 1)].modifier, Style::new().add_modifier);
        fill(&mut buf, Rect::new(9, 9, 1, 1), style);
    }
}
