//! The global divide (ITU): households with Internet at home, urban vs rural, and
//! individuals online by development group.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::bars::{Bar, Fill, Row, legend, render_rows};
use super::heading;
use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout;
use gapdash_app::text;
use gapdash_data::{Strings, fmt};

/// Width of the "urban "/"rural " column.
const SERIES_W: usize = 6;
/// Width of a value label such as "87 %".
const VALUE_W: u16 = 5;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let w = &app.report().world;
    let wide = area.width >= 120;
    // Wide: the panels side by side, and the whole view centred vertically.
    let wide_rows = (2 + 3 * w.households.len() + w.household_ratio.len())
        .max(2 + 2 * w.individuals.len()) as u16;
    let area = if wide {
        layout::centered(area, area.width, 3 + wide_rows)
    } else {
        area
    };
    let s = app.strings();
    let title = heading(&s.world.title, s.world.detail.clone(), theme);
    let key = legend(
        &[
            (Fill::Solid, theme.urban, &s.world.urban),
            (Fill::Shaded, theme.rural, &s.world.rural),
            (Fill::Dense, theme.other, &s.world.all),
        ],
        theme.text,
    );
    let width = area.width as usize;
    let (title, key) = (text::wrap_line(&title, width), text::wrap_line(&key, width));

    let label_w = w
        .households
        .iter()
        .map(|h| text::width(s.term(&h.group)))
        .chain(w.individuals.iter().map(|i| text::width(s.term(&i.group))))
        .max()
        .unwrap_or(0)
        // Up to a third of the row (any group the ITU names fits): the bars and their values
        // keep their room, and a longer name is cut with "…".
        .min((area.width as usize / 3).max(28))
        + 2;
    // Roomy: the title whole, blank lines between groups and the source's wording under
    // each bar. Otherwise a row for the title and one for the legend (cut with "…"), and the
    // wording beside each bar.
    let stacked = |roomy: bool| {
        households_lines(app, area.width, label_w, roomy, theme).len()
            + 1
            + individuals_lines(app, area.width, label_w, roomy, theme).len()
    };
    let roomy = wide || (title.len() + key.len() + stacked(true)) as u16 <= area.height;
    let header: Vec<Line> = if roomy {
        title.into_iter().chain(key).collect()
    } else {
        [text::fit(title, 1, width), text::fit(key, 1, width)].concat()
    };
    let (head, body) = layout::split_top(area, header.len() as u16);
    Paragraph::new(header).render(head, buf);
    let [households, individuals] = if wide {
        let body = Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        };
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
            .spacing(4)
            .areas(body)
    } else {
        let households_h = households_lines(app, body.width, label_w, roomy, theme).len() as u16;
        Layout::vertical([Constraint::Length(households_h), Constraint::Fill(1)])
            .spacing(1)
            .areas(body)
    };
    let more = Line::styled(s.since.more_on_larger.clone(), theme.muted);
    let rows = households_lines(app, households.width, label_w, roomy, theme);
    render_rows(households, buf, fitted_rows(rows, households, &more));
    let rows = individuals_lines(app, individuals.width, label_w, roomy, theme);
    render_rows(individuals, buf, fitted_rows(rows, individuals, &more));
}

/// As many rows as `area` has; when some are left out, the last row says so.
fn fitted_rows(mut rows: Vec<Row<'static>>, area: Rect, more: &Line<'static>) -> Vec<Row<'static>> {
    let room = area.height as usize;
    if rows.len() > room && room > 0 {
        rows.truncate(room - 1);
        rows.push(Row::Text(more.clone()));
    }
    rows
}

/// A line of text as panel rows, wrapped to `width`, each after `indent` blank cells.
fn wrapped(line: Line<'static>, width: u16, indent: usize) -> Vec<Row<'static>> {
    text::wrap_line(&line, (width as usize).saturating_sub(indent))
        .into_iter()
        .map(|mut l| {
            if indent > 0 {
                l.spans.insert(0, Span::raw(" ".repeat(indent)));
            }
            Row::Text(l)
        })
        .collect()
}

fn bar_cells(width: u16, label_w: usize) -> u16 {
    width.saturating_sub((label_w + SERIES_W) as u16 + VALUE_W + 1)
}

/// A panel's title with the ITU edition, and a blank row under it when roomy.
fn panel_head(title: &str, edition: Option<&str>, roomy: bool, theme: &Theme) -> Vec<Row<'static>> {
    let detail = edition.map(|e| format!(" · {e}")).unwrap_or_default();
    let mut rows = vec![Row::Text(heading(title, detail, theme))];
    if roomy {
        rows.push(Row::Blank);
    }
    rows
}

/// One bar with its group and series labels in front and its percentage after it.
#[allow(clippy::too_many_arguments)]
fn bar_line(
    s: &Strings,
    group: &str,
    series: &str,
    label_w: usize,
    bar: Bar,
    cells: u16,
    pct: f64,
    theme: &Theme,
) -> Row<'static> {
    let lead = Line::from(vec![
        Span::styled(
            text::pad(&text::truncate(group, label_w - 2), label_w),
            theme.text,
        ),
        Span::styled(text::pad(series, SERIES_W), theme.muted),
    ]);
    let label = Span::styled(s.pct(&fmt::num(pct)), theme.text);
    Row::Bar {
        lead,
        bar,
        cells,
        label,
        right: None,
    }
}

/// Households: a group of two bars, urban and rural, per development group.
fn households_lines(
    app: &App,
    width: u16,
    label_w: usize,
    roomy: bool,
    theme: &Theme,
) -> Vec<Row<'static>> {
    let w = &app.report().world;
    let s = app.strings();
    let edition = w.households.first().map(|h| s.term(&h.edition));
    let mut lines = panel_head(&s.world.households, edition, roomy, theme);
    let cells = bar_cells(width, label_w);
    for h in &w.households {
        for (row, side, pct, fill, style) in [
            (0, &s.world.urban, h.urban_pct, Fill::Solid, theme.urban),
            (1, &s.world.rural, h.rural_pct, Fill::Shaded, theme.rural),
        ] {
            let group = if row == 0 { s.term(&h.group) } else { "" };
            let bar = Bar {
                value: pct * app.reveal(),
                max: 100.0,
                fill,
                style,
            };
            lines.push(bar_line(s, group, side, label_w, bar, cells, pct, theme));
        }
        if roomy {
            lines.push(Row::Blank);
        }
    }
    for r in &w.household_ratio {
        let spans: Vec<Span> = s
            .world
            .ratio
            .pieces(&[
                ("group", &s.term(&r.group)),
                ("wording", &s.term(&r.wording)),
                ("edition", &s.term(&r.edition)),
            ])
            .into_iter()
            .map(|(place, text)| match place {
                Some("wording") => Span::styled(text, theme.accent),
                Some("edition") | None => Span::styled(text, theme.muted),
                Some(_) => Span::styled(text, theme.text),
            })
            .collect();
        lines.extend(wrapped(Line::from(spans), width, 0));
    }
    lines
}

/// Individuals: one bar per group, with the source's own wording under it when roomy.
fn individuals_lines(
    app: &App,
    width: u16,
    label_w: usize,
    roomy: bool,
    theme: &Theme,
) -> Vec<Row<'static>> {
    let w = &app.report().world;
    let s = app.strings();
    let edition = w.individuals.first().map(|i| s.term(&i.edition));
    let mut lines = panel_head(&s.world.individuals, edition, roomy, theme);
    let cells = bar_cells(width, label_w);
    for i in &w.individuals {
        let bar = Bar {
            value: i.pct * app.reveal(),
            max: 100.0,
            fill: Fill::Dense,
            style: theme.other,
        };
        let mut row = bar_line(s, s.term(&i.group), "", label_w, bar, cells, i.pct, theme);
        let wording = s.term(&i.wording);
        if roomy {
            lines.push(row);
            // Words that are only the figure again ("19 %") add nothing under it.
            if wording == s.pct(&fmt::num(i.pct)) {
                continue;
            }
            lines.extend(wrapped(
                Line::styled(wording.to_string(), theme.muted),
                width,
                label_w + SERIES_W,
            ));
            continue;
        }
        // No row of its own: the source's wording follows the value beside the bar, in the
        // cells left, cut with "…" where they run out.
        if let Row::Bar { label, bar, .. } = &mut row {
            let figure = s.pct(&fmt::num(i.pct));
            let words = if wording == figure {
                figure
            } else {
                format!("{figure} · {wording}")
            };
            let used = label_w as u16 + SERIES_W as u16 + bar.len(cells) + 1;
            let room = width.saturating_sub(used) as usize;
            *label = Span::styled(text::truncate(&words, room), label.style);
        }
        lines.push(row);
    }
    lines
}
