//! Retry with exponential backoff and jitter, for idempotent calls that fail transiently.

use std::future::Future;
use std::time::Duration;

use crate::Error;

/// How often and how patiently idempotent calls are retried when the server is unavailable.
///
/// The wait before retry `n` (1-based) is drawn uniformly from `[d/2, d]` where
/// `d = min(initial_backoff * multiplier^(n-1), max_backoff)` ("equal jitter"), so clients that failed
/// together do not come back together.
///
/// ```
/// use std::time::Duration;
/// use weaviate_orm::RetryPolicy;
///
/// let policy = RetryPolicy::default().max_attempts(6).initial_backoff(Duration::from_millis(50));
/// assert_eq!(policy.attempts(), 6);
/// let none = RetryPolicy::never();
/// assert_eq!(none.attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    multiplier: f64,
}

impl Default for RetryPolicy {
    /// 4 attempts, waits of about 100 ms, 200 ms and 400 ms between them, never more than 5 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            multiplier: 2.0,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Total number of attempts, the first one included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Wait before the first retry.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// Upper bound for any single wait.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// Growth factor of the wait from one retry to the next (at least 1.0).
    pub fn multiplier(mut self, factor: f64) -> Self {
        self.multiplier = if factor.is_finite() {
            factor.max(1.0)
        } else {
            2.0
        };
        self
    }

    /// Total number of attempts this policy makes.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first retry), with jitter applied.
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self.ceiling(retry);
        let half = ceiling / 2;
        let spread = ceiling.saturating_sub(half).as_nanos() as u64;
        half + Duration::from_nanos(if spread == 0 {
            0
        } else {
            fastrand::u64(0..=spread)
        })
    }

    fn ceiling(&self, retry: u32) -> Duration {
        let exp = self.multiplier.powi(retry.saturating_sub(1).min(64) as i32);
        let secs = self.initial_backoff.as_secs_f64() * exp;
        let max = self.max_backoff.as_secs_f64();
        Duration::from_secs_f64(if secs.is_finite() { secs.min(max) } else { max })
    }

    /// Runs `call` until it succeeds, fails with an error for which `retryable` is false, or the
    /// attempts are used up. Returns the last error.
    pub(crate) async fn run<T, F, Fut>(
        &self,
        retryable: impl Fn(&Error) -> bool,
        mut call: F,
    ) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let mut attempt = 1;
        loop {
            match call().await {
                Ok(value) => return Ok(value),
                Err(err) if attempt < self.max_attempts && retryable(&err) => {
                    let wait = self.backoff(attempt);
                    tracing::debug!(attempt, ?wait, error = %err, "retrying after a transient failure");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(err) => return Err(err),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn backoff_grows_exponentially_within_jitter_bounds() {
        let p = RetryPolicy::default();
        for _ in 0..200 {
            let b1 = p.backoff(1);
            assert!(
                b1 >= Duration::from_millis(50) && b1 <= Duration::from_millis(100),
                "{b1:?}"
            );
            let b3 = p.backoff(3);
            assert!(
                b3 >= Duration::from_millis(200) && b3 <= Duration::from_millis(400),
                "{b3:?}"
            );
            let b20 = p.backoff(20);
            assert!(
                b20 >= Duration::from_millis(2500) && b20 <= Duration::from_secs(5),
                "{b20:?}"
            );
        }
    }

    #[test]
    fn jitter_spreads_waits() {
        let p = RetryPolicy::default();
        let waits: std::collections::HashSet<Duration> = (0..50).map(|_| p.backoff(2)).collect();
        assert!(waits.len() > 10, "waits are not spread: {waits:?}");
    }

    #[test]
    fn huge_retry_numbers_do_not_overflow() {
        let p = RetryPolicy::default().multiplier(f64::INFINITY);
        assert!(p.backoff(u32::MAX) <= Duration::from_secs(5));
    }

    fn unavailable() -> Error {
        Error::Unavailable {
            status: crate::Status::Http(503),
            message: "down".into(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn retries_transient_failures_until_success() {
        let calls = AtomicU32::new(0);
        let result = RetryPolicy::default()
            .run(Error::is_retryable, || async {
                if calls.fetch_add(1, Ordering::SeqCst) < 2 {
                    Err(unavailable())
                } else {
                    Ok(7)
                }
            })
            .await;
        assert_eq!(result.unwrap(), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn stops_after_max_attempts_and_returns_last_error() {
        let calls = AtomicU32::new(0);
        let result: Result<(), Error> = RetryPolicy::default()
            .max_attempts(3)
            .run(Error::is_retryable, || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(unavailable())
            })
            .await;
        assert!(matches!(result, Err(Error::Unavailable { .. })));
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn permanent_failures_are_not_retried() {
        let calls = AtomicU32::new(0);
        let result: Result<(), Error> = RetryPolicy::default()
            .run(Error::is_retryable, || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(Error::invalid("bad"))
            })
            .await;
        assert!(matches!(result, Err(Error::InvalidInput { .. })));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
