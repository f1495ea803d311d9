//! What apply shows while it runs: progress bars on a terminal (indicatif), plain lines elsewhere.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::mpsc::UnboundedSender;

use crate::migrate::{Event, Outcome, Progress};

/// What an event shows, for both displays: a line of text, or progress of a task or a copy.
enum Shown {
    Line(String),
    Reindex {
        key: String,
        status: String,
        percent: Option<u64>,
    },
    Copy {
        key: String,
        copied: u64,
        total: Option<u64>,
    },
}

fn shown(event: &Event<'_>) -> Option<Shown> {
    Some(match event {
        Event::Started(c) => Shown::Line(format!("{} {}: {} ...", c.class, c.collection, c.what)),
        Event::Finished(c, outcome) => Shown::Line(match outcome {
            Outcome::Done => format!("{} {}: {}: done", c.class, c.collection, c.what),
            Outcome::AlreadyDone { detail } => format!(
                "{} {}: {}: already done ({detail})",
                c.class, c.collection, c.what
            ),
            Outcome::Reported => return None,
        }),
        Event::Reindex {
            collection,
            property,
            index,
            status,
            progress,
        } => Shown::Reindex {
            key: format!("{collection}.{property} ({index})"),
            status: (*status).to_owned(),
            percent: percent(*progress),
        },
        Event::Copy {
            from,
            into,
            tenant,
            copied,
            total,
        } => Shown::Copy {
            key: match tenant {
                Some(t) => format!("{from} -> {into} (tenant {t})"),
                None => format!("{from} -> {into}"),
            },
            copied: *copied,
            total: *total,
        },
        Event::Note(note) => Shown::Line((*note).to_owned()),
    })
}

fn percent(progress: Option<f64>) -> Option<u64> {
    progress
        .filter(|p| p.is_finite())
        .map(|p| (p.clamp(0.0, 1.0) * 100.0).round() as u64)
}

/// Plain lines, one per step and one per tenth of progress, sent to the writer the command prints
/// to (through a channel, because apply runs while the command waits for it).
pub(crate) struct Lines {
    tx: UnboundedSender<String>,
    /// Per reindex task or copy: the last status and tenth printed.
    last: Mutex<HashMap<String, (String, u64)>>,
}

impl Lines {
    pub(crate) fn new(tx: UnboundedSender<String>) -> Self {
        Lines {
            tx,
            last: Mutex::new(HashMap::new()),
        }
    }

    fn send(&self, line: String) {
        // The receiver goes away only when the command stopped waiting: nothing left to show.
        let _ = self.tx.send(line);
    }

    /// Whether `(status, tenth)` differs from what was last printed for `key`, recording it.
    fn advanced(&self, key: &str, status: &str, tenth: u64) -> bool {
        let Ok(mut last) = self.last.lock() else {
            return true;
        };
        let now = (status.to_owned(), tenth);
        if last.get(key) == Some(&now) {
            return false;
        }
        last.insert(key.to_owned(), now);
        true
    }
}

impl Progress for Lines {
    fn event(&self, event: &Event<'_>) {
        match shown(event) {
            Some(Shown::Line(line)) => self.send(line),
            Some(Shown::Reindex {
                key,
                status,
                percent,
            }) if self.advanced(&key, &status, percent.map_or(0, |p| p / 10 + 1)) => {
                match percent {
                    Some(p) => self.send(format!("reindex {key}: {status} {p}%")),
                    None => self.send(format!("reindex {key}: {status}")),
                }
            }
            Some(Shown::Copy { key, copied, total })
                if self.advanced(&key, "", copy_step(copied, total)) =>
            {
                match total {
                    Some(t) => self.send(format!("copy {key}: {copied}/{t} objects")),
                    None => self.send(format!("copy {key}: {copied} objects")),
                }
            }
            _ => {}
        }
    }
}

/// Which step of a copy `copied` is in: a tenth of the total, or each doubling when the total is
/// unknown.
fn copy_step(copied: u64, total: Option<u64>) -> u64 {
    match total {
        Some(t) if t > 0 => copied.saturating_mul(10) / t,
        _ => u64::from(u64::BITS - copied.leading_zeros()),
    }
}

/// Progress bars on the terminal's stderr: one per reindex task, one per copy; steps and notes as
/// lines above them. Clones draw on the same bars.
#[derive(Clone)]
pub(crate) struct Bars {
    multi: MultiProgress,
    bars: Arc<Mutex<HashMap<String, ProgressBar>>>,
}

impl Bars {
    pub(crate) fn new() -> Self {
        Bars {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            bars: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    fn line(&self, line: &str) {
        // A failed draw only loses a progress line.
        let _ = self.multi.println(line);
    }

    /// The bar for `key`, made by `make` the first time.
    fn bar(&self, key: &str, make: impl FnOnce() -> ProgressBar) -> Option<ProgressBar> {
        let mut bars = self.bars.lock().ok()?;
        let bar = bars.entry(key.to_owned()).or_insert_with(|| {
            let bar = self.multi.add(make().with_prefix(key.to_owned()));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Some(bar.clone())
    }

    /// Ends every bar still drawn (apply returned).
    pub(crate) fn finish(&self) {
        if let Ok(bars) = self.bars.lock() {
            for bar in bars.values() {
                if !bar.is_finished() {
                    bar.abandon();
                }
            }
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

impl Progress for Bars {
    fn event(&self, event: &Event<'_>) {
        match shown(event) {
            None => {}
            Some(Shown::Line(line)) => self.line(&line),
            Some(Shown::Reindex {
                key,
                status,
                percent,
            }) => {
                let Some(bar) = self.bar(&key, || {
                    ProgressBar::new(100).with_style(style(
                        "reindex {prefix} [{bar:30}] {percent:>3}% {msg} ({elapsed})",
                    ))
                }) else {
                    return;
                };
                if let Some(p) = percent {
                    bar.set_position(p);
                }
                if status == "ready" {
                    bar.set_position(100);
                    bar.finish_with_message(status);
                } else {
                    bar.set_message(status);
                }
            }
            Some(Shown::Copy { key, copied, total }) => {
                let Some(bar) = self.bar(&key, || match total {
                    Some(t) => ProgressBar::new(t).with_style(style(
                        "copy {prefix} [{bar:30}] {pos}/{len} objects ({per_sec}, eta {eta})",
                    )),
                    None => ProgressBar::new_spinner().with_style(
                        ProgressStyle::with_template(
                            "copy {prefix} {spinner} {pos} objects ({per_sec})",
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    ),
                }) else {
                    return;
                };
                if let Some(t) = total {
                    bar.set_length(t);
                }
                bar.set_position(copied);
                if total.is_some_and(|t| copied >= t) {
                    bar.finish();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::sync::mpsc::unbounded_channel;

    use super::*;
    use crate::migrate::{Change, ChangeClass, Operation};

    fn drain(rx: &mut tokio::sync::mpsc::UnboundedReceiver<String>) -> Vec<String> {
        let mut lines = Vec::new();
        while let Ok(line) = rx.try_recv() {
            lines.push(line);
        }
        lines
    }

    #[test]
    fn lines_tell_steps_and_thin_out_progress() {
        let (tx, mut rx) = unbounded_channel();
        let lines = Lines::new(tx);
        let change = Change {
            class: ChangeClass::Reindex,
            collection: "Article".into(),
            what: "property title: tokenization word -> field".into(),
            reason: "r".into(),
            operation: Operation::None,
            blocked: None,
        };
        lines.event(&Event::Started(&change));
        for (status, p) in [
            ("indexing", Some(0.01)),
            ("indexing", Some(0.02)),
            ("indexing", Some(0.5)),
            ("ready", Some(1.0)),
        ] {
            lines.event(&Event::Reindex {
                collection: "Article",
                property: "title",
                // The index kind's type is not exported yet: read it from its JSON name.
                index: serde_json::from_value(serde_json::json!("searchable")).unwrap(),
                status,
                progress: p,
            });
        }
        for copied in [0, 1, 5, 10] {
            lines.event(&Event::Copy {
                from: "A_v1",
                into: "A_v2",
                tenant: None,
                copied,
                total: Some(10),
            });
        }
        lines.event(&Event::Note("verifying counts"));
        lines.event(&Event::Finished(&change, &Outcome::Done));
        assert_eq!(
            drain(&mut rx),
            [
                "reindex Article: property title: tokenization word -> field ...",
                "reindex Article.title (searchable): indexing 1%",
                "reindex Article.title (searchable): indexing 50%",
                "reindex Article.title (searchable): ready 100%",
                "copy A_v1 -> A_v2: 0/10 objects",
                "copy A_v1 -> A_v2: 1/10 objects",
                "copy A_v1 -> A_v2: 5/10 objects",
                "copy A_v1 -> A_v2: 10/10 objects",
                "verifying counts",
                "reindex Article: property title: tokenization word -> field: done",
            ]
        );
    }

    #[test]
    fn percent_ignores_nonsense() {
        assert_eq!(percent(Some(f64::NAN)), None);
        assert_eq!(percent(Some(1.7)), Some(100));
        assert_eq!(percent(Some(-1.0)), Some(0));
        assert_eq!(percent(None), None);
    }
}
