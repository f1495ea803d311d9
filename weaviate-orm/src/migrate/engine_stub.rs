//! TEMPORARY: mirrors of the engine's property-index API being written on the engine branch; removed
//! when it lands.
#![allow(dead_code, missing_docs)]

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InvertedIndexKind {
    #[serde(rename = "filterable")]
    Filterable,
    #[serde(rename = "searchable")]
    Searchable,
    #[serde(rename = "rangeFilters")]
    RangeFilters,
}

impl InvertedIndexKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InvertedIndexKind::Filterable => "filterable",
            InvertedIndexKind::Searchable => "searchable",
            InvertedIndexKind::RangeFilters => "rangeFilters",
        }
    }
}

impl fmt::Display for InvertedIndexKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

use serde_json::{Map, Value};

use crate::schema::Tokenization;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct IndexStatusReport {
    #[serde(default)]
    pub collection: String,
    #[serde(default)]
    pub properties: Vec<PropertyIndexStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyIndexStatus {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub data_type: String,
    #[serde(default)]
    pub indexes: Vec<IndexStatus>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexStatus {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub progress: Option<f64>,
    #[serde(default)]
    pub task_id: Option<String>,
    #[serde(default)]
    pub tokenization: Option<Tokenization>,
    #[serde(default)]
    pub target_tokenization: Option<Tokenization>,
    #[serde(default)]
    pub algorithm: Option<String>,
    #[serde(default)]
    pub target_algorithm: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

use std::time::{Duration, Instant};

use reqwest::Method;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::transport::rest::Path;

pub async fn drop_index(
    client: &Client,
    collection: &str,
    property: &str,
    index: InvertedIndexKind,
) -> Result<()> {
    client
        .rest()
        .call::<()>(
            Method::DELETE,
            Path::v1([
                "schema",
                collection,
                "properties",
                property,
                "index",
                index.as_str(),
            ]),
            None,
            None,
        )
        .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Upserted {
    #[serde(default)]
    task_id: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

pub async fn upsert_index(
    client: &Client,
    collection: &str,
    property: &str,
    index: InvertedIndexKind,
    tokenization: Option<Tokenization>,
    algorithm: Option<String>,
) -> Result<Option<String>> {
    let mut body = Map::new();
    if let Some(t) = tokenization {
        body.insert("tokenization".into(), Value::String(t.to_string()));
    }
    if let Some(a) = algorithm {
        body.insert("algorithm".into(), Value::String(a));
    }
    let reply: Upserted = client
        .rest()
        .json(
            Method::PUT,
            Path::v1([
                "schema",
                collection,
                "properties",
                property,
                "index",
                index.as_str(),
            ]),
            &Value::Object(body),
            None,
        )
        .await?;
    if reply.status.as_deref() == Some("NO_OP") {
        return Ok(None);
    }
    Ok(Some(reply.task_id.unwrap_or_default()))
}

pub async fn wait_index(
    client: &Client,
    collection: &str,
    property: &str,
    index: InvertedIndexKind,
    timeout: Duration,
    progress: impl Fn(&str, Option<f64>),
) -> Result<()> {
    let start = Instant::now();
    loop {
        let report: IndexStatusReport = client
            .rest()
            .get(Path::v1(["schema", collection, "indexes"]))
            .await?;
        let status = report
            .properties
            .iter()
            .find(|p| p.name == property)
            .and_then(|p| p.indexes.iter().find(|i| i.kind == index.as_str()))
            .cloned();
        match status {
            Some(s) => {
                progress(&s.status, s.progress);
                match s.status.as_str() {
                    "ready" if s.task_id.is_none() => return Ok(()),
                    "failed" | "cancelled" => {
                        return Err(Error::Failed {
                            operation: format!("reindex of {collection}.{property} ({index})"),
                            status: s.status.clone(),
                            message: s
                                .extra
                                .get("error")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_owned(),
                        });
                    }
                    _ => {}
                }
            }
            None if index == InvertedIndexKind::Filterable
                || index == InvertedIndexKind::Searchable
                || index == InvertedIndexKind::RangeFilters => {}
            None => return Ok(()),
        }
        if start.elapsed() > timeout {
            return Err(Error::Timeout {
                operation: format!("reindex of {collection}.{property} ({index})"),
                after: timeout,
            });
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
