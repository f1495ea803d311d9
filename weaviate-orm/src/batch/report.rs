//! The outcome of a batch: which objects were stored and which were not, and why.

use std::time::Duration;

use uuid::Uuid;

/// One object that was not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchError {
    /// Its position in the input.
    pub index: usize,
    /// Its id.
    pub id: Uuid,
    /// Why it was refused: the server's message, or the client's check that failed.
    pub message: String,
}

/// The outcome of a batch insert.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchReport {
    /// The id of every input object, by input position (failed ones included).
    pub ids: Vec<Uuid>,
    /// The objects that were not stored, by input position.
    pub errors: Vec<BatchError>,
    /// Time the batch took.
    pub elapsed: Duration,
}

impl BatchReport {
    /// Number of objects stored.
    pub fn succeeded(&self) -> usize {
        self.ids.len() - self.errors.len()
    }

    /// Number of objects not stored.
    pub fn failed(&self) -> usize {
        self.errors.len()
    }

    /// Whether every object was stored.
    pub fn is_success(&self) -> bool {
        self.errors.is_empty()
    }

    /// Ids of the objects that were stored.
    pub fn stored_ids(&self) -> impl Iterator<Item = Uuid> + '_ {
        let mut failed = self.errors.iter().map(|e| e.index).peekable();
        self.ids.iter().enumerate().filter_map(move |(i, id)| {
            while failed.peek().is_some_and(|f| *f < i) {
                failed.next();
            }
            if failed.peek() == Some(&i) {
                None
            } else {
                Some(*id)
            }
        })
    }

    /// Objects stored per second.
    pub fn objects_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.succeeded() as f64 / secs
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_ids_skip_failed_indices() {
        let ids: Vec<Uuid> = (0..5u128).map(Uuid::from_u128).collect();
        let report = BatchReport {
            ids: ids.clone(),
            errors: vec![
                BatchError {
                    index: 1,
                    id: ids[1],
                    message: "x".into(),
                },
                BatchError {
                    index: 4,
                    id: ids[4],
                    message: "y".into(),
                },
            ],
            elapsed: Duration::from_secs(1),
        };
        assert_eq!(
            report.stored_ids().collect::<Vec<_>>(),
            vec![ids[0], ids[2], ids[3]]
        );
        assert_eq!(report.succeeded(), 3);
        assert_eq!(report.failed(), 2);
        assert!(!report.is_success());
        assert_eq!(report.objects_per_second(), 3.0);
    }
}
