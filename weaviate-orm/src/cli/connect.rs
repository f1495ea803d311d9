//! Where the command line connects: the flags, else the environment `ClientBuilder::from_env` reads.

use crate::client::builder::ClientBuilder;

use super::args::Global;

/// The connection settings after flags and environment are combined.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Target {
    /// REST URL, when given (else `http://localhost:8080`).
    pub http: Option<String>,
    /// gRPC URL, when given (else the REST host on port 50051).
    pub grpc: Option<String>,
    /// API key, when given.
    pub api_key: Option<String>,
}

impl Target {
    /// Flags first, then `WEAVIATE_URL`, `WEAVIATE_GRPC_URL`, `WEAVIATE_API_KEY` (as read by `env`).
    /// `--url` without `--grpc-url` ignores `WEAVIATE_GRPC_URL`: gRPC then goes to the `--url` host,
    /// so one flag never mixes two servers.
    pub(crate) fn resolve(global: &Global, env: impl Fn(&str) -> Option<String>) -> Target {
        let env = |name: &str| env(name).filter(|v| !v.is_empty());
        let http = global.url.clone().or_else(|| env("WEAVIATE_URL"));
        let grpc = match (&global.grpc_url, &global.url) {
            (Some(grpc), _) => Some(grpc.clone()),
            (None, Some(_)) => None,
            (None, None) => env("WEAVIATE_GRPC_URL"),
        };
        // `--api-key ""` asks for anonymous access whatever the environment says.
        let api_key = match &global.api_key {
            Some(key) if key.is_empty() => None,
            Some(key) => Some(key.clone()),
            None => env("WEAVIATE_API_KEY"),
        };
        Target {
            http,
            grpc,
            api_key,
        }
    }

    /// A builder for these settings (invalid URLs are reported by `build`).
    pub(crate) fn builder(&self) -> ClientBuilder {
        let mut b = ClientBuilder::local();
        if let Some(http) = &self.http {
            b = b.http_url(http);
            if let Some(host) = url::Url::parse(http)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
            {
                b = b.grpc_host(host.trim_start_matches('[').trim_end_matches(']'));
            }
        }
        if let Some(grpc) = &self.grpc {
            b = b.grpc_url(grpc);
        }
        if let Some(key) = &self.api_key {
            b = b.api_key(key.clone());
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    const ENV: &[(&str, &str)] = &[
        ("WEAVIATE_URL", "http://env:8080"),
        ("WEAVIATE_GRPC_URL", "http://env:50051"),
        ("WEAVIATE_API_KEY", "env-key"),
    ];

    #[test]
    fn the_environment_is_the_default() {
        let t = Target::resolve(&Global::default(), env(ENV));
        assert_eq!(t.http.as_deref(), Some("http://env:8080"));
        assert_eq!(t.grpc.as_deref(), Some("http://env:50051"));
        assert_eq!(t.api_key.as_deref(), Some("env-key"));
        assert_eq!(
            Target::resolve(&Global::default(), env(&[])),
            Target::default()
        );
    }

    #[test]
    fn flags_override_the_environment() {
        let g = Global {
            url: Some("http://flag:1".into()),
            api_key: Some("flag-key".into()),
            ..Global::default()
        };
        let t = Target::resolve(&g, env(ENV));
        assert_eq!(t.http.as_deref(), Some("http://flag:1"));
        // --url alone does not pair the flag's REST server with the environment's gRPC server.
        assert_eq!(t.grpc, None);
        assert_eq!(t.api_key.as_deref(), Some("flag-key"));
        let g = Global {
            grpc_url: Some("http://flag:2".into()),
            ..Global::default()
        };
        let t = Target::resolve(&g, env(ENV));
        assert_eq!(t.http.as_deref(), Some("http://env:8080"));
        assert_eq!(t.grpc.as_deref(), Some("http://flag:2"));
    }

    #[test]
    fn empty_values_count_as_unset() {
        let t = Target::resolve(
            &Global::default(),
            env(&[("WEAVIATE_URL", ""), ("WEAVIATE_API_KEY", "")]),
        );
        assert_eq!(t, Target::default());
        let anonymous = Global {
            api_key: Some(String::new()),
            ..Global::default()
        };
        assert_eq!(Target::resolve(&anonymous, env(ENV)).api_key, None);
    }

    #[test]
    fn grpc_follows_the_rest_host() {
        let t = Target {
            http: Some("http://10.1.2.3:9000".into()),
            ..Target::default()
        };
        let shown = format!("{:?}", t.builder());
        assert!(shown.contains("http://10.1.2.3:50051"), "{shown}");
        let t = Target {
            http: Some("http://[::1]:9000".into()),
            ..Target::default()
        };
        let shown = format!("{:?}", t.builder());
        assert!(shown.contains("http://[::1]:50051"), "{shown}");
    }
}
