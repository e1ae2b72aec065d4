//! The README's examples as doctests (compiled only under `cfg(doctest)`, in this repository).
#![doc = include_str!("../README.md")]
