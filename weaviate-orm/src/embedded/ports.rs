//! Free loopback ports, chosen as `scripts/weaviate` chooses them.

use std::collections::HashSet;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::Path;

use super::EmbeddedError;

/// The six ports of a node: HTTP, gRPC, gossip, cluster data (= gossip + 1), raft and raft RPC
/// (= raft + 1), the server's own conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodePorts {
    pub http: u16,
    pub grpc: u16,
    pub gossip: u16,
    pub data: u16,
    pub raft: u16,
    pub raft_rpc: u16,
}

impl NodePorts {
    pub(crate) fn all(&self) -> [(u16, &'static str); 6] {
        [
            (self.http, "http"),
            (self.grpc, "grpc"),
            (self.gossip, "cluster gossip"),
            (self.data, "cluster data"),
            (self.raft, "raft"),
            (self.raft_rpc, "raft rpc"),
        ]
    }
}

/// Whether `port` is free for TCP and UDP on all interfaces: the gRPC and cluster-data servers bind
/// `:PORT` and gossip uses TCP and UDP.
pub(crate) fn port_free(port: u16) -> bool {
    let v4 = SocketAddr::from((Ipv4Addr::UNSPECIFIED, port));
    let v6 = SocketAddr::from((Ipv6Addr::UNSPECIFIED, port));
    if TcpListener::bind(v4).is_err() || UdpSocket::bind(v4).is_err() {
        return false;
    }
    // IPv6 may be missing here; only "in use" counts against the port.
    let in_use = |e: std::io::Error| e.kind() == std::io::ErrorKind::AddrInUse;
    !(TcpListener::bind(v6).err().is_some_and(in_use)
        || UdpSocket::bind(v6).err().is_some_and(in_use))
}

/// Ports recorded by the scripts' instances (`$WEAVIATE_ORM_STATE/*/ports`, some maybe not bound
/// yet), so an embedded server and `scripts/weaviate start` never pick the same ones.
fn scripts_reserved(state_root: Option<&Path>) -> HashSet<u16> {
    let mut reserved = HashSet::new();
    let Some(entries) = state_root.and_then(|root| std::fs::read_dir(root).ok()) else {
        return reserved;
    };
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path().join("ports")) else {
            continue;
        };
        for line in text.lines() {
            if let Some((key, value)) = line.split_once('=') {
                if key.ends_with("PORT") {
                    if let Ok(port) = value.trim().parse() {
                        reserved.insert(port);
                    }
                }
            }
        }
    }
    reserved
}

/// The scripts' state root: `$WEAVIATE_ORM_STATE`, else `${TMPDIR:-/tmp}/weaviate-orm-$UID`
/// (only read, to skip the ports of their instances).
fn scripts_state_root() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("WEAVIATE_ORM_STATE").filter(|d| !d.is_empty()) {
        return Some(dir.into());
    }
    #[cfg(target_os = "linux")]
    {
        // The uid of this process, from /proc (no libc needed).
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let uid = status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))?
            .split_whitespace()
            .next()?
            .to_owned();
        Some(std::env::temp_dir().join(format!("weaviate-orm-{uid}")))
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// The range ports are drawn from: from 20000 to below the kernel's ephemeral range, so outgoing
/// connections cannot take them before the server binds them.
fn range() -> (u16, u16) {
    let ephemeral = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    let hi = ephemeral.saturating_sub(2);
    if hi.saturating_sub(20000) >= 1000 {
        (20000, hi)
    } else {
        (10000, 19999)
    }
}

/// Chooses the node's ports: `http` and `grpc` as given (they must be free), the rest free at
/// random, all distinct, none recorded by a scripts instance.
pub(crate) fn allocate(http: Option<u16>, grpc: Option<u16>) -> Result<NodePorts, EmbeddedError> {
    for (port, purpose) in [(http, "http"), (grpc, "grpc")] {
        if let Some(port) = port {
            if !port_free(port) {
                return Err(EmbeddedError::PortTaken {
                    port,
                    purpose: purpose.into(),
                });
            }
        }
    }
    let reserved = scripts_reserved(scripts_state_root().as_deref());
    let (lo, hi) = range();
    let pick = || fastrand::u16(lo..hi);
    for _ in 0..200 {
        let gossip = pick();
        let raft = pick();
        let ports = NodePorts {
            http: http.unwrap_or_else(pick),
            grpc: grpc.unwrap_or_else(pick),
            gossip,
            data: gossip + 1,
            raft,
            raft_rpc: raft + 1,
        };
        let all = ports.all().map(|(p, _)| p);
        let distinct: HashSet<u16> = all.iter().copied().collect();
        if distinct.len() != all.len() {
            continue;
        }
        let given = [http, grpc];
        let fresh = all.iter().filter(|p| !given.contains(&Some(**p)));
        if fresh.clone().any(|p| reserved.contains(p)) {
            continue;
        }
        if fresh.clone().all(|p| port_free(*p)) {
            return Ok(ports);
        }
    }
    Err(EmbeddedError::Io {
        action: format!("choosing 6 free ports in {lo}-{hi}"),
        source: std::io::Error::new(std::io::ErrorKind::AddrInUse, "none found in 200 tries"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocates_distinct_free_ports_with_the_servers_offsets() {
        let ports = allocate(None, None).unwrap();
        assert_eq!(ports.data, ports.gossip + 1);
        assert_eq!(ports.raft_rpc, ports.raft + 1);
        let all: HashSet<u16> = ports.all().iter().map(|(p, _)| *p).collect();
        assert_eq!(all.len(), 6);
    }

    #[test]
    fn a_taken_port_is_refused_by_name() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        match allocate(None, Some(port)) {
            Err(EmbeddedError::PortTaken { port: p, purpose }) => {
                assert_eq!((p, purpose.as_str()), (port, "grpc"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_the_ports_the_scripts_recorded() {
        let dir =
            std::env::temp_dir().join(format!("weaviate-orm-ports-test-{}", fastrand::u64(..)));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(
            dir.join("a/ports"),
            "URL=http://127.0.0.1:1\nHTTP_PORT=20001\nEMBEDDER_PORT=20009\nBIN=/x\n",
        )
        .unwrap();
        let reserved = scripts_reserved(Some(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(reserved, HashSet::from([20001, 20009]));
    }
}
