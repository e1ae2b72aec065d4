//! The macro's dependency graph stays light: every crate that uses `sip_codes!` compiles it.

use std::process::Command;

#[test]
fn the_macro_pulls_in_neither_serde_nor_syn() {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-p", "sip-codes", "-e", "normal,build", "--prefix", "none", "-f", "{p} [{f}]"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates: Vec<&str> = tree.lines().filter_map(|line| line.split(' ').next()).collect();
    assert!(crates.contains(&"sip-codes-codegen") && crates.contains(&"toml"), "{tree}");
    // The macro reads its input from token trees: no syn at all, let alone `full`.
    for heavy in ["syn", "serde", "serde_core", "serde_derive", "indexmap", "hashbrown"] {
        assert!(!crates.contains(&heavy), "`{heavy}` is in the macro's graph:\n{tree}");
    }
}
