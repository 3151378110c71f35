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
use gapdash_data::{Strings, World, fmt};

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
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
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
    let header = vec![super::fitted(title, head), super::fitted(key, head)];
    Paragraph::new(header).render(head, buf);

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
    // Roomy: blank lines between groups and the source's wording under each bar.
    let roomy = wide || body.height >= full_height(w);
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
    let rows = households_lines(app, households.width, label_w, roomy, theme);
    render_rows(households, buf, rows);
    let rows = individuals_lines(app, individuals.width, label_w, roomy, theme);
    render_rows(individuals, buf, rows);
}

/// Rows both panels need when stacked with blank lines and wording.
fn full_height(w: &World) -> u16 {
    let households = 2 + 3 * w.households.len() + w.household_ratio.len();
    let individuals = 2 + 2 * w.individuals.len();
    (households + 1 + individuals) as u16
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
        lines.push(Row::Text(Line::from(spans)));
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
        lines.push(bar_line(
            s,
            s.term(&i.group),
            "",
            label_w,
            bar,
            cells,
            i.pct,
            theme,
        ));
        if roomy {
            lines.push(Row::Text(Line::styled(
                format!("{:w$}{}", "", s.term(&i.wording), w = label_w + SERIES_W),
                theme.muted,
            )));
        }
    }
    lines
}
