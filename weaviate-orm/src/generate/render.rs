//! Printing the generated structs as one rustfmt-clean Rust file.

use super::GenerateOptions;
use super::attr::{attribute_lines, push_lines};
use super::model::{Derive, StructDef, Uses};

/// The whole file.
pub(crate) fn file(structs: &[StructDef], uses: &Uses, options: &GenerateOptions) -> String {
    let mut out = String::new();
    if let Some(header) = &options.header {
        for line in header.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                out.push_str("//\n");
            } else {
                out.push_str("// ");
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    let uses = uses.lines();
    if !uses.is_empty() {
        push_lines(&mut out, &uses);
        out.push('\n');
    }
    for (i, s) in structs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_struct(&mut out, s, options);
    }
    out
}

fn doc(out: &mut String, lines: &[String], indent: &str) {
    for line in lines {
        out.push_str(indent);
        if line.is_empty() {
            out.push_str("///\n");
        } else {
            out.push_str("/// ");
            out.push_str(line);
            out.push('\n');
        }
    }
}

fn write_struct(out: &mut String, s: &StructDef, options: &GenerateOptions) {
    doc(out, &s.doc, "");
    let mut derives: Vec<&str> = Vec::new();
    if options.derive_debug {
        derives.push("Debug");
    }
    derives.extend(options.extra_derives.iter().map(String::as_str));
    derives.push(match s.derive {
        Derive::Collection => "WeaviateCollection",
        Derive::Object => "WeaviateObject",
    });
    out.push_str(&format!("#[derive({})]\n", derives.join(", ")));
    for item in &s.attrs {
        push_lines(out, &attribute_lines(std::slice::from_ref(item), 0));
    }
    if s.fields.is_empty() {
        out.push_str(&format!("pub struct {} {{}}\n", s.ident));
        return;
    }
    out.push_str(&format!("pub struct {} {{\n", s.ident));
    for f in &s.fields {
        doc(out, &f.doc, "    ");
        if !f.attrs.is_empty() {
            push_lines(out, &attribute_lines(&f.attrs, 4));
        }
        out.push_str(&format!("    pub {}: {},\n", f.ident, f.ty));
    }
    out.push_str("}\n");
}
