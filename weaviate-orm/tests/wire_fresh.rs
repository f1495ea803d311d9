//! Keeps the committed gRPC code in `src/wire/` in step with `proto/v1/*.proto`.
//!
//! The protos are compiled with the pure-Rust `protox` (no system `protoc`) and turned into Rust by
//! `tonic-prost-build` into a temporary directory; the test fails if the result differs byte for byte
//! from the committed files. To regenerate after editing a proto, run
//!
//! ```text
//! WEAVIATE_ORM_BLESS=1 cargo test -p weaviate-orm --test wire_fresh
//! ```
//!
//! which overwrites the committed files instead of comparing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The files that the generator writes, one per proto package, as committed in `src/wire/`.
const GENERATED: [&str; 2] = ["grpc.health.v1.rs", "weaviate.v1.rs"];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The include root: imports are written as `v1/<name>.proto`, relative to it.
fn proto_root() -> PathBuf {
    crate_dir().join("..").join("proto")
}

fn wire_dir() -> PathBuf {
    crate_dir().join("src").join("wire")
}

/// Every `proto/v1/*.proto`, as include-relative names in sorted order (so the output does not depend
/// on directory listing order or on where the checkout lives).
fn proto_files() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(proto_root().join("v1"))
        .expect("read proto/v1")
        .map(|entry| entry.expect("read proto/v1 entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "proto"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("file name")
                .to_str()
                .expect("UTF-8 file name");
            format!("v1/{name}")
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no .proto files under proto/v1");
    names
}

/// Compiles the protos and generates Rust into `out_dir`; returns the generated files by name.
fn generate(out_dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let descriptors = protox::Compiler::new([proto_root()])
        .expect("set up protox")
        .include_source_info(true)
        // The imported google/protobuf files must be in the set so prost-build knows their shapes;
        // it emits no code for them because `.google.protobuf` maps to `::prost_types` by default
        // (an explicit `extern_path` for it would be rejected as a duplicate).
        .include_imports(true)
        .open_files(proto_files())
        .unwrap_or_else(|err| panic!("compile protos: {err:?}"))
        .file_descriptor_set();

    tonic_prost_build::configure()
        .build_client(true)
        .build_server(false)
        .build_transport(false)
        .emit_rerun_if_changed(false)
        .out_dir(out_dir)
        .compile_fds(descriptors)
        .expect("generate Rust from descriptors");

    let mut files = BTreeMap::new();
    for entry in fs::read_dir(out_dir).expect("read output dir") {
        let path = entry.expect("read output entry").path();
        let name = path
            .file_name()
            .expect("file name")
            .to_str()
            .expect("UTF-8 name")
            .to_owned();
        files.insert(name, fs::read(&path).expect("read generated file"));
    }
    files
}

#[test]
fn committed_wire_code_is_fresh() {
    let out = tempfile::tempdir().expect("temp dir");
    let generated = generate(out.path());

    let names: Vec<&str> = generated.keys().map(String::as_str).collect();
    assert_eq!(
        names, GENERATED,
        "the generator's output files changed; update GENERATED and src/wire/mod.rs"
    );

    let bless = std::env::var_os("WEAVIATE_ORM_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, fresh) in &generated {
        let committed_path = wire_dir().join(name);
        if bless {
            fs::write(&committed_path, fresh).expect("write generated file");
            continue;
        }
        match fs::read(&committed_path) {
            Ok(committed) if committed == *fresh => {}
            _ => stale.push(committed_path.display().to_string()),
        }
    }
    assert!(
        stale.is_empty(),
        "generated wire code is stale: {stale:?}; regenerate with \
         `WEAVIATE_ORM_BLESS=1 cargo test -p weaviate-orm --test wire_fresh`"
    );
}

#[test]
fn generation_is_deterministic() {
    let first = tempfile::tempdir().expect("temp dir");
    let second = tempfile::tempdir().expect("temp dir");
    assert_eq!(generate(first.path()), generate(second.path()));
}
