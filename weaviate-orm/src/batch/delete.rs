//! Deleting every object of a collection that matches a filter (`BatchDelete`), with dry runs and
//! per-object results.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};

use serde_json::Value;
use uuid::Uuid;

use super::transient::is_transient;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// Anything that can be sent as the server's filter. Implemented for the wire [`pb::Filters`] and for the
/// minimal [`Where`] filters; the typed filters implement it too, so they can be passed wherever a
/// filter is taken.
pub trait IntoFilters {
    /// The wire filter, or why it cannot be built.
    fn into_filters(self) -> Result<pb::Filters>;
}

impl IntoFilters for pb::Filters {
    fn into_filters(self) -> Result<pb::Filters> {
        Ok(self)
    }
}

/// Minimal filters for [`Batch::delete_many`](super::Batch::delete_many): by id, or a property equal
/// to a value, combined with `and` / `or`.
///
/// ```
/// use serde_json::json;
/// use uuid::Uuid;
/// use weaviate_orm::batch::{IntoFilters, Where};
///
/// let drafts = Where::equal("status", "draft").and(Where::equal("views", 0));
/// let some = Where::ids([Uuid::from_u128(1), Uuid::from_u128(2)]);
/// let any = drafts.or(some).into_filters().unwrap();
/// assert_eq!(any.filters.len(), 2);
/// assert!(Where::equal("tags", json!(["a"])).into_filters().is_err());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Where(Result<pb::Filters, String>);

use pb::filters::{Operator, TestValue};

fn leaf(property: &str, operator: Operator, value: TestValue) -> pb::Filters {
    pb::Filters {
        operator: operator as i32,
        test_value: Some(value),
        target: Some(pb::FilterTarget {
            target: Some(pb::filter_target::Target::Property(property.to_owned())),
        }),
        ..Default::default()
    }
}

impl Where {
    /// The object with this id.
    pub fn id(id: Uuid) -> Where {
        Where(Ok(leaf(
            "_id",
            Operator::Equal,
            TestValue::ValueText(id.to_string()),
        )))
    }

    /// The objects with any of these ids.
    pub fn ids(ids: impl IntoIterator<Item = Uuid>) -> Where {
        let values = ids.into_iter().map(|id| id.to_string()).collect();
        Where(Ok(leaf(
            "_id",
            Operator::ContainsAny,
            TestValue::ValueTextArray(pb::TextArray { values }),
        )))
    }

    /// The objects whose property `property` equals `value` (text, integer, number or boolean).
    pub fn equal(property: &str, value: impl Into<Value>) -> Where {
        let value = match value.into() {
            Value::String(s) => Ok(TestValue::ValueText(s)),
            Value::Bool(b) => Ok(TestValue::ValueBoolean(b)),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Ok(TestValue::ValueInt(i)),
                None => n
                    .as_f64()
                    .map(TestValue::ValueNumber)
                    .ok_or_else(|| format!("{n} is not a number Weaviate can filter on")),
            },
            other => Err(format!(
                "property `{property}`: only text, integer, number and boolean values can be compared for equality here, not {other}"
            )),
        };
        Where(value.map(|v| leaf(property, Operator::Equal, v)))
    }

    /// Both filters match.
    pub fn and(self, other: Where) -> Where {
        Where::combine(Operator::And, self, other)
    }

    /// Either filter matches.
    pub fn or(self, other: Where) -> Where {
        Where::combine(Operator::Or, self, other)
    }

    fn combine(operator: Operator, a: Where, b: Where) -> Where {
        Where(a.0.and_then(|a| {
            b.0.map(|b| pb::Filters {
                operator: operator as i32,
                filters: vec![a, b],
                ..Default::default()
            })
        }))
    }
}

impl IntoFilters for Where {
    fn into_filters(self) -> Result<pb::Filters> {
        self.0.map_err(Error::invalid)
    }
}

/// What one matched object came to in a verbose delete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletedObject {
    /// The object's id.
    pub id: Uuid,
    /// Whether it was deleted (in a dry run: whether it would have been).
    pub successful: bool,
    /// Why it was not deleted.
    pub error: Option<String>,
}

/// The outcome of [`Batch::delete_many`](super::Batch::delete_many).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeleteReport {
    /// Objects the filter matched (before anything was deleted).
    pub matches: u64,
    /// Objects deleted (zero in a dry run).
    pub deleted: u64,
    /// Objects that could not be deleted.
    pub failed: u64,
    /// Whether this was a dry run (nothing deleted).
    pub dry_run: bool,
    /// Per-object results, when [`verbose`](DeleteMany::verbose) was asked for.
    pub objects: Vec<DeletedObject>,
    /// `BatchDelete` calls made: the server deletes at most `QUERY_MAXIMUM_RESULTS` objects per call
    /// (10,000 by default), so larger deletes take several.
    pub rounds: u32,
    /// Time it took.
    pub elapsed: Duration,
}

/// A pending delete; configure it, then `.await` it.
#[derive(Debug)]
#[must_use = "a delete does nothing until awaited"]
pub struct DeleteMany {
    collection: Collection,
    filters: Result<pb::Filters>,
    dry_run: bool,
    verbose: bool,
}

impl DeleteMany {
    pub(crate) fn new(collection: Collection, filters: Result<pb::Filters>) -> Self {
        DeleteMany {
            collection,
            filters,
            dry_run: false,
            verbose: false,
        }
    }

    /// Only count (and with `verbose`, list) the matches; delete nothing.
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = dry_run;
        self
    }

    /// List every matched object with its outcome in [`DeleteReport::objects`].
    pub fn verbose(mut self, verbose: bool) -> Self {
        self.verbose = verbose;
        self
    }

    async fn run(self) -> Result<DeleteReport> {
        let started = Instant::now();
        self.collection.check()?;
        let filters = self.filters?;
        let client = &self.collection.client;
        let timeout = client.timeouts().insert_timeout();
        let retry = super::importer::default_batch_retry();
        let mut report = DeleteReport {
            dry_run: self.dry_run,
            ..DeleteReport::default()
        };
        loop {
            let request = pb::BatchDeleteRequest {
                collection: self.collection.name.clone(),
                filters: Some(filters.clone()),
                verbose: self.verbose,
                dry_run: self.dry_run,
                consistency_level: self.collection.consistency.map(|c| c.as_grpc()),
                tenant: self.collection.tenant.clone(),
            };
            let reply = retry
                .run(is_transient, || {
                    client.grpc().batch_delete(request.clone(), timeout)
                })
                .await?;
            report.rounds += 1;
            if report.rounds == 1 {
                report.matches = u64::try_from(reply.matches).unwrap_or(0);
            }
            let successful = u64::try_from(reply.successful).unwrap_or(0);
            let failed = u64::try_from(reply.failed).unwrap_or(0);
            report.failed = failed;
            for o in reply.objects {
                let id = Uuid::from_slice(&o.uuid).map_err(|_| {
                    Error::decode(format!(
                        "BatchDelete reply: an object id of {} bytes",
                        o.uuid.len()
                    ))
                })?;
                report.objects.push(DeletedObject {
                    id,
                    successful: o.successful,
                    error: o.error.filter(|e| !e.is_empty()),
                });
            }
            if self.dry_run {
                break;
            }
            report.deleted += successful;
            let matched = u64::try_from(reply.matches).unwrap_or(0);
            // More matched than this call handled: the server's per-call limit; go on while it progresses.
            if successful == 0 || matched <= successful + failed {
                break;
            }
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

impl IntoFuture for DeleteMany {
    type Output = Result<DeleteReport>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_builds_wire_filters() {
        let f = Where::id(Uuid::from_u128(1)).into_filters().unwrap();
        assert_eq!(f.operator, Operator::Equal as i32);
        assert_eq!(
            f.test_value,
            Some(TestValue::ValueText(Uuid::from_u128(1).to_string()))
        );
        let f = Where::equal("n", 3).into_filters().unwrap();
        assert_eq!(f.test_value, Some(TestValue::ValueInt(3)));
        let f = Where::equal("x", 0.5).into_filters().unwrap();
        assert_eq!(f.test_value, Some(TestValue::ValueNumber(0.5)));
        let f = Where::equal("b", true)
            .or(Where::equal("t", "a"))
            .into_filters()
            .unwrap();
        assert_eq!(f.operator, Operator::Or as i32);
        assert_eq!(f.filters.len(), 2);
        let bad = Where::equal("n", Value::Null).and(Where::id(Uuid::nil()));
        assert!(bad.into_filters().is_err());
    }
}
