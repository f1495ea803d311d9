//! Compile tests of the derives: every diagnostic has a `tests/ui/fail/*.rs` case with its expected
//! `.stderr`; `tests/ui/pass/*.rs` must compile (and run). `TRYBUILD=overwrite` rewrites the `.stderr`
//! files; read them after.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
