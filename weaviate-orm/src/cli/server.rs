//! The server-side commands: schema, doctor, generate.

use serde::Serialize;
use serde_json::Value;

use super::args::GenerateArgs;
use super::{Ctx, EXIT_OK, Fail};
use crate::client::{Client, Meta};
use crate::error::Error;
use crate::generate::{GenerateOptions, rust_source};
use crate::schema::{CollectionConfig, uppercase_class_name};
use crate::transport::rest::Path;

/// `schema`: the live schema, as the server's own JSON (`--json`) or a short table.
pub(super) async fn schema(ctx: &mut Ctx<'_>) -> Result<u8, Fail> {
    let client = ctx.client().await?;
    if ctx.json {
        let schema: Value = client.rest().get(Path::v1(["schema"])).await?;
        ctx.print_json(&schema)?;
        return Ok(EXIT_OK);
    }
    let mut classes = client.collections().list().await?;
    classes.sort_by(|a, b| a.name.cmp(&b.name));
    let aliases = client.aliases().list().await?;
    let version = client
        .cached_meta()
        .map(|m| m.version.clone())
        .unwrap_or_default();
    if classes.is_empty() {
        writeln!(ctx.out, "No collections on Weaviate {version}.")?;
        return Ok(EXIT_OK);
    }
    let rows: Vec<[String; 6]> = classes
        .iter()
        .map(|c| {
            let mut names: Vec<&str> = aliases
                .iter()
                .filter(|a| a.collection == c.name)
                .map(|a| a.alias.as_str())
                .collect();
            names.sort_unstable();
            [
                c.name.clone(),
                c.properties.len().to_string(),
                vectors(c),
                if c.is_multi_tenant() { "yes" } else { "no" }.to_owned(),
                c.replication_config
                    .as_ref()
                    .and_then(|r| r.factor)
                    .unwrap_or(1)
                    .to_string(),
                if names.is_empty() {
                    "-".to_owned()
                } else {
                    names.join(", ")
                },
            ]
        })
        .collect();
    writeln!(
        ctx.out,
        "{} collection{} on Weaviate {version}:",
        classes.len(),
        if classes.len() == 1 { "" } else { "s" }
    )?;
    write!(
        ctx.out,
        "{}",
        table(
            &[
                "COLLECTION",
                "PROPERTIES",
                "VECTORS",
                "MULTI-TENANT",
                "REPLICAS",
                "ALIASES"
            ],
            &rows
        )
    )?;
    Ok(EXIT_OK)
}

/// The vectors of a collection in a few words: the named vectors, or the unnamed (legacy) one with
/// its vectorizer.
fn vectors(c: &CollectionConfig) -> String {
    if !c.vector_config.is_empty() {
        return c
            .vector_config
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(",");
    }
    match c.vectorizer.as_deref() {
        Some(v) if v != "none" => format!("unnamed:{v}"),
        _ if c.has_legacy_vector_index() => "unnamed".to_owned(),
        _ => "-".to_owned(),
    }
}

/// Left-aligned columns two spaces apart, the last one unpadded.
fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == N {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  "));
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// One check of `doctor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Check {
    /// What was checked: `REST`, `gRPC`, `auth`, `version`, `modules`.
    check: &'static str,
    /// Whether it passed.
    ok: bool,
    /// What was found, or the error.
    detail: String,
}

impl Check {
    fn new(check: &'static str, result: Result<String, String>) -> Check {
        match result {
            Ok(detail) => Check {
                check,
                ok: true,
                detail,
            },
            Err(detail) => Check {
                check,
                ok: false,
                detail,
            },
        }
    }
}

/// What `doctor --json` prints.
#[derive(Debug, Serialize)]
struct Doctor {
    ok: bool,
    checks: Vec<Check>,
}

/// `doctor`: checks the connection piece by piece and says what failed.
pub(super) async fn doctor(ctx: &mut Ctx<'_>) -> Result<u8, Fail> {
    let client = ctx.unchecked_client().await?;
    let checks = run_checks(&client, ctx.target.api_key.is_some()).await;
    let failed: Vec<&str> = checks.iter().filter(|c| !c.ok).map(|c| c.check).collect();
    if ctx.json {
        ctx.print_json(&Doctor {
            ok: failed.is_empty(),
            checks: checks.clone(),
        })?;
    } else {
        for c in &checks {
            let (mark, code) = if c.ok { ("ok", "32") } else { ("FAIL", "31") };
            let mark = if ctx.color {
                format!("\x1b[{code}m{mark:<4}\x1b[0m")
            } else {
                format!("{mark:<4}")
            };
            writeln!(ctx.out, "{mark}  {:<7}  {}", c.check, c.detail)?;
        }
        if failed.is_empty() {
            writeln!(ctx.out, "All {} checks passed.", checks.len())?;
        }
    }
    if failed.is_empty() {
        Ok(EXIT_OK)
    } else {
        Err(Fail::failure(format!(
            "{} of {} checks failed: {}",
            failed.len(),
            checks.len(),
            failed.join(", ")
        )))
    }
}

async fn run_checks(client: &Client, has_key: bool) -> Vec<Check> {
    let rest_address = client.http_address().to_owned();
    let rest = match client.is_live().await {
        Ok(true) => Ok(format!("{rest_address} answers (live)")),
        Ok(false) => Err(format!(
            "{rest_address} answers, but is not live (HTTP 503)"
        )),
        Err(e) => Err(e.to_string()),
    };
    let rest_ok = rest.is_ok();
    let grpc_address = client.grpc_address().to_owned();
    let grpc = match client.grpc_health().await {
        Ok(true) => Ok(format!("{grpc_address} is serving (health check)")),
        Ok(false) => Err(format!(
            "{grpc_address} answers, but its health check says it is not serving"
        )),
        Err(e) => Err(e.to_string()),
    };
    let mut checks = vec![Check::new("REST", rest), Check::new("gRPC", grpc)];
    if !rest_ok {
        for check in ["auth", "version", "modules"] {
            checks.push(Check::new(
                check,
                Err("not checked: the REST API is unreachable".to_owned()),
            ));
        }
        return checks;
    }
    let meta = client.meta().await;
    checks.push(Check::new("auth", auth(client, has_key, &meta).await));
    match meta {
        Ok(meta) => {
            checks.push(Check::new(
                "version",
                Ok(format!("Weaviate {}", meta.version)),
            ));
            let names: Vec<&str> = meta.modules.keys().map(String::as_str).collect();
            checks.push(Check::new(
                "modules",
                Ok(if names.is_empty() {
                    "none enabled".to_owned()
                } else {
                    format!("{} enabled: {}", names.len(), names.join(", "))
                }),
            ));
        }
        Err(e) => {
            let e = e.to_string();
            checks.push(Check::new("version", Err(e.clone())));
            checks.push(Check::new("modules", Err(e)));
        }
    }
    checks
}

/// Whether the credentials (or their absence) are accepted.
async fn auth(
    client: &Client,
    has_key: bool,
    meta: &Result<Meta, Error>,
) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    struct OwnInfo {
        #[serde(default)]
        username: String,
    }
    if has_key {
        match client
            .rest()
            .get::<OwnInfo>(Path::v1(["users", "own-info"]))
            .await
        {
            Ok(me) if !me.username.is_empty() => {
                return Ok(format!("API key accepted (user {})", me.username));
            }
            Err(Error::Unauthorized { message }) => {
                return Err(format!("the API key was refused: {message}"));
            }
            // Older servers have no own-info: the meta call below tells.
            _ => {}
        }
        return match meta {
            Ok(_) => Ok("API key accepted".to_owned()),
            Err(Error::Unauthorized { message }) => {
                Err(format!("the API key was refused: {message}"))
            }
            Err(e) => Err(e.to_string()),
        };
    }
    match meta {
        Ok(_) => Ok("anonymous access allowed (no API key given)".to_owned()),
        Err(e @ Error::Unauthorized { .. }) => Err(format!(
            "anonymous access refused ({e}): pass --api-key or set WEAVIATE_API_KEY"
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// `generate [NAMES...] [--out FILE]`: Rust structs for collections on the server.
pub(super) async fn generate(ctx: &mut Ctx<'_>, a: GenerateArgs) -> Result<u8, Fail> {
    let client = ctx.client().await?;
    let mut all = client.collections().list().await?;
    all.sort_by(|a, b| a.name.cmp(&b.name));
    let chosen: Vec<CollectionConfig> = if a.names.is_empty() {
        all
    } else {
        let mut chosen = Vec::new();
        for name in &a.names {
            let wanted = uppercase_class_name(name);
            match all.iter().find(|c| c.name == wanted) {
                Some(c) => chosen.push(c.clone()),
                None => {
                    let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
                    return Err(Fail::failure(format!(
                        "the server has no collection `{name}`; it has: {}",
                        if names.is_empty() {
                            "none".to_owned()
                        } else {
                            names.join(", ")
                        }
                    )));
                }
            }
        }
        chosen
    };
    let source = rust_source(&chosen, &GenerateOptions::default())?;
    match &a.out {
        Some(path) => {
            std::fs::write(path, &source)
                .map_err(|e| Fail::failure(format!("cannot write {}: {e}", path.display())))?;
            writeln!(
                ctx.err,
                "Wrote {} collection{} to {}.",
                chosen.len(),
                if chosen.len() == 1 { "" } else { "s" },
                path.display()
            )?;
        }
        None => write!(ctx.out, "{source}")?,
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{DataType, Property};

    #[test]
    fn tables_align_columns() {
        let text = table(
            &["A", "BB", "C"],
            &[
                ["long name".into(), "1".into(), "x, y".into()],
                ["b".into(), "22".into(), "-".into()],
            ],
        );
        assert_eq!(
            text,
            "A          BB  C\nlong name  1   x, y\nb          22  -\n"
        );
    }

    #[test]
    fn vectors_in_words() {
        let c = CollectionConfig::new("A").property(Property::new("t", DataType::Text));
        assert_eq!(vectors(&c), "-");
        let c = CollectionConfig::new("A").vectorizer("text2vec-bigram");
        assert_eq!(vectors(&c), "unnamed:text2vec-bigram");
    }
}
