//! The dependency graph stays light: every crate that uses `sip_codes!` compiles the macro's
//! graph, and a user who enables `serde` gets serde's traits without `serde_derive`.

use std::process::Command;

/// The crates in `cargo tree -p sip-codes` with `args` (normal and build dependencies).
fn cargo_tree(args: &[&str]) -> (Vec<String>, String) {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-e", "normal,build", "--prefix", "none", "-f", "{p} [{f}]"])
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates = tree.lines().filter_map(|line| line.split(' ').next()).map(str::to_owned).collect();
    (crates, tree)
}

/// The distinct crates of a tree, sorted.
fn distinct(mut crates: Vec<String>) -> Vec<String> {
    crates.sort();
    crates.dedup();
    crates
}

#[test]
fn the_macro_graph_is_toml_without_serde() {
    let (crates, tree) = cargo_tree(&["-p", "sip-codes"]);
    // The spec is read with `toml`'s spanned tree (its `parse` feature: toml_parser, winnow,
    // and the two small crates of its value types), without serde. The macro reads
    // `proc_macro`'s token trees and the generator writes source text: no syn, proc-macro2
    // or quote.
    assert_eq!(
        distinct(crates),
        [
            "serde_spanned",
            "sip-codes",
            "sip-codes-codegen",
            "sip-codes-macros",
            "toml",
            "toml_datetime",
            "toml_parser",
            "winnow"
        ],
        "{tree}"
    );
}

#[test]
fn the_registry_type_alone_has_no_dependency() {
    let (crates, tree) = cargo_tree(&["-p", "sip-codes", "--no-default-features", "--features", "iana"]);
    assert_eq!(distinct(crates), ["sip-codes"], "{tree}");
}

#[test]
fn the_macro_pulls_in_neither_serde_nor_syn() {
    let (crates, tree) = cargo_tree(&["-p", "sip-codes"]);
    assert!(crates.iter().any(|c| c == "sip-codes-codegen"), "{tree}");
    // The macro reads its input from token trees: no syn at all, let alone `full`.
    for heavy in
        ["syn", "proc-macro2", "quote", "serde", "serde_core", "serde_derive", "indexmap", "hashbrown"]
    {
        assert!(!crates.iter().any(|c| c == heavy), "`{heavy}` is in the macro's graph:\n{tree}");
    }
}

#[test]
fn the_serde_feature_pulls_in_no_serde_derive() {
    let (crates, tree) = cargo_tree(&["-p", "sip-codes", "--features", "serde"]);
    assert!(crates.iter().any(|c| c == "serde"), "{tree}");
    for heavy in ["serde_derive", "syn"] {
        assert!(!crates.iter().any(|c| c == heavy), "`{heavy}` is in the graph with `serde`:\n{tree}");
    }
    // The feature reaches the runtime only: the macro's own graph is unchanged.
    let (macro_crates, tree) = cargo_tree(&["-p", "sip-codes-macros"]);
    for heavy in ["serde", "serde_core", "serde_derive", "syn"] {
        assert!(!macro_crates.iter().any(|c| c == heavy), "`{heavy}` is in the macro's graph:\n{tree}");
    }
}
