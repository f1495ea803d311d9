//! Waiting for a long-running server operation (a backup, a restore, an export): the pause between
//! two status reads, and the deadline.

use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, Result};

/// First pause between status reads; it doubles up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(100);
const MAX_PAUSE: Duration = Duration::from_secs(1);

/// The pauses of one wait: 100 ms, doubling up to 1 s, until `limit` (none: no deadline).
#[derive(Debug)]
pub(crate) struct Poll {
    since: Instant,
    pause: Duration,
    limit: Option<Duration>,
}

impl Poll {
    pub(crate) fn new(limit: Option<Duration>) -> Self {
        Poll {
            since: Instant::now(),
            pause: FIRST_PAUSE,
            limit,
        }
    }

    /// Sleeps before the next status read; past the limit, [`Error::Timeout`] "waiting for
    /// `operation`" instead (the operation goes on on the server).
    pub(crate) async fn pause(&mut self, operation: impl FnOnce() -> String) -> Result<()> {
        if let Some(limit) = self.limit {
            if self.since.elapsed() >= limit {
                return Err(Error::Timeout {
                    operation: format!("waiting for {}", operation()),
                    after: limit,
                    source: None,
                });
            }
        }
        tokio::time::sleep(self.pause).await;
        self.pause = (self.pause * 2).min(MAX_PAUSE);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn pauses_double_up_to_a_second_and_stop_at_the_limit() {
        let mut poll = Poll::new(Some(Duration::from_millis(2500)));
        let start = tokio::time::Instant::now();
        let mut pauses = Vec::new();
        loop {
            let before = tokio::time::Instant::now();
            match poll.pause(|| "backup `x`".into()).await {
                Ok(()) => pauses.push(before.elapsed().as_millis()),
                Err(Error::Timeout {
                    operation, after, ..
                }) => {
                    assert_eq!(operation, "waiting for backup `x`");
                    assert_eq!(after, Duration::from_millis(2500));
                    break;
                }
                Err(other) => panic!("unexpected {other:?}"),
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no deadline reached"
            );
        }
        assert_eq!(pauses[..4], [100, 200, 400, 800]);
        assert!(pauses[4..].iter().all(|&p| p == 1000));
    }
}
